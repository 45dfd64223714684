"""Calendar arithmetic used by the rules (pure)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months; a day that does not exist is clamped to the month's end
    (31 Aug + 6 months = 28 Feb, or 29 Feb in a leap year)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def period_of(d: date) -> str:
    """The batch period ``YYYY-MM`` of a date."""
    return f"{d.year:04d}-{d.month:02d}"
