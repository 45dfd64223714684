"""The demo's moments, on the office's one work calendar (app.rules.sla.WorkCalendar).

Cases are opened and moved only on working days — weekends, Indonesian public holidays and the office's
extra days (cuti bersama) skipped, as the SLA counts them — and inside office hours.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from app.rules.sla import WorkCalendar
from app.timeutil import zone

TZ = zone("WIB")


@dataclass(frozen=True)
class DemoClock:
    calendar: WorkCalendar
    tz: tzinfo = TZ

    def local(self, d: date, hh: int, mm: int) -> datetime:
        return datetime.combine(d, time(hh, mm), self.tz)

    def workdays_back(self, today: date, n: int) -> list[date]:
        """The last ``n`` working days up to ``today`` (inclusive), oldest first."""
        days, d = [], today
        while len(days) < n:
            if self.calendar.is_working_day(d):
                days.append(d)
            d -= timedelta(days=1)
        return days[::-1]

    def next_workday(self, d: date) -> date:
        return self.calendar.next_working_day(d + timedelta(days=1))

    def is_open_day(self, d: date) -> bool:
        return self.calendar.is_working_day(d)

    @property
    def hours(self) -> tuple[int, int]:
        """The first and the last whole hour in which a move may start (the last one ends before closing)."""
        return self.calendar.open_at.hour, max(self.calendar.open_at.hour, self.calendar.close_at.hour - 2)

    def later(self, t: datetime, rng: random.Random, lo: int = 3, hi: int = 25) -> datetime:
        """A few minutes later, within office hours (until 15 minutes before closing), else the next working
        morning."""
        t = t + timedelta(minutes=rng.randint(lo, hi))
        local = t.astimezone(self.tz)
        last = datetime.combine(local.date(), self.calendar.close_at, self.tz) - timedelta(minutes=15)
        if local > last or not self.calendar.is_working_day(local.date()):
            t = self.local(self.next_workday(local.date()), self.calendar.open_at.hour, rng.randint(5, 50))
        return t

    def days_later(self, t: datetime, rng: random.Random, lo: int, hi: int) -> datetime:
        """Some working days later, at a random office hour (never before ``t``)."""
        d = t.astimezone(self.tz).date()
        for _ in range(rng.randint(lo, hi)):
            d = self.next_workday(d)
        first, last = self.hours
        res = self.local(d, rng.randint(first, last), rng.randint(0, 59))
        return res if res > t else self.later(t, rng, 5, 30)
