"""The workflow engine's public API: one state machine for every service definition (SPEC §1.7).

The use cases (app/services/cases.py: open, advance, paraf, return, reject; case_letters.py: letters at their
steps; the quota ranking and the collective SK request; the satisfaction survey) are built from these
primitives, always inside ONE transaction (``office.db.write()``) that the caller holds:

- :func:`lock` claims a case at the version the caller saw (optimistic locking, one owner per case);
  :func:`claim_at_step` adds the open check, the service definition, the rules and the current step;
- :func:`check_role` / :func:`step_roles`: who may act at a step (the office may narrow a step's roles);
- :func:`log` writes the step log (real duration against the standard minutes);
- :func:`enter` moves the case into a step: its path, its paraf chain, the letters that become due there
  (app/workflow/products.py), the service-time clock (app/workflow/clock.py), the batch date, and the
  definition's ``on_enter`` hooks;
- :func:`close` closes it with an outcome (the product must exist for a served outcome; open drafts are
  discarded; the clock stops), then the definition's ``on_close`` hooks run (app/workflow/hooks.py);
- :func:`move` is "go to this target": a step code or ``close:<outcome>``;
- :func:`context` / :func:`failed_checks` evaluate a step's eligibility rules;
- :func:`rules`, :func:`tz_name`, :func:`local`, :func:`next_serial`, :func:`sla_of`: shared look-ups.

No service code appears here: what one service needs (a quota period, a released slot) is a hook its
definition declares.
"""

from __future__ import annotations

import copy
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Case, ChecklistItem, Counter, DtsenRecord, OfficeProfile, Person, StepLog
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.network import guard as network_guard
from app.rules import eligibility, sla
from app.rules.context import DtsenInfo, RuleContext
from app.rules.permissions import Actor, role_label
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.rules.windows import proposal_window
from app.servicedefs import ServiceDef, Step
from app.servicedefs import get as get_definition
from app.services import settings
from app.timeutil import zone
from app.workflow import clock, hooks, products

if TYPE_CHECKING:
    from app.services.reconcile import Membership

CONFLICT_MESSAGE = "Berkas ini telah diubah oleh petugas lain; muat ulang."
#: outcomes that close a case as served; any other closing outcome is a refusal and needs a reason
POSITIVE_OUTCOMES = frozenset({"selesai", "layak", "sudah_aktif_otomatis"})
OPEN_STATUSES = ("draft", "proses")


# --------------------------------------------------------------------------- look-ups


def rules(s: Session) -> RuleSettings:
    """The office's rule settings (read in the caller's transaction)."""
    return settings.load_in(s, RULES_SECTION, RuleSettings)


def tz_name(s: Session) -> str:
    """The office's time zone name (WIB/WITA/WIT)."""
    p = s.get(OfficeProfile, 1)
    return p.timezone if p else "WIB"


def local(moment: datetime, tz: str) -> datetime:
    """``moment`` in office time."""
    return moment.astimezone(zone(tz))


def next_serial(s: Session, name: str) -> int:
    """The next value of a named serial, inside the caller's transaction (never issued twice)."""
    dialect = s.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        s.exec(insert(Counter).values(name=name, value=0).on_conflict_do_nothing(index_elements=["name"]))
    row = s.get(Counter, name, with_for_update=True, populate_existing=True)
    if row is None:
        row = Counter(name=name, value=0)
    row.value += 1
    s.add(row)
    s.flush()
    return row.value


def sla_of(defn: ServiceDef, cfg: RuleSettings) -> tuple[str, int]:
    """The service-time standard (unit, value): the office's setting, else the definition's."""
    o = cfg.sla.get(defn.code)
    return (o["unit"], int(o["value"])) if o else (defn.sla_unit, defn.sla_value)


