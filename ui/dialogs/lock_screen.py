"""Kunci layar: the page the main window shows instead of its content while the counter is locked.

It shows no personal data — only who locked it and when — and asks that officer's password, or lets another
officer sign in (which is Ganti pengguna: the previous officer's windows are closed, not handed over).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LockScreen(QWidget):
    """``unlock_requested(password)``: the same officer; ``switch_requested()``: another officer signs in."""

    unlock_requested = Signal(str)
    switch_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lock_screen { background: #37474f; } QFrame#lock_card { background: white; "
                           "border-radius: 8px; }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("lock_card")
        card.setMinimumWidth(420)
        card.setMaximumWidth(520)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        self.heading = QLabel(self.tr("<h2>Layar terkunci</h2>"))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)
        self.who = QLabel("")
        self.who.setObjectName("lock_who")
        self.who.setWordWrap(True)
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.who)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Kata sandi:"), self.password)
        layout.addLayout(form)
        self.status = QLabel("")
        self.status.setObjectName("lock_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.unlock_button = QPushButton(self.tr("&Buka kunci"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        layout.addWidget(self.unlock_button)
        layout.addWidget(QLabel(self.tr("<small>Petugas lain? Masuk dengan akun Anda sendiri; jendela petugas "
                                        "sebelumnya ditutup.</small>")))
        self.switch_button = QPushButton(self.tr("Masuk sebagai &pengguna lain"))
        self.switch_button.setObjectName("lock_switch")
        layout.addWidget(self.switch_button)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.unlock_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_requested)

    def show_for(self, full_name: str, username: str, at_text: str, idle: bool) -> None:
        why = self.tr("tidak ada aktivitas") if idle else self.tr("dikunci oleh petugas")
        self.who.setText(self.tr("Digunakan oleh <b>{name}</b> ({username}).<br>Terkunci sejak {at} ({why}).")
                         .format(name=full_name, username=username, at=at_text, why=why))
        self.password.clear()
        self.set_busy(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Masukkan kata sandi Anda untuk melanjutkan."))
        self.password.setFocus()

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.unlock_button.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if message:
            self.status.setStyleSheet("")
            self.status.setText(message)

    def show_refusal(self, message: str) -> None:
        self.set_busy(False)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        if not self.password.text():
            self.show_refusal(self.tr("Ketik kata sandi Anda."))
            return
        self.set_busy(True, self.tr("Memeriksa…"))
        self.unlock_requested.emit(self.password.text())
