"""Settings → Loket dan pesan: the idle minutes before the screen locks, and the two WhatsApp texts to applicants
(with their placeholders and a live preview rendered by the core). The core checks everything when saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services import counter, settings, whatsapp
from ui.errors import show_error
from ui.session import UiSession


class CounterSettingsView(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(self.tr("<h3>Loket dan pesan kepada pemohon</h3>")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        form = QFormLayout()
        self.idle = QSpinBox()
        self.idle.setObjectName("setting_idle_lock_minutes")
        self.idle.setRange(counter.MIN_IDLE_MINUTES, counter.MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" menit"))
        form.addRow(self.tr("Kunci layar otomatis setelah tidak ada aktivitas:"), self.idle)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("<small>Berlaku di setiap loket pada masuk berikutnya. Ctrl+L mengunci layar "
                                        "kapan saja.</small>")))

        self.templates: dict[str, QPlainTextEdit] = {}
        self.previews: dict[str, QLabel] = {}
        titles = {"receipt": self.tr("Pesan WhatsApp: tanda terima berkas"),
                  "ready": self.tr("Pesan WhatsApp: surat siap diambil")}
        for kind, title in titles.items():
            box = QGroupBox(title)
            bl = QHBoxLayout(box)
            left = QVBoxLayout()
            edit = QPlainTextEdit()
            edit.setObjectName(f"setting_wa_{kind}")
            edit.setMinimumHeight(120)
            left.addWidget(edit)
            names = ", ".join("{" + k + "}" for k in whatsapp.PLACEHOLDERS[kind])
            hint = QLabel(self.tr("<small>Isian: {names}</small>").format(names=names))
            hint.setWordWrap(True)
            left.addWidget(hint)
            bl.addLayout(left, 1)
            preview = QLabel()
            preview.setObjectName(f"preview_wa_{kind}")
            preview.setWordWrap(True)
            preview.setMinimumWidth(300)
            preview.setStyleSheet("background: #dcf8c6; border-radius: 6px; padding: 8px;")
            bl.addWidget(preview, 1)
            layout.addWidget(box)
            self.templates[kind], self.previews[kind] = edit, preview
            edit.textChanged.connect(lambda k=kind: self._preview(k))
        layout.addStretch(1)

        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Simpan pengaturan"))
        self.save_button.setObjectName("save_loket")
        self.status = QLabel("")
        self.status.setObjectName("status_loket")
        self.status.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        outer.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        office = self.session.office
        self.session.runner.run(lambda _t: counter.load_settings(office), on_done=self._show,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, cfg: counter.CounterSettings) -> None:
        self.idle.setValue(cfg.idle_lock_minutes)
        self.templates["receipt"].setPlainText(cfg.wa_receipt_template)
        self.templates["ready"].setPlainText(cfg.wa_ready_template)

    def _preview(self, kind: str) -> None:
        try:
            text = whatsapp.render(self.templates[kind].toPlainText(), kind, whatsapp.example_values(kind))
        except ValidationError as exc:
            self.previews[kind].setStyleSheet("background: #fde0e0; border-radius: 6px; padding: 8px;")
            self.previews[kind].setText(str(exc))
            return
        self.previews[kind].setStyleSheet("background: #dcf8c6; border-radius: 6px; padding: 8px;")
        self.previews[kind].setText(self.tr("<small>Contoh:</small><br>") + text.replace("&", "&amp;")
                                    .replace("<", "&lt;").replace("\n", "<br>"))

    def value(self) -> counter.CounterSettings:
        return counter.CounterSettings(idle_lock_minutes=self.idle.value(),
                                       wa_receipt_template=self.templates["receipt"].toPlainText().strip(),
                                       wa_ready_template=self.templates["ready"].toPlainText().strip())

    def save(self) -> None:
        try:
            value = self.value()
        except ValidationError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(exc))
            return
        office, actor = self.session.office, self.session.actor

        def done(_r) -> None:
            self.status.setStyleSheet("color: #1b5e20;")
            self.status.setText(self.tr("Tersimpan."))

        self.session.runner.run(lambda _t: settings.save(office, actor=actor, section=counter.SECTION, value=value),
                                on_done=done, on_error=lambda e, tb: show_error(self, e, tb))
