"""Home screen: the officer's queue — the cases they can act on now, urgent (DARURAT) first, then by due time —
with everything else one filter away ("Semua berkas", "Menunggu petugas lain", "Lewat tenggat"), and the search
box. Which case is whose, and the order, are decided by the core (:mod:`app.services.work_queue`); the rows are
paged off the GUI thread as the officer scrolls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
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
from app.services import case_queries, work_queue
from app.services import office as office_svc
from app.timeutil import utcnow, zone
from ui.errors import show_error
from ui.models.case_table import (
    MINE_BG,
    NEW_BG,
    OVERDUE_BG,
    QUEUE_COLUMNS,
    STRETCH_COLUMNS,
    CaseTableModel,
    PagedCaseModel,
    RowContext,
    urgent_icon,
)
from ui.session import UiSession
from ui.views.drafts_panel import DraftsPanel
from ui.widgets import setup_readonly_table

#: the queue's views, in the order of their buttons (names marked for translation; the core's VIEWS agree)
VIEW_NAMES = {"mine": QT_TRANSLATE_NOOP("QueueView", "Dapat saya kerjakan"),
              "all": QT_TRANSLATE_NOOP("QueueView", "Semua berkas"),
              "others": QT_TRANSLATE_NOOP("QueueView", "Menunggu petugas lain"),
              "late": QT_TRANSLATE_NOOP("QueueView", "Lewat tenggat")}
PAGE_SIZE = 100


def load_row_context(session: UiSession) -> RowContext:
    """Runs in a worker: the service definitions and the office time zone."""
    profile = office_svc.get_profile(session.office)
    return RowContext(load_all(session.office), profile.timezone if profile else "WIB",
                      frozenset(session.actor.roles))


def fit_columns(table: QTableView, columns: tuple[str, ...]) -> None:
    """Short columns as wide as their contents, the long ones share the rest: no sideways scrolling at 1366 px
    (a long service or step name is elided; its cell's tooltip has it whole). Call :func:`refit_columns` when
    rows arrive."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(60)
    for n, key in enumerate(columns):
        header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if key in STRETCH_COLUMNS
                                    else QHeaderView.ResizeMode.Interactive)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
    refit_columns(table, columns)


