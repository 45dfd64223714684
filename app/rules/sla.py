"""Service-time standards (SLA). Counter services count minutes of office time; day-based services count
working days that skip weekends and Indonesian public holidays (the maintained ``holidays`` library, plus
the office's extra days such as cuti bersama)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays as holidays_lib

from app.rules.dates import add_months


@lru_cache(maxsize=32)
def _national(year: int) -> frozenset[date]:
    return frozenset(holidays_lib.country_holidays("ID", years=year).keys())


@dataclass(frozen=True)
class WorkCalendar:
    """Working days (Monday–Friday, not a holiday) and office hours."""

    open_at: time = time(8, 0)
    close_at: time = time(16, 0)
    extra_holidays: frozenset[date] = frozenset()

    @classmethod
    def from_settings(cls, cfg) -> WorkCalendar:
        return cls(time(*cfg.office_open), time(*cfg.office_close),
                   frozenset(date.fromisoformat(d) for d in cfg.extra_holidays))

    def is_holiday(self, d: date) -> bool:
        return d in self.extra_holidays or d in _national(d.year)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and not self.is_holiday(d)

    def next_working_day(self, d: date) -> date:
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: date, days: int) -> date:
        """The working day ``days`` working days after ``start`` (1 × 24 hours from Friday is Monday)."""
        d = start
        left = days
        while left > 0:
            d += timedelta(days=1)
            if self.is_working_day(d):
                left -= 1
        return d

    def add_office_minutes(self, start: datetime, minutes: int) -> datetime:
        """``start`` (office-local, aware) plus ``minutes`` counted only inside office hours."""
        tz = start.tzinfo
        cur = start
        left = timedelta(minutes=minutes)
        while True:
            day = cur.date()
            opening = datetime.combine(day, self.open_at, tz)
            closing = datetime.combine(day, self.close_at, tz)
            if not self.is_working_day(day) or cur >= closing:
                cur = datetime.combine(self.next_working_day(day + timedelta(days=1)), self.open_at, tz)
                continue
            cur = max(cur, opening)
            if cur + left <= closing:
                return cur + left
            left -= closing - cur
            cur = closing

    def working_days_between(self, start: date, end: date) -> int:
        n, d = 0, start
        while d < end:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n += 1
        return n


def due_at(start_local: datetime, *, unit: str, value: int, calendar: WorkCalendar) -> datetime:
    """When a service started at ``start_local`` (office-local) is due.

    ``working_days``: the same clock time ``value`` working days later; ``months``: ``value`` calendar
    months later, moved forward to a working day.
    """
    if unit == "minutes":
        return calendar.add_office_minutes(start_local, value)
    if unit == "working_days":
        d = calendar.add_working_days(start_local.date(), value)
        return datetime.combine(d, start_local.timetz())
    if unit == "months":
        d = calendar.next_working_day(add_months(start_local.date(), value))
        return datetime.combine(d, start_local.timetz())
    raise ValueError(f"unknown SLA unit {unit!r}")


def describe(unit: str, value: int) -> str:
    return {"minutes": f"{value} menit", "working_days": f"{value} hari kerja",
            "months": f"{value} bulan"}[unit]


def holidays_in(year: int, extra: Iterable[date] = ()) -> list[date]:
    return sorted(set(_national(year)) | {d for d in extra if d.year == year})
