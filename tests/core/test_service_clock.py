"""The service-time clock pauses at steps that wait outside the standard and moves the due time on by the
office time spent waiting (pinned moments; office hours 08:00–16:00 WIB, Monday–Friday)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.db.models import Case
from app.rules import sla
from app.rules.rule_settings import RuleSettings
from app.servicedefs.model import Step
from app.workflow import clock

WIB = timezone(timedelta(hours=7))
CAL = sla.WorkCalendar.from_settings(RuleSettings())
TASK = Step("kerja", "Kerja", ("back_office",), 10)
WAIT = Step("rekap", "Rekap", ("back_office",), 5, waits="jadwal")


def _case() -> Case:
    return Case(reg_number="X-1", service_code="pbi-baru", person_id=1)


def test_minutes_clock_paused_over_a_weekend_counts_only_office_minutes():
    c = _case()
    start = datetime(2026, 12, 4, 15, 30, tzinfo=WIB)  # Friday 15:30, 45 minutes: due Monday 08:15
    clock.start(c, TASK, unit="minutes", value=45, calendar=CAL, tz="WIB", now=start)
    assert c.clock == "berjalan" and c.due_at == datetime(2026, 12, 7, 8, 15, tzinfo=WIB)
    clock.on_enter(c, WAIT, unit="minutes", calendar=CAL, tz="WIB", now=start + timedelta(minutes=10))
    assert c.clock == "menunggu" and not clock.overdue(c, datetime(2026, 12, 9, 9, tzinfo=WIB))
    # waited from Friday 15:40 to Monday 09:00: 20 + 60 office minutes
    clock.on_enter(c, TASK, unit="minutes", calendar=CAL, tz="WIB", now=datetime(2026, 12, 7, 9, tzinfo=WIB))
    assert c.clock == "berjalan" and c.due_at == datetime(2026, 12, 7, 9, 35, tzinfo=WIB)


def test_working_days_clock_skips_the_days_spent_waiting():
    c = _case()
    start = datetime(2026, 12, 1, 10, tzinfo=WIB)  # Tuesday; 1 working day: due Wednesday 10:00
    clock.start(c, TASK, unit="working_days", value=1, calendar=CAL, tz="WIB", now=start)
    clock.pause(c, datetime(2026, 12, 1, 11, tzinfo=WIB))
    clock.resume(c, unit="working_days", calendar=CAL, tz="WIB", now=datetime(2026, 12, 3, 11, tzinfo=WIB))
    assert c.due_at == datetime(2026, 12, 4, 10, tzinfo=WIB)  # two working days later


def test_started_at_a_waiting_step_it_waits_and_the_product_meets_it():
    c = _case()
    now = datetime(2026, 12, 1, 10, tzinfo=WIB)
    clock.start(c, WAIT, unit="minutes", value=45, calendar=CAL, tz="WIB", now=now)
    assert c.clock == "menunggu"
    clock.met(c, now)
    assert c.clock == "terpenuhi" and not clock.overdue(c, now + timedelta(days=30))
    clock.stop(c)
    assert c.clock == "terpenuhi"  # a met standard stays met when the case closes
