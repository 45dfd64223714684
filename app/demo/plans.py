"""Who comes for which service when, and how far each case gets (a stalled case waits at a step)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.demo.clock import DemoClock
from app.demo.people import Person, outsider, person_from_row
from app.demo.staff import SERVICE_WEIGHTS


@dataclass
class Plan:
    service: str
    person: Person
    opened: datetime
    steps: int | None  # how many moves after opening before the case is left waiting (None: to the end)
    variant: str
    urgent: bool = False


#: service → [(variant, weight, person kind, how far a stalled case may get)]
VARIANTS: dict[str, list[tuple[str, int, str]]] = {
    "pbi-baru": [("normal", 40, "dtsen_ok"), ("field", 14, "outsider"), ("not_poor", 6, "outsider"),
                 ("high_desil", 6, "dtsen_high"), ("urgent", 10, "any"), ("returned", 8, "dtsen_ok"),
                 ("rejected", 6, "dtsen_ok"), ("incomplete", 10, "dtsen_ok")],
    "jamkesda": [("eligible", 75, "any"), ("not_eligible", 25, "any")],
    "reaktivasi-sk": [("normal", 60, "dtsen_ok"), ("already_active", 12, "dtsen_ok"), ("rejected", 12, "outsider"),
                      ("returned", 16, "dtsen_ok")],
    "reaktivasi-rekom": [("normal", 60, "dtsen_ok"), ("already_active", 10, "dtsen_ok"),
                         ("not_reactivatable", 12, "dtsen_ok"), ("returned", 18, "dtsen_ok")],
    "penonaktifan": [("normal", 85, "any"), ("incomplete", 15, "any")],
}
#: moves of a full run (after opening) per service, for choosing where a stalled case waits
MOVES = {"pbi-baru": 5, "jamkesda": 7, "reaktivasi-sk": 10, "reaktivasi-rekom": 6, "penonaktifan": 9}


def make_plans(n: int, rng: random.Random, rows: list[dict[str, str]], now: datetime, clock: DemoClock) -> list[Plan]:
    local_now = now.astimezone(clock.tz)
    today = local_now.date()
    if not clock.is_open_day(today) or local_now.hour < 10:  # before the office is properly open: up to yesterday
        today -= timedelta(days=1)
    days = clock.workdays_back(today, 66)  # about three months of working days
    recent = days[-6:]
    local_rows = [r for r in rows if r["NIK"].startswith("1971")]
    rng.shuffle(local_rows)
    ok = [r for r in local_rows if r["DESIL"] and 1 <= int(r["DESIL"]) <= 5]
    high = [r for r in local_rows if r["DESIL"] and int(r["DESIL"]) > 5]
    taken = {r["NIK"] for r in rows}
    used: set[str] = set()
    services = list(SERVICE_WEIGHTS)
    plans = []
    for i in range(n):
        service = services[i % len(services)] if i < len(services) else \
            rng.choices(services, weights=list(SERVICE_WEIGHTS.values()))[0]
        variants = VARIANTS[service]
        variant, _w, kind = rng.choices(variants, weights=[v[1] for v in variants])[0]
        if kind == "any":
            kind = rng.choice(["dtsen_ok", "dtsen_ok", "outsider"])
        pool = {"dtsen_ok": ok, "dtsen_high": high}.get(kind)
        person = None
        while pool:
            row = pool.pop()
            if row["NIK"] not in used:
                person = person_from_row(row, rng)
                break
        if person is None:
            person = outsider(i, rng, taken)
        used.add(person.nik)
        # When: most cases anywhere in the three months, a good share in the last week (still moving)
        day = rng.choice(recent) if rng.random() < 0.3 else rng.choice(days[:-1] if service != "jamkesda" else days)
        opened = clock.local(day, rng.randint(*clock.hours), rng.randint(0, 59))
        if opened >= now:
            opened = clock.local(days[-2], rng.randint(*clock.hours), rng.randint(0, 59))
        steps = None
        if rng.random() < 0.12:  # stalled somewhere along the way (these become overdue)
            steps = rng.randint(0, MOVES[service] - 1)
        plans.append(Plan(service, person, opened, steps, variant, urgent=variant == "urgent"))
    plans.sort(key=lambda p: p.opened)
    return plans