def dtsen(s: Session, nik: str) -> DtsenInfo | None:
    """The imported DTSEN row of a NIK, if any."""
    r = s.exec(select(DtsenRecord).where(DtsenRecord.nik == nik)).first()
    return DtsenInfo(r.nik, r.no_kk, r.name, r.desil, r.dtsen_id) if r else None


def checklist_items(s: Session, case_id: int) -> list[ChecklistItem]:
    return list(s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case_id)).all())


def missing_requirements(defn: ServiceDef, received: dict[str, bool], cfg: RuleSettings) -> list[str]:
    """Labels of what is still missing: required items not received, and any-of groups with nothing received.

    An item is optional when its ``optional_when`` setting is on, and not offered at all when its
    ``enabled_by`` setting is off.
    """
    missing: list[str] = []
    groups: dict[str, list] = {}
    for req in defn.requirements:
        if req.enabled_by and not getattr(cfg, req.enabled_by):
            continue
        required = req.required and not (req.optional_when and getattr(cfg, req.optional_when))
        if req.group:
            groups.setdefault(req.group, []).append((req, required))
            continue
        if required and not received.get(req.code):
            missing.append(req.label)
    for members in groups.values():
        if any(received.get(r.code) for r, _ in members):
            continue
        individually = [r for r, req in members if req]
        if individually:
            missing.extend(r.label for r in individually)
        else:
            missing.append(" atau ".join(r.label for r, _ in members))
    return missing


def missing(s: Session, case: Case, defn: ServiceDef, cfg: RuleSettings) -> list[str]:
    """What the case's checklist still lacks (labels)."""
    return missing_requirements(defn, {i.code: i.received for i in checklist_items(s, case.id or 0)}, cfg)


def load(s: Session, case_id: int) -> Case:
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
    return case


def snapshot(case: Case) -> dict[str, Any]:
    """What the audit log records of a case before and after a move."""
    return {"step": case.current_step, "status": case.status, "outcome": case.outcome, "version": case.version}


# --------------------------------------------------------------------------- claiming and roles


def lock(s: Session, case_id: int, version: int, now: datetime) -> Case:
    """Claim the case at ``version`` (conditional UPDATE): a second counter holding the same version fails
    with :class:`ConflictError`; only the owning office may change it (SPEC §8)."""
    res = s.exec(update(Case).where(col(Case.id) == case_id, col(Case.version) == version)
                 .values(version=version + 1, updated_at=now))
    if res.rowcount != 1:
        if s.get(Case, case_id) is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        raise ConflictError(CONFLICT_MESSAGE)
    case = s.get(Case, case_id, populate_existing=True)
    assert case is not None
    network_guard.check_owner(s, case)  # one owner per case (SPEC §8): only the owning office changes it
    return case


def ensure_open(case: Case) -> None:
    if case.closed_at is not None:
        raise ValidationError(f"Berkas {case.reg_number} sudah ditutup ({case.outcome}); tidak dapat diubah.")


def claim_at_step(s: Session, office: Office, case_id: int, version: int, now: datetime
                  ) -> tuple[Case, ServiceDef, RuleSettings, Step]:
    """Claim an open case at ``version`` for a move: the case, its service, the rules and its current step."""
    case = lock(s, case_id, version, now)
    ensure_open(case)
    defn = get_definition(office, case.service_code)
    step = defn.step(case.current_step)
    network_guard.check_step_here(s, step)  # a kelurahan performs only the steps its definition gives it
    return case, defn, rules(s), step


def step_roles(defn: ServiceDef, step: Step, cfg: RuleSettings) -> tuple[str, ...]:
    """Who acts at ``step``: its roles (or paraf chain), narrowed by the office's choice (``step_roles``)."""
    if step.chain:
        return step.chain
    chosen = cfg.step_roles.get(f"{defn.code}.{step.code}")
    return tuple(r for r in step.roles if r in chosen) or step.roles if chosen else step.roles


def step_error(actor: Actor, step: Step) -> PermissionDenied:
    return PermissionDenied(f"langkah {step.code}", actor.username, [role_label(r) for r in (step.chain or step.roles)])


