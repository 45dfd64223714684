"""Supervisor's dashboard: cases per service and status in a month, compliance of each step with its
standard minutes (bars drawn with QPainter), and the cases past their service-time standard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.dates import tanggal
from app.services import case_queries, cases, reconcile
from app.timeutil import utcnow, zone
from ui.errors import show_error
from ui.i18n import current_language
from ui.models.case_table import STATUS_LABELS, CaseTableModel, RowContext, status_label
from ui.session import UiSession
from ui.views.queue_view import load_row_context
from ui.widgets import setup_readonly_table

GOOD, FAIR, POOR = QColor("#2e7d32"), QColor("#f9a825"), QColor("#c62828")


@dataclass(frozen=True)
class Bar:
    service: str
    label: str
    count: int
    within: int
    average_minutes: float
    standard_minutes: int | None

    @property
    def share(self) -> float:
        return self.within / self.count if self.count else 0.0


@dataclass
class DashboardData:
    year: int
    month: int
    ctx: RowContext
    figures: case_queries.MonthFigures
    bars: list[Bar]
    overdue: list[cases.CaseSummary]
    #: the quarter whose reconciliation is due, for the roles that run it (None: nothing due / not theirs)
    reconcile_due: reconcile.DueQuarter | None = None


def month_bounds(year: int, month: int, tz: str) -> tuple[datetime, datetime]:
    start = datetime.combine(datetime(year, month, 1).date(), time(0), zone(tz))
    ny, nm = (year + 1, 1) if month == 12 else (year, month + 1)
    return start, datetime.combine(datetime(ny, nm, 1).date(), time(0), zone(tz))


def load_dashboard(session: UiSession, year: int | None = None, month: int | None = None) -> DashboardData:
    """Runs in a worker. Without a month: the current month in the office's time zone."""
    o, a = session.office, session.actor
    ctx = load_row_context(session)
    if year is None or month is None:
        local = utcnow().astimezone(zone(ctx.tz))
        year, month = local.year, local.month
    start, end = month_bounds(year, month, ctx.tz)
    figures = case_queries.month_figures(o, actor=a, start=start, end=end)
    bars = []
    for code, defn in ctx.defs.items():
        for t in cases.step_timings(o, actor=a, service_code=code, start=start, end=end):
            bars.append(Bar(defn.name, t.step_name, t.count, t.count - t.over_standard, t.average_minutes,
                            t.standard_minutes))
    due = reconcile.due(o) if session.may("reconcile.run") else None
    return DashboardData(year, month, ctx, figures, bars, cases.overdue(o, actor=a), due)


def _minutes(m: float) -> str:
    if m < 90:
        return QCoreApplication.translate("SlaBars", "{n} menit").format(n=f"{m:.0f}")
    if m < 60 * 48:
        hours = f"{m / 60:.1f}"
        return QCoreApplication.translate("SlaBars", "{n} jam").format(
            n=hours if current_language() == "en" else hours.replace(".", ","))
    return QCoreApplication.translate("SlaBars", "{n} hari").format(n=f"{m / 60 / 24:.0f}")


def month_title(year: int, month: int) -> str:
    """"November 2026" in the interface language (Indonesian through the core's date words)."""
    if current_language() == "en":
        return f"{QLocale(QLocale.Language.English).standaloneMonthName(month)} {year}"
    return tanggal(datetime(year, month, 1)).split(" ", 1)[1]


class SlaBars(QWidget):
    """Horizontal bars: share of each step's moves done within its standard minutes."""

    ROW = 34

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _lines(self) -> list[str | Bar]:
        out: list[str | Bar] = []
        for b in self.bars:
            if not out or (isinstance(out[-1], Bar) and out[-1].service != b.service):
                out.append(b.service)
            out.append(b)
        return out

    def _height(self) -> int:
        return max(40, self.ROW * len(self._lines()) + 8)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, self._height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Belum ada langkah yang selesai bulan ini."))
            return
        w = self.width()
        label_w = min(380, int(w * 0.35))
        text_w = 400
        bar_w = max(60, w - label_w - text_w - 16)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, line in enumerate(self._lines()):
            y = 4 + i * self.ROW
            p.setPen(self.palette().text().color())
            if isinstance(line, str):
                p.setFont(bold)
                p.drawText(QRectF(4, y, w - 8, self.ROW - 4), Qt.AlignmentFlag.AlignBottom, line)
                continue
            b = line
            p.setFont(self.font())
            label = p.fontMetrics().elidedText(b.label, Qt.TextElideMode.ElideRight, label_w - 24)
            p.drawText(QRectF(16, y, label_w - 24, self.ROW - 6), Qt.AlignmentFlag.AlignVCenter, label)
            frame = QRectF(label_w, y + 8, bar_w, self.ROW - 20)
            p.setPen(QPen(QColor("#9e9e9e")))
            p.setBrush(QColor("#eeeeee"))
            p.drawRect(frame)
            color = GOOD if b.share >= 0.8 else FAIR if b.share >= 0.5 else POOR
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRect(QRectF(frame.left(), frame.top(), frame.width() * b.share, frame.height()))
            p.setPen(self.palette().text().color())
            std = _minutes(b.standard_minutes) if b.standard_minutes else "-"
            p.drawText(QRectF(label_w + bar_w + 10, y, text_w, self.ROW - 6), Qt.AlignmentFlag.AlignVCenter,
                       self.tr("{share} tepat ({within}/{count}) · rata-rata {average}, standar {standard}").format(
                           share=f"{b.share:.0%}", within=b.within, count=b.count,
                           average=_minutes(b.average_minutes), standard=std))
        p.end()


