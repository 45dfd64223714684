"""The inputs a step needs before it can be completed, chosen from the step's routing rule and eligibility
checks in the service definition (field verification result, BPJS status, BPJS confirmation, survey
indicators, electricity, deactivation reason or date). Values already in the case are shown pre-filled.
The core still decides: these only collect what it asks for."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
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


def _date_edit(raw: Any) -> QDateEdit:
    e = QDateEdit()
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd-MM-yyyy")
    try:
        e.setDate(QDate(date.fromisoformat(str(raw)[:10])))
    except ValueError:
        e.setDate(QDate.currentDate().addMonths(-1))
    return e


class StepInputs(QGroupBox):
    def __init__(self, step: Step, data: dict[str, Any], cfg: RuleSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Isian untuk langkah “{step}”").format(step=step.name))
        self.step, self.data, self.cfg = step, data, cfg
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
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
            status.addItem(self.tr("Nonaktif"), "nonaktif")
            status.addItem(self.tr("Sudah aktif kembali"), "aktif")
            status.setCurrentIndex(max(0, status.findData(data.get("bpjs_status"))))
            self._add("bpjs_status", self.tr("Status di BPJS:"), status)
        if route == "status_bpjs" or "batas_reaktivasi" in checks:
            self._add("deactivated_on", self.tr("Nonaktif sejak:"), _date_edit(data.get("deactivated_on")))
        if route == "konfirmasi_bpjs" or "konfirmasi_bpjs_tercatat" in checks:
            conf = data.get("bpjs_confirmation") or {}
            by = QLineEdit(conf.get("confirmed_by", ""))
            by.setPlaceholderText(self.tr("Nama petugas BPJS dan kantornya"))
            when = QDateTimeEdit(QDateTime.currentDateTime())
            when.setDisplayFormat("dd-MM-yyyy HH:mm")
            if conf.get("confirmed_at"):
                with contextlib.suppress(ValueError):
                    when.setDateTime(QDateTime(datetime.fromisoformat(conf["confirmed_at"])))
            answer = QComboBox()
            for code, label in BPJS_ANSWERS.items():
                answer.addItem(label, code)
            answer.setCurrentIndex(max(0, answer.findData(conf.get("answer"))))
            self._add("confirmed_by", self.tr("Dikonfirmasi oleh (BPJS):"), by)
            self._add("confirmed_at", self.tr("Waktu konfirmasi:"), when)
            self._add("answer", self.tr("Jawaban BPJS:"), answer)
        if "listrik_maks" in checks:
            va = QSpinBox()
            va.setRange(0, 100_000)
            va.setSingleStep(450)
            va.setSuffix(" VA")
            va.setValue(int(data.get("electricity_va") or 0))
            self._add("electricity_va", self.tr("Daya listrik:"), va)
            dep = QSpinBox()
            dep.setRange(0, 30)
            dep.setValue(int(data.get("dependants") or 0))
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
        self.form.addRow(label, widget)

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
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QDateEdit):
            return w.date().toPython().isoformat()
        if isinstance(w, QDateTimeEdit):
            return w.dateTime().toPython().isoformat(timespec="minutes")
        if isinstance(w, QSpinBox):
            return w.value()
        assert isinstance(w, QLineEdit)
        return w.text().strip()

    def values(self) -> dict[str, Any]:
        """Step data for :func:`cases.advance` (without the BPJS confirmation, recorded separately)."""
        out = {k: self._value(k) for k in self.fields if k not in ("confirmed_by", "confirmed_at", "answer")}
        if out.get("field_poor") is None:
            out.pop("field_poor", None)
        if out.get("reason_code") is None:
            out.pop("reason_code", None)
        if self.indicators:
            out["indicators"] = {c: b.isChecked() for c, b in self.indicators.items()}
        return out

    def confirmation(self) -> dict[str, Any] | None:
        if "confirmed_by" not in self.fields:
            return None
        conf = self.data.get("bpjs_confirmation") or {}
        new = {"confirmed_by": self._value("confirmed_by"), "confirmed_at": self._value("confirmed_at"),
               "answer": self._value("answer")}
        if not new["confirmed_by"]:
            return None
        if conf and all(conf.get(k) == v for k, v in new.items() if k != "confirmed_at"):
            return None  # already recorded
        return new


def needs_inputs(step: Step) -> bool:
    return bool(step.route in ("verifikasi_lapangan", "status_bpjs", "konfirmasi_bpjs", "skor_jamkesda")
                or set(step.checks) & {"batas_reaktivasi", "konfirmasi_bpjs_tercatat", "listrik_maks",
                                        "alasan_penonaktifan"})

