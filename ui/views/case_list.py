"""The register of all cases: filters (service, status, step, counter, period), sortable columns, and pages
read lazily off the GUI thread as the officer scrolls (200,000 cases scroll without loading them all)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import case_queries
from app.timeutil import utcnow, zone
from ui.errors import show_error
from ui.models.case_table import LIST_COLUMNS, STATUS_LABELS, PagedCaseModel, RowContext, status_label
from ui.session import UiSession
from ui.views.queue_view import fit_columns, load_row_context, refit_columns
from ui.widgets import setup_readonly_table

#: table column -> sort key of :func:`case_queries.page_cases` (others are not sortable); open DARURAT cases
#: head the list in every order
SORT_KEYS = {LIST_COLUMNS.index(key): sort for key, sort in (("reg", "reg_number"), ("name", "name"),
                                                             ("service", "service"), ("status", "status"),
                                                             ("opened", "opened_at"), ("due", "due_at"))}
PERIODS = ((QT_TRANSLATE_NOOP("CaseListView", "Semua waktu"), None), (QT_TRANSLATE_NOOP("CaseListView", "Hari ini"), 0),
           (QT_TRANSLATE_NOOP("CaseListView", "7 hari terakhir"), 7),
           (QT_TRANSLATE_NOOP("CaseListView", "Bulan ini"), "month"),
           (QT_TRANSLATE_NOOP("CaseListView", "Rentang tanggal…"), "range"))


class CaseListView(QWidget):
    def __init__(self, session: UiSession, *, on_open_case: Callable[[int], None] | None = None,
                 page_size: int = 200, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.on_open_case, self.page_size = session, on_open_case, page_size
        self.ctx: RowContext | None = None
        self.model: PagedCaseModel | None = None
        self.sort_key, self.descending = "opened_at", True
        self.total: int | None = None
        self.count_gen = 0
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Daftar berkas</h2>")))
        filters = QHBoxLayout()
        self.service = QComboBox()
        self.service.setObjectName("f_service")
        self.service.setMinimumWidth(260)
        self.step = QComboBox()
        self.step.setObjectName("f_step")
        self.step.setMinimumWidth(160)
        self.status = QComboBox()
        self.status.setObjectName("f_status")
        self.status.addItem(self.tr("Semua status"), None)
        for code in STATUS_LABELS:
            self.status.addItem(status_label(code), code)
        self.counter = QComboBox()
        self.counter.setObjectName("f_counter")
        self.counter.addItem(self.tr("Semua loket"), None)
        self.period = QComboBox()
        self.period.setObjectName("f_period")
        for label, value in PERIODS:
            self.period.addItem(QCoreApplication.translate("CaseListView", label), value)
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd-MM-yyyy")
            d.setDate(QDate.currentDate())
            d.hide()
        self.date_from.setDate(QDate.currentDate().addDays(-30))
        self.open_only = QCheckBox(self.tr("Hanya yang &belum selesai"))
        self.open_only.setObjectName("f_open")
        filters2 = QHBoxLayout()
        for row, label, w in ((filters, self.tr("&Layanan:"), self.service), (filters, self.tr("Lan&gkah:"), self.step),
                              (filters, self.tr("&Status:"), self.status), (filters2, self.tr("L&oket:"), self.counter),
                              (filters2, self.tr("&Periode:"), self.period)):
            lab = QLabel(label)
            lab.setBuddy(w)
            row.addWidget(lab)
            row.addWidget(w)
        filters2.addWidget(self.date_from)
        filters2.addWidget(self.date_to)
        filters2.addWidget(self.open_only)
        filters.addStretch(1)
        filters2.addStretch(1)
        layout.addLayout(filters)
        layout.addLayout(filters2)
        self.count_label = QLabel(self.tr("Memuat…"))
        self.count_label.setObjectName("count")
        layout.addWidget(self.count_label)
        self.table = setup_readonly_table(QTableView(), name="case_table")
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort)
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("<small>Klik judul kolom untuk mengurutkan; berkas DARURAT yang belum selesai "
                                        "selalu di atas. NIK disamarkan di daftar; NIK lengkap ada di layar berkas "
                                        "bagi petugas yang memerlukannya.</small>")))

        session.runner.run(lambda _t: (load_row_context(session),
                                       case_queries.counters(session.office, actor=session.actor)),
                           on_done=self._ready, on_error=lambda e, tb: show_error(self, e, tb))

    def _ready(self, result) -> None:
        self.ctx, counters = result
        self.service.addItem(self.tr("Semua layanan"), None)
        for code, d in self.ctx.defs.items():
            self.service.addItem(d.name, code)
        for c in counters:
            self.counter.addItem(c, c)
        self._fill_steps()
        self.model = PagedCaseModel(self.ctx, self.session.runner, self.page_size, self)
        self.model.page_loaded.connect(self._loaded)
        self.model.failed.connect(lambda e, tb: show_error(self, e, tb))
        self.table.setModel(self.model)
        fit_columns(self.table, LIST_COLUMNS)
        self.table.horizontalHeader().setSortIndicator(LIST_COLUMNS.index("opened"), Qt.SortOrder.DescendingOrder)
        for w in (self.step, self.status, self.counter):
            w.currentIndexChanged.connect(self.refresh)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.open_only.toggled.connect(self.refresh)
        self.refresh()

    def _fill_steps(self) -> None:
        self.step.blockSignals(True)
        self.step.clear()
        self.step.addItem(self.tr("Semua langkah"), None)
        code = self.service.currentData()
        if code and self.ctx is not None:
            for st in self.ctx.defs[code].steps:
                self.step.addItem(st.name, st.code)
        self.step.setEnabled(bool(code))
        self.step.setToolTip("" if code else self.tr("Pilih layanan dahulu"))
        self.step.blockSignals(False)

    def _service_changed(self) -> None:
        self._fill_steps()
        self.refresh()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "range"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.refresh()

    def filters(self) -> case_queries.CaseFilter:
        start = end = None
        p = self.period.currentData()
        tz = self.ctx.tz if self.ctx else "WIB"
        today = utcnow().astimezone(zone(tz)).date()
        if p == 0:
            start, end = today, today + timedelta(days=1)
        elif p == 7:
            start, end = today - timedelta(days=6), today + timedelta(days=1)
        elif p == "month":
            start = today.replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1)
        elif p == "range":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython() + timedelta(days=1)

        def at(d):
            return datetime.combine(d, time(0), zone(tz)) if d else None

        return case_queries.CaseFilter(
            service_code=self.service.currentData(), status=self.status.currentData(), step=self.step.currentData(),
            counter=self.counter.currentData(), opened_from=at(start), opened_to=at(end),
            open_only=self.open_only.isChecked())

    def refresh(self) -> None:
        if self.model is None:
            return
        o, a, f, sort, desc = self.session.office, self.session.actor, self.filters(), self.sort_key, self.descending
        self.total = None
        self.count_gen += 1
        gen = self.count_gen
        self.count_label.setText(self.tr("Memuat…"))
        self.session.runner.run(lambda _t: case_queries.count_cases(o, actor=a, filters=f),
                                on_done=lambda n: self._counted(gen, n),
                                on_error=lambda e, tb: show_error(self, e, tb))
        self.model.reset(lambda offset, limit: case_queries.page_cases(o, actor=a, filters=f, sort=sort,
                                                                       descending=desc, limit=limit, offset=offset))

    def _counted(self, gen: int, n: int) -> None:
        if gen != self.count_gen:
            return  # the answer to filters the user has since changed
        self.total = n
        self._loaded(len(self.model.rows) if self.model else 0)

    def _loaded(self, loaded: int) -> None:
        if self.total is None:
            return
        total = f"{self.total:,}".replace(",", ".")
        shown = f"{loaded:,}".replace(",", ".")
        self.count_label.setText(self.tr("<b>{total}</b> berkas").format(total=total) + (
            self.tr(" (dimuat {shown}; gulir untuk memuat berikutnya)").format(shown=shown)
            if loaded < self.total else ""))
        if loaded and loaded <= self.page_size:
            refit_columns(self.table, LIST_COLUMNS)

    def _sort(self, section: int) -> None:
        key = SORT_KEYS.get(section)
        header = self.table.horizontalHeader()
        if key is not None:
            self.descending = not self.descending if key == self.sort_key else key in ("opened_at", "due_at")
            self.sort_key = key
        current = next(c for c, k in SORT_KEYS.items() if k == self.sort_key)
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(current, order)
        if key is not None:
            self.refresh()

    def _open_current(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self._open(idx.row())

    def _open(self, row: int) -> None:
        if self.model is not None and self.on_open_case is not None and 0 <= row < len(self.model.rows):
            self.on_open_case(self.model.row_at(row).id)
