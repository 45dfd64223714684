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
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

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
_Index = QModelIndex | QPersistentModelIndex


def status_label(code: str) -> str:
    """A case status in the interface language (an unknown code as it is)."""
    label = STATUS_LABELS.get(code)
    return QCoreApplication.translate("CaseStatus", label) if label else code


def local_text(moment: datetime | None, tz: str, fmt: str = "%d-%m-%Y %H.%M") -> str:
    if moment is None:
        return "-"
    return moment.astimezone(zone(tz)).strftime(fmt)


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
        """Same rule as :func:`app.services.case_queries.waiting_for`: a file still waiting for the
        applicant's documents (no service time running) is not waiting for the officer."""
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
    return row.due_at is not None and row.due_at < now and row.status not in ("selesai", "ditolak")


class CaseTableModel(QAbstractTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("CaseTableModel", "Keterangan"), QT_TRANSLATE_NOOP("CaseTableModel", "No. registrasi"),
               QT_TRANSLATE_NOOP("CaseTableModel", "Nama"), QT_TRANSLATE_NOOP("CaseTableModel", "NIK"),
               QT_TRANSLATE_NOOP("CaseTableModel", "Layanan"), QT_TRANSLATE_NOOP("CaseTableModel", "Langkah sekarang"),
               QT_TRANSLATE_NOOP("CaseTableModel", "Status"), QT_TRANSLATE_NOOP("CaseTableModel", "Diterima"),
               QT_TRANSLATE_NOOP("CaseTableModel", "Tenggat"))

    def __init__(self, ctx: RowContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[CaseSummary] = []
        self.new_ids: set[int] = set()
        self.mine_ids: set[int] | None = None  # given by the core (queue); else guessed from the step's roles
        self.now = utcnow()

    # ------------------------------------------------------------------ data
    def set_rows(self, rows: list[CaseSummary], *, new_ids: set[int] | None = None,
                 mine_ids: set[int] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.new_ids = set(new_ids or ())
        self.mine_ids = None if mine_ids is None else set(mine_ids)
        self.now = utcnow()
        self.endResetModel()

    def row_at(self, row: int) -> CaseSummary:
        return self.rows[row]

    def is_mine(self, r: CaseSummary) -> bool:
        return r.id in self.mine_ids if self.mine_ids is not None else self.ctx.waiting_for_me(r)

    def flags_of(self, r: CaseSummary) -> list[str]:
        out = []
        if is_overdue(r, self.now):
            out.append(self.tr("Lewat tenggat"))
        if self.is_mine(r):
            out.append(self.tr("Menunggu Anda"))
        if r.id in self.new_ids and r.status == "draft":
            out.append(self.tr("Baru"))
        if r.urgent:
            out.append(self.tr("DARURAT"))
        return out

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("CaseTableModel", self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                ", ".join(self.flags_of(r)), r.reg_number, r.name, r.nik_masked, self.ctx.service_name(r.service_code),
                self.ctx.step_name(r), status_label(r.status), local_text(r.opened_at, self.ctx.tz),
                local_text(r.due_at, self.ctx.tz),
            )[col]
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_overdue(r, self.now):
                return QBrush(OVERDUE_BG)
            if self.is_mine(r):
                return QBrush(MINE_BG)
            if r.id in self.new_ids and r.status == "draft":
                return QBrush(NEW_BG)
            return None
        if role == Qt.ItemDataRole.FontRole and col == 0 and (r.urgent or is_overdue(r, self.now)):
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

    def __init__(self, ctx: RowContext, runner, page_size: int = 200, parent=None):
        super().__init__(ctx, parent)
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
        self.set_rows([])
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
        self.loading = None
        if len(rows) < self.page_size:
            self.exhausted = True
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self.rows))

    def _failed(self, gen: int, exc: BaseException, tb: str) -> None:
        if gen != self.generation:
            return
        self.loading = None
        self.exhausted = True
        self.failed.emit(exc, tb)
