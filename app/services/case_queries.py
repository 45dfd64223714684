"""Read-side queries the counter window needs beyond :mod:`app.services.cases`: search, counts, the
monthly dashboard figures, and issuing the tanda terima berkas of a case as a numbered letter.

Same house rules as every service: keyword-only, permission check first, one session per call, detached
results. The NIK is masked in every result (``CaseSummary.nik_masked``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import select

from app.context import Office
from app.db.models import Case, Person, User
from app.documents.dates import tanggal
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.servicedefs import load_all
from app.services import cases, letters
from app.timeutil import utcnow

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
        q = q.where(Case.closed_at.is_(None))  # type: ignore[union-attr]
    return q


def count_cases(office: Office, *, actor: Actor, filters: CaseFilter | None = None, service_code: str | None = None
                ) -> int:
    """How many cases :func:`page_cases` pages through with the same filters."""
    require(actor, "case.view")
    f = filters or CaseFilter(service_code=service_code)
    with office.db.read() as s:
        q = select(func.count()).select_from(Case).join(Person, Person.id == Case.person_id)  # type: ignore
        return int(s.exec(_filtered(q, f)).one())


def page_cases(office: Office, *, actor: Actor, filters: CaseFilter | None = None, sort: str = "opened_at",
               descending: bool = True, limit: int = 200, offset: int = 0) -> list[cases.CaseSummary]:
    """One page of the case register, filtered and sorted (ties broken by id, so pages never overlap)."""
    require(actor, "case.view")
    if sort not in SORTS:
        raise ValidationError(f"Urutan '{sort}' tidak dikenal.")
    col = SORTS[sort]
    order = [col.desc() if descending else col.asc(),  # type: ignore[attr-defined]
             Case.id.desc() if descending else Case.id.asc()]  # type: ignore[union-attr]
    with office.db.read() as s:
        q = _filtered(select(Case, Person).join(Person, Person.id == Case.person_id), filters or CaseFilter())  # type: ignore
        q = q.order_by(*order).offset(offset).limit(limit)
        return [cases._summary(c, p) for c, p in s.exec(q).all()]


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
        q = select(Case, Person).join(Person, Person.id == Case.person_id)  # type: ignore[arg-type]
        if digits.isdigit():
            cond = Person.nik == digits if len(digits) == 16 else Person.nik.endswith(digits)  # type: ignore
            q = q.where(or_(cond, Case.reg_number.contains(digits)))  # type: ignore[attr-defined]
        else:
            like = f"%{text.lower()}%"
            q = q.where(or_(func.lower(Person.name).like(like), func.lower(Case.reg_number).like(like)))
        q = q.order_by(Case.opened_at.desc(), Case.id.desc()).limit(limit)  # type: ignore[attr-defined]
        return [cases._summary(c, p) for c, p in s.exec(q).all()]


def waiting_for(office: Office, *, actor: Actor, limit: int = 200) -> list[cases.CaseSummary]:
    """Open cases whose current step is done by one of the user's roles (for paraf: whose turn is theirs)."""
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
                pairs.append(and_(Case.service_code == code, Case.current_step == st.code))
    pairs += [and_(Case.service_code == code, Case.current_step == st.code) for code, st in paraf_steps]
    if not pairs:
        return []
    with office.db.read() as s:
        q = (select(Case, Person).join(Person, Person.id == Case.person_id)  # type: ignore[arg-type]
             .where(Case.closed_at.is_(None), or_(*pairs))  # type: ignore[union-attr]
             .order_by(Case.step_started_at, Case.id).limit(limit))  # type: ignore[arg-type]
        out = []
        for c, p in s.exec(q).all():
            defn = defs[c.service_code]
            st = defn.step(c.current_step)
            if st.kind == "paraf":
                done = len((c.data or {}).get("paraf", {}).get(st.code, []))
                if done >= len(st.chain) or not actor.has(st.chain[done]):
                    continue
            out.append(cases._summary(c, p))
        return out


def user_names(office: Office, *, actor: Actor, user_ids: set[int] | list[int]) -> dict[int, str]:
    """Full names of the officers who appear in a case's step log (who did what)."""
    require(actor, "case.view")
    ids = sorted({i for i in user_ids if i is not None})
    if not ids:
        return {}
    with office.db.read() as s:
        rows = s.exec(select(User.id, User.full_name).where(User.id.in_(ids))).all()  # type: ignore[union-attr]
        return {int(i): n for i, n in rows}


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
        rows = s.exec(select(Case.service_code, Case.status, func.count())  # type: ignore[call-overload]
                      .where(Case.opened_at >= start, Case.opened_at < end)
                      .group_by(Case.service_code, Case.status)).all()
    out: dict[str, dict[str, int]] = {}
    for code, status, n in rows:
        out.setdefault(code, {})[status] = int(n)
    return MonthFigures(start, end, out, sum(sum(v.values()) for v in out.values()))


def receipt_letter_data(r: cases.Receipt, info: cases.CaseInfo) -> dict[str, Any]:
    """The data of the ``tanda_terima`` letter from the case's receipt (what was received and missing)."""
    received = set(r.received)
    expected = (f"{tanggal(r.expected_completion)} pukul {r.expected_completion:%H.%M}"
                if r.expected_completion else "dihitung setelah berkas lengkap")
    return {
        "pemohon": {"nama": r.name, "nik": r.nik_masked, "no_kk": info.no_kk},
        "layanan": {"kode": r.service_code, "nama": r.service_name, "sla": r.sla, "biaya": r.fee,
                    "pengaduan": ", ".join(r.complaint_channels)},
        "kasus": {"nomor_registrasi": r.reg_number, "tanggal_diterima": tanggal(r.received_at),
                  "jam_diterima": f"{r.received_at:%H.%M}", "perkiraan_selesai": expected,
                  "darurat": info.urgent, "catatan": r.notice},
        "berkas": [{"nama": c.label, "ada": c.label in received} for c in info.checklist],
        "petugas": {"nama": r.officer, "nip": ""},
    }


def issue_receipt(office: Office, *, actor: Actor, case_id: int, pdf: bool | None = None,
                  now: datetime | None = None) -> letters.LetterInfo:
    """Issue (number, render, archive) the tanda terima berkas of a case and mark it issued on the case.

    Issuing again gives a new number only if the earlier one was voided; otherwise the existing letter
    is returned (a reprint is :func:`letters.reprint`).
    """
    require(actor, "letter.issue")
    info = cases.get_case(office, actor=actor, case_id=case_id)
    done = [d for d in info.data.get("documents", []) if d.get("key") == "tanda_terima"
            and d.get("status") == "issued" and d.get("letter_id")]
    if done:
        existing = letters.get_letter(office, letter_id=done[-1]["letter_id"])
        if not existing.voided:
            return existing
    r = cases.receipt(office, actor=actor, case_id=case_id)
    letter = letters.issue_letter(office, actor=actor, letter_type="tanda_terima", data=receipt_letter_data(r, info),
                                  case_id=case_id, issued_at=now or utcnow(), pdf=pdf)
    cases.mark_document_issued(office, actor=actor, case_id=case_id, key="tanda_terima", letter_id=letter.id,
                               number=letter.number)
    return letter