def refit_columns(table: QTableView, columns: tuple[str, ...]) -> None:
    """The short columns to the width of what they now hold."""
    for n, key in enumerate(columns):
        if key not in STRETCH_COLUMNS:
            table.resizeColumnToContents(n)


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
        self.view = ""  # chosen once the core says what suits this officer
        self.counts: work_queue.QueueCounts | None = None
        self.generation = 0
        self.clock: Callable[[], datetime] = utcnow  # "now" for the core's rule (tests pin it)
        layout = QVBoxLayout(self)
        counter = session.office.config.counter
        self.title = QLabel(self._title(counter))
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
        self.refresh_button.setObjectName("refresh")
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.back_button)
        search_row.addWidget(self.refresh_button)
        layout.addLayout(search_row)

        self.new_row = QHBoxLayout()
        self.new_grid = QGridLayout()
        self.new_label = QLabel(self.tr("<b>Layanan baru (F2):</b>"))
        self.new_label.setVisible(session.may("case.open"))
        self.new_row.addWidget(self.new_label)
        self.new_buttons: dict[str, QPushButton] = {}
        self.new_row.addLayout(self.new_grid)
        self.new_row.addStretch(1)
        layout.addLayout(self.new_row)
        self.drafts = DraftsPanel(session)  # wizards saved half-way; main window sets on_resume
        layout.addWidget(self.drafts)

        views = QHBoxLayout()
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.view_buttons: dict[str, QPushButton] = {}
        for n, code in enumerate(VIEW_NAMES):
            b = QPushButton(QCoreApplication.translate("QueueView", VIEW_NAMES[code]))
            b.setObjectName(f"view_{code}")
            b.setCheckable(True)
            b.setToolTip(self._view_help(code))
            b.clicked.connect(lambda _=False, c=code: self.set_view(c))
            self.view_group.addButton(b, n)
            self.view_buttons[code] = b
            views.addWidget(b)
        self.summary = QLabel(self.tr("Memuat antrean…"))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        views.addWidget(self.summary, 1)
        layout.addLayout(views)

        legend = QHBoxLayout()
        mark = QLabel()
        mark.setPixmap(urgent_icon().pixmap(16, 16))
        legend.addWidget(mark)
        legend.addWidget(QLabel(self.tr("<b>DARURAT</b> selalu di atas")))
        legend.addWidget(_swatch(OVERDUE_BG, self.tr("Lewat tenggat")))
        legend.addWidget(_swatch(MINE_BG, self.tr("Menunggu Anda")))
        legend.addWidget(_swatch(NEW_BG, self.tr("Baru hari ini")))
        legend.addStretch(1)
        layout.addLayout(legend)

        self.table = setup_readonly_table(QTableView(), name="queue_table")
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        layout.addWidget(self.table, 1)
        self.hint = QLabel(self.tr("<small>Klik dua kali atau tekan Enter pada baris untuk membuka berkas.</small>"))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.model: PagedCaseModel | None = None
        self.search_model: CaseTableModel | None = None

        self.search.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.back_button.clicked.connect(self.show_queue)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.timer = QTimer(self)  # other counters add cases too: refresh while the queue is on screen
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.isVisible() and self.mode == "queue" and self.refresh())
        self.timer.start()

        def first(_t):
            return load_row_context(session), work_queue.default_view(session.office, actor=session.actor)

        session.runner.run(first, on_done=self._context_ready, on_error=lambda e, tb: show_error(self, e, tb))

    def _title(self, counter: str) -> str:
        return self.tr("<h2>Antrean — {counter}</h2>").format(counter=counter)

    def _view_help(self, code: str) -> str:
        return {"mine": self.tr("Berkas yang langkahnya dikerjakan peran Anda, atau giliran paraf Anda"),
                "all": self.tr("Semua berkas yang belum selesai"),
                "others": self.tr("Berkas yang menunggu petugas lain atau kelengkapan dari pemohon"),
                "late": self.tr("Berkas Anda yang sudah melewati tenggat")}[code]

    # ------------------------------------------------------------------ loading
    def _context_ready(self, result) -> None:
        ctx, view = result
        self.ctx = ctx
        self.model = PagedCaseModel(ctx, self.session.runner, PAGE_SIZE, self, columns=QUEUE_COLUMNS)
        self.model.failed.connect(lambda e, tb: show_error(self, e, tb))
        self.model.page_loaded.connect(self._loaded)
        self.table.setModel(self.model)
        fit_columns(self.table, QUEUE_COLUMNS)
        if self.session.may("case.open"):
            for n, (code, d) in enumerate(ctx.defs.items()):
                button = QPushButton(d.name)
                button.setObjectName(f"new_{code}")
                button.setToolTip(self.tr("Buka berkas baru: {service}").format(service=d.name))
                button.clicked.connect(lambda _=False, c=code: self.on_new_case and self.on_new_case(c))
                self.new_buttons[code] = button
                self.new_grid.addWidget(button, n // 3, n % 3)
        self.set_view(self.view or view)

    def set_view(self, view: str) -> None:
        """Show one of the views (``mine``, ``all``, ``others``, ``late``) and load it."""
        self.view = view
        self.view_buttons[view].setChecked(True)
        if self.mode != "queue":
            self.show_queue()
            return
        self.refresh()

    def refresh(self) -> None:
        if self.model is None or not self.view:
            return
        if self.mode == "search":
            self.run_search()
            return
        office, actor, view = self.session.office, self.session.actor, self.view
        self.generation += 1
        gen = self.generation
        assert self.ctx is not None
        tz = zone(self.ctx.tz)
        now = self.clock()
        self.model.clock = self.clock
        self.model.new_since = datetime.combine(now.astimezone(tz).date(), time(0), tz)
        self.session.runner.run(lambda _t: work_queue.queue_counts(office, actor=actor, now=now),
                                on_done=lambda counts: self._counted(gen, counts),
                                on_error=lambda e, tb: show_error(self, e, tb))
        self.model.reset(lambda offset, limit: work_queue.queue_page(office, actor=actor, view=view, limit=limit,
                                                                     offset=offset, now=now))

    def _counted(self, gen: int, counts: work_queue.QueueCounts) -> None:
        if gen != self.generation:
            return
        self.counts = counts
        for code, b in self.view_buttons.items():
            b.setText(QCoreApplication.translate("QueueView", VIEW_NAMES[code]) + f" ({counts.of(code)})")
        urgent = (self.tr(" · <b>{n}</b> DARURAT menunggu Anda").format(n=counts.urgent_mine)
                  if counts.urgent_mine else "")
        self.summary.setText(self.tr("<b>{mine}</b> menunggu Anda · <b style='color:#b00020'>{late}</b> lewat "
                                     "tenggat milik Anda").format(mine=counts.mine, late=counts.late) + urgent)
        self._loaded(len(self.model.rows) if self.model else 0)

    def _loaded(self, loaded: int) -> None:
        if self.mode != "queue" or self.model is None:
            return
        refit_columns(self.table, QUEUE_COLUMNS)
        if loaded:
            self.hint.setText(self.tr("<small>Klik dua kali atau tekan Enter pada baris untuk membuka berkas. Urutan: "
                                      "DARURAT dahulu, lalu tenggat terdekat.</small>"))
        elif self.view == "mine":
            self.hint.setText(self.tr("<small>Tidak ada berkas yang menunggu Anda saat ini. Berkas lain ada di "
                                      "“Semua berkas”.</small>") if not self.session.may("case.open") else
                              self.tr("<small>Tidak ada berkas yang menunggu Anda saat ini. Mulai berkas baru dengan "
                                      "tombol layanan di atas (F2), atau lihat “Semua berkas”.</small>"))
        else:
            self.hint.setText(self.tr("<small>Tidak ada berkas pada tampilan ini.</small>"))

    # ------------------------------------------------------------------ search
    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.show_queue()
            return
        if self.ctx is None:
            return
        office, actor = self.session.office, self.session.actor
        self.summary.setText(self.tr("Mencari…"))

        def done(rows) -> None:
            self.mode = "search"
            self.back_button.show()
            self.title.setText(self.tr("<h2>Hasil pencarian “{text}”</h2>").format(text=text))
            assert self.ctx is not None
            if self.search_model is None:
                self.search_model = CaseTableModel(self.ctx, self, columns=QUEUE_COLUMNS)
                self.search_model.clock = self.clock
            self.search_model.set_rows(rows)
            self.table.setModel(self.search_model)
            fit_columns(self.table, QUEUE_COLUMNS)
            refit_columns(self.table, QUEUE_COLUMNS)
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
        self.title.setText(self._title(self.session.office.config.counter))
        if self.model is not None:
            self.table.setModel(self.model)
            fit_columns(self.table, QUEUE_COLUMNS)
        self.refresh()

    # ------------------------------------------------------------------ open
    def current_model(self) -> CaseTableModel | None:
        return self.search_model if self.mode == "search" else self.model

    def _open_current(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self._open(idx.row())

    def _open(self, row: int) -> None:
        model = self.current_model()
        if model is not None and self.on_open_case is not None and 0 <= row < len(model.rows):
            self.on_open_case(model.row_at(row).id)
