"""The counter queue: which open cases an officer can act on now, and the views one filter away.

One rule decides "can act on now" (:func:`actionable_clause`), in SQL so the queue pages through 200,000
cases without loading them: the case is open, its service time is running (a file still waiting for the
applicant's documents waits for the applicant, not for an officer), and

- at a task or ranking step: the officer holds one of the step's roles;
- at a paraf step: the officer holds the role whose turn it is in the chain (the number of paraf already
  given, ``case.data["paraf"][step]``, is that role's position).

Every view orders urgent (DARURAT) cases first, then by due time (cases without one last), then by when
they were received. "Lewat tenggat" counts only what is really late and this officer's: cases they can act
on now whose due time has passed.

Same house rules as every service: keyword-only, permission check first, one session per call, detached
results, the NIK masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, false, func, not_, or_
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from app.context import Office
from app.db.models import Case, Person
from app.errors import ValidationError
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, require
from app.servicedefs import ServiceDef, load_all
from app.services.cases import CaseSummary
from app.timeutil import utcnow

#: view code -> its name on the screen (the core's words; the window may translate them)
VIEWS = {
    "mine": "Dapat saya kerjakan",
    "all": "Semua berkas",
    "others": "Menunggu petugas lain",
    "late": "Lewat tenggat",
}
PAGE_SIZE = 100
#: the columns of a queue row, in :class:`CaseSummary` order (the NIK is masked when the row is made)
_ROW = (col(Case.id), col(Case.reg_number), col(Case.service_code), col(Person.nik), col(Person.name),
        col(Case.status), col(Case.current_step), col(Case.urgent), col(Case.counter), col(Case.opened_at),
        col(Case.due_at), col(Case.outcome), col(Case.version), col(Case.clock))


@dataclass(frozen=True)
class QueueEntry(CaseSummary):
    """A queue row: the case summary plus what the rule decided for this officer."""

    actionable: bool
    late: bool


@dataclass(frozen=True)
class QueueCounts:
    """How many open cases each view holds for this officer (``late``: theirs and past due)."""

    mine: int
    all: int
    others: int
    late: int
    urgent_mine: int

    def of(self, view: str) -> int:
        return {"mine": self.mine, "all": self.all, "others": self.others, "late": self.late}[view]


def _paraf_done(step_code: str) -> Any:
    """How many paraf the case already has at ``step_code`` (0 when none), as an SQL expression.

    ``json_array_length`` exists in SQLite and PostgreSQL; the path is the engine's
    ``case.data["paraf"][step]`` list.
    """
    return func.coalesce(func.json_array_length(Case.data[("paraf", step_code)]), 0)


@dataclass(frozen=True)
class MySteps:
    """Where an officer acts: task (and ranking) steps per service, and their turns in each paraf chain."""

    tasks: dict[str, tuple[str, ...]]
    paraf: dict[tuple[str, str], tuple[int, ...]]  # (service, step) -> positions in the chain

    def __bool__(self) -> bool:
        return bool(self.tasks or self.paraf)


def my_steps(defs: dict[str, ServiceDef], actor: Actor) -> MySteps:
    """The steps whose work is this officer's (the one place the rule reads the definitions)."""
    tasks: dict[str, tuple[str, ...]] = {}
    paraf: dict[tuple[str, str], tuple[int, ...]] = {}
    for code, defn in defs.items():
        mine = tuple(st.code for st in defn.steps if st.kind != "paraf" and any(actor.has(r) for r in st.roles))
        if mine:
            tasks[code] = mine
        for st in defn.steps:
            turns = tuple(n for n, role in enumerate(st.chain) if actor.has(role)) if st.kind == "paraf" else ()
            if turns:
                paraf[(code, st.code)] = turns
    return MySteps(tasks, paraf)


def actionable_clause(steps: MySteps) -> Any:
    """The SQL condition "this officer can act on this case now" (see the module docstring)."""
    conds = [and_(col(Case.service_code) == code, col(Case.current_step).in_(codes))
             for code, codes in steps.tasks.items()]
    conds += [and_(col(Case.service_code) == code, col(Case.current_step) == step, _paraf_done(step).in_(turns))
              for (code, step), turns in steps.paraf.items()]
    if not conds:
        return false()
    return and_(col(Case.closed_at).is_(None), col(Case.due_at).is_not(None), or_(*conds))


_CLAUSES: dict[tuple[tuple[tuple[str, int], ...], frozenset[str]], tuple[list[ServiceDef], MySteps, Any]] = {}


def _mine(office: Office, actor: Actor) -> tuple[MySteps, Any]:
    """The officer's steps and their SQL condition, built once per set of definitions and roles (building the
    expression costs more than running the query on a small office)."""
    defs = load_all(office)  # a new dict each time, of the same (cached) definition objects
    key = (tuple((code, id(d)) for code, d in defs.items()), frozenset(actor.roles))
    hit = _CLAUSES.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], defs.values(), strict=False)):
        if len(_CLAUSES) > 64:
            _CLAUSES.clear()
        steps = my_steps(defs, actor)
        hit = _CLAUSES[key] = (list(defs.values()), steps, actionable_clause(steps))
    return hit[1], hit[2]