def check_role(actor: Actor, step: Step, defn: ServiceDef | None = None, cfg: RuleSettings | None = None) -> None:
    """Refuse a user who holds none of the step's roles (as narrowed by the office when ``defn``/``cfg``)."""
    roles = step_roles(defn, step, cfg) if defn is not None and cfg is not None else (step.chain or step.roles)
    if not any(actor.has(r) for r in roles):
        raise PermissionDenied(f"langkah {step.code}", actor.username, [role_label(r) for r in roles])


# --------------------------------------------------------------------------- rules of a step


def context(s: Session, case: Case, cfg: RuleSettings, now: datetime, extra: dict[str, Any] | None = None, *,
            membership: Membership) -> RuleContext:
    """What the eligibility and routing rules see of a case now. ``membership``: the services that start and
    end a PBI-APBD participation (:func:`app.services.reconcile.membership`; the caller has the office)."""
    person = s.get(Person, case.person_id)
    tz = tz_name(s)
    data = {**(case.data or {}), **(extra or {})}
    received = frozenset(i.code for i in checklist_items(s, case.id or 0) if i.received)
    from app.services.roster import participation

    participant, known = participation(s, person.nik, membership) if person else ("", False)
    return RuleContext(case.service_code, data, cfg, local(now, tz).date(), case.urgent,
                       dtsen(s, person.nik) if person else None, received, local(case.opened_at, tz).date(),
                       participant, known)


def failed_checks(s: Session, case: Case, step: Step, cfg: RuleSettings, now: datetime, *,
                  membership: Membership) -> list[str]:
    """The messages of the step's eligibility checks that fail now (a letter is not drafted or issued then)."""
    ctx = context(s, case, cfg, now, membership=membership)
    return [c.message for c in eligibility.evaluate(step.checks, ctx) if not c.ok]


# --------------------------------------------------------------------------- moves


def log(s: Session, case: Case, step: Step | None, *, action: str, to_step: str, actor: Actor | None,
        reason: str, now: datetime, started: datetime | None = None) -> None:
    """One step-log row: what happened at the case's current step, by whom, and how long it took."""
    started = started or case.step_started_at
    s.add(StepLog(case_id=case.id or 0, step=case.current_step, action=action, to_step=to_step,
                  user_id=actor.id if actor else None, reason=reason[:500], started_at=started, finished_at=now,
                  duration_seconds=max(0, int((now - started).total_seconds())),
                  standard_minutes=step.minutes if step else None))


def start_clock(s: Session, case: Case, defn: ServiceDef, cfg: RuleSettings, now: datetime) -> None:
    """The service-time standard runs from the moment the file is complete (once)."""
    if case.clock:
        return
    unit, value = sla_of(defn, cfg)
    clock.start(case, defn.step(case.current_step), unit=unit, value=value,
                calendar=sla.WorkCalendar.from_settings(cfg), tz=tz_name(s), now=now)
    data = copy.deepcopy(case.data or {})
    data["complete_at"] = now.isoformat()
    case.data = data


