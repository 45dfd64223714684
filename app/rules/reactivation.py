"""The reactivation limit of PBI JK (SPEC §1.3, §1.4): a participant deactivated less than N months ago
(setting; or "within N months" inclusive) may be reactivated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.rules.dates import add_months
from app.timeutil import tanggal_angka


@dataclass(frozen=True)
class ReactivationCheck:
    allowed: bool
    deadline: date  # deactivation date + N months
    message: str


def reactivation_limit(deactivated_on: date, requested_on: date, *, months: int = 6,
                       rule: str = "kurang_dari") -> ReactivationCheck:
    """``kurang_dari``: allowed while ``requested_on`` < deadline; ``paling_lama``: also on the deadline."""
    if requested_on < deactivated_on:
        return ReactivationCheck(False, add_months(deactivated_on, months),
                                 "Tanggal permohonan sebelum tanggal penonaktifan: periksa tanggal.")
    deadline = add_months(deactivated_on, months)
    allowed = requested_on < deadline if rule == "kurang_dari" else requested_on <= deadline
    since, until, on = tanggal_angka(deactivated_on), tanggal_angka(deadline), tanggal_angka(requested_on)
    if allowed:
        msg = (f"Nonaktif sejak {since}, lapor ke Dinas {on}: masih dalam batas reaktivasi {months} bulan "
               f"(batas {until}).")
    else:
        msg = (f"Nonaktif sejak {since}, lapor ke Dinas {on}: melewati batas reaktivasi {months} bulan "
               f"(batas {until}).")
    return ReactivationCheck(allowed, deadline, msg)
