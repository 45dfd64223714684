"""Home screen: today's queue of this counter — new, waiting for me, overdue — and the search box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.servicedefs import load_all
from app.services import case_queries, cases
from app.services import office as office_svc
from app.timeutil import utcnow
from ui.errors import show_error
from ui.models.case_table import MINE_BG, NEW_BG, OVERDUE_BG, CaseTableModel, RowContext, is_overdue
from ui.session import UiSession
from ui.views.drafts_panel import DraftsPanel
from ui.widgets import setup_readonly_table


def load_row_context(session: UiSession) -> RowContext:
    """Runs in a worker: the service definitions and the office time zone."""
    profile = office_svc.get_profile(session.office)
    return RowContext(load_all(session.office), profile.timezone if profile else "WIB",
                      frozenset(session.actor.roles))


def _swatch(color, text: str) -> QLabel:
    label = QLabel(f"  {text}  ")
    label.setStyleSheet(f"background: {color.name()}; border: 1px solid #bbb; padding: 2px;")
    return label


class QueueView(QWidget):
    """``on_open_case(case_id)`` opens a case; ``on_new_case(service_code)`` starts a wizard."""

    def __init__(self, session: UiSession, *, on_open_case: Callable[[int], None] | None = None,
                 on_new_case: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.on_open_case = on_open_case
        self.on_new_case = on_new_case
        self.ctx: RowContext | None = None
        self.mode = "queue"
        layout = QVBoxLayout(self)
        counter = session.office.config.counter
        self.title = QLabel(self.tr("<h2>Antrean hari ini — {counter}</h2>").format(counter=counter))
        layout.addWidget(self.title)

        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Cari berkas: NIK, nama pemohon, atau nomor registrasi (Ctrl+F), lalu Enter"))
        self.search.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("&Cari"))
        self.back_button = QPushButton(self.tr("Kembali ke &antrean"))
        self.back_button.hide()
        self.refresh_button = QPushButton(self.tr("Muat ulang (F5)"))
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.back_button)
        search_row.addWidget(self.refresh_button)
        layout.addLayout(search_row)

        self.new_row = QHBoxLayout()
        self.new_grid = QGridLayout()
        self.new_label = QLabel(self.tr("<b>Layanan baru:</b>"))
        self.new_label.setVisible(session.may("case.open"))
        self.new_row.addWidget(self.new_label)
        self.new_buttons: dict[str, QPushButton] = {}
        self.new_row.addLayout(self.new_grid)
        self.new_row.addStretch(1)
        layout.addLayout(self.new_row)
        self.drafts = DraftsPanel(session)  # wizards saved half-way; main window sets on_resume
        layout.addWidget(self.drafts)

        legend = QHBoxLayout()
        legend.addWidget(_swatch(OVERDUE_BG, self.tr("Lewat tenggat")))
        legend.addWidget(_swatch(MINE_BG, self.tr("Menunggu Anda")))
        legend.addWidget(_swatch(NEW_BG, self.tr("Baru hari ini")))
        legend.addStretch(1)
        self.summary = QLabel(self.tr("Memuat antrean…"))
        self.summary.setObjectName("summary")
        legend.addWidget(self.summary)
        layout.addLayout(legend)

        self.table = setup_readonly_table(QTableView(), name="queue_table")
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        layout.addWidget(self.table, 1)
        self.hint = QLabel(self.tr("<small>Klik dua kali atau tekan Enter pada baris untuk membuka berkas.</small>"))
        layout.addWidget(self.hint)
        self.model: CaseTableModel | None = None

        self.search.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.back_button.clicked.connect(self.show_queue)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.timer = QTimer(self)  # other counters add cases too: refresh while the queue is on screen
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.isVisible() and self.mode == "queue" and self.refresh())
        self.timer.start()
        session.runner.run(lambda _t: load_row_context(session), on_done=self._context_ready,
                           on_error=lambda e, tb: show_error(self, e, tb))

    # ------------------------------------------------------------------ loading
    def _context_ready(self, ctx: RowContext) -> None:
        self.ctx = ctx
        self.model = CaseTableModel(ctx, self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.session.may("case.open"):
            for n, (code, d) in enumerate(ctx.defs.items()):
                button = QPushButton(d.name)
                button.setObjectName(f"new_{code}")
                button.setToolTip(self.tr("Buka berkas baru: {service}").format(service=d.name))
                button.clicked.connect(lambda _=False, c=code: self.on_new_case and self.on_new_case(c))
                self.new_buttons[code] = button
                self.new_grid.addWidget(button, n // 3, n % 3)
        self.refresh()

    def refresh(self) -> None:
        if self.ctx is None:
            return
        if self.mode == "search":
            self.run_search()
            return
        office, actor, counter = self.session.office, self.session.actor, self.session.office.config.counter

        def work(_t):
            today = cases.today_queue(office, actor=actor, counter=counter)
            late = cases.overdue(office, actor=actor)
            mine = case_queries.waiting_for(office, actor=actor)
            return today, late, mine

        self.session.runner.run(work, on_done=self._show_queue_rows, on_error=lambda e, tb: show_error(self, e, tb))

    def _show_queue_rows(self, result) -> None:
        if self.mode != "queue" or self.model is None:
            return
        today, late, mine = result
        seen: dict[int, cases.CaseSummary] = {}
        for r in late + mine + today:
            seen.setdefault(r.id, r)
        rows = list(seen.values())
        model = self.model
        model.now = utcnow()
        mine_ids = {r.id for r in mine}

        def rank(r: cases.CaseSummary) -> tuple:
            return (not is_overdue(r, model.now), r.id not in mine_ids, r.status != "draft", r.opened_at)

        model.set_rows(sorted(rows, key=rank), new_ids={r.id for r in today}, mine_ids=mine_ids)
        n_late = sum(1 for r in rows if is_overdue(r, model.now))
        n_mine = len(mine_ids)
        self.summary.setText(self.tr("<b>{today}</b> berkas hari ini · <b>{mine}</b> menunggu Anda · "
                                     "<b style='color:#b00020'>{late}</b> lewat tenggat").format(
                                         today=len(today), mine=n_mine, late=n_late))
        self.table.resizeColumnsToContents()
        if not rows:
            self.hint.setText(self.tr("<small>Belum ada berkas hari ini. Mulai dengan tombol layanan di atas.</small>")
                              if self.session.may("case.open")
                              else self.tr("<small>Belum ada berkas hari ini.</small>"))
        else:
            self.hint.setText(self.tr("<small>Klik dua kali atau tekan Enter pada baris untuk membuka berkas.</small>"))

    # ------------------------------------------------------------------ search
    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.show_queue()
            return
        if self.model is None:
            return
        office, actor = self.session.office, self.session.actor
        self.summary.setText(self.tr("Mencari…"))

        def done(rows) -> None:
            self.mode = "search"
            self.back_button.show()
            self.title.setText(self.tr("<h2>Hasil pencarian “{text}”</h2>").format(text=text))
            assert self.model is not None
            self.model.set_rows(rows)
            self.table.resizeColumnsToContents()
            self.summary.setText(self.tr("<b>{count}</b> berkas ditemukan").format(count=len(rows)) + (
                self.tr(" ({limit} terbaru ditampilkan)").format(limit=case_queries.SEARCH_LIMIT)
                if len(rows) >= case_queries.SEARCH_LIMIT else ""))
            self.hint.setText(self.tr("<small>Tidak ada berkas yang cocok. Periksa NIK atau ejaan nama.</small>")
                              if not rows else
                              self.tr("<small>Klik dua kali atau tekan Enter untuk membuka berkas.</small>"))

        def failed(exc, tb) -> None:
            self.summary.setText("")
            show_error(self, exc, tb)

        self.session.runner.run(lambda _t: case_queries.search_cases(office, actor=actor, text=text),
                                on_done=done, on_error=failed)

    def show_queue(self) -> None:
        self.mode = "queue"
        self.back_button.hide()
        self.search.clear()
        self.title.setText(self.tr("<h2>Antrean hari ini — {counter}</h2>").format(
            counter=self.session.office.config.counter))
        self.refresh()

    # ------------------------------------------------------------------ open
    def _open_current(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self._open(idx.row())

    def _open(self, row: int) -> None:
        if self.model is not None and self.on_open_case is not None and 0 <= row < len(self.model.rows):
            self.on_open_case(self.model.row_at(row).id)
