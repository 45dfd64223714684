"""Import a DTSEN extract with a progress bar and a cancel button; then the summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import dtsen
from ui.errors import show_error
from ui.session import UiSession


class DtsenImportView(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.task = None
        self.on_imported = None  # callback for other screens (e.g. the lookup's record count)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Impor data {label}</h2>").format(label=dtsen.LABEL)))
        layout.addWidget(QLabel(self.tr(
            "Pilih berkas daftar by-name-by-address yang diunduh (CSV atau XLSX). Kolom dikenali dari judulnya.\n"
            "Impor berjalan utuh atau tidak sama sekali; baris yang ditolak dicatat beserta alasannya.")))
        row = QHBoxLayout()
        self.choose = QPushButton(self.tr("&Pilih berkas dan impor…"))
        self.choose.setObjectName("choose")
        self.cancel = QPushButton(self.tr("&Batalkan"))
        self.cancel.setObjectName("cancel")
        self.cancel.setEnabled(False)
        row.addWidget(self.choose)
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.choose.clicked.connect(self._choose)
        self.cancel.clicked.connect(self._cancel)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas DTSEN"), "",
                                              self.tr("Daftar DTSEN (*.csv *.xlsx);;Semua (*)"))
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> None:
        if self.task is not None:
            return
        self.choose.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setValue(0)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Mengimpor {file}…").format(file=path.name))
        office, actor = self.session.office, self.session.actor
        self.task = self.session.runner.run(
            lambda task: dtsen.import_file(office, actor=actor, path=path, progress=task.report,
                                           cancelled=task.is_cancelled),
            on_done=self._done, on_error=self._failed, on_progress=self._progress)

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        if message:
            self.status.setText(self.tr("{count} baris dibaca…").format(count=message))

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel.setEnabled(False)
            self.status.setText(self.tr("Membatalkan…"))

    def _finish(self) -> None:
        self.task = None
        self.choose.setEnabled(True)
        self.cancel.setEnabled(False)

    def _done(self, summary: dtsen.ImportSummary) -> None:
        self._finish()
        self.progress.setValue(100)
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(summary.message())
        if self.on_imported:
            self.on_imported()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._finish()
        self.progress.setValue(0)
        if isinstance(exc, dtsen.ImportCancelled):
            self.status.setStyleSheet("color: #8a5a00;")
            self.status.setText(str(exc))
            return
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(str(exc))
        show_error(self, exc, tb)
