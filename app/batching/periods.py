"""Batch periods: one calendar month ``YYYY-MM`` in the office's time zone (pure)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.errors import ValidationError
from app.timeutil import nama_periode, zone

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_period(period: str) -> tuple[int, int]:
    m = _PERIOD.match(str(period or "").strip())
    if not m:
        raise ValidationError(f"Periode '{period}' tidak sah: tulis sebagai TTTT-BB, mis. 2026-11.")
    return int(m.group(1)), int(m.group(2))


def period_bounds(period: str, tz_name: str = "WIB") -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive) of the month in the office's zone, as UTC datetimes."""
    year, month = parse_period(period)
    tz = zone(tz_name)
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def period_of(moment: datetime, tz_name: str = "WIB") -> str:
    local = moment.astimezone(zone(tz_name))
    return f"{local.year:04d}-{local.month:02d}"


def next_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year + (month == 12):04d}-{month % 12 + 1:02d}"


def previous_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"


def period_name(period: str) -> str:
    """``November 2026``."""
    return nama_periode(*parse_period(period))


def effective_period(period: str, closed: set[str] | frozenset[str]) -> str:
    """The batch a case ready in ``period`` joins: its own month, or, when that month's batch was already
    closed (early, or before the case reached the batch step), the first later month not closed yet."""
    while period in closed:
        period = next_period(period)
    return period


def first_of_run(period: str, closed: set[str] | frozenset[str]) -> str:
    """The earliest month whose cases join ``period``'s batch: ``period`` itself, or the first of the closed
    months right before it (their late cases come along)."""
    while previous_period(period) in closed:
        period = previous_period(period)
    return period
