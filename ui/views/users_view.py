"""Users and their roles (administrator)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.permissions import ROLES
from app.services import users
from ui.errors import show_error
from ui.session import UiSession
from ui.widgets import readonly_table


class RolePicker(QWidget):
    def __init__(self, selected: tuple[str, ...] = ()):
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(ROLES.items()):
            box = QCheckBox(label)
            box.setObjectName(f"role_{code}")
            box.setChecked(code in selected)
            self.boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)

    def roles(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class UserDialog(QDialog):
    """Add a user, or change an existing user's roles."""

    def __init__(self, parent=None, existing: users.UserInfo | None = None):
        super().__init__(parent)
        self.existing = existing
        self.setWindowTitle(self.tr("Ubah peran pengguna") if existing else self.tr("Tambah pengguna"))
        form = QFormLayout(self)
        self.username = QLineEdit(existing.username if existing else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(existing is not None)
        self.full_name = QLineEdit(existing.full_name if existing else "")
        self.full_name.setObjectName("full_name")
        self.full_name.setReadOnly(existing is not None)
        self.nip = QLineEdit(existing.nip or "" if existing else "")
        self.nip.setObjectName("nip")
        self.nip.setReadOnly(existing is not None)
        self.counter = QLineEdit(existing.counter or "" if existing else "")
        self.counter.setObjectName("counter")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles = RolePicker(existing.roles if existing else ())
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Nama lengkap"), self.full_name)
        form.addRow(self.tr("NIP"), self.nip)
        form.addRow(self.tr("Loket"), self.counter)
        if existing is None:
            form.addRow(self.tr("Kata sandi awal"), self.password)
        form.addRow(self.tr("Peran"), self.roles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class UsersView(QWidget):
    COLUMNS = (QT_TRANSLATE_NOOP("UsersView", "Nama pengguna"), QT_TRANSLATE_NOOP("UsersView", "Nama lengkap"),
               QT_TRANSLATE_NOOP("UsersView", "Loket"), QT_TRANSLATE_NOOP("UsersView", "Status"),
               QT_TRANSLATE_NOOP("UsersView", "Peran"))

    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.rows: list[users.UserInfo] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Pengguna dan peran</h2>")))
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Tambah pengguna…"))
        self.add_button.setObjectName("add_user")
        self.roles_button = QPushButton(self.tr("Ubah &peran…"))
        self.toggle_button = QPushButton(self.tr("&Nonaktifkan"))
        self.toggle_button.setObjectName("toggle_user")
        for b in (self.add_button, self.roles_button, self.toggle_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = readonly_table([QCoreApplication.translate("UsersView", c) for c in self.COLUMNS], "users_table")
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self.add_user)
        self.roles_button.clicked.connect(self.edit_roles)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        self.session.runner.run(lambda _t: users.list_users(self.session.office, actor=self.session.actor),
                                on_done=self._fill, on_error=lambda e, tb: show_error(self, e, tb))

    def _fill(self, rows: list[users.UserInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, u in enumerate(rows):
            values = (u.username, u.full_name, u.counter or "-", self.tr("aktif") if u.active else self.tr("nonaktif"),
                      ", ".join(ROLES.get(x, x) for x in u.roles))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if not u.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> users.UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        u = self.selected()
        self.roles_button.setEnabled(u is not None)
        self.toggle_button.setEnabled(u is not None)
        self.toggle_button.setText(self.tr("&Aktifkan") if u is not None and not u.active else self.tr("&Nonaktifkan"))

    def _run(self, fn) -> None:
        self.session.runner.run(fn, on_done=lambda _r: self.refresh(), on_error=lambda e, tb: show_error(self, e, tb))

    def add_user(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        office, actor = self.session.office, self.session.actor
        values = dict(username=dialog.username.text(), full_name=dialog.full_name.text(),
                      password=dialog.password.text(), roles=dialog.roles.roles(),
                      nip=dialog.nip.text().strip() or None, counter=dialog.counter.text().strip() or None)
        self._run(lambda _t: users.add_user(office, actor=actor, **values))

    def edit_roles(self) -> None:
        u = self.selected()
        if u is None:
            return
        dialog = UserDialog(self, existing=u)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        roles = dialog.roles.roles()
        office, actor = self.session.office, self.session.actor
        self._run(lambda _t: users.set_roles(office, actor=actor, username=u.username, roles=roles))

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None:
            return
        if u.active and QMessageBox.question(
                self, self.tr("Nonaktifkan pengguna"),
                self.tr("Nonaktifkan {name}? Ia tidak dapat masuk lagi.").format(name=u.full_name)) != \
                QMessageBox.StandardButton.Yes:
            return
        office, actor = self.session.office, self.session.actor
        self._run(lambda _t: users.set_active(office, actor=actor, username=u.username, active=not u.active))

