"""The main window: navigation on the left, the current screen on the right."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
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
from ui.session import UiSession
from ui.views.dtsen_import import DtsenImportView
from ui.views.dtsen_lookup import DtsenLookupView


class MainWindow(QMainWindow):
    def __init__(self, session: UiSession, office_name: str, settings: QSettings | None = None):
        super().__init__()
        self.session = session
        self.settings = settings
        self.setWindowTitle(f"Loket PBI — {office_name}")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(240)
        self.nav.setStyleSheet("QListWidget#nav { font-size: 11pt; } QListWidget#nav::item { padding: 8px 6px; }")
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.pages: dict[str, object] = {}

        self.lookup = DtsenLookupView(session)
        self._add_page("lookup", "Cek NIK di DTSEN", self.lookup, "Ctrl+1")
        if session.may("dtsen.import"):
            self.importer = DtsenImportView(session)
            self.importer.on_imported = self.lookup.refresh_count
            self._add_page("import", "Impor data DTSEN", self.importer, "Ctrl+2")
        if session.may("settings.edit"):
            from ui.views.settings_view import SettingsView

            self.settings_view = SettingsView(session)
            self._add_page("settings", "Pengaturan", self.settings_view, "Ctrl+9")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        roles = ", ".join(role_label(r) for r in sorted(session.actor.roles))
        user_label = QLabel(f"{session.actor.full_name} — {roles} — {session.office.config.counter}")
        user_label.setObjectName("user_label")
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().showMessage("Siap.", 5000)

        menu = self.menuBar().addMenu("&Berkas")
        quit_action = QAction("&Keluar", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Bantuan")
        about = QAction("&Tentang Loket PBI", self)
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

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _about(self) -> None:
        QMessageBox.about(self, "Tentang Loket PBI",
                          f"<b>Loket PBI</b> versi {__version__}<br>Layanan PBI JK dan Jamkesda untuk Dinas Sosial.<br>"
                          f"Data: {self.session.office.dirs.root}")

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.setValue("main/geometry", self.saveGeometry())
            self.settings.sync()
        self.session.runner.wait(10_000)
        super().closeEvent(event)
