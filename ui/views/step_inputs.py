"""The inputs a step needs before it can be completed, chosen from the step's routing rule and eligibility
checks in the service definition (field verification result, BPJS status, BPJS confirmation, survey
indicators, electricity, deactivation reason or date). Values already in the case are shown pre-filled.
The core still decides: these only collect what it asks for."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.rules import scoring
from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS
from app.rules.rule_settings import RuleSettings
from app.servicedefs import Step
from ui.widgets import DateLine

#: the electricity loads on a PLN bill, offered in the list; any other number may be typed
PLN_VA = (450, 900, 1300, 2200, 3500, 4400, 5500, 6600)


def _date_line(raw: Any, *, with_time: bool = False) -> DateLine:
    """A date field showing what the case holds, else EMPTY: the app never suggests a date."""
    e = DateLine(with_time=with_time)
    with contextlib.suppress(ValueError, TypeError):
        if raw:
            e.set_value(datetime.fromisoformat(str(raw)) if with_time else date.fromisoformat(str(raw)[:10]))
    return e


def va_box(raw: Any = None) -> QComboBox:
    """The electricity load (VA): empty until chosen or typed; "0" is a house without its own connection."""
    box = QComboBox()
    box.setEditable(True)
    box.addItem("")
    for va in PLN_VA:
        box.addItem(str(va))
    box.setValidator(QIntValidator(0, 100_000, box))
    line = box.lineEdit()
    assert line is not None
    line.setPlaceholderText(QCoreApplication.translate("StepInputs", "— pilih atau ketik VA —"))
    box.setCurrentText("" if raw in (None, "") else str(raw))
    return box


def va_value(box: QComboBox) -> int | None:
    text = box.currentText().strip()
    return int(text) if text.isdigit() else None


def dependants_box(raw: Any = None) -> QSpinBox:
    """The number of dependants: empty ("— isi —") until typed; 0 is a typed answer, not a default."""
    spin = QSpinBox()
    spin.setRange(-1, 30)
    spin.setSpecialValueText(QCoreApplication.translate("StepInputs", "— isi —"))
    spin.setValue(-1 if raw in (None, "") else int(raw))
    return spin


class StepInputs(QGroupBox):
    #: any field changed: what is still missing may have changed (:meth:`missing`)
    changed = Signal()

    def __init__(self, step: Step, data: dict[str, Any], cfg: RuleSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Isian untuk langkah “{step}”").format(step=step.name))
        self.step, self.data, self.cfg = step, data, cfg
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        route, checks = step.route, set(step.checks)
        if route == "verifikasi_lapangan":
            poor = QComboBox()
            poor.addItem(self.tr("— pilih hasil —"), None)
            poor.addItem(self.tr("Miskin (memenuhi kriteria)"), True)
            poor.addItem(self.tr("Tidak miskin (berkas dikembalikan)"), False)
            self._add("field_poor", self.tr("Hasil verifikasi lapangan:"), poor)
            reason = QLineEdit()
            reason.setPlaceholderText(self.tr("Alasan bila tidak memenuhi kriteria"))
            self._add("reason", self.tr("Alasan:"), reason)
        if route == "status_bpjs":
            status = QComboBox()
            status.addItem(self.tr("— pilih status —"), None)
            status.addItem(self.tr("Nonaktif"), "nonaktif")
            status.addItem(self.tr("Sudah aktif kembali"), "aktif")
            status.setCurrentIndex(max(0, status.findData(data.get("bpjs_status"))))
            self._add("bpjs_status", self.tr("Status di BPJS:"), status)
        if route == "status_bpjs" or "batas_reaktivasi" in checks:
            self._add("deactivated_on", self.tr("Nonaktif sejak:"), _date_line(data.get("deactivated_on")))
        if route == "konfirmasi_bpjs" or "konfirmasi_bpjs_tercatat" in checks:
            conf = data.get("bpjs_confirmation") or {}
            by = QLineEdit(conf.get("confirmed_by", ""))
            by.setPlaceholderText(self.tr("Nama petugas BPJS dan kantornya"))
            when = _date_line(conf.get("confirmed_at"), with_time=True)
            answer = QComboBox()
            answer.addItem(self.tr("— pilih jawaban —"), None)
            for code, label in BPJS_ANSWERS.items():
                answer.addItem(label, code)
            answer.setCurrentIndex(max(0, answer.findData(conf.get("answer"))))
            self._add("confirmed_by", self.tr("Dikonfirmasi oleh (BPJS):"), by)
            self._add("confirmed_at", self.tr("Waktu konfirmasi:"), when)
            self._add("answer", self.tr("Jawaban BPJS:"), answer)
        if "listrik_maks" in checks:
            self._add("electricity_va", self.tr("Daya listrik (VA):"), va_box(data.get("electricity_va")))
            dep = dependants_box(data.get("dependants"))
            self._add("dependants", self.tr("Jumlah tanggungan:"), dep)
        if "alasan_penonaktifan" in checks:
            reason = QComboBox()
            reason.addItem(self.tr("— pilih alasan —"), None)
            for code, label in DEACTIVATION_REASONS.items():
                reason.addItem(label, code)
            reason.setCurrentIndex(max(0, reason.findData(data.get("reason_code"))))
            self._add("reason_code", self.tr("Alasan penonaktifan:"), reason)
        self.indicators: dict[str, QCheckBox] = {}
        self.score = QLabel("")
        if route == "skor_jamkesda":
            iset = scoring.INDICATOR_SETS[cfg.indicator_set]
            given = data.get("indicators") or {}
            self.form.addRow(QLabel(self.tr("Indikator hasil survei lapangan ({set}):").format(set=iset.title)))
            for ind in iset.indicators:
                box = QCheckBox()
                box.setChecked(bool(given.get(ind.code)))
                box.toggled.connect(self._score)
                label = QLabel(ind.label)
                label.setWordWrap(True)
                label.setBuddy(box)
                label.mousePressEvent = lambda _e, b=box: b.toggle()
                self.form.addRow(box, label)
                self.indicators[ind.code] = box
            self.form.addRow(self.score)
            self._score()

    def _add(self, key: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"in_{key}")
        self.fields[key] = widget
        self.labels[key] = label.rstrip(":")
        self.form.addRow(label, widget)
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
            widget.editTextChanged.connect(lambda _t: self.changed.emit())
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(lambda _v: self.changed.emit())
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t: self.changed.emit())

    #: inputs that may stay empty (the reason is asked only for a refusal; the BPJS confirmation may come later)
    OPTIONAL = frozenset({"reason", "confirmed_by", "confirmed_at", "answer"})

    def missing(self) -> list[str]:
        """Why the step cannot be finished yet: each required input still empty, or a date that is not one."""
        out: list[str] = []
        for key, w in self.fields.items():
            if isinstance(w, DateLine) and w.problem():
                out.append(f"{self.labels[key]}: {w.problem()}")
            elif key not in self.OPTIONAL and self._value(key) in (None, ""):
                out.append(self.tr("{field} belum diisi").format(field=self.labels[key]))
        conf = {k: self._value(k) for k in ("confirmed_by", "confirmed_at", "answer") if k in self.fields}
        if conf and any(v not in (None, "") for v in conf.values()):
            out.extend(self.tr("{field} belum diisi").format(field=self.labels[k])
                       for k, v in conf.items() if v in (None, ""))
        return out

    @property
    def empty(self) -> bool:
        return not self.fields and not self.indicators

    def _score(self) -> None:
        s = self.sheet()
        self.score.setText(self.tr("<b>Skor {total}</b> dari {maximum}; batas layak {cutoff} → {verdict}.").format(
            total=f"{s.total:g}", maximum=f"{s.maximum:g}", cutoff=f"{s.cutoff:g}",
            verdict=self.tr("memenuhi kriteria") if s.eligible else self.tr("tidak memenuhi kriteria")))
        self.score.setStyleSheet("color:#1b5e20" if s.eligible else "color:#b00020")

    def sheet(self) -> scoring.ScoreSheet:
        return scoring.score({c: b.isChecked() for c, b in self.indicators.items()}, set_key=self.cfg.indicator_set,
                             weights=self.cfg.indicator_weights, cutoff=self.cfg.indicator_cutoff)

    def _value(self, key: str) -> Any:
        w = self.fields[key]
        if key == "electricity_va" and isinstance(w, QComboBox):
            return va_value(w)
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, DateLine):
            v = w.value()
            return None if v is None else v.isoformat(timespec="minutes") if isinstance(v, datetime) else v.isoformat()
        if isinstance(w, QSpinBox):
            return None if w.value() < w.minimum() + 1 and w.specialValueText() else w.value()
        assert isinstance(w, QLineEdit)
        return w.text().strip()

    def values(self) -> dict[str, Any]:
        """Step data for :func:`cases.advance` (without the BPJS confirmation, recorded separately)."""
        out = {k: self._value(k) for k in self.fields if k not in ("confirmed_by", "confirmed_at", "answer")}
        if out.get("field_poor") is None:
            out.pop("field_poor", None)
        for key in ("reason_code", "bpjs_status", "deactivated_on", "electricity_va", "dependants"):
            if out.get(key) is None:
                out.pop(key, None)  # not typed: the core's rule names what is missing
        if self.indicators:
            out["indicators"] = {c: b.isChecked() for c, b in self.indicators.items()}
        return out

    def confirmation(self) -> dict[str, Any] | None:
        if "confirmed_by" not in self.fields:
            return None
        conf = self.data.get("bpjs_confirmation") or {}
        new = {"confirmed_by": self._value("confirmed_by"), "confirmed_at": self._value("confirmed_at"),
               "answer": self._value("answer")}
        if not new["confirmed_by"] or not new["confirmed_at"] or not new["answer"]:
            return None
        if conf and all(conf.get(k) == v for k, v in new.items() if k != "confirmed_at"):
            return None  # already recorded
        return new


def needs_inputs(step: Step) -> bool:
    return bool(step.route in ("verifikasi_lapangan", "status_bpjs", "konfirmasi_bpjs", "skor_jamkesda")
                or set(step.checks) & {"batas_reaktivasi", "konfirmasi_bpjs_tercatat", "listrik_maks",
                                        "alasan_penonaktifan"})

