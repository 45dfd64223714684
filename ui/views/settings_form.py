"""A form for one settings section, built from its dataclass. The core validates (``settings.validate``)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services import settings
from ui.errors import show_error
from ui.session import UiSession

#: Indonesian labels for the settings fields (unknown fields show their name); shown through :func:`label`.
LABELS = {
    "proposal_window_start_day": QT_TRANSLATE_NOOP("SectionEditor", "Jendela usulan PBI JK: mulai tanggal"),
    "proposal_window_end_day": QT_TRANSLATE_NOOP("SectionEditor", "Jendela usulan PBI JK: sampai tanggal"),
    "desil_min": QT_TRANSLATE_NOOP("SectionEditor", "Desil layak: dari"),
    "desil_max": QT_TRANSLATE_NOOP("SectionEditor", "Desil layak: sampai"),
    "reactivation_months": QT_TRANSLATE_NOOP("SectionEditor", "Batas reaktivasi (bulan sejak nonaktif)"),
    "reactivation_rule": QT_TRANSLATE_NOOP("SectionEditor", "Aturan batas reaktivasi (kurang_dari / paling_lama)"),
    "faskes_letter_accepted": QT_TRANSLATE_NOOP("SectionEditor", "Surat faskes diterima sebagai bukti utama"),
    "sktm_optional": QT_TRANSLATE_NOOP("SectionEditor", "SKTM tidak wajib untuk reaktivasi"),
    "electricity_max_va": QT_TRANSLATE_NOOP("SectionEditor", "Batas daya listrik Jamkesda (VA)"),
    "jamkesda_quota": QT_TRANSLATE_NOOP("SectionEditor", "Kuota Jamkesda (orang)"),
    "jamkesda_quota_period": QT_TRANSLATE_NOOP("SectionEditor", "Periode kuota (tahun / bulan)"),
    "jamkesda_contribution": QT_TRANSLATE_NOOP("SectionEditor", "Iuran per orang per bulan (Rp)"),
    "indicator_set": QT_TRANSLATE_NOOP("SectionEditor", "Set indikator kemiskinan"),
    "indicator_weights": QT_TRANSLATE_NOOP("SectionEditor", "Bobot indikator (JSON: kode → bobot)"),
    "indicator_cutoff": QT_TRANSLATE_NOOP("SectionEditor", "Skor minimal layak (kosong = bawaan set)"),
    "uhc_priority": QT_TRANSLATE_NOOP("SectionEditor", "Prioritas UHC (tanpa daftar tunggu)"),
    "sla": QT_TRANSLATE_NOOP("SectionEditor", "Standar waktu per layanan (JSON)"),
    "office_hours_start": QT_TRANSLATE_NOOP("SectionEditor", "Jam buka kantor (JJ:MM)"),
    "office_hours_end": QT_TRANSLATE_NOOP("SectionEditor", "Jam tutup kantor (JJ:MM)"),
    "joint_leave_non_working": QT_TRANSLATE_NOOP("SectionEditor", "Cuti bersama dihitung hari libur"),
    "extra_holidays": QT_TRANSLATE_NOOP("SectionEditor", "Hari libur kantor sendiri (JSON: daftar TTTT-BB-HH)"),
    "complaint_sla_working_days": QT_TRANSLATE_NOOP("SectionEditor", "Standar waktu pengaduan (hari kerja)"),
    "legal_basis": QT_TRANSLATE_NOOP("SectionEditor", "Dasar hukum / SK per layanan (JSON)"),
    "pattern": QT_TRANSLATE_NOOP("SectionEditor", "Pola nomor surat"),
    "default_classification": QT_TRANSLATE_NOOP("SectionEditor", "Kode klasifikasi bawaan"),
    "classification": QT_TRANSLATE_NOOP("SectionEditor", "Kode klasifikasi per jenis surat (JSON)"),
    "patterns": QT_TRANSLATE_NOOP("SectionEditor", "Pola nomor per jenis surat (JSON)"),
    "series": QT_TRANSLATE_NOOP("SectionEditor", "Register nomor per jenis surat (JSON)"),
    "paper": QT_TRANSLATE_NOOP("SectionEditor", "Ukuran kertas (A4 / F4)"),
    "sifat": QT_TRANSLATE_NOOP("SectionEditor", "Sifat surat bawaan"),
    "tembusan": QT_TRANSLATE_NOOP("SectionEditor", "Tembusan per jenis surat (JSON)"),
    "channels": QT_TRANSLATE_NOOP("SectionEditor", "Kanal pengaduan (JSON: code, label, contact, ticket, active, "
                                                   "services)"),
    "pdf_on_issue": QT_TRANSLATE_NOOP("SectionEditor", "Buat PDF langsung saat surat terbit"),
    "folder": QT_TRANSLATE_NOOP("SectionEditor", "Folder tujuan"),
    "https_url": QT_TRANSLATE_NOOP("SectionEditor", "Alamat HTTPS penerima"),
    "https_token": QT_TRANSLATE_NOOP("SectionEditor", "Token akses"),
    "timeout_seconds": QT_TRANSLATE_NOOP("SectionEditor", "Batas waktu (detik)"),
    "max_attempts": QT_TRANSLATE_NOOP("SectionEditor", "Percobaan per pengiriman"),
    "backoff_seconds": QT_TRANSLATE_NOOP("SectionEditor", "Jeda awal antar percobaan (detik)"),
    "backoff_max_seconds": QT_TRANSLATE_NOOP("SectionEditor", "Jeda terlama (detik)"),
    "verify_tls": QT_TRANSLATE_NOOP("SectionEditor", "Periksa sertifikat TLS"),
    "attachments_in_zip": QT_TRANSLATE_NOOP("SectionEditor", "Lampiran berkas (pindaian) ikut dalam ZIP batch"),
    "attachments_warn_mb": QT_TRANSLATE_NOOP("SectionEditor", "Peringatan bila lampiran dalam ZIP melebihi (MB)"),
    "columns": QT_TRANSLATE_NOOP("SectionEditor", "Kolom per layanan (JSON: layanan → daftar kunci kolom)"),
    "keep": QT_TRANSLATE_NOOP("SectionEditor", "Jumlah cadangan yang disimpan"),
    "daily": QT_TRANSLATE_NOOP("SectionEditor", "Cadangan harian otomatis"),
    "encrypt": QT_TRANSLATE_NOOP("SectionEditor", "Lindungi ZIP dengan kata sandi (AES-256)"),
    "extra_columns": QT_TRANSLATE_NOOP("SectionEditor", "Kolom tambahan per layanan (JSON: layanan → [judul, kunci "
                                                        "data])"),
    "excluded_statuses": QT_TRANSLATE_NOOP("SectionEditor", "Status yang tidak pernah masuk batch"),
    "step_roles": QT_TRANSLATE_NOOP("SectionEditor", "Peran per langkah (JSON: layanan.langkah → daftar peran)"),
}


def label(name: str) -> str:
    """A settings field's label in the interface language."""
    text = LABELS.get(name)
    return QCoreApplication.translate("SectionEditor", text) if text else name.replace("_", " ")


