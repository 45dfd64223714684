"""Lampiran: the scanned documents of one case — list, add (file dialog or drag and drop), open, save a copy,
remove. What may be done comes from :func:`app.services.attachments.permitted`; the core checks again."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import attachments, cases
from ui.errors import show_error
from ui.models.case_table import local_text
from ui.session import UiSession
from ui.widgets import readonly_table

FILTER = QT_TRANSLATE_NOOP("AttachmentsSection", "Pindaian (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)")


def _local_files(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class AttachmentsSection(QWidget):
    """``on_changed()`` reloads the case screen after an attachment was added or removed."""

    def __init__(self, session: UiSession, case_id: int, *, on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case_id, self.on_changed = session, case_id, on_changed
        self.items: list[attachments.AttachmentInfo] = []
        self.perms: dict[str, bool] = {}
        self.busy = False
        self.opener: Callable[[Path], object] = lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))
        self.setObjectName("attachments_section")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.table = readonly_table([self.tr("Persyaratan"), self.tr("Berkas"), self.tr("Ukuran"),
                                     self.tr("Ditambahkan oleh"), self.tr("Pada")], "attachments_table")
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)
        add_row = QHBoxLayout()
        self.requirement = QComboBox()
        self.requirement.setObjectName("attach_requirement")
        self.add_button = QPushButton(self.tr("&Tambah lampiran…"))
        self.add_button.setObjectName("attach_add")
        self.for_label = QLabel(self.tr("Untuk persyaratan:"))
        add_row.addWidget(self.for_label)
        add_row.addWidget(self.requirement, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Buka"))
        self.open_button.setObjectName("attach_open")
        self.copy_button = QPushButton(self.tr("Simpan &salinan…"))
        self.copy_button.setObjectName("attach_copy")
        self.remove_button = QPushButton(self.tr("&Hapus lampiran…"))
        self.remove_button.setObjectName("attach_remove")
        for b in (self.open_button, self.copy_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.state = QLabel("")
        self.state.setObjectName("attach_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.save_copy)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._selected)
        self._selected()

    # ------------------------------------------------------------------ showing
    def show_items(self, items: list[attachments.AttachmentInfo], perms: dict[str, bool],
                   checklist: tuple[cases.ChecklistEntry, ...], tz: str) -> None:
        self.items, self.perms = items, perms
        self.busy = False
        current = self.requirement.currentData()
        self.requirement.clear()
        for c in checklist:
            self.requirement.addItem(c.label, c.code)
        self.requirement.addItem(self.tr("lain-lain (tidak untuk satu persyaratan)"), "")
        if current is not None and self.requirement.findData(current) >= 0:
            self.requirement.setCurrentIndex(self.requirement.findData(current))
        self.table.setRowCount(len(items))
        for n, a in enumerate(items):
            values = (a.requirement_label, a.file_name, a.size_text, a.added_by_name or "-", local_text(a.added_at, tz))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(f"SHA-256 {a.sha256}")
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()
        may_add = perms.get("add", False)
        for w in (self.for_label, self.requirement, self.add_button):
            w.setVisible(may_add)
        self.remove_button.setVisible(perms.get("remove", False))
        if not items:
            self.state.setText(self.tr("Belum ada lampiran.") + (
                " " + self.tr("Seret hasil pindaian ke sini atau pilih Tambah lampiran…") if may_add else ""))
        else:
            self.state.setText(self.tr("{count} lampiran.").format(count=len(items)) + (
                " " + self.tr("Hasil pindaian dapat diseret ke sini.") if may_add else ""))
        self._selected()

    def _selected(self) -> None:
        ok = self.selected() is not None and not self.busy
        for b in (self.open_button, self.copy_button, self.remove_button):
            b.setEnabled(ok)
        self.add_button.setEnabled(not self.busy)

    def selected(self) -> attachments.AttachmentInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    # ------------------------------------------------------------------ adding
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Tambah lampiran pindaian"), "",
                                                QCoreApplication.translate("AttachmentsSection", FILTER))
        if paths:
            self.add_paths([Path(p) for p in paths], self.requirement.currentData() or "")

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.perms.get("add") and _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        if self.drop_files(event.mimeData()):
            event.acceptProposedAction()

    def drop_files(self, mime: QMimeData) -> bool:
        """Files dropped on the section: attached to the requirement chosen in the list."""
        paths = _local_files(mime)
        if paths and self.perms.get("add"):
            self.add_paths(paths, self.requirement.currentData() or "")
            return True
        return False

    def add_paths(self, paths: list[Path], code: str) -> None:
        if self.busy:
            return
        s, cid = self.session, self.case_id
        files = [attachments.FileToAttach(p, code, p.name) for p in paths]
        self._start(self.tr("Menyimpan lampiran…"))
        s.runner.run(lambda _t: attachments.add_files(s.office, actor=s.actor, case_id=cid, files=files),
                     on_done=lambda infos: self._done(self.tr("✓ {count} lampiran disimpan.").format(count=len(infos))),
                     on_error=self._failed)

    # ------------------------------------------------------------------ open, copy, remove
    def _export(self, dest: Path, then: Callable[[Path], None]) -> None:
        a = self.selected()
        if a is None:
            return
        s = self.session
        s.runner.run(lambda _t: attachments.export_copy(s.office, actor=s.actor, attachment_id=a.id, dest=dest),
                     on_done=then, on_error=lambda e, tb: show_error(self, e, tb))

    def open_selected(self) -> None:
        """A checked copy in a private temporary folder of the data folder, opened with the system viewer."""
        folder = self.session.office.dirs.root / "sementara"
        folder.mkdir(exist_ok=True)
        self._export(Path(tempfile.mkdtemp(prefix="lampiran-", dir=folder)), self._opened)

    def _opened(self, path: Path) -> None:
        self.state.setText(self.tr("Dibuka: {name}").format(name=path.name))
        self.opener(path)

    def save_copy(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Simpan salinan lampiran ke folder"))
        if folder:
            self._export(Path(folder), lambda p: self.state.setText(self.tr("Salinan disimpan: {path}").format(path=p)))

    def confirm_remove(self, a: attachments.AttachmentInfo) -> bool:
        answer = QMessageBox.question(self, self.tr("Hapus lampiran"), self.tr(
            "Hapus lampiran '{file}' ({requirement}) dari berkas ini? Penghapusan tercatat di log audit.").format(
            file=a.file_name, requirement=a.requirement_label))
        return answer == QMessageBox.StandardButton.Yes

    def remove_selected(self) -> None:
        a = self.selected()
        if a is None or self.busy or not self.confirm_remove(a):
            return
        s = self.session
        self._start(self.tr("Menghapus lampiran…"))
        s.runner.run(lambda _t: attachments.remove(s.office, actor=s.actor, attachment_id=a.id),
                     on_done=lambda _r: self._done(self.tr("Lampiran '{file}' dihapus.").format(file=a.file_name)),
                     on_error=self._failed)

    def _start(self, text: str) -> None:
        self.busy = True
        self.state.setText(text)
        self._selected()

    def _done(self, text: str) -> None:
        self.state.setText(text)
        if self.on_changed:
            self.on_changed()  # reload: the list (and ticked requirements) come back from the core

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.busy = False
        self.state.setText("")
        self._selected()
        show_error(self, exc, tb)
