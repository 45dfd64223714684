"""Service-time standards (SLA) and the one work calendar of the app.

Counter services count minutes of office time; day-based services count working days. A working day is
Monday–Friday that is not a national public holiday, not a joint-leave day (cuti bersama, set by the
joint decree of the ministers each year) unless the office switched that off, and not one of the office's
own non-working days. Public holidays and joint leave come from the maintained ``holidays`` library
(Indonesia: category ``public``, and ``government`` for cuti bersama).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays as holidays_lib

from app.rules.dates import add_months


@lru_cache(maxsize=64)
def _official(year: int, joint_leave: bool) -> dict[date, str]:
    """Indonesia's public holidays of ``year`` (and its cuti bersama days when ``joint_leave``), by date."""
    categories = ("public", "government") if joint_leave else ("public",)
    return dict(holidays_lib.country_holidays("ID", years=year, categories=categories, language="id"))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days (Monday–Friday, not a holiday) and office hours.

    Build it with :meth:`from_settings` from the office's rule settings: every clock of the app (case
    SLAs, complaints, the dashboard's overdue list) counts with that one calendar.
    """

    open_at: time = time(8, 0)
    close_at: time = time(16, 0)
    extra_holidays: frozenset[date] = frozenset()
    #: joint-leave days (cuti bersama) are not working days (the office may switch that off)
    joint_leave: bool = True

    @classmethod
    def from_settings(cls, cfg) -> WorkCalendar:
        return cls(time(*cfg.office_open), time(*cfg.office_close),
                   frozenset(date.fromisoformat(d) for d in cfg.extra_holidays),
                   bool(cfg.joint_leave_non_working))

    def is_holiday(self, d: date) -> bool:
        return d in self.extra_holidays or d in _official(d.year, self.joint_leave)

    def holiday_name(self, d: date) -> str:
        """Why ``d`` is not a working day (``""`` when it is one or is only a weekend)."""
        if d in self.extra_holidays:
            return "Hari libur kantor"
        return _official(d.year, self.joint_leave).get(d, "")

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


def holidays_in(year: int, extra: Iterable[date] = (), *, joint_leave: bool = True) -> list[date]:
    """Every non-working weekday-or-weekend holiday of ``year``: official days plus ``extra``."""
    return sorted(set(_official(year, joint_leave)) | {d for d in extra if d.year == year})
