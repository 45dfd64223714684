"""Showing errors: a clear sentence for expected ones, a copyable report for the unexpected."""

from __future__ import annotations

import logging
import platform
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import LoketError

log = logging.getLogger("loket.ui")


class ErrorReportDialog(QDialog):
    """An unexpected error: apologise, keep running, and give a report the user can copy."""

    def __init__(self, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Terjadi kesalahan tak terduga"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Maaf, terjadi kesalahan yang tidak terduga. Aplikasi tetap berjalan dan data yang sudah "
            "tersimpan aman.\nSalin laporan di bawah ini dan kirimkan ke administrator.")))
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Salin laporan"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def build_report(tb: str) -> str:
    return (f"Loket PBI {__version__}\nPython {sys.version.split()[0]} — {platform.platform()}\n\n{tb}")


def show_error(parent: QWidget | None, exc: BaseException, tb: str = "") -> None:
    """Expected errors (:class:`LoketError`) as a message; anything else as a logged report."""
    if isinstance(exc, LoketError):
        QMessageBox.warning(parent, QCoreApplication.translate("ErrorReportDialog", "Perhatian"), str(exc))
        return
    log.error("unexpected error:\n%s", tb or repr(exc))
    ErrorReportDialog(build_report(tb or repr(exc)), parent).exec()
