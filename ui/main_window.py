"""The main window: navigation on the left, the current screen on the right."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from app import __version__
from app.rules.permissions import role_label
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs import get as get_definition
from app.services import drafts as drafts_svc
from app.services import settings as settings_svc
from ui.errors import show_error
from ui.i18n import LANGUAGES, current_language
from ui.session import UiSession
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
    def __init__(self, session: UiSession, office_name: str, settings: QSettings | None = None):
        super().__init__()
        self.session = session
        self.settings = settings
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
        self.setCentralWidget(splitter)
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
        if session.may("dtsen.import"):
            self.importer = DtsenImportView(session)
            self.importer.on_imported = self.lookup.refresh_count
            self._add_page("import", self.tr("Impor data DTSEN"), self.importer, "Ctrl+2")
        if session.may("settings.edit"):
            from ui.views.settings_view import SettingsView

            self.settings_view = SettingsView(session)
            self._add_page("settings", self.tr("Pengaturan"), self.settings_view, "Ctrl+9")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        roles = ", ".join(role_label(r) for r in sorted(session.actor.roles))
        user_label = QLabel(f"{session.actor.full_name} — {roles} — {session.office.config.counter}")
        user_label.setObjectName("user_label")
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().showMessage(self.tr("Siap."), 5000)

        menu = self.menuBar().addMenu(self.tr("&Berkas"))
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
        if settings is not None and settings.value("main/geometry") is not None:
            self.restoreGeometry(settings.value("main/geometry"))

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
        if self.settings is not None:
            self.settings.setValue("main/geometry", self.saveGeometry())
            self.settings.sync()
        self.session.runner.wait(10_000)
        super().closeEvent(event)
