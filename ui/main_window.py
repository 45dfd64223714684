"""The main window: navigation on the left, the current screen on the right.

It also guards who is at the counter: **Kunci layar** (Ctrl+L, and by itself after the office's idle minutes)
replaces everything with the lock screen and hides every other window; **Ganti pengguna** closes this window
and all of the officer's windows and goes back to the login (``sign_out_requested``; ``ui/main.py`` does the
rest). Both are audited by the core.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from app import __version__
from app.rules.permissions import role_label
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs import get as get_definition
from app.services import counter, users
from app.services import drafts as drafts_svc
from app.services import settings as settings_svc
from app.timeutil import utcnow
from ui.dialogs.lock_screen import LockScreen
from ui.errors import show_error
from ui.i18n import LANGUAGES, current_language
from ui.models.case_table import moment_words
from ui.session import UiSession
from ui.session_guard import HiddenWindows, IdleWatcher, clear_clipboard
from ui.views.batches_view import BatchesView
from ui.views.case_detail import CaseDetailDialog
from ui.views.case_list import CaseListView
from ui.views.complaints_view import ComplaintsView
from ui.views.dashboard_view import DashboardView
from ui.views.dtsen_import import DtsenImportView
from ui.views.dtsen_lookup import DtsenLookupView
from ui.views.jamkesda_view import JamkesdaView
from ui.views.queue_view import QueueView
from ui.wizards.service_wizard import ServiceWizard


class MainWindow(QMainWindow):
    """``sign_out_requested(reason)``: the officer leaves (Ganti pengguna, or another officer at the lock
    screen); the owner closes this window and shows the login."""

    sign_out_requested = Signal(str)

    def __init__(self, session: UiSession, office_name: str, settings: QSettings | None = None):
        super().__init__()
        self.session = session
        self.settings = settings
        self.locked = False
        self.signing_out = False
        self.next_actor = None  # set when signing out straight into another account (roles changed)
        self.hidden = HiddenWindows()
        self.idle: IdleWatcher | None = None
        self.setWindowTitle(self.tr("Loket PBI — {office}").format(office=office_name))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(240)
        self.nav.setMinimumWidth(180)
        self.nav.setStyleSheet("QListWidget#nav { font-size: 11pt; } QListWidget#nav::item { padding: 8px 6px; }")
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.content = splitter
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.lock_screen.switch_requested.connect(lambda: self.request_sign_out("lock"))
        self.root = QStackedWidget()
        self.root.addWidget(self.content)
        self.root.addWidget(self.lock_screen)
        self.setCentralWidget(self.root)
        self.pages: dict[str, object] = {}

        self.detail_windows: dict[int, CaseDetailDialog] = {}
        self.wizard: ServiceWizard | None = None
        self.queue = QueueView(session, on_open_case=self.open_case, on_new_case=self.new_case)
        self.queue.drafts.on_resume = self.resume_draft
        self._add_page("queue", self.tr("Antrean hari ini"), self.queue, "Ctrl+0")
        self.lookup = DtsenLookupView(session)
        self._add_page("lookup", self.tr("Cek NIK di DTSEN"), self.lookup, "Ctrl+1")
        if session.may("case.view"):
            self.case_list = CaseListView(session, on_open_case=self.open_case)
            self._add_page("cases", self.tr("Daftar berkas"), self.case_list, "Ctrl+3")
        if session.may("complaint.view"):
            self.complaints = ComplaintsView(session)
            self._add_page("complaints", self.tr("Pengaduan"), self.complaints, "Ctrl+4")
        if session.may("case.view"):
            self.jamkesda = JamkesdaView(session)
            self._add_page("jamkesda", self.tr("Peringkat Jamkesda"), self.jamkesda, "Ctrl+5")
        if session.may("survey.report"):  # the supervising roles
            self.dashboard = DashboardView(session, on_open_case=self.open_case)
            self._add_page("dashboard", self.tr("Dasbor"), self.dashboard, "Ctrl+6")
        if session.may("batch.list"):
            self.batches = BatchesView(session)
            self._add_page("batches", self.tr("Batch bulanan"), self.batches, "Ctrl+7")
        if session.may("network.view"):  # kelurahan–Dinas exchange (SPEC §8)
            from ui.views.network_view import NetworkView

            self.network = NetworkView(session)
            self._add_page("network", self.tr("Jaringan"), self.network, "Ctrl+8")
        if session.may("dtsen.import"):
            self.importer = DtsenImportView(session)
            self.importer.on_imported = self.lookup.refresh_count
            self._add_page("import", self.tr("Impor data DTSEN"), self.importer, "Ctrl+2")
        if session.may("settings.edit"):
            from ui.views.settings_view import SettingsView

            self.settings_view = SettingsView(session)
            self._add_page("settings", self.tr("Pengaturan"), self.settings_view, "Ctrl+9")
            from ui.views.first_day import FirstDayPanel

            self.first_day = FirstDayPanel(session, on_open=self.open_place)
            self.queue.layout().insertWidget(1, self.first_day)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._page_shown)
        self.nav.setCurrentRow(0)

        roles = ", ".join(role_label(r) for r in sorted(session.actor.roles))
        user_label = QLabel(f"{session.actor.full_name} — {roles} — {session.office.config.counter}")
        user_label.setObjectName("user_label")
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().showMessage(self.tr("Siap."), 5000)

        menu = self.menuBar().addMenu(self.tr("&Berkas"))
        self.lock_action = QAction(self.tr("&Kunci layar"), self)
        self.lock_action.setObjectName("lock_action")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock("manual"))
        menu.addAction(self.lock_action)
        self.switch_action = QAction(self.tr("&Ganti pengguna…"), self)
        self.switch_action.setObjectName("switch_action")
        self.switch_action.triggered.connect(lambda: self.request_sign_out("switch"))
        menu.addAction(self.switch_action)
        menu.addSeparator()
        for name, keys, slot in ((self.tr("Berkas &baru…"), "F2", self.choose_new_case),
                                 (self.tr("&Muat ulang"), "F5", self.refresh_current)):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.addSeparator()
        language_menu = menu.addMenu(self.tr("&Bahasa antarmuka"))
        language_menu.setObjectName("language_menu")
        self.language_actions = QActionGroup(self)
        for code, name in LANGUAGES.items():  # each language named in itself
            action = QAction(name, self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_actions.addAction(action)
            language_menu.addAction(action)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Keluar"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Bantuan"))
        about = QAction(self.tr("&Tentang Loket PBI"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        self.resize(1100, 720)
        self.restored = False
        if settings is not None and settings.value("main/geometry") is not None:
            self.restored = bool(self.restoreGeometry(settings.value("main/geometry")))
        office = session.office
        session.runner.run(lambda _t: counter.load_settings(office).idle_lock_minutes, on_done=self._start_idle_watch,
                           on_error=lambda _e, _tb: self._start_idle_watch(counter.CounterSettings().idle_lock_minutes))

    def show_as_last_left(self) -> None:
        """Maximised the first time; afterwards as the officer last left it (size, place, maximised or not)."""
        if self.restored:
            self.show()
        else:
            self.showMaximized()

    def _add_page(self, key: str, title: str, widget, shortcut: str) -> None:
        self.pages[key] = widget
        item = QListWidgetItem(title)
        item.setToolTip(f"{title} ({shortcut})")
        self.nav.addItem(item)
        self.stack.addWidget(widget)
        index = self.stack.count() - 1
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: self.nav.setCurrentRow(index))
        self.addAction(action)

    # ------------------------------------------------------------------ cases
    def open_case(self, case_id: int) -> None:
        """The case in its own window (one per case); moves there refresh the lists."""
        win = self.detail_windows.get(case_id)
        if win is None:
            win = CaseDetailDialog(self.session, case_id, on_changed=lambda _info: self.cases_changed(), parent=self)
            win.finished.connect(lambda _r, cid=case_id: self.detail_windows.pop(cid, None))
            self.detail_windows[case_id] = win
        win.show()
        win.raise_()
        win.activateWindow()

    def new_case(self, service_code: str, draft_id: int | None = None) -> None:
        """Read the service definition and the rules (and the draft, when resuming one) in a worker, then start
        the wizard."""
        s = self.session

        def work(_t):
            draft = drafts_svc.load_draft(s.office, actor=s.actor, draft_id=draft_id) if draft_id else None
            code = draft.service_code if draft else service_code
            return (get_definition(s.office, code), settings_svc.load(s.office, RULES_SECTION, RuleSettings), draft)

        def ready(result) -> None:
            defn, cfg, draft = result
            self.wizard = ServiceWizard(s, defn, cfg, on_saved=lambda _info: self.cases_changed(), parent=self,
                                        draft=draft, on_drafts_changed=self.queue.drafts.refresh)
            self.wizard.setWindowModality(Qt.WindowModality.WindowModal)
            self.wizard.show()

        s.runner.run(work, on_done=ready, on_error=lambda e, tb: show_error(self, e, tb))

    def resume_draft(self, draft_id: int) -> None:
        """A wizard saved half-way, opened again with its pages filled in (the NIK is checked again)."""
        self.new_case("", draft_id=draft_id)

    def cases_changed(self) -> None:
        self.queue.refresh()
        for key in ("cases", "jamkesda", "dashboard"):
            page = self.pages.get(key)
            if page is not None and hasattr(page, "refresh"):
                page.refresh()

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _page_shown(self, row: int) -> None:
        first_day = getattr(self, "first_day", None)
        if first_day is not None and list(self.pages)[row] == "queue":
            first_day.refresh()  # the administrator may have just done one of its lines

    def open_place(self, place: str) -> None:
        """A page (``import``) or a settings tab (``settings:<tab>``), e.g. from the first-day checklist."""
        key, _, tab = place.partition(":")
        if key in self.pages:
            self.show_page(key)
            if tab and hasattr(self.pages[key], "show_tab"):
                self.pages[key].show_tab(tab)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ keyboard
    def choose_new_case(self) -> None:
        """F2: the services as a menu at the queue's "Layanan baru" row (arrow keys and Enter)."""
        if self.locked:
            return
        if not self.session.may("case.open") or not self.queue.new_buttons:
            self.statusBar().showMessage(self.tr("Anda tidak membuka berkas baru (peran Anda tidak menerima "
                                                 "permohonan)."), 5000)
            return
        self.show_page("queue")
        menu = QMenu(self)
        menu.setObjectName("new_case_menu")
        for code, button in self.queue.new_buttons.items():
            action = menu.addAction(button.text())
            action.setObjectName(f"new_case_{code}")
            action.triggered.connect(lambda _=False, c=code: self.new_case(c))
        self.new_case_menu = menu
        anchor = self.queue.new_label
        menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def refresh_current(self) -> None:
        """F5: read the current screen again."""
        page = self.stack.currentWidget()
        if not self.locked and page is not None and hasattr(page, "refresh"):
            page.refresh()
            self.statusBar().showMessage(self.tr("Dimuat ulang."), 2000)

    # ------------------------------------------------------------------ Kunci layar and Ganti pengguna
    def _start_idle_watch(self, minutes: int) -> None:
        self.idle = IdleWatcher(int(minutes) * 60_000, self)
        self.idle.idle.connect(lambda: self.lock("idle"))

    def lock(self, reason: str = "manual") -> None:
        """Hide everything personal: every other window, this window's content and menus; ask the password."""
        if self.locked or self.signing_out:
            return
        self.locked = True
        if self.idle is not None:
            self.idle.paused = True
        self.hidden.hide_all(keep=self)
        self.root.setCurrentWidget(self.lock_screen)
        self.content.setEnabled(False)  # no shortcut of a hidden page may act
        self.menuBar().setEnabled(False)
        for action in self.actions():
            action.setEnabled(False)
        self.statusBar().clearMessage()
        a = self.session.actor
        self.lock_screen.show_for(a.full_name, a.username, moment_words(utcnow(), self._tz()), reason == "idle")
        office = self.session.office
        self.session.runner.run(lambda _t: users.record_session_event(office, actor=a, action="screen.lock",
                                                                      reason=reason),
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _tz(self) -> str:
        ctx = self.queue.ctx
        return ctx.tz if ctx is not None else "WIB"

    def _unlock(self, password: str) -> None:
        office, actor = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: users.unlock(office, actor=actor, password=password),
                                on_done=self._unlocked, on_error=self._unlock_failed)

    def _unlock_failed(self, exc: BaseException, tb: str) -> None:
        from app.errors import LoketError

        if isinstance(exc, LoketError):
            self.lock_screen.show_refusal(str(exc))
        else:
            self.lock_screen.set_busy(False)
            show_error(self, exc, tb)

    def _unlocked(self, actor) -> None:
        if actor.roles != self.session.actor.roles:  # the administrator changed them meanwhile: a fresh window
            self.hidden.forget()
            self.request_sign_out("roles", next_actor=actor)
            return
        self.locked = False
        self.content.setEnabled(True)
        self.menuBar().setEnabled(True)
        for action in self.actions():
            action.setEnabled(True)
        self.root.setCurrentWidget(self.content)
        self.hidden.show_all()
        if self.idle is not None:
            self.idle.reset()
            self.idle.paused = False
        self.statusBar().showMessage(self.tr("Kunci dibuka."), 3000)

    def request_sign_out(self, reason: str, next_actor=None) -> None:
        """Ganti pengguna. An unsaved new-case wizard is first kept as a draft of this officer (asked when they
        chose it themselves; done for them when another officer signs in at the lock screen)."""
        if self.signing_out:
            return
        wizard = self.wizard
        open_wizard = wizard is not None and (wizard.isVisible() or wizard in self.hidden.windows)
        if open_wizard and wizard.unsaved() and self.session.may("draft.save"):
            if reason != "switch":
                self._sign_out_after_draft(wizard, reason, next_actor)
                return
            answer = QMessageBox.question(
                self, self.tr("Ganti pengguna"),
                self.tr("Isian berkas baru belum disimpan. Simpan sebagai draf Anda sebelum berganti pengguna?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._sign_out_after_draft(wizard, reason, next_actor)
                return
        self._sign_out(reason, next_actor)

    def _sign_out_after_draft(self, wizard, reason: str, next_actor) -> None:
        self.lock_screen.set_busy(True, self.tr("Menyimpan isian berkas baru sebagai draf petugas sebelumnya…"))
        done = {"ok": False}

        def finished(_result: int) -> None:
            done["ok"] = True
            self._sign_out(reason, next_actor)

        def watch() -> None:  # a failed save leaves the wizard open (its own message says why): stay
            if not done["ok"] and not wizard.draft_saving:
                self.lock_screen.show_refusal(self.tr("Draf berkas baru tidak dapat disimpan; minta petugas "
                                                      "sebelumnya membuka kunci dan menyimpannya."))
            elif not done["ok"]:
                QTimer.singleShot(200, watch)

        wizard.finished.connect(finished)
        wizard.close_after_draft = True
        wizard.save_draft()
        QTimer.singleShot(200, watch)

    def _sign_out(self, reason: str, next_actor=None) -> None:
        self.signing_out = True
        if self.idle is not None:
            self.idle.stop()
        self.hidden.forget()
        clear_clipboard()
        a, office = self.session.actor, self.session.office
        self.session.runner.run(lambda _t: users.record_session_event(office, actor=a, action="logout",
                                                                      reason=reason))
        self.next_actor = next_actor
        self.sign_out_requested.emit(reason)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("Tentang Loket PBI"),
                          self.tr("<b>Loket PBI</b> versi {version}<br>Layanan PBI JK dan Jamkesda untuk Dinas Sosial."
                                  "<br>Data: {folder}").format(version=__version__,
                                                               folder=self.session.office.dirs.root))

    def set_language(self, code: str) -> None:
        """Save this PC's interface language in config.json; it applies when the app starts again."""
        office = self.session.office
        office.config.language = code
        try:
            office.config.save(office.config_path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Perhatian"),
                                self.tr("Pilihan bahasa tidak dapat disimpan: {error}").format(error=exc))
            return
        QMessageBox.information(
            self, self.tr("Bahasa antarmuka"),
            self.tr("Bahasa antarmuka komputer ini: {language}. Pilihan ini berlaku setelah Loket PBI ditutup dan "
                    "dibuka kembali.").format(language=LANGUAGES[code]))

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.idle is not None:
            self.idle.stop()
        if self.settings is not None:
            self.settings.setValue("main/geometry", self.saveGeometry())
            self.settings.sync()
        network = self.pages.get("network")
        if network is not None:
            network.shutdown()  # type: ignore[attr-defined]
        self.session.runner.wait(10_000)
        super().closeEvent(event)
