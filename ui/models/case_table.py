"""Table models over the rows the core returns (:class:`app.services.cases.CaseSummary`).

:class:`CaseTableModel` shows a fixed list (today's queue, search results). :class:`PagedCaseModel` pages
through the whole register: Qt asks ``canFetchMore``/``fetchMore`` as the user scrolls, and each page is
read by the TaskRunner off the GUI thread; the rows arrive on the GUI thread and are appended.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QImage, QPainter, QPixmap, QPolygonF

from app import labels
from app.servicedefs import ServiceDef
from app.services.cases import CaseSummary
from app.timeutil import utcnow, zone

#: status code -> Indonesian label (marked for translation; show it through :func:`status_label`)
STATUS_LABELS = {"draft": QT_TRANSLATE_NOOP("CaseStatus", "Penerimaan"),
                 "proses": QT_TRANSLATE_NOOP("CaseStatus", "Diproses"),
                 "selesai": QT_TRANSLATE_NOOP("CaseStatus", "Selesai"),
                 "ditolak": QT_TRANSLATE_NOOP("CaseStatus", "Ditolak")}
OVERDUE_BG = QColor("#fde0e0")
MINE_BG = QColor("#fff4cc")
NEW_BG = QColor("#e3f2fd")
URGENT_FG = QColor("#b00020")
_Index = QModelIndex | QPersistentModelIndex

#: column key -> title (marked for translation)
COLUMN_TITLES = {
    "urgent": QT_TRANSLATE_NOOP("CaseTableModel", "Darurat"),
    "reg": QT_TRANSLATE_NOOP("CaseTableModel", "No. registrasi"),
    "name": QT_TRANSLATE_NOOP("CaseTableModel", "Nama"),
    "nik": QT_TRANSLATE_NOOP("CaseTableModel", "NIK"),
    "service": QT_TRANSLATE_NOOP("CaseTableModel", "Layanan"),
    "step": QT_TRANSLATE_NOOP("CaseTableModel", "Langkah sekarang"),
    "status": QT_TRANSLATE_NOOP("CaseTableModel", "Status"),
    "due": QT_TRANSLATE_NOOP("CaseTableModel", "Tenggat"),
    "flags": QT_TRANSLATE_NOOP("CaseTableModel", "Keterangan"),
    "opened": QT_TRANSLATE_NOOP("CaseTableModel", "Diterima"),
}
#: the queue: what matters at the counter, fitting 1366 px without scrolling sideways
QUEUE_COLUMNS = ("urgent", "reg", "name", "service", "step", "status", "due", "flags")
#: the register and the other lists: the same plus the masked NIK and when the case was received
LIST_COLUMNS = ("urgent", "reg", "name", "nik", "service", "step", "status", "due", "opened", "flags")
#: columns that take the width left over (long names are elided; the full text is the cell's tooltip)
STRETCH_COLUMNS = ("name", "service", "step", "flags")


def status_label(code: str) -> str:
    """A case status in the interface language (an unknown code as it is)."""
    label = STATUS_LABELS.get(code)
    return QCoreApplication.translate("CaseStatus", label) if label else code


def local_text(moment: datetime | None, tz: str, fmt: str = "%d-%m-%Y %H.%M") -> str:
    if moment is None:
        return "-"
    return moment.astimezone(zone(tz)).strftime(fmt)


def moment_words(moment: datetime | None, tz: str) -> str:
    """Office time with the month as a word: ``3 Nov 2026 14.30`` (``-`` when there is none)."""
    from ui.i18n import current_language

    return labels.moment_text(moment, tz, language=current_language())


_URGENT_ICON: QIcon | None = None


def urgent_icon() -> QIcon:
    """A warning triangle with "!" — a shape, so the mark reads on a greyscale screen or printout too."""
    global _URGENT_ICON
    if _URGENT_ICON is None:
        image = QImage(32, 32, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(URGENT_FG)
        p.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(31, 29), QPointF(1, 29)]))
        p.setBrush(Qt.GlobalColor.white)
        p.drawRect(14, 10, 4, 11)
        p.drawRect(14, 23, 4, 4)
        p.end()
        _URGENT_ICON = QIcon(QPixmap.fromImage(image))
    return _URGENT_ICON


@dataclass
class RowContext:
    """What the model needs to label rows: service definitions, the office time zone, the user's roles."""

    defs: dict[str, ServiceDef]
    tz: str
    roles: frozenset[str]

    def step_name(self, row: CaseSummary) -> str:
        d = self.defs.get(row.service_code)
        if d is None:
            return row.current_step
        try:
            return d.step(row.current_step).name
        except KeyError:
            return row.current_step

    def service_name(self, code: str) -> str:
        d = self.defs.get(code)
        return d.name if d else code

    def waiting_for_me(self, row: CaseSummary) -> bool:
        """Same rule as :func:`app.services.work_queue.actionable_clause` for task steps: a file still waiting
        for the applicant's documents (no service time running) is not waiting for the officer."""
        if row.outcome or row.status in ("selesai", "ditolak") or row.due_at is None:
            return False
        d = self.defs.get(row.service_code)
        if d is None:
            return False
        try:
            step = d.step(row.current_step)
        except KeyError:
            return False
        if step.kind == "paraf":
            return False  # whose turn it is in the chain is not in the row; the queue asks the core
        return bool(self.roles & set(step.roles))


