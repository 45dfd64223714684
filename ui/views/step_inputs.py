"""The inputs a step needs before it can be completed: the fields the core's input registry
(app/servicedefs/fields.py) names for the step's routing rule and eligibility checks (field verification
result, BPJS status, BPJS confirmation, survey indicators, electricity, deactivation reason or date), drawn by
:mod:`ui.views.input_fields` as the counter wizard draws them. Values already in the case are shown
pre-filled. The core still decides: these only collect what it asks for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from app.rules import scoring
from app.rules.rule_settings import RuleSettings
from app.servicedefs import Step
from app.servicedefs.fields import step_fields
from ui.views.input_fields import FieldInputs, IndicatorChecks

CONFIRMATION = ("confirmed_by", "confirmed_at", "answer")


class StepInputs(QGroupBox):
    #: any field changed: what is still missing may have changed (:meth:`missing`)
    changed = Signal()

    def __init__(self, step: Step, data: dict[str, Any], cfg: RuleSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Isian untuk langkah “{step}”").format(step=step.name))
        self.step, self.data, self.cfg = step, data, cfg
        self.form = QFormLayout(self)
        self.inputs = FieldInputs(step_fields(step.route, step.checks), data, cfg, self)
        #: the input widgets by case-data key
        self.fields: dict[str, QWidget] = {k: w for k, w in self.inputs.widgets.items()
                                           if not isinstance(w, IndicatorChecks)}
        checks = self.inputs.widgets.get("indicators")
        self.indicators = checks.boxes if isinstance(checks, IndicatorChecks) else {}
        self.score = QLabel("")
        self.score.setObjectName("score")
        for key in self.inputs.fields:
            if key == "indicators" and isinstance(checks, IndicatorChecks):
                self.form.addRow(QLabel(self.tr("Indikator hasil survei lapangan ({set}):").format(set=checks.title)))
                self.form.addRow(checks)
                self.form.addRow(self.score)
                checks.changed.connect(self._score)
                self._score()
            else:
                self.inputs.add_rows(self.form, [key])
        self.inputs.changed.connect(self.changed.emit)

    def missing(self) -> list[str]:
        """Why the step cannot be finished yet: each required input still empty, or a date that is not one
        (the BPJS confirmation may come later, but once begun it is asked whole)."""
        return self.inputs.missing()

    @property
    def empty(self) -> bool:
        return not self.inputs.widgets

    def _score(self) -> None:
        s = self.sheet()
        self.score.setText(self.tr("<b>Skor {total}</b> dari {maximum}; batas layak {cutoff} → {verdict}.").format(
            total=f"{s.total:g}", maximum=f"{s.maximum:g}", cutoff=f"{s.cutoff:g}",
            verdict=self.tr("memenuhi kriteria") if s.eligible else self.tr("tidak memenuhi kriteria")))
        self.score.setStyleSheet("color:#1b5e20" if s.eligible else "color:#b00020")

    def sheet(self) -> scoring.ScoreSheet:
        return scoring.score({c: b.isChecked() for c, b in self.indicators.items()}, set_key=self.cfg.indicator_set,
                             weights=self.cfg.indicator_weights, cutoff=self.cfg.indicator_cutoff)

    def values(self) -> dict[str, Any]:
        """Step data for :func:`cases.advance` (without the BPJS confirmation, recorded separately); what is
        not typed is left out, so the core's rule names what is missing."""
        return self.inputs.values()

    def confirmation(self) -> dict[str, Any] | None:
        if "confirmed_by" not in self.inputs.fields:
            return None
        conf = self.data.get("bpjs_confirmation") or {}
        new = {k: self.inputs.value(k) for k in CONFIRMATION}
        if any(v in (None, "") for v in new.values()):
            return None
        if conf and all(conf.get(k) == v for k, v in new.items() if k != "confirmed_at"):
            return None  # already recorded
        return new


def needs_inputs(step: Step) -> bool:
    return bool(step_fields(step.route, step.checks))