class DashboardView(QWidget):
    def __init__(self, session: UiSession, *, on_open_case: Callable[[int], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.on_open_case = session, on_open_case
        self.data: DashboardData | None = None
        self.year: int | None = None  # None: the current month in the office's time zone
        self.month: int | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("<h2>Dasbor</h2>"))
        self.prev_button = QPushButton(self.tr("< Bulan &sebelumnya"))
        self.next_button = QPushButton(self.tr("Bulan &berikutnya >"))
        self.refresh_button = QPushButton(self.tr("Muat ulang"))
        top.addWidget(self.title)
        top.addStretch(1)
        for b in (self.prev_button, self.next_button, self.refresh_button):
            top.addWidget(b)
        layout.addLayout(top)
        self.reconcile_due = QLabel("")  # the quarterly reconciliation reminder (SOP Cirebon step 7)
        self.reconcile_due.setObjectName("reconcile_due")
        self.reconcile_due.setWordWrap(True)
        self.reconcile_due.setStyleSheet("background:#fff3cd; color:#664d03; padding:6px; border-radius:4px;")
        self.reconcile_due.setVisible(False)
        layout.addWidget(self.reconcile_due)

        split = QSplitter(Qt.Orientation.Vertical)
        box1 = QGroupBox(self.tr("Berkas masuk per layanan dan status"))
        b1 = QVBoxLayout(box1)
        self.figures = QTableWidget(0, len(STATUS_LABELS) + 2)
        self.figures.setHorizontalHeaderLabels([self.tr("Layanan"), *map(status_label, STATUS_LABELS),
                                                self.tr("Jumlah")])
        setup_readonly_table(self.figures, name="figures")
        self.figures.verticalHeader().setDefaultSectionSize(24)
        b1.addWidget(self.figures)
        box2 = QGroupBox(self.tr("Ketepatan waktu per langkah (terhadap standar menit)"))
        b2 = QVBoxLayout(box2)
        self.bars = SlaBars()
        self.bars.setObjectName("bars")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.bars)
        b2.addWidget(scroll)
        split.addWidget(box1)
        split.addWidget(box2)
        box3 = QGroupBox(self.tr("Lewat tenggat standar waktu layanan"))
        b3 = QVBoxLayout(box3)
        self.overdue = setup_readonly_table(QTableView(), name="overdue")
        self.overdue.doubleClicked.connect(self._open)
        b3.addWidget(self.overdue)
        split.addWidget(box3)
        split.setSizes([240, 330, 190])
        layout.addWidget(split, 1)
        self.model: CaseTableModel | None = None

        self.prev_button.clicked.connect(lambda: self._shift(-1))
        self.next_button.clicked.connect(lambda: self._shift(1))
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    def _shift(self, months: int) -> None:
        if self.year is None or self.month is None:
            return
        n = self.year * 12 + self.month - 1 + months
        self.year, self.month = n // 12, n % 12 + 1
        self.refresh()

    def refresh(self) -> None:
        y, m = self.year, self.month
        self.session.runner.run(lambda _t: load_dashboard(self.session, y, m), on_done=self._show,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, d: DashboardData) -> None:
        self.data = d
        self.year, self.month = d.year, d.month
        self.title.setText(self.tr("<h2>Dasbor — {month}</h2>").format(month=month_title(self.year, self.month)))
        self.reconcile_due.setText(d.reconcile_due.message() if d.reconcile_due else "")
        self.reconcile_due.setVisible(d.reconcile_due is not None)
        rows = [(code, d.ctx.service_name(code)) for code in d.ctx.defs]
        self.figures.setRowCount(len(rows) + 1)
        totals = dict.fromkeys(STATUS_LABELS, 0)
        for n, (code, name) in enumerate(rows):
            counts = d.figures.by_service_status.get(code, {})
            self.figures.setItem(n, 0, QTableWidgetItem(name))
            for col, status in enumerate(STATUS_LABELS, 1):
                totals[status] += counts.get(status, 0)
                self.figures.setItem(n, col, self._num(counts.get(status, 0)))
            self.figures.setItem(n, len(STATUS_LABELS) + 1, self._num(sum(counts.values()), bold=True))
        last = len(rows)
        total_item = QTableWidgetItem(self.tr("Jumlah"))
        f = total_item.font()
        f.setBold(True)
        total_item.setFont(f)
        self.figures.setItem(last, 0, total_item)
        for col, status in enumerate(STATUS_LABELS, 1):
            self.figures.setItem(last, col, self._num(totals[status], bold=True))
        self.figures.setItem(last, len(STATUS_LABELS) + 1, self._num(d.figures.total, bold=True))
        self.figures.resizeColumnsToContents()
        self.bars.set_bars(d.bars)
        if self.model is None:
            self.model = CaseTableModel(d.ctx, self)
            self.overdue.setModel(self.model)
        self.model.set_rows(d.overdue)
        self.overdue.resizeColumnsToContents()

    @staticmethod
    def _num(n: int, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(str(n))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            f = item.font()
            f.setBold(True)
            item.setFont(f)
        return item

    def _open(self, index) -> None:
        if self.model is not None and self.on_open_case is not None and index.isValid():
            self.on_open_case(self.model.row_at(index.row()).id)
