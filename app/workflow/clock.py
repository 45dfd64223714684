"""The service-time clock: what the standard promises, from complete documents to the product.

``case.clock`` is ``""`` (documents not complete yet), ``berjalan`` (counting), ``menunggu`` (the case is at a
step that waits for something outside the office's service time — the monthly proposal window, the collective
recap, BPJS processing, a DTSEN import, the quota — shown as "menunggu jadwal", never as overdue),
``terpenuhi`` (the product was issued) or ``berhenti`` (closed without a product). While waiting, the due time
is moved on by the working time spent waiting, so that the clock only counts the office's own time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.db.models import Case
from app.rules import sla
from app.servicedefs import ServiceDef, Step
from app.timeutil import zone

RUNNING, WAITING, MET, STOPPED = "berjalan", "menunggu", "terpenuhi", "berhenti"
LABELS = {"": "belum berjalan (berkas belum lengkap)", RUNNING: "berjalan", WAITING: "menunggu jadwal",
          MET: "terpenuhi (produk diterbitkan)", STOPPED: "berhenti (berkas ditutup)"}


def _local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(zone(tz))


def start(case: Case, step: Step, *, unit: str, value: int, calendar: sla.WorkCalendar, tz: str,
          now: datetime) -> None:
    """Documents are complete: the clock starts (already waiting if the case sits at a waiting step)."""
    if case.clock:
        return
    case.due_at = sla.due_at(_local(now, tz), unit=unit, value=value, calendar=calendar)
    case.clock = RUNNING
    if step.waits:
        pause(case, now)


def pause(case: Case, now: datetime) -> None:
    if case.clock == RUNNING:
        case.clock = WAITING
        case.clock_paused_at = now


def _office_minutes_between(calendar: sla.WorkCalendar, start: datetime, end: datetime) -> int:
    total = timedelta()
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            opening = datetime.combine(day, calendar.open_at, start.tzinfo)
            closing = datetime.combine(day, calendar.close_at, start.tzinfo)
            lo, hi = max(opening, start), min(closing, end)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return int(total.total_seconds() // 60)


def resume(case: Case, *, unit: str, calendar: sla.WorkCalendar, tz: str, now: datetime) -> None:
    """The wait is over: the due time moves on by the working time spent waiting."""
    if case.clock != WAITING:
        return
    paused = case.clock_paused_at or now
    if case.due_at is not None:
        due = _local(case.due_at, tz)
        since, until = _local(paused, tz), _local(now, tz)
        if unit == "minutes":
            case.due_at = calendar.add_office_minutes(due, _office_minutes_between(calendar, since, until))
        elif unit == "working_days":
            lost = calendar.working_days_between(since.date(), until.date())
            case.due_at = datetime.combine(calendar.add_working_days(due.date(), lost), due.timetz())
        else:
            case.due_at = due + (until - since)
    case.clock = RUNNING
    case.clock_paused_at = None


def on_enter(case: Case, step: Step, *, unit: str, calendar: sla.WorkCalendar, tz: str, now: datetime) -> None:
    """Entering a step pauses the clock at a waiting step and resumes it elsewhere."""
    if step.waits:
        pause(case, now)
    else:
        resume(case, unit=unit, calendar=calendar, tz=tz, now=now)


def met(case: Case, now: datetime) -> None:
    """The product is in the applicant's hands: the clock has done its work."""
    if case.clock in (RUNNING, WAITING):
        case.clock = MET
        case.clock_paused_at = None


def stop(case: Case) -> None:
    if case.clock in (RUNNING, WAITING, ""):
        case.clock = STOPPED if case.clock else ""
        case.clock_paused_at = None


def overdue(case: Case, now: datetime) -> bool:
    return case.clock == RUNNING and case.due_at is not None and case.due_at < now


def describe(case: Case, defn: ServiceDef, now: datetime) -> str:
    """One line for the screen: "menunggu jadwal: rekap kolektif bulanan", "lewat tenggat", …"""
    if case.clock == WAITING:
        try:
            waits = defn.step(case.current_step).waits
        except KeyError:
            waits = ""
        from app.servicedefs.loader import WAITS

        return f"menunggu jadwal: {WAITS.get(waits, waits)}" if waits else LABELS[WAITING]
    if overdue(case, now):
        return "lewat tenggat"
    return LABELS.get(case.clock, case.clock)