def is_overdue(row: CaseSummary, now: datetime) -> bool:
    return row.clock == "berjalan" and row.due_at is not None and row.due_at < now


def urgent_first(rows: list[CaseSummary]) -> list[CaseSummary]:
    """Open DARURAT cases head every list; the order among the others (and among them) is kept."""
    return sorted(rows, key=lambda r: not (r.urgent and r.status not in ("selesai", "ditolak")))


class CaseTableModel(QAbstractTableModel):
    COLUMNS = tuple(COLUMN_TITLES[k] for k in LIST_COLUMNS)

    def __init__(self, ctx: RowContext, parent=None, columns: tuple[str, ...] = LIST_COLUMNS):
        super().__init__(parent)
        self.ctx = ctx
        self.columns = columns
        self.rows: list[CaseSummary] = []
        self.new_ids: set[int] = set()
        self.mine_ids: set[int] | None = None  # given by the core (queue); else guessed from the step's roles
        self.new_since: datetime | None = None  # cases received since then are "new" (the queue: today)
        self.clock: Callable[[], datetime] = utcnow  # tests pin it
        self.now = utcnow()

    def column(self, key: str) -> int:
        """The index of a column by its key (``reg``, ``name``, ``due`` …)."""
        return self.columns.index(key)

    # ------------------------------------------------------------------ data
    def set_rows(self, rows: list[CaseSummary], *, new_ids: set[int] | None = None,
                 mine_ids: set[int] | None = None, keep_order: bool = False) -> None:
        """Show ``rows``; open DARURAT cases first unless the core already ordered them (``keep_order``)."""
        self.beginResetModel()
        self.rows = list(rows) if keep_order else urgent_first(list(rows))
        self.new_ids = set(new_ids or ())
        self.mine_ids = None if mine_ids is None else set(mine_ids)
        self.now = self.clock()
        self.endResetModel()

    def row_at(self, row: int) -> CaseSummary:
        return self.rows[row]

    def is_mine(self, r: CaseSummary) -> bool:
        actionable = getattr(r, "actionable", None)  # a queue row: the core decided
        if actionable is not None:
            return bool(actionable)
        return r.id in self.mine_ids if self.mine_ids is not None else self.ctx.waiting_for_me(r)

    def is_late(self, r: CaseSummary) -> bool:
        return is_overdue(r, self.now)

    def is_new(self, r: CaseSummary) -> bool:
        return r.status == "draft" and (r.id in self.new_ids or (self.new_since is not None
                                                                   and r.opened_at >= self.new_since))

    def flags_of(self, r: CaseSummary) -> list[str]:
        out = []
        if self.is_late(r):
            out.append(self.tr("Lewat tenggat"))
        if self.is_mine(r):
            out.append(self.tr("Menunggu Anda"))
        if self.is_new(r):
            out.append(self.tr("Baru"))
        if r.status == "draft" and r.due_at is None:
            out.append(self.tr("Menunggu berkas pemohon"))
        return out

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("CaseTableModel", COLUMN_TITLES[self.columns[section]])
        return None

    def text(self, r: CaseSummary, key: str) -> str:
        if key == "urgent":
            return self.tr("DARURAT") if r.urgent else ""
        if key == "reg":
            return r.reg_number
        if key == "name":
            return r.name
        if key == "nik":
            return r.nik_masked
        if key == "service":
            return self.ctx.service_name(r.service_code)
        if key == "step":
            return self.ctx.step_name(r) if r.status not in ("selesai", "ditolak") else "-"
        if key == "status":
            label = status_label(r.status)
            return labels.status_with_outcome(label, r.outcome) if r.outcome else label
        if key == "due":
            return moment_words(r.due_at, self.ctx.tz)
        if key == "opened":
            return moment_words(r.opened_at, self.ctx.tz)
        if key == "flags":
            return " · ".join(self.flags_of(r))
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        key = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.text(r, key)
            if role == Qt.ItemDataRole.ToolTipRole:
                if key == "urgent" and r.urgent:
                    return self.tr("Kasus darurat (rawat inap, persalinan, gawat darurat): didahulukan")
                return text or None
            return text
        if role == Qt.ItemDataRole.DecorationRole and key == "urgent" and r.urgent:
            return urgent_icon()
        if role == Qt.ItemDataRole.ForegroundRole and key == "urgent" and r.urgent:
            return QBrush(URGENT_FG)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.is_late(r):
                return QBrush(OVERDUE_BG)
            if self.is_mine(r):
                return QBrush(MINE_BG)
            if self.is_new(r):
                return QBrush(NEW_BG)
            return None
        if role == Qt.ItemDataRole.FontRole and (key == "urgent" and r.urgent or key == "flags" and self.is_late(r)):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


