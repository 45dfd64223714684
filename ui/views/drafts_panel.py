"""Draf tersimpan: wizards saved half-way, to resume ("Lanjutkan") or throw away ("Hapus")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.servicedefs import load_all
from app.services import drafts
from app.services import office as office_svc
from ui.errors import show_error
from ui.models.case_table import local_text
from ui.session import UiSession
from ui.widgets import readonly_table


class DraftsPanel(QGroupBox):
    """``on_resume(draft_id)`` opens the wizard with the draft restored. Hidden while there is no draft."""

    def __init__(self, session: UiSession, *, on_resume: Callable[[int], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Draf tersimpan"))
        self.setObjectName("drafts_panel")
        self.session, self.on_resume = session, on_resume
        self.rows: list[drafts.DraftSummary] = []
        self.names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.table = readonly_table([self.tr("Layanan"), self.tr("NIK"), self.tr("Nama"), self.tr("Lampiran"),
                                     self.tr("Disimpan"), self.tr("Oleh")], "drafts_table")
        self.table.setMaximumHeight(150)
        self.table.doubleClicked.connect(lambda _i: self._resume())
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.resume_button = QPushButton(self.tr("&Lanjutkan"))
        self.resume_button.setObjectName("resume_draft")
        self.delete_button = QPushButton(self.tr("&Hapus draf"))
        self.delete_button.setObjectName("delete_draft")
        self.state = QLabel("")
        self.state.setObjectName("drafts_state")
        row.addWidget(self.resume_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.state, 1)
        layout.addLayout(row)
        self.resume_button.clicked.connect(self._resume)
        self.delete_button.clicked.connect(self._delete)
        self.table.itemSelectionChanged.connect(self._selected)
        self.setVisible(False)
        self.loaded = False
        self.refresh()

    def refresh(self) -> None:
        if not self.session.may("draft.save"):
            return
        s = self.session

        def work(_t):
            names = self.names or {code: d.name for code, d in load_all(s.office).items()}
            profile = office_svc.get_profile(s.office)
            return drafts.list_drafts(s.office, actor=s.actor), names, profile.timezone if profile else "WIB"

        s.runner.run(work, on_done=self._show, on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, result) -> None:
        self.rows, self.names, tz = result
        self.loaded = True
        self.table.setRowCount(len(self.rows))
        mine = self.session.actor.id
        for n, d in enumerate(self.rows):
            values = (self.names.get(d.service_code, d.service_code), d.nik or "-", d.name or "-",
                      str(d.files) if d.files else "-", local_text(d.updated_at, tz),
                      self.tr("Anda") if d.created_by == mine else d.created_by_name)
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()
        self.setTitle(self.tr("Draf tersimpan ({count})").format(count=len(self.rows)))
        self.setVisible(bool(self.rows))
        if self.rows:
            self.table.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        ok = self.current() is not None
        self.resume_button.setEnabled(ok)
        self.delete_button.setEnabled(ok)

    def current(self) -> drafts.DraftSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _resume(self) -> None:
        d = self.current()
        if d is not None and self.on_resume is not None:
            self.on_resume(d.id)

    def confirm_delete(self, d: drafts.DraftSummary) -> bool:
        answer = QMessageBox.question(self, self.tr("Hapus draf"), self.tr(
            "Hapus draf {service} atas nama {name} beserta salinan lampirannya? Tindakan ini tidak dapat "
            "dibatalkan.").format(service=self.names.get(d.service_code, ""), name=d.name or "-"))
        return answer == QMessageBox.StandardButton.Yes

    def _delete(self) -> None:
        d = self.current()
        if d is None or not self.confirm_delete(d):
            return
        s = self.session
        self.delete_button.setEnabled(False)

        def done(_r) -> None:
            self.state.setText(self.tr("Draf dihapus."))
            self.refresh()

        def failed(exc, tb) -> None:
            self._selected()
            show_error(self, exc, tb)

        s.runner.run(lambda _t: drafts.delete_draft(s.office, actor=s.actor, draft_id=d.id, reason="dihapus petugas"),
                     on_done=done, on_error=failed)
