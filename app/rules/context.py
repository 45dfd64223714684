"""What a named rule sees of a case: pure data, no database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.rules.rule_settings import RuleSettings


@dataclass(frozen=True)
class DtsenInfo:
    nik: str
    no_kk: str
    name: str
    desil: int | None
    dtsen_id: str = ""


@dataclass(frozen=True)
class RuleContext:
    service_code: str
    data: Mapping[str, Any]
    settings: RuleSettings
    today: date
    urgent: bool = False
    dtsen: DtsenInfo | None = None
    received: frozenset[str] = field(default_factory=frozenset)
    #: the day the applicant reported to the Dinas (the case's opening day, office time); rules that
    #: measure a deadline against the application use it, never the day an officer happens to check
    applied_on: date | None = None
    #: where the office's data shows the person as an active PBI-APBD participant ("" = nowhere), and whether
    #: the office has a roster to judge by (app/services/roster.py ``participation``)
    participant: str = ""
    participants_known: bool = False


def parse_date(value: Any, label: str) -> date:
    from app.errors import ValidationError

    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(f"{label} harus tanggal yang sah (YYYY-MM-DD), bukan '{value}'.") from exc
