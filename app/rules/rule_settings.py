"""The office settings the service rules read (SPEC marks them **setting**), section ``"rules"``.

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.errors import ValidationError

RULES_SECTION = "rules"

REACTIVATION_RULES = {
    "kurang_dari": "nonaktif kurang dari N bulan (tanggal tepat N bulan sudah lewat batas)",
    "paling_lama": "paling lama N bulan sejak penonaktifan (tanggal tepat N bulan masih boleh)",
}
QUOTA_PERIODS = {"tahun": "per tahun anggaran", "bulan": "per bulan"}
SLA_UNITS = ("minutes", "working_days", "months")


def _hhmm(value: str, label: str) -> tuple[int, int]:
    try:
        h, m = (int(p) for p in value.split(":"))
    except ValueError as exc:
        raise ValidationError(f"{label} harus berformat JJ:MM, mis. 08:00.") from exc
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValidationError(f"{label} harus berformat JJ:MM, mis. 08:00.")
    return h, m


@dataclass(frozen=True)
class RuleSettings:
    # pbi-baru: monthly proposal window to PBI JK APBN (day of month, inclusive)
    proposal_window_start_day: int = 1
    proposal_window_end_day: int = 11
    # eligible DTSEN desil (inclusive)
    desil_min: int = 1
    desil_max: int = 5
    # reactivation: months since deactivation, and the rule's direction
    reactivation_months: int = 6
    reactivation_rule: str = "kurang_dari"
    # reaktivasi-sk evidence (since 2026 the faskes letter is the main evidence, SKTM optional)
    faskes_letter_accepted: bool = True
    sktm_optional: bool = True
    # jamkesda
    electricity_max_va: int = 900
    jamkesda_quota: int = 100
    jamkesda_quota_period: str = "tahun"
    jamkesda_contribution: int = 42_000  # rupiah per person per month (iuran kelas III)
    indicator_set: str = "kepmensos_262_2022"
    #: code -> weight, overrides the set; exact decimals (stored as text, "0.5")
    indicator_weights: dict[str, Decimal] = field(default_factory=dict)
    #: minimum score (a score equal to it is eligible); None = the set's default
    indicator_cutoff: Decimal | None = None
    #: UHC priority: the city funds every eligible resident, so jamkesda has no waiting list.
    uhc_priority: bool = False
    # SLA per service, overriding the definition: {"pbi-baru": {"unit": "minutes", "value": 45}}
    sla: dict[str, dict[str, Any]] = field(default_factory=dict)
    # office time (counter SLAs in minutes count only these hours on working days)
    office_hours_start: str = "08:00"
    office_hours_end: str = "16:00"
    #: joint-leave days (cuti bersama, listed by the ``holidays`` library) are non-working days
    joint_leave_non_working: bool = True
    #: the office's own extra non-working days (local holidays, office closures) as YYYY-MM-DD
    extra_holidays: list[str] = field(default_factory=list)
    # complaints (SPEC §1.6)
    complaint_sla_working_days: int = 14
    # legal basis / SK number per service, printed on receipts and letters
    legal_basis: dict[str, str] = field(default_factory=dict)
    #: who may act at a step whose definition allows several roles, narrowed by the office:
    #: {"reaktivasi-sk.tanda_tangan": ["kepala_dinas"]}; absent = every role of the definition
    step_roles: dict[str, list[str]] = field(default_factory=dict)

    def quota_period_of(self, local: date) -> str:
        """The jamkesda quota period a day (in office time) belongs to: ``2026`` or ``2026-11``."""
        return str(local.year) if self.jamkesda_quota_period == "tahun" else f"{local.year:04d}-{local.month:02d}"

    def __post_init__(self) -> None:
        if not (1 <= self.proposal_window_start_day <= self.proposal_window_end_day <= 31):
            raise ValidationError("Jendela usulan harus tanggal 1–31 dengan awal tidak sesudah akhir.")
        if not (0 <= self.desil_min <= self.desil_max <= 10):
            raise ValidationError("Rentang desil harus 0–10 dengan batas bawah tidak melebihi batas atas.")
        if not (1 <= self.reactivation_months <= 60):
            raise ValidationError("Batas reaktivasi harus 1–60 bulan.")
        if self.reactivation_rule not in REACTIVATION_RULES:
            raise ValidationError("Aturan reaktivasi harus 'kurang_dari' atau 'paling_lama'.")
        if self.electricity_max_va <= 0:
            raise ValidationError("Batas daya listrik harus lebih dari 0 VA.")
        if self.jamkesda_quota < 0 or self.jamkesda_contribution < 0:
            raise ValidationError("Kuota dan iuran jamkesda tidak boleh negatif.")
        if self.jamkesda_quota_period not in QUOTA_PERIODS:
            raise ValidationError("Periode kuota harus 'tahun' atau 'bulan'.")
        from app.rules.scoring import INDICATOR_SETS, as_score

        # weights and cut-off are exact decimals whatever JSON or the form gave (text, int, old floats)
        object.__setattr__(self, "indicator_weights", {str(k): as_score(v, f"Bobot indikator {k}")
                                                       for k, v in dict(self.indicator_weights).items()})
        if self.indicator_cutoff in (None, ""):
            object.__setattr__(self, "indicator_cutoff", None)
        else:
            object.__setattr__(self, "indicator_cutoff", as_score(self.indicator_cutoff, "Skor minimal layak"))
            if self.indicator_cutoff < 0:
                raise ValidationError("Skor minimal layak tidak boleh negatif.")
        if self.indicator_set not in INDICATOR_SETS:
            raise ValidationError(f"Set indikator '{self.indicator_set}' tidak dikenal. Pilihan: "
                                  f"{', '.join(INDICATOR_SETS)}.")
        known = {i.code for i in INDICATOR_SETS[self.indicator_set].indicators}
        unknown = sorted(set(self.indicator_weights) - known)
        if unknown:
            raise ValidationError(f"Bobot untuk indikator yang tidak ada di set: {', '.join(unknown)}.")
        if any(w < 0 for w in self.indicator_weights.values()):
            raise ValidationError("Bobot indikator tidak boleh negatif.")
        from app.rules.permissions import ROLES

        for where, roles in self.step_roles.items():
            if not roles or any(r not in ROLES for r in roles):
                raise ValidationError(f"Peran untuk langkah '{where}' harus satu atau lebih peran yang dikenal.")
        for code, sla in self.sla.items():
            if sla.get("unit") not in SLA_UNITS or int(sla.get("value", 0)) <= 0:
                raise ValidationError(f"Standar waktu layanan '{code}' tidak sah: satuan {', '.join(SLA_UNITS)} "
                                      "dan nilai lebih dari 0.")
        start = _hhmm(self.office_hours_start, "Jam buka kantor")
        end = _hhmm(self.office_hours_end, "Jam tutup kantor")
        if start >= end:
            raise ValidationError("Jam buka kantor harus sebelum jam tutup.")
        from datetime import date

        for d in self.extra_holidays:
            try:
                date.fromisoformat(d)
            except ValueError as exc:
                raise ValidationError(f"Hari libur tambahan '{d}' harus berformat YYYY-MM-DD.") from exc
        if self.complaint_sla_working_days <= 0:
            raise ValidationError("Standar waktu pengaduan harus lebih dari 0 hari kerja.")

    @property
    def office_open(self) -> tuple[int, int]:
        return _hhmm(self.office_hours_start, "Jam buka kantor")

    @property
    def office_close(self) -> tuple[int, int]:
        return _hhmm(self.office_hours_end, "Jam tutup kantor")
