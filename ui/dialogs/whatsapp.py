"""Kabari pemohon lewat WhatsApp: the message the core prepared (receipt, or letter ready to be picked up), the
number it goes to (the applicant's, or one the officer types), and a button that opens it in the officer's own
WhatsApp through a ``wa.me`` link. No account, no server: WhatsApp itself sends it when the officer presses Send.

    WhatsAppDialog(session, case_id, "receipt", parent=self).open()
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import LoketError
from app.services import whatsapp
from ui.errors import show_error
from ui.session import UiSession
from ui.widgets import fit_to_screen


class WhatsAppDialog(QDialog):
    def __init__(self, session: UiSession, case_id: int, kind: str, *, letter_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case_id, self.kind, self.letter_id = session, case_id, kind, letter_id
        self.message: whatsapp.ApplicantMessage | None = None
        self.opened_url = ""
        self.asked_for: str | None = None  # the number text of the last request (editingFinished repeats itself)
        self.closed = False
        self.setObjectName("whatsapp_dialog")
        self.setWindowTitle(self.tr("Kabari pemohon lewat WhatsApp"))
        layout = QVBoxLayout(self)
        title = {"receipt": self.tr("Tanda terima berkas"), "ready": self.tr("Surat siap diambil")}.get(kind, kind)
        layout.addWidget(QLabel(f"<h3>{title}</h3>"))
        form = QFormLayout()
        self.phone = QLineEdit()
        self.phone.setObjectName("wa_phone")
        self.phone.setPlaceholderText(self.tr("mis. 0812 3456 7890"))
        form.addRow(self.tr("Nomor &HP pemohon:"), self.phone)
        layout.addLayout(form)
        self.status = QLabel("")
        self.status.setObjectName("wa_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.text = QPlainTextEdit()
        self.text.setObjectName("wa_text")
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel(self.tr("<small>Teks dapat diubah di WhatsApp sebelum dikirim. Bentuk pesan diatur "
                                        "administrator di Pengaturan → Loket dan pesan.</small>")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Buka di WhatsApp"))
        self.open_button.setObjectName("wa_open")
        self.open_button.setEnabled(False)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open)
        layout.addWidget(self.buttons)
        self.phone.editingFinished.connect(self._prepare)
        self.phone.returnPressed.connect(self._prepare)
        fit_to_screen(self, 560, 460)
        self._prepare(first=True)

    def _prepare(self, first: bool = False) -> None:
        """Ask the core for the message to the number in the field (the first time: the recorded number)."""
        o, a, cid, kind, lid = self.session.office, self.session.actor, self.case_id, self.kind, self.letter_id
        typed = None if first else self.phone.text()
        if not first and typed == self.asked_for:
            return
        self.asked_for = typed
        self.open_button.setEnabled(False)

        def work(_t):
            return whatsapp.message_for_case(o, actor=a, case_id=cid, kind=kind, phone=typed, letter_id=lid)

        self.session.runner.run(work, on_done=self._ready, on_error=self._refused)

    def _ready(self, message: whatsapp.ApplicantMessage) -> None:
        if self.closed:
            return
        self.message = message
        if not self.phone.text().strip():
            self.phone.setText("0" + message.phone[2:])
            self.asked_for = self.phone.text()
        self.text.setPlainText(message.text)
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(self.tr("Pesan siap dikirim ke +{phone}.").format(phone=message.phone))
        self.open_button.setEnabled(True)

    def _refused(self, exc: BaseException, tb: str) -> None:
        if self.closed:
            return
        self.message = None
        if isinstance(exc, LoketError):
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(exc))
            self.phone.setFocus()
        else:
            show_error(self, exc, tb)

    def _open(self) -> None:
        m = self.message
        if m is None:
            return
        self.opened_url = m.url
        if not QDesktopServices.openUrl(QUrl(m.url)):
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(self.tr("WhatsApp tidak dapat dibuka di komputer ini. Pasang WhatsApp Desktop atau "
                                        "buka web.whatsapp.com, lalu coba lagi."))
            return
        o, a = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: whatsapp.record_sent(o, actor=a, message=m),
                                on_error=lambda e, tb: show_error(self, e, tb))
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(self.tr("WhatsApp dibuka; tekan Kirim di WhatsApp."))
        self.accept()

    def done(self, result: int) -> None:
        self.closed = True  # answers still on their way find no widgets
        super().done(result)
