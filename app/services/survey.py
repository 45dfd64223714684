"""Survei Kepuasan Masyarakat after service (optional, SPEC §1.6): 9 elements, IKM score and grade."""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta

from sqlmodel import select

from app.context import Office
from app.db.models import Case
from app.errors import NotFound
from app.rules import ikm
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow, zone
from app.workflow import engine


def record(office: Office, *, actor: Actor, case_id: int, answers: dict[str, int], now: datetime | None = None
           ) -> None:
    """Store one respondent's answers (1–4 per element) with the case they were served in."""
    require(actor, "survey.record")
    clean = ikm.check_response(answers)
    now = now or utcnow()
    with office.db.write() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        case = engine.lock(s, case_id, case.version, now)
        data = copy.deepcopy(case.data or {})
        data["skm"] = {"answers": clean, "at": now.isoformat()}
        case.data = data
        s.add(case)
        audit.record(s, actor=actor, action="survey.record", entity="case", entity_id=case_id, new={"skm": clean})


def report(office: Office, *, actor: Actor, start: date, end: date, service_code: str | None = None
           ) -> ikm.IkmResult:
    """IKM of the surveys recorded between ``start`` and ``end`` (inclusive, office dates)."""
    require(actor, "survey.report")
    with office.db.read() as s:
        tz = zone(engine.tz_name(s))
        lo = datetime.combine(start, time(0), tz)
        hi = datetime.combine(end + timedelta(days=1), time(0), tz)
        q = select(Case).where(Case.updated_at >= lo)
        if service_code:
            q = q.where(Case.service_code == service_code)
        rows = []
        for c in s.exec(q).all():
            skm = (c.data or {}).get("skm")
            if skm and lo <= datetime.fromisoformat(skm["at"]) < hi:
                rows.append(skm["answers"])
        return ikm.compute(rows)
