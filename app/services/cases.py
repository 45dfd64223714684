"""The case workflow engine: one engine runs every service definition (SPEC §1, §6).

A case is opened for a person (NIK) and a service; its checklist is ticked item by item; it moves
through the definition's steps. Every move is done by a user holding the step's role (checked here,
in the core), goes into the step log with its real duration against the standard minutes, and into
the audit log. Moves: :func:`advance`, :func:`paraf` (approval chains, strictly in order),
:func:`return_for_revision` (back to a named earlier step, with a reason) and :func:`reject` (with a
reason). Every changing call takes the ``version`` the caller last saw: if another counter changed
the case in between, :class:`ConflictError` asks to reload and nothing is lost (optimistic locking).

The letters a step drafts or produces become due when the case enters that step and are made there, by
its role (app/workflow/products.py, app/services/case_letters.py); the step cannot be completed before.
The service-time clock runs from complete documents to the product and pauses at steps that wait for a
window, a recap or BPJS (app/workflow/clock.py). A case reaching the service's batch step gets
``batch_ready_at`` (for ``pbi-baru`` the date of the monthly proposal window it falls in), which is
what the monthly batch collects.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Case, ChecklistItem, Family, Person, StepLog
from app.errors import ConflictError, ValidationError
from app.network import guard as network_guard
from app.rules import eligibility, facts, routing, sla
from app.rules.identifiers import mask_nik, nik_warnings, parse_nik, validate_kk, validate_noka
from app.rules.permissions import Actor, allowed, require, role_label
from app.rules.rule_settings import RuleSettings
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import audit, complaint_channels, identity, reconcile
from app.timeutil import utcnow, zone
from app.workflow import clock, engine, hooks, products

CONFLICT_MESSAGE = engine.CONFLICT_MESSAGE
#: outcomes that close a case as served; any other closing outcome is a refusal and needs a reason
POSITIVE_OUTCOMES = engine.POSITIVE_OUTCOMES
OPEN_STATUSES = engine.OPEN_STATUSES
#: what is still missing from a checklist (labels); see :func:`app.workflow.engine.missing_requirements`
missing_requirements = engine.missing_requirements
PRIVACY_NOTICE = (
    "Data pribadi Anda dikumpulkan dan diproses hanya untuk keperluan layanan jaminan kesehatan ini sesuai "
    "UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, disimpan oleh Dinas Sosial, dan hanya dibagikan "
    "kepada BPJS Kesehatan, Kementerian Sosial dan instansi yang berwenang."
)
#: case.data keys the engine keeps itself; step inputs may not overwrite them
RESERVED_KEYS = frozenset({"documents", "paraf", "path", "routes", "returns", "decision", "rank", "ranked_at", "left",
                           "score", "score_sheet", "quota_period", "complete_at", "proposal_window", "warnings",
                           "skm", "quota_promoted", "waitlist_notified", "missing", "desil", "dtsen_id",
                           "disdukcapil_referral", "flags", "deactivation_effects"})
PERSON_FIELDS = ("birth_place", "birth_date", "sex", "marital_status", "address", "rt", "rw", "kelurahan",
                 "kelurahan_code", "kecamatan", "kecamatan_code", "postal_code", "domicile_address", "phone",
                 "card_number", "fktp_code", "nik_problem")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    label: str
    required: bool
    received: bool
    note: str
    group: str = ""


@dataclass(frozen=True)
class CaseInfo:
    id: int
    reg_number: str
    service_code: str
    service_name: str
    person_id: int
    nik: str
    name: str
    no_kk: str
    family_relation: str
    status: str
    current_step: str
    current_step_name: str
    step_roles: tuple[str, ...]
    urgent: bool
    data: dict[str, Any]
    counter: str | None
    opened_at: datetime
    step_started_at: datetime
    closed_at: datetime | None
    due_at: datetime | None
    outcome: str
    outcome_reason: str
    batch_ready_at: datetime | None
    batch_id: int | None
    version: int
    checklist: tuple[ChecklistEntry, ...]
    missing: tuple[str, ...]
    paraf_done: tuple[str, ...]
    paraf_next: str | None
    #: the service-time clock (app/workflow/clock.py) and its line for the screen ("menunggu jadwal: …")
    clock: str = ""
    clock_text: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)

    @property
    def documents_due(self) -> list[dict[str, Any]]:
        return [d for d in self.data.get("documents", []) if d.get("status") == "due"]


@dataclass(frozen=True)
class CaseSummary:
    id: int
    reg_number: str
    service_code: str
    nik_masked: str
    name: str
    status: str
    current_step: str
    urgent: bool
    counter: str | None
    opened_at: datetime
    due_at: datetime | None
    outcome: str
    version: int
    #: the service-time clock (app/workflow/clock.py): only "berjalan" can be late
    clock: str


@dataclass(frozen=True)
class StepLogEntry:
    step: str
    action: str
    to_step: str
    user_id: int | None
    reason: str
    started_at: datetime
    finished_at: datetime
    duration_seconds: int
    standard_minutes: int | None

    @property
    def over_standard(self) -> bool:
        return self.standard_minutes is not None and self.duration_seconds > self.standard_minutes * 60


@dataclass(frozen=True)
class Receipt:
    """What the tanda terima berkas prints (SPEC §1.6)."""

    reg_number: str
    service_code: str
    service_name: str
    legal_basis: str
    received_at: datetime  # office-local
    counter: str | None
    name: str
    nik_masked: str
    received: tuple[str, ...]
    missing: tuple[str, ...]
    sla: str
    expected_completion: datetime | None  # office-local; None while the file is incomplete
    fee: str
    notice: str
    privacy_notice: str
    complaint_channels: tuple[str, ...]
    officer: str


# --------------------------------------------------------------------------- helpers


def _info(s: Session, case: Case, defn: ServiceDef, cfg: RuleSettings | None = None, *,
          actor: Actor | None = None) -> CaseInfo:
    """The detached view of a case. The NIK is masked for a user whose job does not need the full number."""
    assert case.id is not None
    cfg = cfg or engine.rules(s)
    person = s.get(Person, case.person_id)
    fam = s.get(Family, case.family_id) if case.family_id else None
    items = engine.checklist_items(s, case.id)
    by_code = {i.code: i for i in items}
    order = [r.code for r in defn.requirements]
    items.sort(key=lambda i: order.index(i.code) if i.code in order else len(order))
    groups = {r.code: r.group for r in defn.requirements}
    checklist = tuple(ChecklistEntry(i.code, i.label, i.required, i.received, i.note, groups.get(i.code, ""))
                      for i in items)
    missing = tuple(engine.missing_requirements(defn, {c: i.received for c, i in by_code.items()}, cfg))
    try:
        step = defn.step(case.current_step)
        step_name, roles = step.name, (step.chain or step.roles)
    except KeyError:
        step, step_name, roles = None, case.current_step, ()
    done: tuple[str, ...] = ()
    nxt = None
    if step is not None and step.kind == "paraf" and case.closed_at is None:
        done = tuple(p["role"] for p in case.data.get("paraf", {}).get(step.code, []))
        nxt = step.chain[len(done)] if len(done) < len(step.chain) else None
    return CaseInfo(
        id=case.id, reg_number=case.reg_number, service_code=case.service_code, service_name=defn.name,
        person_id=case.person_id,
        nik=("" if person is None else person.nik if actor is None or allowed(actor, "nik.view_full")
             else mask_nik(person.nik)), name=person.name if person else "",
        no_kk=fam.no_kk if fam else "", family_relation=case.family_relation, status=case.status,
        current_step=case.current_step, current_step_name=step_name, step_roles=tuple(roles), urgent=case.urgent,
        data=copy.deepcopy(case.data or {}), counter=case.counter, opened_at=case.opened_at,
        step_started_at=case.step_started_at, closed_at=case.closed_at, due_at=case.due_at, outcome=case.outcome,
        outcome_reason=case.outcome_reason, batch_ready_at=case.batch_ready_at, batch_id=case.batch_id,
        version=case.version, checklist=checklist, missing=missing, paraf_done=done, paraf_next=nxt,
        clock=case.clock, clock_text=clock.describe(case, defn, utcnow()),
    )


def summary(case: Case, person: Person) -> CaseSummary:
    """The list row of a case (NIK masked)."""
    return CaseSummary(case.id or 0, case.reg_number, case.service_code, mask_nik(person.nik), person.name,
                       case.status, case.current_step, case.urgent, case.counter, case.opened_at, case.due_at,
                       case.outcome, case.version, case.clock)


def _check_inputs(values: dict[str, Any] | None) -> None:
    facts.refuse_empty(values)  # an eligibility fact left empty is refused, never defaulted
    bad = sorted(set(values or {}) & RESERVED_KEYS)
    if bad:
        raise ValidationError("Data berkas berikut diisi oleh aplikasi dan tidak dapat diubah langsung: "
                              f"{', '.join(bad)}.")


# --------------------------------------------------------------------------- open and read


def _upsert_person(s: Session, nik: str, name: str, person: dict[str, Any], no_kk: str | None = None
                   ) -> tuple[Person, list[str]]:
    """Create the person, or fill in what is stored. Name, No KK and birth date are never changed here: typed
    values that differ from the stored ones raise :class:`identity.IdentityConflict` (a correction is
    :func:`identity.correct_person`, explicit and audited)."""
    info = parse_nik(nik)
    row = s.exec(select(Person).where(Person.nik == info.nik)).first()
    values = {k: v for k, v in (person or {}).items() if k in PERSON_FIELDS and v not in (None,)}
    unknown = sorted(set(person or {}) - set(PERSON_FIELDS))
    if unknown:
        raise ValidationError(f"Data penduduk tidak dikenal: {', '.join(unknown)}.")
    if values.get("card_number"):
        values["card_number"] = validate_noka(values["card_number"])
    if isinstance(values.get("birth_date"), str):
        try:
            values["birth_date"] = date.fromisoformat(values["birth_date"])
        except ValueError as exc:
            raise ValidationError(f"Tanggal lahir '{values['birth_date']}' tidak sah (YYYY-MM-DD).") from exc
    if values.get("sex") not in (None, "", "L", "P"):
        raise ValidationError("Jenis kelamin harus L atau P.")
    if not name.strip() and row is None:
        raise ValidationError("Nama pemohon wajib diisi.")
    identity.guard(s, row, nik=info.nik, name=name, no_kk=no_kk, birth_date=values.get("birth_date"))
    if row is None:
        row = Person(nik=info.nik, name=" ".join(name.split()))
    elif row.birth_date is not None:
        values.pop("birth_date", None)  # the same date (guard above); never a change as a side effect
    for k, v in values.items():
        setattr(row, k, v)
    row.updated_at = utcnow()
    s.add(row)
    s.flush()
    return row, nik_warnings(info, birth_date=row.birth_date, sex=row.sex or None)


def open_case(office: Office, *, actor: Actor, service_code: str, nik: str, name: str = "",
              no_kk: str | None = None, family_relation: str = "", person: dict[str, Any] | None = None,
              urgent: bool = False, received: list[str] | tuple[str, ...] = (), data: dict[str, Any] | None = None,
              counter: str | None = None, now: datetime | None = None) -> CaseInfo:
    """Open a case for a person (by NIK) and a service; creates or updates the person and the family.

    A person may have only one open case per service. ``received`` ticks checklist items at once.
    NIK/birth-date mismatches are warnings (``data["warnings"]``), never a block.
    """
    require(actor, "case.open")
    try:
        return _open_case(office, actor=actor, service_code=service_code, nik=nik, name=name, no_kk=no_kk,
                          family_relation=family_relation, person=person, urgent=urgent, received=received,
                          data=data, counter=counter, now=now)
    except IntegrityError as exc:  # another counter registered the same person, family or case just now
        raise ConflictError("Data pemohon ini baru saja disimpan oleh loket lain; muat ulang lalu coba lagi.") from exc


def _open_case(office: Office, *, actor: Actor, service_code: str, nik: str, name: str, no_kk: str | None,
               family_relation: str, person: dict[str, Any] | None, urgent: bool, received: list[str] | tuple[str, ...],
               data: dict[str, Any] | None, counter: str | None, now: datetime | None) -> CaseInfo:
    now = now or utcnow()
    with office.db.write() as s:
        case = open_in(s, office, actor=actor, service_code=service_code, nik=nik, name=name, no_kk=no_kk,
                       family_relation=family_relation, person=person, urgent=urgent, received=received, data=data,
                       counter=counter, now=now)
        return _info(s, case, get_definition(office, case.service_code), actor=actor)


def open_in(s: Session, office: Office, *, actor: Actor, service_code: str, nik: str, name: str = "",
            no_kk: str | None = None, family_relation: str = "", person: dict[str, Any] | None = None,
            urgent: bool = False, received: list[str] | tuple[str, ...] = (), data: dict[str, Any] | None = None,
            counter: str | None = None, now: datetime) -> Case:
    """Open a case inside the caller's transaction (see :func:`open_case`; app/services/intake.py uses it to
    open the case, attach its scans and issue its receipt as one transaction). Returns the case row."""
    require(actor, "case.open")
    _check_inputs(data)
    defn = get_definition(office, service_code)
    kk = validate_kk(no_kk) if no_kk else None
    known = {r.code for r in defn.requirements}
    bad = [c for c in received if c not in known]
    if bad:
        raise ValidationError(f"Persyaratan tidak dikenal untuk {defn.name}: {', '.join(bad)}.")
    cfg = engine.rules(s)
    tz = engine.tz_name(s)
    p, warnings = _upsert_person(s, nik, name, person or {}, kk)
    existing = s.exec(select(Case).where(Case.person_id == p.id, Case.service_code == defn.code,
                                         col(Case.closed_at).is_(None))).first()
    if existing:
        raise ValidationError(f"{p.name} masih memiliki berkas {defn.name} yang terbuka ({existing.reg_number}); "
                              "lanjutkan berkas itu.")
    fam_id = None
    if kk:
        fam = s.exec(select(Family).where(Family.no_kk == kk)).first()
        if fam is None:
            fam = Family(no_kk=kk, address=p.address)
            s.add(fam)
            s.flush()
        fam_id = fam.id
    year = engine.local(now, tz).year
    serial = engine.next_serial(s, f"case.reg.{year}")
    reg = f"{defn.short}-{year}-{serial:05d}"
    case_data = copy.deepcopy(data or {})
    if warnings:
        case_data["warnings"] = warnings
    if "tanda_terima" in defn.documents:
        products.add_due(case_data, "tanda_terima", step=products.ANYWHERE_STEP,
                         roles=engine.step_roles(defn, defn.first_step, cfg), now=now)
    case = Case(reg_number=reg, service_code=defn.code, person_id=p.id or 0, family_id=fam_id,
                family_relation=family_relation, status="draft", current_step=defn.first_step.code,
                urgent=urgent, data=case_data, counter=counter or office.config.counter, created_by=actor.id,
                opened_at=now, updated_at=now, step_started_at=now)
    if defn.hooks.get("on_open"):
        hooks.fire("on_open", hooks.HookContext(s, office, actor, case, defn, cfg, now, "on_open"))
    if defn.first_step.kind == "paraf":
        case.data = {**case.data, "paraf": {defn.first_step.code: []}}
    first_docs = copy.deepcopy(case.data)
    products.on_enter(first_docs, defn.first_step, engine.step_roles(defn, defn.first_step, cfg), now)
    case.data = first_docs
    s.add(case)
    try:
        s.flush()
    except IntegrityError as exc:
        raise ValidationError(f"{p.name} masih memiliki berkas {defn.name} yang terbuka; muat ulang.") from exc
    for req in defn.requirements:
        if req.enabled_by and not getattr(cfg, req.enabled_by):
            continue
        required = req.required and not (req.optional_when and getattr(cfg, req.optional_when))
        s.add(ChecklistItem(case_id=case.id or 0, code=req.code, label=req.label, required=required,
                            received=req.code in received, updated_by=actor.id, updated_at=now))
    s.flush()
    if not engine.missing(s, case, defn, cfg):
        engine.start_clock(s, case, defn, cfg, now)
    audit.record(s, actor=actor, action="case.open", entity="case", entity_id=case.id,
                 new={"reg_number": reg, "service": defn.code, "nik": mask_nik(p.nik), "urgent": urgent,
                      "received": sorted(received)})
    return case


def get_case(office: Office, *, actor: Actor, case_id: int, log_view: bool = False) -> CaseInfo:
    """One case. ``log_view=True`` (a user opens the case's details) records the view of personal data
    in the audit log (UU 27/2022 PDP)."""
    require(actor, "case.view")
    if log_view:
        with office.db.write() as s:
            case = engine.load(s, case_id)
            info = _info(s, case, get_definition(office, case.service_code), actor=actor)
            audit.record(s, actor=actor, action="case.view", entity="case", entity_id=case_id,
                         new={"reg_number": case.reg_number, "full_nik": info.nik != mask_nik(info.nik)})
            return info
    with office.db.read() as s:
        case = engine.load(s, case_id)
        return _info(s, case, get_definition(office, case.service_code), actor=actor)


def find_open_case(office: Office, *, actor: Actor, nik: str, service_code: str) -> CaseInfo | None:
    require(actor, "case.view")
    with office.db.read() as s:
        case = s.exec(select(Case).join(Person, col(Person.id) == Case.person_id)
                      .where(Person.nik == nik, Case.service_code == service_code,
                             col(Case.closed_at).is_(None))).first()
        return _info(s, case, get_definition(office, service_code), actor=actor) if case else None


def list_cases(office: Office, *, actor: Actor, service_code: str | None = None, step: str | None = None,
               status: str | None = None, open_only: bool = True, limit: int = 200, offset: int = 0
               ) -> list[CaseSummary]:
    require(actor, "case.view")
    with office.db.read() as s:
        q = select(Case, Person).join(Person, col(Person.id) == Case.person_id)
        if service_code:
            q = q.where(Case.service_code == service_code)
        if step:
            q = q.where(Case.current_step == step)
        if status:
            q = q.where(Case.status == status)
        if open_only:
            q = q.where(col(Case.closed_at).is_(None))
        q = q.order_by(col(Case.opened_at), col(Case.id)).offset(offset).limit(limit)
        return [summary(c, p) for c, p in s.exec(q).all()]


def today_queue(office: Office, *, actor: Actor, counter: str | None = None, now: datetime | None = None
                ) -> list[CaseSummary]:
    """Today's cases (office time), optionally for one counter, oldest first."""
    require(actor, "case.view")
    now = now or utcnow()
    with office.db.read() as s:
        tz = engine.tz_name(s)
        start = datetime.combine(engine.local(now, tz).date(), time(0), zone(tz))
        q = (select(Case, Person).join(Person, col(Person.id) == Case.person_id)
             .where(Case.opened_at >= start, Case.opened_at < start + timedelta(days=1)))
        if counter:
            q = q.where(Case.counter == counter)
        return [summary(c, p) for c, p in s.exec(q.order_by(col(Case.opened_at), col(Case.id))).all()]


def overdue(office: Office, *, actor: Actor, now: datetime | None = None, service_code: str | None = None
            ) -> list[CaseSummary]:
    """Open cases past their service-time standard, most overdue first."""
    require(actor, "case.overdue")
    now = now or utcnow()
    with office.db.read() as s:
        q = (select(Case, Person).join(Person, col(Person.id) == Case.person_id)
             .where(col(Case.closed_at).is_(None), col(Case.clock) == clock.RUNNING, col(Case.due_at).is_not(None),
                    col(Case.due_at) < now))
        if service_code:
            q = q.where(Case.service_code == service_code)
        return [summary(c, p) for c, p in s.exec(q.order_by(col(Case.due_at), col(Case.id))).all()]


def step_log(office: Office, *, actor: Actor, case_id: int) -> list[StepLogEntry]:
    require(actor, "case.view")
    with office.db.read() as s:
        engine.load(s, case_id)
        rows = s.exec(select(StepLog).where(StepLog.case_id == case_id).order_by(col(StepLog.id))).all()
        return [StepLogEntry(r.step, r.action, r.to_step, r.user_id, r.reason, r.started_at, r.finished_at,
                             r.duration_seconds, r.standard_minutes) for r in rows]


def receipt(office: Office, *, actor: Actor, case_id: int) -> Receipt:
    """The data of the tanda terima berkas: number, checklist received and missing, SLA, expected completion."""
    require(actor, "case.view")
    with office.db.read() as s:
        case = engine.load(s, case_id)
        defn = get_definition(office, case.service_code)
        cfg = engine.rules(s)
        tz = engine.tz_name(s)
        info = _info(s, case, defn, cfg)
        unit, value = engine.sla_of(defn, cfg)
        expected = engine.local(case.due_at, tz) if case.due_at else None
        from app.db.models import User

        officer = s.get(User, case.created_by) if case.created_by else None
        return Receipt(
            reg_number=case.reg_number, service_code=defn.code, service_name=defn.name,
            legal_basis=cfg.legal_basis.get(defn.code, defn.legal_basis), received_at=engine.local(case.opened_at, tz),
            counter=case.counter, name=info.name, nik_masked=mask_nik(info.nik),
            received=tuple(c.label for c in info.checklist if c.received), missing=info.missing,
            sla=sla.describe(unit, value) + " sejak berkas lengkap", expected_completion=expected, fee=defn.fee,
            notice=defn.notice, privacy_notice=PRIVACY_NOTICE,
            complaint_channels=complaint_channels.labels_in(s, defn.code),
            officer=officer.full_name if officer else "",
        )


# --------------------------------------------------------------------------- changes without a move


def set_checklist(office: Office, *, actor: Actor, case_id: int, version: int, code: str, received: bool,
                  note: str = "", now: datetime | None = None) -> CaseInfo:
    """Tick (or untick) one checklist item. An incomplete checklist is kept and can be resumed later."""
    require(actor, "case.checklist")
    now = now or utcnow()
    with office.db.write() as s:
        case = engine.lock(s, case_id, version, now)
        engine.ensure_open(case)
        defn = get_definition(office, case.service_code)
        cfg = engine.rules(s)
        item = s.get(ChecklistItem, (case_id, code))
        if item is None:
            raise ValidationError(f"Persyaratan '{code}' tidak ada pada berkas {case.reg_number}.")
        old = item.received
        item.received, item.note, item.updated_by, item.updated_at = received, note.strip()[:250], actor.id, now
        s.add(item)
        s.flush()
        if not engine.missing(s, case, defn, cfg):
            engine.start_clock(s, case, defn, cfg, now)
        s.add(case)
        audit.record(s, actor=actor, action="case.checklist", entity="case", entity_id=case_id,
                     old={"code": code, "received": old}, new={"code": code, "received": received, "note": note})
        return _info(s, case, defn, cfg, actor=actor)


def update_data(office: Office, *, actor: Actor, case_id: int, version: int, values: dict[str, Any],
                urgent: bool | None = None, now: datetime | None = None) -> CaseInfo:
    """Record step inputs (survey answers, dates, BPJS status …) without moving the case."""
    require(actor, "case.edit")
    _check_inputs(values)
    now = now or utcnow()
    with office.db.write() as s:
        case = engine.lock(s, case_id, version, now)
        engine.ensure_open(case)
        data = copy.deepcopy(case.data or {})
        old = {k: data.get(k) for k in values}
        data.update(copy.deepcopy(values))
        case.data = data
        changes: dict[str, Any] = dict(values)
        if urgent is not None and urgent != case.urgent:
            old["urgent"], case.urgent, changes["urgent"] = case.urgent, urgent, urgent
        s.add(case)
        audit.record(s, actor=actor, action="case.data", entity="case", entity_id=case_id, old=old, new=changes)
        return _info(s, case, get_definition(office, case.service_code), actor=actor)


def record_bpjs_confirmation(office: Office, *, actor: Actor, case_id: int, version: int, confirmed_by: str,
                             confirmed_at: datetime | str, answer: str, note: str = "",
                             now: datetime | None = None) -> CaseInfo:
    """The confirmation with the BPJS branch whether the membership can be reactivated: who, when, answer."""
    return update_data(office, actor=actor, case_id=case_id, version=version, now=now, values={
        "bpjs_confirmation": bpjs_confirmation(actor, confirmed_by=confirmed_by, confirmed_at=confirmed_at,
                                               answer=answer, note=note)})


def bpjs_confirmation(actor: Actor, *, confirmed_by: str, confirmed_at: datetime | str, answer: str,
                      note: str = "") -> dict[str, Any]:
    """The checked ``bpjs_confirmation`` value of a case (who at BPJS confirmed, when, the answer)."""
    if answer not in eligibility.BPJS_ANSWERS:
        raise ValidationError("Jawaban BPJS harus salah satu dari: " + ", ".join(eligibility.BPJS_ANSWERS) + ".")
    if not confirmed_by.strip():
        raise ValidationError("Nama petugas BPJS yang mengonfirmasi wajib diisi.")
    facts.refuse_incomplete_confirmation(confirmed_by, confirmed_at, answer)
    when = confirmed_at.isoformat() if isinstance(confirmed_at, datetime) else str(confirmed_at)
    return {"confirmed_by": confirmed_by.strip(), "confirmed_at": when, "answer": answer, "note": note.strip(),
            "recorded_by": actor.username}


def refer_to_disdukcapil(office: Office, *, actor: Actor, case_id: int, version: int, problem: str, note: str = "",
                         now: datetime | None = None) -> CaseInfo:
    """A NIK 'bermasalah' at Dukcapil (tidak_online, ganda, meninggal): record it and make the referral due."""
    if problem not in ("tidak_online", "ganda", "meninggal"):
        raise ValidationError("Masalah NIK harus tidak_online, ganda atau meninggal.")
    require(actor, "case.edit")
    now = now or utcnow()
    with office.db.write() as s:
        case = engine.lock(s, case_id, version, now)
        engine.ensure_open(case)
        person = s.get(Person, case.person_id)
        assert person is not None
        person.nik_problem = problem
        s.add(person)
        data = copy.deepcopy(case.data or {})
        data["disdukcapil_referral"] = {"problem": problem, "note": note.strip(), "at": now.isoformat()}
        defn = get_definition(office, case.service_code)
        products.add_due(data, "rujukan_disdukcapil", step=products.ANYWHERE_STEP,
                         roles=engine.step_roles(defn, defn.step(case.current_step), engine.rules(s)), now=now)
        case.data = data
        s.add(case)
        audit.record(s, actor=actor, action="case.refer_disdukcapil", entity="case", entity_id=case_id,
                     new={"problem": problem, "note": note})
        return _info(s, case, get_definition(office, case.service_code), actor=actor)


# --------------------------------------------------------------------------- moves


def advance(office: Office, *, actor: Actor, case_id: int, version: int, data: dict[str, Any] | None = None,
            reason: str = "", now: datetime | None = None) -> CaseInfo:
    """Complete the current step and move on (following its routing rule, if it has one).

    ``data`` holds the step's inputs (e.g. ``{"field_poor": True}``); they are stored in the case.
    Refused while the checklist is incomplete at the intake gate, while an eligibility check of the step
    fails, or when the user does not hold the step's role.
    """
    require(actor, "case.move")
    _check_inputs(data)
    now = now or utcnow()
    with office.db.write() as s:
        case, defn, cfg, step = engine.claim_at_step(s, office, case_id, version, now)
        if step.kind == "paraf":
            raise ValidationError(f"Langkah '{step.name}' diselesaikan dengan paraf berurutan "
                                  f"({' → '.join(role_label(r) for r in step.chain)}).")
        if step.kind == "ranking":
            raise ValidationError("Berkas ini menunggu peringkatan dalam kuota; jalankan peringkatan kuota.")
        engine.check_role(actor, step, defn, cfg)
        if data:
            merged = copy.deepcopy(case.data or {})
            merged.update(copy.deepcopy(data))
            case.data = merged
        if step.code == defn.gate_step.code:
            missing = engine.missing(s, case, defn, cfg)
            if missing:
                if defn.strict_intake:
                    raise ValidationError("Berkas tidak lengkap; surat tidak dapat diterbitkan. Yang belum ada: "
                                          + "; ".join(missing) + ".")
                raise ValidationError("Persyaratan belum lengkap: " + "; ".join(missing)
                                      + ". Berkas disimpan dan dapat dilanjutkan setelah lengkap.")
        ctx = engine.context(s, case, cfg, now, {"reason": reason}, membership=reconcile.membership(office, s))
        failed = [c.message for c in eligibility.evaluate(step.checks, ctx) if not c.ok]
        if failed:
            raise ValidationError("Langkah belum dapat diselesaikan: " + " ".join(failed))
        products.require_complete(case.data or {}, step)
        message = ""
        if step.route:
            r = routing.route(step.route, ctx)
            target = step.branches[r.outcome]
            message = r.message
            merged = copy.deepcopy(case.data or {})
            merged.update(r.updates)
            merged.setdefault("routes", []).append({"step": step.code, "outcome": r.outcome, "message": r.message})
            case.data = merged
        else:
            target = step.next
        if ctx.dtsen is not None:
            case.data = {**case.data, "desil": ctx.dtsen.desil, "dtsen_id": ctx.dtsen.dtsen_id}
        merged = copy.deepcopy(case.data or {})
        if merged.get("reason_code") in eligibility.DEACTIVATION_REASONS:
            merged["alasan"] = eligibility.DEACTIVATION_REASONS[merged["reason_code"]]
        case.data = merged
        old = engine.snapshot(case) | {"version": version}
        engine.log(s, case, step, action="close" if target.startswith("close:") else "advance", to_step=target,
             actor=actor, reason=reason or message, now=now)
        engine.move(s, case, defn, cfg, target, now=now, reason=reason or message, office=office, actor=actor)
        s.add(case)
        audit.record(s, actor=actor, action="case.advance", entity="case", entity_id=case_id, old=old,
                     new=engine.snapshot(case) | {"reason": reason or message, "input": data or {}})
        return _info(s, case, defn, cfg, actor=actor)


def resume_waiting(s: Session, office: Office, actor: Actor, case: Case, now: datetime, reason: str,
                   *, action: str = "otomatis") -> CaseInfo | None:
    """Move a case waiting at a routed step on by an outside event (e.g. a DTSEN import holding its NIK),
    inside the caller's transaction: the step's own routing rule decides, exactly as for :func:`advance`,
    but no user role of the step is needed. The step log names ``action`` and ``reason`` (who and what moved
    it); the audit log records it. Returns None (and changes nothing) if the rule still says wait
    (:class:`ValidationError`) or the case is closed, locked by another move, or not at a routed step."""
    if case.closed_at is not None or case.id is None:
        return None
    defn = get_definition(office, case.service_code)
    step = defn.step(case.current_step)
    if not step.route:
        return None
    version = case.version
    cfg = engine.rules(s)
    ctx = engine.context(s, case, cfg, now, membership=reconcile.membership(office, s))
    try:
        r = routing.route(step.route, ctx)
    except ValidationError:
        return None
    case = engine.lock(s, case.id, version, now)
    target = step.branches[r.outcome]
    data = copy.deepcopy(case.data or {})
    data.update(r.updates)
    data.setdefault("routes", []).append({"step": step.code, "outcome": r.outcome, "message": r.message})
    if ctx.dtsen is not None:
        data["desil"], data["dtsen_id"] = ctx.dtsen.desil, ctx.dtsen.dtsen_id
    case.data = data
    old = engine.snapshot(case) | {"version": version}
    text = f"{reason} {r.message}".strip()
    engine.log(s, case, step, action=action, to_step=target, actor=actor, reason=text, now=now)
    engine.move(s, case, defn, cfg, target, now=now, reason=text, office=office, actor=actor)
    s.add(case)
    audit.record(s, actor=actor, action="case.resume", entity="case", entity_id=case.id, old=old,
                 new=engine.snapshot(case) | {"reason": text, "by": action})
    return _info(s, case, defn, cfg, actor=actor)


def paraf(office: Office, *, actor: Actor, case_id: int, version: int, note: str = "",
          now: datetime | None = None) -> CaseInfo:
    """Initial the current approval step. Only the next role in the chain may; the last paraf moves on."""
    require(actor, "case.move")
    now = now or utcnow()
    with office.db.write() as s:
        case, defn, cfg, step = engine.claim_at_step(s, office, case_id, version, now)
        if step.kind != "paraf":
            raise ValidationError(f"Langkah '{step.name}' bukan langkah paraf.")
        data = copy.deepcopy(case.data or {})
        done = data.setdefault("paraf", {}).setdefault(step.code, [])
        waiting = step.chain[len(done)]
        if not actor.has(waiting):
            if any(actor.has(r) for r in step.chain):
                raise ValidationError(f"Paraf harus berurutan: menunggu paraf {role_label(waiting)} lebih dahulu.")
            raise engine.step_error(actor, step)
        last_at = datetime.fromisoformat(done[-1]["at"]) if done else case.step_started_at
        done.append({"role": waiting, "user_id": actor.id, "user": actor.full_name, "at": now.isoformat(),
                     "note": note.strip()})
        case.data = data
        finished = len(done) == len(step.chain)
        old = engine.snapshot(case) | {"version": version}
        if finished:
            engine.log(s, case, step, action="paraf", to_step=step.next, actor=actor, reason=note, now=now,
                       started=last_at)
            products.require_complete(case.data, step)
            engine.move(s, case, defn, cfg, step.next, now=now, reason=note, office=office, actor=actor)
        else:
            engine.log(s, case, None, action="paraf", to_step=step.code, actor=actor, reason=note, now=now,
                       started=last_at)
        s.add(case)
        audit.record(s, actor=actor, action="case.paraf", entity="case", entity_id=case_id, old=old,
                     new=engine.snapshot(case) | {"role": waiting})
        return _info(s, case, defn, cfg, actor=actor)


def return_for_revision(office: Office, *, actor: Actor, case_id: int, version: int, to_step: str, reason: str,
                        now: datetime | None = None) -> CaseInfo:
    """Send the case back to a named earlier step it went through, with a reason (not a rejection)."""
    require(actor, "case.move")
    if not reason.strip():
        raise ValidationError("Pengembalian untuk perbaikan wajib disertai alasan.")
    now = now or utcnow()
    with office.db.write() as s:
        case, defn, cfg, step = engine.claim_at_step(s, office, case_id, version, now)
        engine.check_role(actor, step, defn, cfg)
        data = copy.deepcopy(case.data or {})
        if to_step == case.current_step or to_step not in data.get("path", []):
            names = [defn.step(c).name for c in data.get("path", []) if c != case.current_step]
            raise ValidationError(f"Berkas hanya dapat dikembalikan ke langkah yang sudah dilalui: "
                                  f"{', '.join(names) or 'tidak ada'}.")
        target = defn.step(to_step)
        batch = defn.batch_step
        if batch is not None and defn.step_index(to_step) < defn.step_index(batch.code):
            if case.batch_id is not None:
                raise ValidationError("Berkas sudah masuk kiriman kolektif; tidak dapat dikembalikan ke langkah "
                                      "sebelum rekap kolektif.")
            case.batch_ready_at = None
            data.pop("proposal_window", None)
        data.get("paraf", {}).pop(step.code, None)
        konsep_files = products.discard_from(data, defn, to_step)
        engine.remove_after_commit(s, office, konsep_files)
        path = data.get("path", [])
        data["path"] = path[: path.index(to_step)]
        data.setdefault("returns", []).append({"from": step.code, "to": to_step, "reason": reason.strip(),
                                               "by": actor.username, "at": now.isoformat()})
        case.data = data
        old = engine.snapshot(case) | {"version": version}
        engine.log(s, case, step, action="return", to_step=to_step, actor=actor, reason=reason, now=now)
        engine.enter(s, case, defn, target, cfg, now, record_path=False, office=office, actor=actor)
        if defn.step_index(to_step) <= defn.step_index(defn.gate_step.code):
            case.status = "draft"
        s.add(case)
        audit.record(s, actor=actor, action="case.return", entity="case", entity_id=case_id, old=old,
                     new=engine.snapshot(case) | {"reason": reason})
        return _info(s, case, defn, cfg, actor=actor)


def reject(office: Office, *, actor: Actor, case_id: int, version: int, reason: str, outcome: str = "ditolak",
           now: datetime | None = None) -> CaseInfo:
    """Close the case as refused, with a reason (done by the current step's role)."""
    require(actor, "case.move")
    if not reason.strip():
        raise ValidationError("Penolakan wajib disertai alasan.")
    if outcome in POSITIVE_OUTCOMES:
        raise ValidationError(f"'{outcome}' bukan hasil penolakan.")
    now = now or utcnow()
    with office.db.write() as s:
        case = engine.lock(s, case_id, version, now)
        engine.ensure_open(case)
        defn = get_definition(office, case.service_code)
        step = defn.step(case.current_step)
        network_guard.check_step_here(s, step)
        engine.check_role(actor, step, defn, engine.rules(s))
        old = engine.snapshot(case) | {"version": version}
        engine.log(s, case, step, action="reject", to_step=f"close:{outcome}", actor=actor, reason=reason, now=now)
        engine.close(s, office, actor, case, defn, outcome=outcome, reason=reason, now=now)  # on_close hooks run
        s.add(case)
        audit.record(s, actor=actor, action="case.reject", entity="case", entity_id=case_id, old=old,
                     new=engine.snapshot(case) | {"reason": reason})
        return _info(s, case, defn, actor=actor)


def refuse_incomplete(office: Office, *, actor: Actor, case_id: int, version: int, now: datetime | None = None
                      ) -> CaseInfo:
    """An incomplete file is refused at intake (penonaktifan SOP); the reason lists what is missing."""
    require(actor, "case.move")
    now = now or utcnow()
    with office.db.write() as s:
        case, defn, cfg, step = engine.claim_at_step(s, office, case_id, version, now)
        engine.check_role(actor, step)
        if step.code != defn.gate_step.code:
            raise ValidationError("Penolakan karena berkas tidak lengkap hanya pada pemeriksaan kelengkapan.")
        missing = engine.missing(s, case, defn, cfg)
        if not missing:
            raise ValidationError("Berkas sudah lengkap; tidak dapat ditolak karena kekurangan berkas.")
        reason = "Berkas tidak lengkap. Yang belum ada: " + "; ".join(missing) + "."
        old = engine.snapshot(case) | {"version": version}
        engine.log(s, case, step, action="reject", to_step="close:berkas_tidak_lengkap", actor=actor, reason=reason,
             now=now)
        data = copy.deepcopy(case.data or {})
        data["missing"] = missing
        case.data = data
        engine.close(s, office, actor, case, defn, outcome="berkas_tidak_lengkap", reason=reason, now=now, cfg=cfg)
        s.add(case)
        audit.record(s, actor=actor, action="case.refuse_incomplete", entity="case", entity_id=case_id, old=old,
                     new=engine.snapshot(case) | {"missing": missing})
        return _info(s, case, defn, cfg, actor=actor)


def allowed_moves(office: Office, *, actor: Actor, case_id: int) -> dict[str, bool]:
    """What the window may offer this user on this case (the core still checks each move)."""
    info = get_case(office, actor=actor, case_id=case_id)
    if not info.is_open or not allowed(actor, "case.move"):
        return {"advance": False, "paraf": False, "return": False, "reject": False}
    defn = get_definition(office, info.service_code)
    step = defn.step(info.current_step)
    mine = any(actor.has(r) for r in (step.chain or step.roles))
    return {"advance": mine and step.kind == "task",
            "paraf": step.kind == "paraf" and info.paraf_next is not None and actor.has(info.paraf_next),
            "return": mine and any(c != info.current_step for c in info.data.get("path", [])),
            "reject": mine}


@dataclass(frozen=True)
class StepTiming:
    step: str
    step_name: str
    count: int
    average_minutes: float
    standard_minutes: int | None
    over_standard: int  # moves that took longer than the standard


def step_timings(office: Office, *, actor: Actor, service_code: str, start: datetime, end: datetime
                 ) -> list[StepTiming]:
    """Real step durations of a service between ``start`` and ``end`` against their standard minutes."""
    require(actor, "case.overdue")
    defn = get_definition(office, service_code)
    with office.db.read() as s:
        rows = s.exec(select(StepLog).join(Case, col(Case.id) == StepLog.case_id)
                      .where(Case.service_code == service_code, StepLog.finished_at >= start,
                             StepLog.finished_at < end, col(StepLog.standard_minutes).is_not(None))).all()
        by_step: dict[str, list[tuple[int, int | None]]] = {}
        for r in rows:
            by_step.setdefault(r.step, []).append((r.duration_seconds, r.standard_minutes))
    out = []
    for st in defn.steps:
        logs = by_step.get(st.code, [])
        if not logs:
            continue
        total = sum(d for d, _ in logs)
        over = sum(1 for d, std in logs if std is not None and d > std * 60)
        out.append(StepTiming(st.code, st.name, len(logs), round(total / len(logs) / 60, 1), st.minutes, over))
    return out