PageFetcher = Callable[[int, int], list[CaseSummary]]  # (offset, limit) -> rows; runs in a worker


class PagedCaseModel(CaseTableModel):
    """The whole register, one page at a time, read off the GUI thread as the view scrolls."""

    page_loaded = Signal(int)  # rows now loaded
    failed = Signal(object, str)

    def __init__(self, ctx: RowContext, runner, page_size: int = 200, parent=None,
                 columns: tuple[str, ...] = LIST_COLUMNS):
        super().__init__(ctx, parent, columns)
        self.runner = runner
        self.page_size = page_size
        self.fetcher: PageFetcher | None = None
        self.exhausted = True
        self.loading = None
        self.generation = 0

    def reset(self, fetcher: PageFetcher) -> None:
        """New filters: forget the rows and read the first page."""
        self.generation += 1
        self.fetcher = fetcher
        self.set_rows([], keep_order=True)
        self.exhausted = False
        self.loading = None
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.exhausted and self.loading is None and self.fetcher is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        fetch, offset, limit, gen = self.fetcher, len(self.rows), self.page_size, self.generation
        assert fetch is not None
        self.loading = self.runner.run(lambda _t: fetch(offset, limit),
                                       on_done=lambda rows: self._append(gen, rows),
                                       on_error=lambda e, tb: self._failed(gen, e, tb))

    def _append(self, gen: int, rows: list[CaseSummary]) -> None:
        if gen != self.generation:
            return  # an answer to filters the user has since changed
        if len(rows) < self.page_size:
            self.exhausted = True
        if rows:
            # still "loading" while the rows go in: a view (or Qt's model tester) that asks for more on
            # rowsInserted must not fetch the same offset again
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.loading = None
        self.page_loaded.emit(len(self.rows))

    def _failed(self, gen: int, exc: BaseException, tb: str) -> None:
        if gen != self.generation:
            return
        self.loading = None
        self.exhausted = True
        self.failed.emit(exc, tb)
