"""Backups from the window (Settings → Cadangan): make one now, restore one after a confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import backup
from ui.dialogs.restore_questions import (
    ask_admin_password,
    ask_backup_password,
    ask_recovery_key,
    backup_file_filter,
    secret_needed,
)
from ui.errors import show_error
from ui.session import UiSession


class BackupPanel(QWidget):
    def __init__(self, session: UiSession):
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.make_button = QPushButton(self.tr("&Buat cadangan sekarang"))
        self.make_button.setObjectName("make_backup")
        self.restore_button = QPushButton(self.tr("&Pulihkan dari cadangan…"))
        self.restore_button.setObjectName("restore_backup")
        row.addWidget(self.make_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # checking and restoring a backup unpacks it whole: a bar, and "Batalkan" until the data is swapped
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("backup_progress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("&Batalkan"))
        self.cancel_button.setObjectName("cancel_restore")
        self.cancel_button.setToolTip(self.tr("Hentikan pemeriksaan atau pemulihan; data yang ada tidak diubah"))
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self.task = None
        self._show_progress(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.make_button.clicked.connect(self.make_now)
        self.restore_button.clicked.connect(self.choose_restore)
        self.restore_button.setEnabled(session.office.db.is_sqlite)

    def make_now(self) -> None:
        office, actor = self.session.office, self.session.actor
        self.make_button.setEnabled(False)
        self.status.setText(self.tr("Membuat cadangan…"))

        def done(info: backup.BackupInfo) -> None:
            self.make_button.setEnabled(True)
            self.status.setStyleSheet("color: #1b5e20;")
            self.status.setText(self.tr("Cadangan dibuat: {path} ({files} berkas, {size} MB).").format(
                path=info.path, files=info.files, size=f"{info.size / 1_048_576:.1f}"))

        def failed(exc: BaseException, tb: str) -> None:
            self.make_button.setEnabled(True)
            self.status.setText("")
            show_error(self, exc, tb)

        self.session.runner.run(lambda _t: backup.make_backup(office, actor=actor), on_done=done, on_error=failed)

    def _show_progress(self, on: bool) -> None:
        """While a backup is checked or restored: the bar and "Batalkan", and no second backup or restore."""
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.make_button.setEnabled(not on)
        self.restore_button.setEnabled(not on and self.session.office.db.is_sqlite)

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        if message:
            self.progress.setFormat(self.tr("%p% · {files} berkas").format(files=message))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Membatalkan…"))

    def choose_restore(self) -> None:
        start = str(backup.backup_folder(self.session.office))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas cadangan"), start, backup_file_filter())
        if path:
            self.check_then_confirm(Path(path))

    def check_then_confirm(self, path: Path, password: str | None = None, recovery_key: str | None = None) -> None:
        """Check the whole backup first (in the worker); only a sound backup is offered for restoring."""
        from app.services import restore as restore_svc

        self.status.setStyleSheet("")
        self.status.setText(self.tr("Memeriksa {file}…").format(file=path.name))
        dirs = self.session.office.dirs

        def checked(check: restore_svc.BackupCheck) -> None:
            self.task = None
            self._show_progress(False)
            self.status.setText("")
            manifest = check.manifest
            answer = QMessageBox.question(
                self, self.tr("Pulihkan cadangan"),
                self.tr("Cadangan {file} utuh: dibuat {created} (UTC) oleh Loket PBI {version}, {files} berkas.\n\n"
                        "Semua data saat ini akan DIGANTI dengan isi cadangan ini. Data saat ini disimpan dulu di "
                        "folder backups/sebelum-pulih-… . Setelah pemulihan aplikasi ditutup; bukalah kembali.\n\n"
                        "Lanjutkan pemulihan?").format(
                    file=path.name, created=str(manifest.get("created_at", "?"))[:16].replace("T", " "),
                    version=manifest.get("app_version", "?"), files=check.files))
            if answer != QMessageBox.StandardButton.Yes:
                return
            discard = False
            if check.newer is not None:
                second = QMessageBox.warning(
                    self, self.tr("Data saat ini lebih baru"),
                    check.newer.text() + "\n\n" + self.tr("Tetap pulihkan dan buang pekerjaan itu dari data yang "
                                                           "dipakai?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel)
                if second != QMessageBox.StandardButton.Yes:
                    return
                discard = True
            admin_password = ask_admin_password(self, self.session.actor.username)
            if admin_password:
                self.restore(path, password, admin_password, discard, recovery_key)

        def failed(exc: BaseException, tb: str) -> None:
            self.task = None
            self._show_progress(False)
            self.status.setText("")
            if isinstance(exc, restore_svc.RestoreCancelled):
                self.status.setText(str(exc))  # what the officer asked for: no error box
                return
            needed = secret_needed(exc, password=password, recovery_key=recovery_key)
            if needed == "recovery_key":
                key = ask_recovery_key(self, str(exc))
                if key:
                    self.check_then_confirm(path, password, key)
                return
            if needed == "password":
                given = ask_backup_password(self)
                if given:
                    self.check_then_confirm(path, given, recovery_key)
                return
            show_error(self, exc, tb)

        self._show_progress(True)
        self.task = self.session.runner.run(
            lambda t: restore_svc.check_backup(dirs, path, password=password, recovery_key=recovery_key,
                                               progress=t.report, cancelled=t.is_cancelled),
            on_done=checked, on_error=failed, on_progress=self._progress)

    def restore(self, path: Path, password: str | None, admin_password: str, discard_newer: bool,
                recovery_key: str | None = None) -> None:
        """Close the office, replace the data, and end the program so it starts on the restored data."""
        office, username = self.session.office, self.session.actor.username
        self.make_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.status.setText(self.tr("Memulihkan… jangan matikan komputer."))

        def work(t):
            office.close()  # releases this window's hold on the data: the restore needs it alone
            return backup.restore(office.dirs, path, username=username, password=admin_password,
                                  backup_password=password, recovery_key=recovery_key,
                                  discard_newer=discard_newer, progress=t.report, cancelled=t.is_cancelled)

        def done(res) -> None:
            QMessageBox.information(self, self.tr("Pemulihan selesai"),
                                    self.tr("Data dipulihkan dari {file}. Data sebelumnya disimpan di {aside}.\n"
                                            "Aplikasi sekarang ditutup; bukalah kembali.").format(file=path.name,
                                                                                                  aside=res.aside))
            QApplication.instance().exit(0)

        def failed(exc: BaseException, tb: str) -> None:
            from app.services.restore import RestoreCancelled

            self.task = None
            self._show_progress(False)
            self.status.setText("")
            if not isinstance(exc, RestoreCancelled):  # a cancel is what the officer asked for: no error box
                show_error(self, exc, tb)
            QMessageBox.warning(self, self.tr("Pemulihan tidak dilakukan"),
                                self.tr("Pemulihan tidak selesai; data yang ada tidak diubah. Aplikasi ditutup; "
                                        "bukalah kembali sebelum bekerja lagi."))
            QApplication.instance().exit(1)

        # Wait for any other background work on this database before closing it.
        self.session.runner.wait(30_000)
        self._show_progress(True)
        self.task = self.session.runner.run(work, on_done=done, on_error=failed, on_progress=self._progress)


class PasswordButton(QWidget):
    """Set the password of encrypted backups or batch ZIPs (stored apart from the audited settings)."""

    def __init__(self, session: UiSession, label: str, kind: str):
        super().__init__()
        self.session, self.label, self.kind = session, label, kind
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if kind == "backup":
            self.button_text = self.tr("Atur kata sandi cadangan…")
            self.prompt = self.tr("Kata sandi cadangan (minimal 8 karakter):")
        elif kind == "batches":
            self.button_text = self.tr("Atur kata sandi ZIP batch…")
            self.prompt = self.tr("Kata sandi ZIP batch (minimal 8 karakter):")
        else:
            self.button_text = self.tr("Atur kata sandi {label}…").format(label=label)
            self.prompt = self.tr("Kata sandi {label} (minimal 8 karakter):").format(label=label)
        self.button = QPushButton(self.button_text)
        self.button.setObjectName(f"password_{kind}")
        self.status = QLabel("")
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        self.button.clicked.connect(self.ask)

    def ask(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Kata sandi"), self.prompt,
                                        QLineEdit.EchoMode.Password)
        if ok:
            self.set_password(text)

    def set_password(self, password: str) -> None:
        from app.services import batches

        office, actor = self.session.office, self.session.actor
        fn = backup.set_backup_password if self.kind == "backup" else batches.set_batch_password

        def done(_r) -> None:
            self.status.setStyleSheet("color: #1b5e20;")
            self.status.setText(self.tr("Kata sandi disimpan."))

        self.session.runner.run(lambda _t: fn(office, actor=actor, password=password), on_done=done,
                                on_error=lambda e, tb: show_error(self, e, tb))
