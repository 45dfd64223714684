"""The monthly proposal window of ``pbi-baru`` (SPEC §1.1): Linjamsos proposes to PBI JK APBN only
between two days of the month (default 1–11); a case approved outside waits for the next window."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from app.rules.dates import add_months
from app.timeutil import tanggal_angka


@dataclass(frozen=True)
class WindowDecision:
    in_window: bool
    proposal_date: date  # the day the case can be proposed (today when in the window)
    message: str


def _clamp(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def proposal_window(approved_on: date, *, start_day: int = 1, end_day: int = 11) -> WindowDecision:
    start = _clamp(approved_on.year, approved_on.month, start_day)
    end = _clamp(approved_on.year, approved_on.month, end_day)
    if start <= approved_on <= end:
        return WindowDecision(True, approved_on, f"Dalam jendela usulan (tanggal {start_day}–{end_day}).")
    if approved_on < start:
        nxt = start
    else:
        first_next = add_months(approved_on.replace(day=1), 1)
        nxt = _clamp(first_next.year, first_next.month, start_day)
    return WindowDecision(
        False, nxt,
        f"Di luar jendela usulan (tanggal {start_day}–{end_day}); diusulkan pada jendela berikutnya "
        f"{tanggal_angka(nxt)}.",
    )
