"""Read-side queries the counter window needs beyond :mod:`app.services.cases`: search, counts, the
monthly dashboard figures, and the names of the officers in a case's timeline.

Same house rules as every service: keyword-only, permission check first, one session per call, detached
results. The NIK is masked in every result (``CaseSummary.nik_masked``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, not_, or_
from sqlmodel import col, select

from app.context import Office
from app.db.models import Case, Person, User
from app.errors import ValidationError
from app.rules import scoring
from app.rules.permissions import Actor, require
from app.servicedefs import load_all
from app.services import cases

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class CaseFilter:
    """Filters of the case list; ``None`` means any."""

    service_code: str | None = None
    status: str | None = None
    step: str | None = None
    counter: str | None = None
    opened_from: datetime | None = None  # inclusive
    opened_to: datetime | None = None  # exclusive
    open_only: bool = False


SORTS = {"opened_at": Case.opened_at, "reg_number": Case.reg_number, "name": Person.name, "due_at": Case.due_at,
         "status": Case.status, "service": Case.service_code}


def _filtered(q, f: CaseFilter):
    if f.service_code:
        q = q.where(Case.service_code == f.service_code)
    if f.step:
        q = q.where(Case.current_step == f.step)
    if f.status:
        q = q.where(Case.status == f.status)
    if f.counter:
        q = q.where(Case.counter == f.counter)
    if f.opened_from:
        q = q.where(Case.opened_at >= f.opened_from)
    if f.opened_to:
        q = q.where(Case.opened_at < f.opened_to)
    if f.open_only:
        q = q.where(col(Case.closed_at).is_(None))
    return q


def count_cases(office: Office, *, actor: Actor, filters: CaseFilter | None = None, service_code: str | None = None
                ) -> int:
    """How many cases :func:`page_cases` pages through with the same filters."""
    require(actor, "case.view")
    f = filters or CaseFilter(service_code=service_code)
    with office.db.read() as s:
        q = select(func.count()).select_from(Case).join(Person, col(Person.id) == Case.person_id)
        return int(s.exec(_filtered(q, f)).one())


def page_cases(office: Office, *, actor: Actor, filters: CaseFilter | None = None, sort: str = "opened_at",
               descending: bool = True, limit: int = 200, offset: int = 0, urgent_first: bool = True
               ) -> list[cases.CaseSummary]:
    """One page of the case register, filtered and sorted (ties broken by id, so pages never overlap).

    With ``urgent_first`` the open DARURAT cases that match the filters head the list (in the chosen order),
    then everything else: two ordered reads, each served by an index, so the first page stays fast with
    200,000 cases (one ``ORDER BY urgent…`` over the whole register would sort it all).
    """
    require(actor, "case.view")
    if sort not in SORTS:
        raise ValidationError(f"Urutan '{sort}' tidak dikenal.")
    column = SORTS[sort]
    order = [column.desc() if descending else column.asc(),
             col(Case.id).desc() if descending else col(Case.id).asc()]
    f = filters or CaseFilter()
    head = and_(col(Case.urgent), col(Case.closed_at).is_(None))
    with office.db.read() as s:
        base = _filtered(select(Case, Person).join(Person, col(Person.id) == Case.person_id), f)
        out: list[cases.CaseSummary] = []
        if urgent_first:
            n_head = int(s.exec(_filtered(select(func.count()).select_from(Case)
                                          .join(Person, col(Person.id) == Case.person_id), f).where(head)).one())
            if offset < n_head:
                rows = s.exec(base.where(head).order_by(*order).offset(offset).limit(limit)).all()
                out = [cases.summary(c, p) for c, p in rows]
            base = base.where(not_(head))
            offset = max(0, offset - n_head)
            limit -= len(out)
        if limit > 0:
            out += [cases.summary(c, p) for c, p in s.exec(base.order_by(*order).offset(offset).limit(limit)).all()]
        return out


def counters(office: Office, *, actor: Actor) -> list[str]:
    """The counters that have opened cases (for the list's filter)."""
    require(actor, "case.view")
    with office.db.read() as s:
        return sorted(c for c in s.exec(select(Case.counter).distinct()).all() if c)


def search_cases(office: Office, *, actor: Actor, text: str, limit: int = SEARCH_LIMIT) -> list[cases.CaseSummary]:
    """Cases whose registration number, NIK (whole or its last digits) or name matches ``text``; newest first.

    Fewer than 3 characters (or 4 digits for a NIK) is refused: it would match half the register.
    """
    require(actor, "case.view")
    text = " ".join(text.split())
    digits = text.replace(" ", "")
    if len(text) < 3 or (digits.isdigit() and len(digits) < 4):
        raise ValidationError("Ketik sedikitnya 3 huruf nama, 4 angka NIK, atau nomor registrasi.")
    with office.db.read() as s:
        q = select(Case, Person).join(Person, col(Person.id) == Case.person_id)
        if digits.isdigit():
            cond = col(Person.nik) == digits if len(digits) == 16 else col(Person.nik).endswith(digits)
            q = q.where(or_(cond, col(Case.reg_number).contains(digits)))
        else:
            like = f"%{text.lower()}%"
            q = q.where(or_(func.lower(Person.name).like(like), func.lower(Case.reg_number).like(like)))
        q = q.order_by(col(Case.opened_at).desc(), col(Case.id).desc()).limit(limit)
        return [cases.summary(c, p) for c, p in s.exec(q).all()]


def waiting_for(office: Office, *, actor: Actor, limit: int = 200) -> list[cases.CaseSummary]:
    """Open cases whose current step is done by one of the user's roles (for paraf: whose turn is theirs).

    A file still waiting for documents from the applicant (checklist incomplete, no service time running
    yet) waits for the applicant, not for the officer, and is left out.
    """
    require(actor, "case.view")
    pairs = []
    paraf_steps = []
    defs = load_all(office)
    for code, defn in defs.items():
        for st in defn.steps:
            if st.kind == "paraf":
                if any(actor.has(r) for r in st.chain):
                    paraf_steps.append((code, st))
            elif any(actor.has(r) for r in st.roles):
                pairs.append(and_(col(Case.service_code) == code, col(Case.current_step) == st.code))
    pairs += [and_(Case.service_code == code, Case.current_step == st.code) for code, st in paraf_steps]
    if not pairs:
        return []
    with office.db.read() as s:
        q = (select(Case, Person).join(Person, col(Person.id) == Case.person_id)
             .where(col(Case.closed_at).is_(None), col(Case.due_at).is_not(None), or_(*pairs))
             .order_by(col(Case.step_started_at), col(Case.id)).limit(limit))
        out = []
        for c, p in s.exec(q).all():
            defn = defs[c.service_code]
            st = defn.step(c.current_step)
            if st.kind == "paraf":
                done = len((c.data or {}).get("paraf", {}).get(st.code, []))
                if done >= len(st.chain) or not actor.has(st.chain[done]):
                    continue
            out.append(cases.summary(c, p))
        return out


def user_names(office: Office, *, actor: Actor, user_ids: set[int] | list[int]) -> dict[int, str]:
    """Full names of the officers who appear in a case's step log (who did what)."""
    require(actor, "case.view")
    ids = sorted({i for i in user_ids if i is not None})
    if not ids:
        return {}
    with office.db.read() as s:
        rows = s.exec(select(User.id, User.full_name).where(col(User.id).in_(ids))).all()
        return {int(i): n for i, n in rows if i is not None}


@dataclass(frozen=True)
class MonthFigures:
    """Cases opened in a period per service and status (for the supervisor's dashboard)."""

    start: datetime
    end: datetime
    by_service_status: dict[str, dict[str, int]]
    total: int


def month_figures(office: Office, *, actor: Actor, start: datetime, end: datetime) -> MonthFigures:
    require(actor, "case.overdue")
    with office.db.read() as s:
        rows = s.exec(select(Case.service_code, Case.status, func.count())
                      .where(Case.opened_at >= start, Case.opened_at < end)
                      .group_by(Case.service_code, Case.status)).all()
    out: dict[str, dict[str, int]] = {}
    for code, status, n in rows:
        out.setdefault(code, {})[status] = int(n)
    return MonthFigures(start, end, out, sum(sum(v.values()) for v in out.values()))


@dataclass(frozen=True)
class Standing:
    """One jamkesda applicant of a quota period, as the ranking screen shows them."""

    case_id: int
    reg_number: str
    name: str
    score: Decimal | None
    desil: int | None
    dependants: int
    received_at: datetime
    rank: int | None  # position in the period's one ranking, 1, 2, 3 … (None: left the quota)
    decision: str  # layak | daftar_tunggu | "" (not ranked yet)
    current_step: str
    left: bool
    decided_by: str = ""  # why this row is below the one above it (the first published key that differs)


def _decided_by(above: scoring.Candidate | None, row: scoring.Candidate) -> str:
    """The first tie-breaker that puts ``row`` below ``above``, in words."""
    if above is None:
        return "skor tertinggi"
    if above.score != row.score:
        return f"skor lebih rendah ({row.score:g} < {above.score:g})"
    a_desil, r_desil = above.desil or 99, row.desil or 99
    if a_desil != r_desil:
        return ("skor sama; tanpa desil" if row.desil is None else
                f"skor sama; desil lebih tinggi ({row.desil} > {above.desil})")
    if above.dependants != row.dependants:
        return f"skor dan desil sama; tanggungan lebih sedikit ({row.dependants} < {above.dependants})"
    if above.received_at != row.received_at:
        return "skor, desil dan tanggungan sama; diterima lebih kemudian"
    return "semua sama; nomor registrasi lebih besar"


def _score(d: dict) -> Decimal | None:
    """The stored score as an exact decimal (stored as text; an old office may hold a number)."""
    return None if d.get("score") in (None, "") else scoring.as_score(d["score"])


def jamkesda_standing(office: Office, *, actor: Actor, period: str) -> list[Standing]:
    """The period's one ranking against its quota: every applicant that reached the ranking (ranked or waiting
    to be) in the strict order of the published keys (:func:`app.rules.scoring.rank`: score, desil, dependants,
    date received, registration number), numbered 1, 2, 3 … with no ties, each with the key that placed it
    below the one above; then those who left the quota (no position). The decision shown is the one the core
    recorded (layak within the quota, daftar tunggu, or not ranked yet)."""
    require(actor, "case.view")
    defn = load_all(office).get("jamkesda")
    ranking = {st.code for st in defn.steps if st.kind == "ranking"} if defn else set()
    rows: list[tuple[Case, Person]] = []
    with office.db.read() as s:
        for c, p in s.exec(select(Case, Person).join(Person, col(Person.id) == Case.person_id)
                           .where(Case.service_code == "jamkesda")).all():
            d = c.data or {}
            if d.get("quota_period") != period or (not d.get("decision") and c.current_step not in ranking):
                continue
            rows.append((c, p))
    by_reg = {c.reg_number: (c, p) for c, p in rows}
    candidates = [scoring.Candidate(c.reg_number, scoring.as_score((c.data or {}).get("score") or 0),
                                    (c.data or {}).get("desil"), int((c.data or {}).get("dependants") or 0),
                                    c.opened_at)
                  for c, p in rows if not (c.data or {}).get("left")]
    out: list[Standing] = []
    above: scoring.Candidate | None = None
    for r in scoring.rank(candidates, free_slots=None):
        c, p = by_reg[r.candidate.key]
        d = c.data or {}
        out.append(Standing(c.id or 0, c.reg_number, p.name, _score(d), d.get("desil"),
                            int(d.get("dependants") or 0), c.opened_at, r.rank, d.get("decision", ""),
                            c.current_step, False, _decided_by(above, r.candidate)))
        above = r.candidate
    for c, p in sorted(rows, key=lambda cp: cp[0].reg_number):
        d = c.data or {}
        if d.get("left"):
            out.append(Standing(c.id or 0, c.reg_number, p.name, _score(d), d.get("desil"),
                                int(d.get("dependants") or 0), c.opened_at, None, d.get("decision", ""),
                                c.current_step, True, "keluar dari kuota"))
    return out
