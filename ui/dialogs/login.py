"""The login window. It appears at once; the database opens behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app import __version__


class LoginDialog(QDialog):
    """Asks for username and password; ``submitted`` carries them to the controller."""

    submitted = Signal(str, str)

    def __init__(self, office_name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Loket PBI — Masuk"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Loket PBI</h2>Layanan PBI JK dan Jamkesda"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.office_label = QLabel(office_name)
        self.office_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.office_label)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Nama pengguna"), self.username)
        form.addRow(self.tr("&Kata sandi"), self.password)
        layout.addLayout(form)
        self.status = QLabel(self.tr("Membuka basis data…"))
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.login_button = QPushButton(self.tr("&Masuk"))
        self.login_button.setObjectName("login")
        self.login_button.setDefault(True)
        self.login_button.setEnabled(False)
        self.login_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        layout.addWidget(self.login_button)
        version = QLabel(self.tr("<small>versi {version}</small>").format(version=__version__))
        version.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(version)
        self.username.setFocus()

    def set_ready(self, office_name: str) -> None:
        self.office_label.setText(office_name)
        self.status.setText("")
        self.login_button.setEnabled(True)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.login_button.setEnabled(not busy)
        self.status.setStyleSheet("")
        self.status.setText(message)

    def show_refusal(self, message: str) -> None:
        self.set_busy(False)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        if not self.username.text().strip() or not self.password.text():
            self.show_refusal(self.tr("Isi nama pengguna dan kata sandi."))
            return
        self.set_busy(True, self.tr("Memeriksa…"))
        self.submitted.emit(self.username.text(), self.password.text())

