"""Settings (administrator): one tab per area; every value is checked by the core when saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.session import UiSession
from ui.views.office_view import OfficeProfileView, OfficialsView
from ui.views.settings_form import SectionEditor
from ui.views.users_view import UsersView


def sections() -> list[tuple[str, type, str, str]]:
    """(section key, dataclass, tab title, help) for every settings section the core defines."""
    from app.documents.numbering import LetterSettings
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.services.backup import BackupSettings
    from app.services.batches import BatchSettings
    from app.services.bpjs_daily import SECTION as DAILY_SECTION
    from app.services.bpjs_daily import DailyListSettings
    from app.services.complaint_channels import SECTION as CHANNELS_SECTION
    from app.services.complaint_channels import ComplaintChannelSettings
    from app.services.outbox import SECTION as DELIVERY_SECTION
    from app.services.outbox import DeliverySettings

    return [
        (RULES_SECTION, RuleSettings, QCoreApplication.translate("SettingsView", "Aturan layanan"),
         QCoreApplication.translate(
             "SettingsView",
             "Jendela usulan, desil, batas reaktivasi, kuota dan iuran Jamkesda, indikator, standar waktu.")),
        ("letters", LetterSettings, QCoreApplication.translate("SettingsView", "Penomoran surat"),
         QCoreApplication.translate(
             "SettingsView",
             "Pola nomor memakai token {kode} {urut} {unit} {bulan_romawi} {tahun}; nomor dimulai lagi setiap "
             "tahun.")),
        (DELIVERY_SECTION, DeliverySettings, QCoreApplication.translate("SettingsView", "Pengiriman batch"),
         QCoreApplication.translate(
             "SettingsView",
             "Folder (jaringan, flashdisk, folder tersinkron) dan/atau alamat HTTPS penerima batch bulanan.")),
        ("batches", BatchSettings, QCoreApplication.translate("SettingsView", "Batch bulanan"),
         QCoreApplication.translate(
             "SettingsView",
             "Kolom tambahan, surat pengantar, surat individual, dan enkripsi AES ZIP batch (sepakati kata "
             "sandinya dengan BPJS/Kemensos sebelum mengaktifkan).")),
        (DAILY_SECTION, DailyListSettings, QCoreApplication.translate("SettingsView", "Daftar harian BPJS"),
         QCoreApplication.translate(
             "SettingsView",
             "Kolom daftar harian untuk lembar bersama BPJS, per layanan, berurutan (JSON: layanan → daftar kunci "
             "kolom, mis. {\"reaktivasi-rekom\": [\"nik\", \"nama\", \"nomor_surat\"]}); layanan yang tidak "
             "disebut memakai kolom bawaan definisinya.")),
        (CHANNELS_SECTION, ComplaintChannelSettings, QCoreApplication.translate("SettingsView", "Kanal pengaduan"),
         QCoreApplication.translate(
             "SettingsView",
             "Setiap kanal pengaduan dengan kontaknya (dicetak pada tanda terima dan surat): 'ticket' = wajib nomor "
             "tiket, 'active' = diterima, 'services' = hanya untuk layanan itu (kosong = semua).")),
        ("backup", BackupSettings, QCoreApplication.translate("SettingsView", "Cadangan"),
         QCoreApplication.translate(
             "SettingsView",
             "Folder cadangan (kosong = folder data), jumlah yang disimpan, dan cadangan harian otomatis.")),
    ]


class SettingsView(QWidget):
    def __init__(self, session: UiSession):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Pengaturan kantor</h2>")))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tab_keys: dict[str, QWidget] = {}  # key -> tab page, for show_tab()
        self.tab_keys["office"] = OfficeProfileView(session)
        self.tabs.addTab(self.tab_keys["office"], self.tr("Profil kantor"))
        self.tab_keys["officials"] = OfficialsView(session)
        self.tabs.addTab(self.tab_keys["officials"], self.tr("Pejabat"))
        self.editors: dict[str, SectionEditor] = {}
        for key, cls, title, help_text in sections():
            editor = SectionEditor(session, key, cls, title, help_text)
            self.editors[key] = editor
            if key in ("backup", "batches"):
                from ui.views.backup_panel import BackupPanel, PasswordButton

                page = QWidget()
                box = QVBoxLayout(page)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(editor, 1)
                if key == "backup":
                    self.backup_panel = BackupPanel(session)
                    box.addWidget(self.backup_panel)
                    box.addWidget(PasswordButton(session, "cadangan", "backup"))
                else:
                    box.addWidget(PasswordButton(session, "ZIP batch", "batches"))
                self.tabs.addTab(page, title)
                self.tab_keys[key] = page
                continue
            self.tabs.addTab(editor, title)
            self.tab_keys[key] = editor
        from ui.views.counter_settings import CounterSettingsView

        self.counter = CounterSettingsView(session)
        self.tabs.addTab(self.counter, self.tr("Loket dan pesan"))
        self.tab_keys["loket"] = self.counter
        self.users = UsersView(session)
        self.tabs.addTab(self.users, self.tr("Pengguna"))
        self.tab_keys["users"] = self.users
        layout.addWidget(self.tabs)

    def show_tab(self, key: str) -> None:
        """Bring one tab to the front: ``office``, ``officials``, a settings section (``delivery``, ``backup``…),
        ``loket`` or ``users``."""
        page = self.tab_keys.get(key)
        if page is not None:
            self.tabs.setCurrentWidget(page)
