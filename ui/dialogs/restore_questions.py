"""The questions a restore asks (Pengaturan → Cadangan and the first-run window share them).

A backup is checked in full first (``restore.check_backup``, in the worker); what the check refuses for want of
a secret tells which one to ask: the office's recovery key (an encrypted backup, or sealed data, from another
PC) or the password of an earlier version's password-protected backup. The restore itself then needs an
administrator's sign-in: of the current data, or — on a new PC — of the backup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def backup_file_filter() -> str:
    return QCoreApplication.translate("RestoreQuestions", "Cadangan Loket PBI (*.zip.enc *.zip)")


def secret_needed(exc: BaseException, *, password: str | None, recovery_key: str | None) -> str | None:
    """Which secret the check refused for want of: ``"recovery_key"``, ``"password"``, or None (another error,
    or that secret was given already and is wrong — the error is then shown as it is)."""
    from app.services.keys import RecoveryKeyNeeded

    if recovery_key is None and isinstance(exc, RecoveryKeyNeeded):
        return "recovery_key"
    if password is None and "kata sandi" in str(exc).lower():
        return "password"
    return None


def ask_recovery_key(parent: QWidget | None, message: str) -> str | None:
    """The office's recovery key, as the administrator wrote it down (None: not given)."""
    title = QCoreApplication.translate("RestoreQuestions", "Kunci pemulihan kantor")
    prompt = QCoreApplication.translate("RestoreQuestions", "Kunci pemulihan (13 kelompok huruf/angka):")
    text, ok = QInputDialog.getText(parent, title, message + "\n\n" + prompt)
    return text.strip() if ok and text.strip() else None


def ask_backup_password(parent: QWidget | None) -> str | None:
    """The password of a password-protected backup (None: not given)."""
    title = QCoreApplication.translate("RestoreQuestions", "Cadangan terenkripsi")
    prompt = QCoreApplication.translate("RestoreQuestions", "Kata sandi cadangan:")
    text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_admin_password(parent: QWidget | None, username: str) -> str | None:
    """The signed-in administrator's password, which the restore checks again (None: not given)."""
    title = QCoreApplication.translate("RestoreQuestions", "Masuk sebagai administrator")
    prompt = QCoreApplication.translate("RestoreQuestions", "Pemulihan perlu kata sandi administrator {user}:")
    text, ok = QInputDialog.getText(parent, title, prompt.format(user=username), QLineEdit.EchoMode.Password)
    return text if ok and text else None


class BackupAdminDialog(QDialog):
    """An administrator of the backup signs in (a new PC has no users of its own yet): name and password."""

    def __init__(self, intro: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backup_admin_dialog")
        self.setWindowTitle(self.tr("Masuk sebagai administrator cadangan"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setObjectName("backup_admin_intro")
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("backup_admin_username")
        self.password = QLineEdit()
        self.password.setObjectName("backup_admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Pulihkan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok.setEnabled(False)
        self.username.textChanged.connect(self._changed)
        self.password.textChanged.connect(self._changed)
        self.setMinimumWidth(480)

    def _changed(self) -> None:
        self.ok.setEnabled(bool(self.username.text().strip() and self.password.text()))

    def credentials(self) -> tuple[str, str]:
        return self.username.text().strip(), self.password.text()