def enter(s: Session, case: Case, defn: ServiceDef, step: Step, cfg: RuleSettings, now: datetime, *,
          record_path: bool = True, office: Office | None = None, actor: Actor | None = None) -> None:
    """Put the case into ``step``: path, paraf chain, letters due there, clock, batch date; then the
    definition's ``on_enter`` hooks (when ``office`` is given)."""
    data = copy.deepcopy(case.data or {})
    path = data.setdefault("path", [])
    if record_path and case.current_step not in path:
        path.append(case.current_step)
    if step.kind == "paraf":
        data.setdefault("paraf", {})[step.code] = []
    products.on_enter(data, step, step_roles(defn, step, cfg), now)
    case.current_step = step.code
    case.step_started_at = now
    unit, _value = sla_of(defn, cfg)
    clock.on_enter(case, step, unit=unit, calendar=sla.WorkCalendar.from_settings(cfg), tz=tz_name(s), now=now)
    if step.batch and case.batch_id is None:
        ready = now
        if step.window == "proposal":
            tz = tz_name(s)
            today = local(now, tz).date()
            w = proposal_window(today, start_day=cfg.proposal_window_start_day,
                                end_day=cfg.proposal_window_end_day)
            if not w.in_window:
                # noon office time on the opening day: inside that month in every zone, also in UTC
                ready = datetime.combine(w.proposal_date, time(12, 0), zone(tz))
            data["proposal_window"] = {"approved_on": today.isoformat(), "in_window": w.in_window,
                                       "proposal_date": w.proposal_date.isoformat(), "message": w.message}
        case.batch_ready_at = ready
    case.data = data
    if office is not None and defn.hooks.get("on_enter"):
        hooks.fire("on_enter", hooks.HookContext(s, office, actor, case, defn, cfg, now, "on_enter", step=step))


def close(s: Session, office: Office, actor: Actor | None, case: Case, defn: ServiceDef, *, outcome: str,
          reason: str, now: datetime, cfg: RuleSettings | None = None) -> None:
    """Close the case with ``outcome`` (a refusal needs a reason; a served outcome needs its product), then
    run the definition's ``on_close`` hooks in the same transaction."""
    if outcome not in POSITIVE_OUTCOMES and not reason.strip():
        raise ValidationError("Setiap penolakan atau penutupan berkas wajib disertai alasan.")
    data = copy.deepcopy(case.data or {})
    products.require_product(data, defn, outcome)
    try:
        closing_roles = defn.step(case.current_step).roles
    except KeyError:
        closing_roles = ()
    for key in defn.close_documents.get(outcome, ()):
        products.add_due(data, key, step=f"close:{outcome}", roles=closing_roles, now=now)
    # drafts and due letters of a case that closes otherwise are thrown away (no number was spent)
    for e in data.get("documents", []):
        if e.get("status") in products.OPEN and not str(e.get("step", "")).startswith("close:") \
                and e.get("step") != products.ANYWHERE_STEP:
            e["status"] = products.DISCARDED
    clock.stop(case)
    path = data.setdefault("path", [])
    if case.current_step not in path:
        path.append(case.current_step)
    case.data = data
    case.status = "selesai" if outcome in POSITIVE_OUTCOMES else "ditolak"
    case.outcome = outcome
    case.outcome_reason = reason.strip()[:500]
    case.closed_at = now
    case.step_started_at = now
    if defn.hooks.get("on_close"):
        hooks.fire("on_close", hooks.HookContext(s, office, actor, case, defn, cfg or rules(s), now, "on_close",
                                                 outcome=outcome))


def move(s: Session, case: Case, defn: ServiceDef, cfg: RuleSettings, target: str, *, now: datetime,
         reason: str, office: Office, actor: Actor | None) -> None:
    """Go to ``target``: a step code (:func:`enter`) or ``close:<outcome>`` (:func:`close`). A case past the
    intake gate is ``proses``."""
    if target.startswith("close:"):
        close(s, office, actor, case, defn, outcome=target[6:], reason=reason, now=now, cfg=cfg)
    else:
        enter(s, case, defn, defn.step(target), cfg, now, office=office, actor=actor)
    if case.status == "draft" and case.closed_at is None and \
            defn.step_index(case.current_step) > defn.step_index(defn.gate_step.code):
        case.status = "proses"


def remove_after_commit(s: Session, office: Office, files: list[str]) -> None:
    """Delete discarded KONSEP files once the transaction is committed (never before)."""
    if not files:
        return
    from sqlalchemy import event

    def gone(_session) -> None:
        for rel in files:
            (office.dirs.letters / rel).unlink(missing_ok=True)

    event.listen(s, "after_commit", gone, once=True)
