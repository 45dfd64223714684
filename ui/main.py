"""Start the window: login first (shown at once), the office opens behind it.

Order of events: the login window appears; a worker opens the data folder and migrates the
database; if no administrator exists yet the first-run wizard replaces the login; after a good
login the main window opens.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
from pathlib import Path

# Start-up cost: what the login path needs that is not Qt is imported before PySide6. Once PySide6 is
# loaded, its import hook reads the source of every module imported after it (looking for ``__feature__``),
# which made these same imports about 30 ms slower. The heavy core (sqlmodel, the services) is imported by
# the worker that opens the office after the login is shown.
from app.errors import LoketError
from app.logfile import setup_file_logging
from app.paths import resolve_data_dir

# isort: split
from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ui.dialogs.login import LoginDialog
from ui.tasks import TaskRunner

log = logging.getLogger("loket")


def setup_logging(log_dir: Path) -> None:
    """The log file (app.logfile) and Qt's own messages routed into it."""
    setup_file_logging(log_dir)

    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def qt_handler(mode, _context, message) -> None:
        logging.getLogger("qt").log(levels.get(mode, logging.INFO), message)

    qInstallMessageHandler(qt_handler)


def take_previous_crash(crash_file: Path) -> str:
    """The report a native crash left last time (then kept as crash-<time>.txt), or ''."""
    if not crash_file.exists() or crash_file.stat().st_size == 0:
        return ""
    text = crash_file.read_text(encoding="utf-8", errors="replace")
    from datetime import datetime

    crash_file.rename(crash_file.with_name(f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"))
    return text


class StartController:
    """Login → (first run) → main window. Keeps references so nothing is garbage-collected."""

    def __init__(self, data_dir: str | None):
        self.dirs = resolve_data_dir(data_dir)
        self.runner = TaskRunner()
        self.office = None
        self.window_lock = None
        self.office_name = ""
        self.main_window = None
        self.signed_out_once = False  # the daily backup runs after the first login only
        self.wizard = None
        self.settings: QSettings | None = None
        self.login = LoginDialog()
        self.login.submitted.connect(self._login)
        self.login.rejected.connect(self._quit_if_no_window)

    def start(self) -> None:
        self.login.show()
        self.runner.run(lambda _t: self._open(), on_done=self._opened, on_error=self._open_failed)

    def _open(self):
        from app.context import open_office
        from app.datalock import window_lock
        from app.services import office as office_svc
        from app.services import setup

        # One window per data folder (a second one on the same SQLite file is refused); held until the end.
        self.window_lock = window_lock(self.dirs.root)
        office = open_office(self.dirs.root)
        profile = office_svc.get_profile(office)
        return office, profile, setup.is_set_up(office)

    def _opened(self, result) -> None:
        self.office, profile, is_set_up = result
        self.settings = QSettings(str(self.office.dirs.root / "jendela.ini"), QSettings.Format.IniFormat)
        self.office_name = f"{profile.agency.title()} {profile.region_kind.title()} {profile.region_name}" \
            if profile else ""
        if not is_set_up:
            from ui.wizards.first_run import FirstRunWizard

            self.login.hide()
            self.wizard = FirstRunWizard(self.office, self.runner)
            self.wizard.completed.connect(self._set_up_done)
            self.wizard.office_replaced.connect(self._office_replaced)
            self.wizard.rejected.connect(self._quit_if_no_window)
            self.wizard.show()
            return
        self.login.set_ready(self.office_name)
        last = self.settings.value("login/username")
        if last:
            self.login.username.setText(str(last))
            self.login.password.setFocus()

    def _office_replaced(self, office) -> None:
        """The first-run window restored a backup: the data folder was closed for it and opened again."""
        self.office = office

    def _set_up_done(self, username: str) -> None:
        from app.services import office as office_svc

        restored = self.wizard.restored_from if self.wizard is not None else None
        profile = office_svc.get_profile(self.office)
        self.office_name = f"{profile.agency.title()} {profile.region_kind.title()} {profile.region_name}" \
            if profile else ""
        self.wizard = None
        self.login.username.setText(username)
        self.login.set_ready(self.office_name)
        self.login.status.setText(QCoreApplication.translate(
            "StartController", "Penyiapan selesai. Masuk dengan akun administrator yang baru dibuat.")
            if restored is None else QCoreApplication.translate(
            "StartController", "Data kantor dipulihkan dari {file}. Masuk dengan akun Anda.").format(
                file=restored.name))
        self.login.show()
        self.login.password.setFocus()

    def _open_failed(self, exc: BaseException, tb: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        log.error("cannot open the office: %s", tb)
        QMessageBox.critical(self.login, QCoreApplication.translate("StartController", "Tidak dapat membuka data"),
                             str(exc) if str(exc) else repr(exc))
        QApplication.instance().exit(1)

    def _login(self, username: str, password: str) -> None:
        from app.services import users

        self.runner.run(lambda _t: users.login(self.office, username=username, password=password),
                        on_done=self._logged_in, on_error=self._login_failed)

    def _login_failed(self, exc: BaseException, tb: str) -> None:
        from app.errors import LoketError

        if isinstance(exc, LoketError):
            self.login.show_refusal(str(exc))
        else:
            from ui.errors import show_error

            self.login.set_busy(False)
            show_error(self.login, exc, tb)

    def _logged_in(self, actor) -> None:
        from ui.main_window import MainWindow
        from ui.session import UiSession

        if self.settings is not None:
            self.settings.setValue("login/username", actor.username)
        session = UiSession(self.office, actor, self.runner)
        first = self.main_window is None and not self.signed_out_once
        self.main_window = MainWindow(session, self.office_name, self.settings)
        self.main_window.sign_out_requested.connect(self._signed_out)
        self.main_window.show_as_last_left()
        self.login.hide()
        if first:
            self._daily_backup()

    def _signed_out(self, _reason: str) -> None:
        """Ganti pengguna: the login comes back (shown before the window closes, so the app does not quit), and
        the previous officer's window — with every case, wizard and preview window it owns — is destroyed."""
        window, self.main_window = self.main_window, None
        self.signed_out_once = True
        next_actor = window.next_actor if window is not None else None
        self.login.username.clear()
        self.login.password.clear()
        self.login.set_ready(self.office_name)
        self.login.status.setText(QCoreApplication.translate(
            "StartController", "Silakan masuk dengan akun Anda."))
        self.login.show()
        self.login.raise_()
        self.login.username.setFocus()
        for w in QApplication.topLevelWidgets():  # case windows, wizard, previews, questions: all of them
            if w is not self.login and w is not window and w.isVisible():
                w.hide()
        if window is not None:
            window.close()
            window.deleteLater()
        if next_actor is not None:
            self._logged_in(next_actor)

    def _daily_backup(self) -> None:
        """The automatic daily backup, in the background after the first login of the day."""
        from app.services import backup

        def done(info) -> None:
            if info is not None and self.main_window is not None:
                self.main_window.statusBar().showMessage(QCoreApplication.translate(
                    "StartController", "Cadangan harian dibuat: {file}").format(file=info.path.name), 10_000)

        def failed(exc: BaseException, tb: str) -> None:
            log.warning("daily backup failed: %s", tb)
            if self.main_window is not None:
                self.main_window.statusBar().showMessage(QCoreApplication.translate(
                    "StartController", "Cadangan harian gagal: {error}").format(error=exc), 15_000)

        self.runner.run(lambda _t: backup.auto_backup(self.office), on_done=done, on_error=failed)

    def _quit_if_no_window(self) -> None:
        if self.main_window is None:
            QApplication.instance().quit()


def start_language(app: QApplication, data_root: Path, cli_value: str | None) -> str:
    """Install the interface language before any window exists (``--language``, env, config.json)."""
    from app.config import LocalConfig
    from app.errors import LoketError
    from ui import i18n

    try:
        configured = LocalConfig.load(data_root / "config.json").language
    except LoketError:
        configured = None  # a broken config.json is reported when the office opens
    language = i18n.install(i18n.choose_language(cli_value, configured), app)
    log.info("interface language: %s", language)
    return language


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="loket-pbi")
    parser.add_argument("--data-dir")
    parser.add_argument("--language", help="id (Bahasa Indonesia) or en (English); default: config.json")
    args, _unknown = parser.parse_known_args(argv)
    try:
        dirs = resolve_data_dir(args.data_dir).ensure()
    except LoketError as exc:  # e.g. two offices on this PC (app.machine_folder): say what to do
        from PySide6.QtWidgets import QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Loket PBI", str(exc))
        return 1
    setup_logging(dirs.logs)
    crash_file = dirs.logs / "crash.txt"
    previous_crash = take_previous_crash(crash_file)
    crash_handle = crash_file.open("a", encoding="utf-8")
    faulthandler.enable(crash_handle)  # a native crash leaves its traceback here

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loket PBI")
    app.setOrganizationName("Dinas Sosial")
    from PySide6.QtGui import QIcon

    from app.paths import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "loket-pbi.png"))))
    start_language(app, dirs.root, args.language)

    def excepthook(exc_type, exc, tb) -> None:
        import traceback

        from ui.errors import show_error  # error dialogs are imported when needed, not at start-up

        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", text)
        show_error(QApplication.activeWindow(), exc, text)

    sys.excepthook = excepthook
    controller = StartController(str(dirs.root))
    controller.start()
    if previous_crash:
        from ui.errors import ErrorReportDialog, build_report

        ErrorReportDialog(build_report(QCoreApplication.translate(
            "StartController", "Loket PBI berhenti tiba-tiba pada penggunaan sebelumnya.") + "\n\n" + previous_crash),
            controller.login).show()
    code = app.exec()
    controller.runner.wait(10_000)
    if controller.office is not None:
        controller.office.close()
    return code