def _late_clause(now: datetime) -> Any:
    """Past its service time: only a running clock is ever late (a case waiting for a window, the recap or
    BPJS is "menunggu jadwal"; one whose product was issued has met its standard)."""
    return and_(col(Case.clock) == "berjalan", col(Case.due_at).is_not(None), col(Case.due_at) < now)


def _view_clause(view: str, mine: Any, now: datetime) -> Any:
    open_ = col(Case.closed_at).is_(None)
    if view == "mine":
        return and_(open_, mine)
    if view == "all":
        return open_
    if view == "others":
        return and_(open_, not_(mine))
    if view == "late":
        return and_(open_, mine, _late_clause(now))
    raise ValidationError(f"Tampilan antrean '{view}' tidak dikenal. Pilihan: {', '.join(VIEWS)}.")


def queue_order(view: str = "mine") -> list[Any]:
    """Urgent first, then by due time, ties by id (pages never overlap).

    The views that hold cases without a due time (``all``, ``others``: files waiting for the applicant) put
    those last within their urgency (SQLite sorts NULL first). ``mine`` and ``late`` always have a due time
    and follow the index ``ix_case_open_queue`` (urgent DESC, due_at) with no sort step.
    """
    order: list[Any] = [col(Case.urgent).desc()]
    if view in ("all", "others"):
        order.append(col(Case.due_at).is_(None))
    return order + [col(Case.due_at).asc(), col(Case.id).asc()]


def default_view(office: Office, *, actor: Actor) -> str:
    """``mine`` for an officer who holds a role at some step; ``all`` for one who holds none (e.g. a
    supervisor), whose own queue would always be empty."""
    require(actor, "case.view")
    return "mine" if _mine(office, actor)[0] else "all"


def queue_page(office: Office, *, actor: Actor, view: str = "mine", limit: int = PAGE_SIZE, offset: int = 0,
               now: datetime | None = None) -> list[QueueEntry]:
    """One page of a queue view, urgent first then by due time."""
    require(actor, "case.view")
    if limit < 1 or offset < 0:
        raise ValidationError("Halaman antrean tidak sah.")
    now = now or utcnow()
    _steps, mine = _mine(office, actor)
    with office.db.read() as s:
        q = (sa_select(*_ROW, mine.label("mine"), and_(mine, _late_clause(now)).label("late"))
             .join(Person, col(Person.id) == Case.person_id)
             .where(_view_clause(view, mine, now))
             .order_by(*queue_order(view)).offset(offset).limit(limit))
        return [QueueEntry(r[0], r[1], r[2], mask_nik(r[3]), *r[4:14], actionable=bool(r[14]), late=bool(r[15]))
                for r in s.execute(q).all()]


def queue_counts(office: Office, *, actor: Actor, now: datetime | None = None) -> QueueCounts:
    """The number of cases in every view.

    Counted per (service, step, urgent) group over the open cases (a covering index), and per paraf turn for
    the chains this officer is in; which groups are the officer's is decided by :func:`my_steps`, the same
    rule :func:`actionable_clause` puts in SQL for the pages.
    """
    require(actor, "case.view")
    now = now or utcnow()
    steps, _clause = _mine(office, actor)
    open_ = col(Case.closed_at).is_(None)
    late = func.sum(case((and_(col(Case.clock) == "berjalan", col(Case.due_at) < now), 1), else_=0))
    total = mine = late_n = urgent_n = 0
    with office.db.read() as s:
        groups = s.execute(sa_select(col(Case.service_code), col(Case.current_step), col(Case.urgent), func.count(),
                                     func.count(col(Case.due_at)), late)
                        .where(open_).group_by(Case.service_code, Case.current_step, col(Case.urgent))).all()
        for code, step, urgent, n, running, n_late in groups:
            total += n
            if step in steps.tasks.get(code, ()):
                mine, late_n = mine + running, late_n + int(n_late or 0)
                urgent_n += running if urgent else 0
        for (code, step), turns in steps.paraf.items():
            done = _paraf_done(step)
            rows = s.exec(select(done, Case.urgent, func.count(col(Case.due_at)), late)
                          .where(open_, Case.service_code == code, Case.current_step == step)
                          .group_by(done, col(Case.urgent))).all()
            for n_done, urgent, running, n_late in rows:
                if n_done in turns:
                    mine, late_n = mine + running, late_n + int(n_late or 0)
                    urgent_n += running if urgent else 0
    return QueueCounts(mine=mine, all=total, others=total - mine, late=late_n, urgent_mine=urgent_n)
