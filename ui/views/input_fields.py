"""Widgets for the core's input registry (app/servicedefs/fields.py): one widget per field kind, used by the
counter wizard's service pages and by the inputs of a step alike. Every field starts EMPTY unless the case
already holds its value: the app never suggests a fact that decides eligibility."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.rules import scoring
from app.rules.reporter import RELATIONS as REPORTER_RELATIONS
from app.rules.rule_settings import RuleSettings
from app.servicedefs import fields as registry
from app.servicedefs.fields import InputField
from ui.widgets import DateLine

CONTEXT = "InputField"

#: the registry's texts, for the translation file (tests/ui/test_input_fields.py checks that none is missing)
TEXTS = (
    QT_TRANSLATE_NOOP("InputField", "Hasil verifikasi lapangan"),
    QT_TRANSLATE_NOOP("InputField", "— pilih hasil —"),
    QT_TRANSLATE_NOOP("InputField", "Miskin (memenuhi kriteria)"),
    QT_TRANSLATE_NOOP("InputField", "Tidak miskin (berkas dikembalikan)"),
    QT_TRANSLATE_NOOP("InputField", "Alasan"),
    QT_TRANSLATE_NOOP("InputField", "Alasan bila tidak memenuhi kriteria"),
    QT_TRANSLATE_NOOP("InputField", "Status di BPJS"),
    QT_TRANSLATE_NOOP("InputField", "— pilih hasil cek status —"),
    QT_TRANSLATE_NOOP("InputField", "Nonaktif"),
    QT_TRANSLATE_NOOP("InputField", "Sudah aktif kembali"),
    QT_TRANSLATE_NOOP("InputField", "Tanggal nonaktif"),
    QT_TRANSLATE_NOOP("InputField", "Dikonfirmasi oleh (BPJS)"),
    QT_TRANSLATE_NOOP("InputField", "Nama petugas BPJS dan kantornya"),
    QT_TRANSLATE_NOOP("InputField", "Waktu konfirmasi"),
    QT_TRANSLATE_NOOP("InputField", "Jawaban BPJS"),
    QT_TRANSLATE_NOOP("InputField", "— pilih jawaban —"),
    QT_TRANSLATE_NOOP("InputField", "Dapat direaktivasi"),
    QT_TRANSLATE_NOOP("InputField", "Tidak dapat direaktivasi"),
    QT_TRANSLATE_NOOP("InputField", "Sudah aktif otomatis"),
    QT_TRANSLATE_NOOP("InputField", "Catatan"),
    QT_TRANSLATE_NOOP("InputField", "Daya listrik (VA)"),
    QT_TRANSLATE_NOOP("InputField", "— pilih atau ketik VA —"),
    QT_TRANSLATE_NOOP("InputField", "Jumlah tanggungan"),
    QT_TRANSLATE_NOOP("InputField", "— isi —"),
    QT_TRANSLATE_NOOP("InputField", "Alasan penonaktifan"),
    QT_TRANSLATE_NOOP("InputField", "— pilih alasan —"),
    QT_TRANSLATE_NOOP("InputField", "Meninggal dunia"),
    QT_TRANSLATE_NOOP("InputField", "Pindah domisili"),
    QT_TRANSLATE_NOOP("InputField", "Mampu / mandiri / menjadi peserta PPU"),
    QT_TRANSLATE_NOOP("InputField", "Data ganda"),
    QT_TRANSLATE_NOOP("InputField", "Data tidak valid"),
    QT_TRANSLATE_NOOP("InputField", "Bukti pendukung"),
    QT_TRANSLATE_NOOP("InputField", "mis. Surat Keterangan Kematian dari kelurahan"),
    QT_TRANSLATE_NOOP("InputField", "Pelapor (wajib bila peserta meninggal dunia)"),
    QT_TRANSLATE_NOOP("InputField", "Darurat"),
    QT_TRANSLATE_NOOP("InputField", "Keterangan darurat"),
    QT_TRANSLATE_NOOP("InputField", "mis. rawat inap di RSUD sejak 20-11-2026"),
    QT_TRANSLATE_NOOP("InputField", "Indikator hasil survei lapangan"),
    QT_TRANSLATE_NOOP("InputField", "Sudah dikonfirmasi ke BPJS cabang"),
)

#: the electricity loads on a PLN bill, offered in the list; any other number may be typed
PLN_VA = (450, 900, 1300, 2200, 3500, 4400, 5500, 6600)


def text(source: str) -> str:
    """A registry text in the interface language."""
    return QCoreApplication.translate(CONTEXT, source)


def va_box(raw: Any = None, placeholder: str = "— pilih atau ketik VA —") -> QComboBox:
    """The electricity load (VA): empty until chosen or typed; "0" is a house without its own connection."""
    box = QComboBox()
    box.setEditable(True)
    box.addItem("")
    for va in PLN_VA:
        box.addItem(str(va))
    box.setValidator(QIntValidator(0, 100_000, box))
    line = box.lineEdit()
    assert line is not None
    line.setPlaceholderText(text(placeholder))
    box.setCurrentText("" if raw in (None, "") else str(raw))
    return box


def va_value(box: QComboBox) -> int | None:
    typed = box.currentText().strip()
    return int(typed) if typed.isdigit() else None


def dependants_box(raw: Any = None, placeholder: str = "— isi —") -> QSpinBox:
    """A count (dependants): empty ("— isi —") until typed; 0 is a typed answer, not a default."""
    spin = QSpinBox()
    spin.setRange(-1, 30)
    spin.setSpecialValueText(text(placeholder))
    spin.setValue(-1 if raw in (None, "") else int(raw))
    return spin


def _date_line(raw: Any, *, with_time: bool) -> DateLine:
    """A date field showing what the case holds, else EMPTY: the app never suggests a date."""
    e = DateLine(with_time=with_time)
    with contextlib.suppress(ValueError, TypeError):
        if raw:
            e.set_value(datetime.fromisoformat(str(raw)) if with_time else date.fromisoformat(str(raw)[:10]))
    return e


class IndicatorChecks(QWidget):
    """The survey indicators of the office's indicator set, each a box and its whole sentence (a click on
    the sentence ticks the box), with the points the office gives it."""

    changed = Signal()

    def __init__(self, cfg: RuleSettings, given: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.cfg = cfg
        iset = scoring.INDICATOR_SETS[cfg.indicator_set]
        self.title = iset.title
        self.legal_basis = iset.legal_basis
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        given = given or {}
        for n, ind in enumerate(iset.indicators, 1):
            w = float(cfg.indicator_weights.get(ind.code, ind.weight))
            box = QCheckBox(f"{n}.")
            box.setObjectName(f"ind_{ind.code}")
            box.setChecked(bool(given.get(ind.code)))
            box.toggled.connect(lambda _on: self.changed.emit())
            label = QLabel(self.tr("{label} <i>({points} poin)</i>").format(label=ind.label, points=f"{w:g}"))
            label.setWordWrap(True)
            label.setBuddy(box)
            label.mousePressEvent = lambda _e, b=box: b.toggle()
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
            self.boxes[ind.code] = box

    def value(self) -> dict[str, bool]:
        return {c: b.isChecked() for c, b in self.boxes.items()}

    def set_value(self, given: dict[str, Any]) -> None:
        for code, on in (given or {}).items():
            if code in self.boxes:
                self.boxes[code].setChecked(bool(on))

    def sheet(self) -> scoring.ScoreSheet:
        return scoring.score(self.value(), set_key=self.cfg.indicator_set, weights=self.cfg.indicator_weights,
                             cutoff=self.cfg.indicator_cutoff)


class ReporterBox(QGroupBox):
    """Who reports (a death) for the participant: name, NIK, relation, phone; the core's reporter rule checks
    them (:func:`app.rules.reporter.clean`), and :attr:`state` shows its verdict."""

    changed = Signal()

    def __init__(self, title: str, raw: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("reporter_name")
        self.nik = QLineEdit()
        self.nik.setObjectName("reporter_nik")
        self.nik.setPlaceholderText(self.tr("16 digit NIK pelapor"))
        self.relation = QComboBox()
        self.relation.setObjectName("reporter_relation")
        self.relation.setEditable(True)
        self.relation.addItem("")
        self.relation.addItems(list(REPORTER_RELATIONS))
        self.phone = QLineEdit()
        self.phone.setObjectName("reporter_phone")
        form.addRow(self.tr("&Nama pelapor:"), self.name)
        form.addRow(self.tr("NI&K pelapor:"), self.nik)
        form.addRow(self.tr("&Hubungan dengan peserta:"), self.relation)
        form.addRow(self.tr("No. HP pelapor:"), self.phone)
        self.state = QLabel("")
        self.state.setObjectName("reporter_state")
        self.state.setWordWrap(True)
        form.addRow("", self.state)
        self.set_value(raw or {})
        for w in (self.name, self.nik, self.phone):
            w.textChanged.connect(lambda _t: self.changed.emit())
        self.relation.currentTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> dict[str, str]:
        """What is typed (uncleaned); ``{}`` when nothing is."""
        out = {"nama": self.name.text(), "nik": self.nik.text(), "hubungan": self.relation.currentText(),
               "no_hp": self.phone.text()}
        return out if any(v.strip() for v in out.values()) else {}

    def set_value(self, raw: dict[str, Any]) -> None:
        self.name.setText(str(raw.get("nama", "")))
        self.nik.setText(str(raw.get("nik", "")))
        self.relation.setCurrentText(str(raw.get("hubungan", "")))
        self.phone.setText(str(raw.get("no_hp", "")))


class FieldInputs(QObject):
    """The widgets of some registry fields, filled from what the case holds; :meth:`missing` asks the core
    which required ones are still empty."""

    #: any field changed
    changed = Signal()

    def __init__(self, fields: Iterable[InputField], data: dict[str, Any] | None, cfg: RuleSettings,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.fields: dict[str, InputField] = {f.key: f for f in fields}
        self.cfg = cfg
        data = data or {}
        self.widgets: dict[str, QWidget] = {}
        for f in self.fields.values():
            w = self._make(f, registry.raw_value(f, data))
            w.setObjectName(f"in_{f.key}")
            self.widgets[f.key] = w

    # ------------------------------------------------------------------ building

    def _make(self, f: InputField, raw: Any) -> QWidget:
        emit = self.changed.emit
        if f.kind == "choice":
            box = QComboBox()
            box.addItem(text(f.placeholder), None)
            for value, label in f.choices:
                box.addItem(text(label), value)
            box.setCurrentIndex(max(0, box.findData(raw)) if raw is not None else 0)
            box.currentIndexChanged.connect(lambda _i: emit())
            return box
        if f.kind == "text":
            line = QLineEdit("" if raw is None else str(raw))
            if f.placeholder:
                line.setPlaceholderText(text(f.placeholder))
            line.textChanged.connect(lambda _t: emit())
            return line
        if f.kind in ("date", "datetime"):
            d = _date_line(raw, with_time=f.kind == "datetime")
            d.textChanged.connect(lambda _t: emit())
            return d
        if f.kind == "va":
            va = va_box(raw, f.placeholder)
            va.editTextChanged.connect(lambda _t: emit())
            va.currentIndexChanged.connect(lambda _i: emit())
            return va
        if f.kind == "count":
            spin = dependants_box(raw, f.placeholder)
            spin.valueChanged.connect(lambda _v: emit())
            return spin
        if f.kind == "flag":
            flag = QCheckBox(text(f.label))
            flag.setChecked(bool(raw))
            flag.toggled.connect(lambda _on: emit())
            return flag
        if f.kind == "indicators":
            checks = IndicatorChecks(self.cfg, raw if isinstance(raw, dict) else None)
            checks.changed.connect(emit)
            return checks
        if f.kind == "reporter":
            rep = ReporterBox(text(f.label), raw if isinstance(raw, dict) else None)
            rep.changed.connect(emit)
            return rep
        raise ValueError(f"jenis isian tidak dikenal: {f.kind}")

    def label(self, key: str) -> str:
        return text(self.fields[key].label)

    def add_rows(self, form: QFormLayout, keys: Iterable[str] | None = None) -> None:
        """One row per field (a flag, an indicator list or a reporter box spans the row)."""
        for key in self.fields if keys is None else keys:
            f, w = self.fields[key], self.widgets[key]
            if f.kind in ("flag", "reporter", "indicators"):
                form.addRow(w)
            else:
                form.addRow(self.label(key) + ":", w)

    def group_box(self, group: str) -> QGroupBox:
        """The fields of ``group`` in a box the officer ticks to give them ("sudah dikonfirmasi …")."""
        box = QGroupBox(text(registry.GROUPS[group].label))
        box.setCheckable(True)
        box.setChecked(False)
        inner = QFormLayout(box)
        self.add_rows(inner, [k for k, f in self.fields.items() if f.group == group])
        box.toggled.connect(lambda _on: self.changed.emit())
        return box

    # ------------------------------------------------------------------ reading

    def value(self, key: str) -> Any:
        """The typed value, ``None`` when nothing is typed (dates as ISO text)."""
        w = self.widgets[key]
        if isinstance(w, IndicatorChecks):
            return w.value()
        if isinstance(w, ReporterBox):
            return w.value() or None
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if self.fields[key].kind == "va" and isinstance(w, QComboBox):
            return va_value(w)
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, DateLine):
            v = w.value()
            return None if v is None else v.isoformat(timespec="minutes") if isinstance(v, datetime) else v.isoformat()
        if isinstance(w, QSpinBox):
            return None if w.value() < 0 else w.value()
        assert isinstance(w, QLineEdit)
        return w.text().strip() or None

    def values(self, *, group: str = "") -> dict[str, Any]:
        """The typed values of the fields outside any group (or of ``group``); empty ones left out, so the
        core's rule names what is missing."""
        out = {k: self.value(k) for k, f in self.fields.items() if f.group == group}
        return {k: v for k, v in out.items() if not registry.is_empty(v)}

    def missing(self, *, groups_given: Iterable[str] | None = None) -> list[str]:
        """Why these inputs are not finished: a date that is not one, then each required field still empty."""
        out = [f"{self.label(k)}: {w.problem()}" for k, w in self.widgets.items()
               if isinstance(w, DateLine) and w.problem()]
        values = {k: self.value(k) for k in self.fields}
        out.extend(self.tr("{field} belum diisi").format(field=self.label(f.key))
                   for f in registry.missing(self.fields.values(), values, groups_given=groups_given)
                   if not (isinstance(self.widgets[f.key], DateLine) and self.widgets[f.key].problem()))
        return out

    # ------------------------------------------------------------------ drafts

    def state(self) -> dict[str, Any]:
        return {k: self.value(k) for k in self.fields}

    def restore(self, state: dict[str, Any]) -> None:
        for key, raw in state.items():
            if key not in self.widgets:
                continue
            w = self.widgets[key]
            if isinstance(w, (IndicatorChecks, ReporterBox)):
                w.set_value(raw or {})
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(raw))
            elif self.fields[key].kind == "va" and isinstance(w, QComboBox):
                w.setCurrentText("" if raw in (None, "") else str(raw))
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, w.findData(raw)) if raw is not None else 0)
            elif isinstance(w, DateLine):
                w.clear()
                with contextlib.suppress(ValueError, TypeError):
                    if raw:
                        w.set_value(datetime.fromisoformat(str(raw)) if w.with_time
                                    else date.fromisoformat(str(raw)[:10]))
            elif isinstance(w, QSpinBox):
                w.setValue(-1 if raw in (None, "") else int(raw))
            elif isinstance(w, QLineEdit):
                w.setText("" if raw is None else str(raw))