def _base_type(tp: Any) -> tuple[Any, bool]:
    """(type, optional) for ``X`` or ``X | None``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return (args[0] if len(args) == 1 else str), True
    return tp, False


class SectionEditor(QWidget):
    """Edit one section; Save stores the whole dataclass through ``app.services.settings``."""

    def __init__(self, session: UiSession, section: str, cls: type, title: str, help_text: str = ""):
        super().__init__()
        self.session, self.section, self.cls = session, section, cls
        self.hints = typing.get_type_hints(cls)
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(f"<h3>{title}</h3>"))
        if help_text:
            info = QLabel(help_text)
            info.setWordWrap(True)
            outer.addWidget(info)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.editors: dict[str, QWidget] = {}
        for f in dataclasses.fields(cls):
            editor = self._editor(f.name, self.hints[f.name])
            editor.setObjectName(f"setting_{f.name}")
            self.editors[f.name] = editor
            self.form.addRow(label(f.name), editor)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Simpan pengaturan"))
        self.save_button.setObjectName(f"save_{section}")
        self.status = QLabel("")
        self.status.setObjectName(f"status_{section}")
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        outer.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.load()

    def _editor(self, name: str, tp: Any) -> QWidget:
        base, _optional = _base_type(tp)
        if base is bool:
            return QCheckBox()
        if base is int:
            w = QSpinBox()
            w.setRange(0, 1_000_000_000)
            return w
        if base is float:
            w = QDoubleSpinBox()
            w.setRange(0, 1e9)
            w.setDecimals(2)
            return w
        if base is str or base is Decimal:  # exact decimals are typed as text, never a binary float
            w = QLineEdit()
            if "token" in name:
                w.setEchoMode(QLineEdit.EchoMode.Password)
            return w
        w = QPlainTextEdit()
        w.setFixedHeight(70)
        return w

    def load(self) -> None:
        office = self.session.office
        self.session.runner.run(lambda _t: settings.load(office, self.section, self.cls), on_done=self._show,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, value: Any) -> None:
        plain = settings.to_json(value)  # nested settings (e.g. the complaint channels) as plain JSON
        for f in dataclasses.fields(self.cls):
            v, w = getattr(value, f.name), self.editors[f.name]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.setValue(v or 0)
            elif isinstance(w, QLineEdit):
                w.setText("" if v is None else str(v))
            else:
                w.setPlainText(json.dumps(plain.get(f.name, v), ensure_ascii=False, indent=1, default=str))

    def value(self) -> Any:
        """Build the dataclass from the form; its own validation raises :class:`ValidationError`."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(self.cls):
            w = self.editors[f.name]
            base, optional = _base_type(self.hints[f.name])
            if isinstance(w, QCheckBox):
                values[f.name] = w.isChecked()
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                values[f.name] = w.value()
            elif isinstance(w, QLineEdit):
                values[f.name] = w.text().strip()
                if base is Decimal:  # an exact decimal may be typed with the Indonesian comma
                    values[f.name] = values[f.name].replace(",", ".")
            else:
                text = w.toPlainText().strip()
                try:
                    parsed = json.loads(text, parse_float=Decimal) if text else None
                except ValueError as exc:
                    raise ValidationError(self.tr("Isian '{field}' bukan JSON yang sah: {error}").format(
                        field=label(f.name), error=exc)) from exc
                if parsed is None and not optional:
                    parsed = {} if "dict" in str(base) else []
                if "tuple" in str(base) and isinstance(parsed, list):
                    parsed = tuple(parsed)
                values[f.name] = parsed
            if optional and values[f.name] in ("", 0) and base is not bool and f.name.endswith("cutoff"):
                values[f.name] = None
        return settings.validate(self.cls, values, section=self.section)

    def save(self) -> None:
        try:
            value = self.value()
            check = getattr(value, "check_before_save", None)  # e.g. letter numbers that would collide
            if callable(check):
                check()
        except ValidationError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(exc))
            return
        office, actor = self.session.office, self.session.actor

        def done(_r) -> None:
            self.status.setStyleSheet("color: #1b5e20;")
            self.status.setText(self.tr("Tersimpan."))

        self.session.runner.run(lambda _t: settings.save(office, actor=actor, section=self.section, value=value),
                                on_done=done, on_error=lambda e, tb: show_error(self, e, tb))
