"""Jamkesda ranking within the quota (SPEC §1.2).

Cases whose survey score reached the cut-off wait at the ``ranking`` step. :func:`rank_period` orders
them deterministically (score, desil, dependants, date received, registration number) and fills the
free slots of the period's quota: those are *layak* and move on to the notification step; the others
are *daftar tunggu* (informed, and kept in order). When a participant leaves (death, move,
deactivation), :func:`release_participant` frees the slot and the waiting list moves up.
With the office's UHC-priority setting every eligible applicant is layak (no waiting list).

Answers that gate (SPEC §1.7): BPJS's answer on each proposed participant decides the path at the feedback
step (routing rule ``umpan_balik_bpjs``). A rejection closes the case ``ditolak_bpjs``; :func:`release_on_close`
then frees its slot to the waiting list (the next ranked applicant is promoted, logged) and the applicant
is informed with the ``pemberitahuan_ditolak_bpjs`` letter. The accepted participants of a period get ONE
collective Surat Permohonan SK Walikota to Bagian Kesra (:func:`issue_sk_request`), issued at the step
that produces it, by that step's role, once per period; it moves those cases on.

A person deactivated for death or a move (:func:`release_on_deactivation`) leaves every jamkesda waiting
list (those cases close with the reason logged), frees a participant's slot, and every other open case of
theirs is flagged (``case.data["flags"]``, audited). While such a deactivation is under way the ranking
holds the person back: a deceased applicant is never promoted.

The ``(s, office, actor, case, now)`` functions run inside the caller's transaction (workflow hooks).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, col, select

from app.batching.periods import nama_periode
from app.context import Office
from app.db.models import Case, DtsenRecord, Family, Letter, Person
from app.documents.dates import tanggal
from app.errors import NotFound, PermissionDenied, ValidationError
from app.rules import scoring
from app.rules.eligibility import DEACTIVATION_REASONS as DEACTIVATION_LABELS
from app.rules.permissions import Actor, require, role_label
from app.rules.routing import BPJS_FEEDBACK
from app.rules.rule_settings import RuleSettings
from app.servicedefs import DOCUMENT_KEYS, ServiceDef, load_all
from app.servicedefs import get as get_definition
from app.services import audit, letters
from app.timeutil import utcnow
from app.workflow import engine, hooks, products

SERVICE = "jamkesda"
LEAVE_REASONS = {"meninggal": "Meninggal dunia", "pindah": "Pindah domisili", "nonaktif": "Dinonaktifkan",
                 "mampu": "Mampu / mandiri / menjadi peserta PPU", "mengundurkan_diri": "Mengundurkan diri",
                 "ditolak_bpjs": "Ditolak BPJS Kesehatan"}
#: the closing outcome of the feedback step's rejection branch
REJECTED_OUTCOME = "ditolak_bpjs"
#: the collective letter of the SK request step, and the letter informing an applicant BPJS rejected
SK_REQUEST = "permohonan_sk_walikota"
REJECTION_LETTER = "pemberitahuan_ditolak_bpjs"
#: deactivation reasons after which a person leaves every waiting list (penonaktifan reason codes)
LEAVES_WAITING_LISTS = ("meninggal", "pindah_domisili")


@dataclass(frozen=True)
class RankedCase:
    case_id: int
    reg_number: str
    name: str
    score: Decimal
    desil: int | None
    dependants: int
    received_at: datetime
    rank: int
    decision: str  # layak | daftar_tunggu


@dataclass(frozen=True)
class RankingResult:
    period: str
    quota: int | None  # None: UHC priority, no quota
    occupied_before: int
    entries: tuple[RankedCase, ...]
    tie_breakers: tuple[str, ...] = scoring.TIE_BREAKERS
    #: waiting applicants held back (not ranked) while their death/move deactivation is under way
    held: tuple[str, ...] = ()

    @property
    def layak(self) -> list[RankedCase]:
        return [e for e in self.entries if e.decision == "layak"]

    @property
    def waiting(self) -> list[RankedCase]:
        return [e for e in self.entries if e.decision == "daftar_tunggu"]


def _occupied(s: Session, period: str) -> int:
    rows = s.exec(select(Case).where(Case.service_code == SERVICE)).all()
    return sum(1 for c in rows if (c.data or {}).get("quota_period") == period
               and (c.data or {}).get("decision") == "layak" and not (c.data or {}).get("left"))


def _rank_in(s: Session, office: Office, actor: Actor, period: str, cfg: RuleSettings, now: datetime
             ) -> RankingResult:
    defn = get_definition(office, SERVICE)
    ranking_steps = [st for st in defn.steps if st.kind == "ranking"]
    if not ranking_steps:
        raise ValidationError("Definisi layanan jamkesda tidak memiliki langkah peringkatan.")
    step = ranking_steps[0]
    waiting = [c for c in s.exec(select(Case).where(Case.service_code == SERVICE, Case.current_step == step.code,
                                                      col(Case.closed_at).is_(None))).all()
               if (c.data or {}).get("quota_period") == period]
    held = []
    for c in list(waiting):
        leaving = _leaving(s, office, c.person_id)
        if leaving is not None:
            waiting.remove(c)
            held.append(f"{c.reg_number} ({DEACTIVATION_LABELS.get(leaving[0], leaving[0])}, {leaving[1]})")
    occupied = _occupied(s, period)
    quota = None if cfg.uhc_priority else cfg.jamkesda_quota
    free = None if quota is None else max(0, quota - occupied)
    people = {}
    candidates = []
    for c in waiting:
        p = s.get(Person, c.person_id)
        assert p is not None
        people[c.id] = p
        desil = (c.data or {}).get("desil")
        if desil is None:
            d = s.exec(select(DtsenRecord.desil).where(DtsenRecord.nik == p.nik)).first()
            desil = d
        candidates.append(scoring.Candidate(c.reg_number, scoring.as_score((c.data or {}).get("score", 0)),
                                            int(desil) if desil else None,
                                            int((c.data or {}).get("dependants", 0) or 0), c.opened_at))
    by_reg = {c.reg_number: c for c in waiting}
    entries = []
    for r in scoring.rank(candidates, free_slots=free):
        case = by_reg[r.candidate.key]
        case = engine.lock(s, case.id or 0, case.version, now)
        data = copy.deepcopy(case.data or {})
        before = data.get("decision")
        data.update({"decision": r.decision, "rank": r.rank, "ranked_at": now.isoformat()})
        if r.decision == "daftar_tunggu" and not data.get("waitlist_notified"):
            # the waiting-list notice is made while the case waits, by whoever informs applicants
            notice = next((st for st in defn.steps if "pemberitahuan_jamkesda" in st.produces), step)
            products.add_due(data, "pemberitahuan_jamkesda", step=products.ANYWHERE_STEP, roles=notice.roles,
                             now=now)
            data["waitlist_notified"] = True
        case.data = data
        if r.decision == "layak":
            engine.log(s, case, step, action="rank", to_step=step.next, actor=actor,
                 reason=f"Peringkat {r.rank}: layak dalam kuota", now=now)
            engine.enter(s, case, defn, defn.step(step.next), cfg, now, office=office, actor=actor)
            case.status = "proses"
        s.add(case)
        if before != r.decision:
            audit.record(s, actor=actor, action="jamkesda.rank", entity="case", entity_id=case.id,
                         old={"decision": before}, new={"decision": r.decision, "rank": r.rank, "period": period})
        p = people[case.id]
        entries.append(RankedCase(case.id or 0, case.reg_number, p.name, r.candidate.score, r.candidate.desil,
                                  r.candidate.dependants, r.candidate.received_at, r.rank, r.decision))
    return RankingResult(period, quota, occupied, tuple(entries), held=tuple(held))


def rank_period(office: Office, *, actor: Actor, period: str, now: datetime | None = None) -> RankingResult:
    """Rank the eligible applicants of a quota period (``YYYY`` or ``YYYY-MM`` per the setting)."""
    require(actor, "jamkesda.rank")
    now = now or utcnow()
    with office.db.write() as s:
        cfg = engine.rules(s)
        return _rank_in(s, office, actor, period, cfg, now)


LEAVE_FROM_DEACTIVATION = {"meninggal": "meninggal", "pindah_domisili": "pindah", "mampu": "mampu",
                           "ganda": "nonaktif", "data_tidak_valid": "nonaktif"}


def _release_in(s: Session, office: Office, actor: Actor, case: Case, reason_code: str, note: str,
                now: datetime) -> RankingResult:
    case = engine.lock(s, case.id or 0, case.version, now)
    data = copy.deepcopy(case.data)
    data["left"] = {"reason_code": reason_code, "reason": LEAVE_REASONS[reason_code], "note": note.strip(),
                    "at": now.isoformat(), "by": actor.username}
    case.data = data
    if case.closed_at is None:
        defn = get_definition(office, SERVICE)
        step = defn.step(case.current_step)
        reason = f"Keluar dari kuota: {LEAVE_REASONS[reason_code]}. {note}".strip()
        engine.log(s, case, step, action="release", to_step="close:keluar", actor=actor, reason=reason, now=now)
        case.status, case.outcome, case.outcome_reason, case.closed_at = "ditolak", "keluar", reason[:500], now
    s.add(case)
    audit.record(s, actor=actor, action="jamkesda.release", entity="case", entity_id=case.id,
                 new={"reason_code": reason_code, "note": note})
    return _rank_in(s, office, actor, data["quota_period"], engine.rules(s), now)


def _active_participant(s: Session, person_id: int) -> Case | None:
    for c in s.exec(select(Case).where(Case.service_code == SERVICE, Case.person_id == person_id)).all():
        if (c.data or {}).get("decision") == "layak" and not (c.data or {}).get("left"):
            return c
    return None


def _deactivating_services(office: Office) -> list[str]:
    """Services whose served cases take a person out of this quota (``releases_quota`` in their definition)."""
    return [d.code for d in load_all(office).values() if d.releases_quota == SERVICE]


def _leaving(s: Session, office: Office, person_id: int) -> tuple[str, str] | None:
    """(reason code, registration number) of a death/move deactivation of the person that is served or under
    way (past its intake), else None."""
    services = _deactivating_services(office)
    if not services:
        return None
    rows = s.exec(select(Case).where(Case.person_id == person_id, col(Case.service_code).in_(services))).all()
    for c in rows:
        code = (c.data or {}).get("reason_code", "")
        if code not in LEAVES_WAITING_LISTS:
            continue
        served = c.closed_at is not None and c.status == "selesai"
        under_way = c.closed_at is None and c.status == "proses"
        if served or under_way:
            return code, c.reg_number
    return None


def _withdraw_waiting(s: Session, office: Office, actor: Actor, deactivation: Case, reason: str, now: datetime
                      ) -> list[str]:
    """Close the person's jamkesda cases waiting at the ranking step (every period), reason logged."""
    defn = get_definition(office, SERVICE)
    ranking = {st.code for st in defn.steps if st.kind == "ranking"}
    out = []
    for c in s.exec(select(Case).where(Case.service_code == SERVICE, Case.person_id == deactivation.person_id,
                                       col(Case.closed_at).is_(None))).all():
        if c.current_step not in ranking:
            continue
        case = engine.lock(s, c.id or 0, c.version, now)
        data = copy.deepcopy(case.data or {})
        data["left"] = {"reason_code": LEAVE_FROM_DEACTIVATION.get(deactivation.data.get("reason_code", ""),
                                                                   "nonaktif"),
                        "reason": reason, "note": f"Penonaktifan {deactivation.reg_number}", "at": now.isoformat(),
                        "by": actor.username, "from": "daftar_tunggu"}
        case.data = data
        text = f"Keluar dari daftar tunggu: {reason} (penonaktifan {deactivation.reg_number})."
        engine.log(s, case, defn.step(case.current_step), action="withdraw", to_step="close:keluar", actor=actor,
             reason=text, now=now)
        case.status, case.outcome, case.outcome_reason, case.closed_at = "ditolak", "keluar", text[:500], now
        case.step_started_at = now
        s.add(case)
        audit.record(s, actor=actor, action="jamkesda.withdraw", entity="case", entity_id=case.id,
                     old={"decision": data.get("decision"), "period": data.get("quota_period")},
                     new={"outcome": "keluar", "reason": text, "deactivation": deactivation.reg_number})
        out.append(case.reg_number)
    return out


def _flag_open_cases(s: Session, actor: Actor, deactivation: Case, reason: str, now: datetime,
                     skip: set[str]) -> list[str]:
    """Every other open case of the person gets a visible flag (``data["flags"]``) and an audit entry."""
    out = []
    for c in s.exec(select(Case).where(Case.person_id == deactivation.person_id, col(Case.closed_at).is_(None),
                                       col(Case.status).in_(engine.OPEN_STATUSES))).all():
        if c.id == deactivation.id or c.reg_number in skip:
            continue
        case = engine.lock(s, c.id or 0, c.version, now)
        data = copy.deepcopy(case.data or {})
        flags = data.setdefault("flags", [])
        if any(f.get("source") == deactivation.reg_number for f in flags):
            continue
        flag = {"code": f"penonaktifan_{deactivation.data.get('reason_code', '')}", "source": deactivation.reg_number,
                "message": f"Pemohon dinonaktifkan: {reason} (penonaktifan {deactivation.reg_number}). Periksa "
                           "berkas ini sebelum dilanjutkan.",
                "at": now.isoformat(), "by": actor.username}
        flags.append(flag)
        case.data = data
        s.add(case)
        audit.record(s, actor=actor, action="case.flag", entity="case", entity_id=case.id, new=flag)
        out.append(case.reg_number)
    return out


def release_on_deactivation(s: Session, office: Office, actor: Actor, deactivation: Case, now: datetime
                            ) -> RankingResult | None:
    """A served penonaktifan (inside the caller's transaction): for a death or a move the person leaves every
    jamkesda waiting list and their other open cases are flagged; a participant's slot frees and the waiting
    list moves up. The deactivation case records what it did (``data["deactivation_effects"]``)."""
    code = (deactivation.data or {}).get("reason_code", "")
    reason = DEACTIVATION_LABELS.get(code, "Dinonaktifkan")
    withdrawn: list[str] = []
    flagged: list[str] = []
    if code in LEAVES_WAITING_LISTS:
        withdrawn = _withdraw_waiting(s, office, actor, deactivation, reason, now)
        flagged = _flag_open_cases(s, actor, deactivation, reason, now, set(withdrawn))
    participant = _active_participant(s, deactivation.person_id)
    res = None
    if participant is not None:
        leave = LEAVE_FROM_DEACTIVATION.get(code, "nonaktif")
        res = _release_in(s, office, actor, participant, leave, f"Penonaktifan {deactivation.reg_number}", now)
    if withdrawn or flagged:
        deactivation.data = {**(deactivation.data or {}),
                             "deactivation_effects": {"withdrawn": withdrawn, "flagged": flagged,
                                                      "at": now.isoformat()}}
    return res


def release_on_close(s: Session, office: Office, actor: Actor, case: Case, now: datetime) -> RankingResult | None:
    """A jamkesda case holding a slot that closes without being served (BPJS rejected it, or it was refused
    later) frees its slot: the next ranked waiting applicant is promoted (inside the caller's transaction).
    Any other case: nothing happens."""
    if case.service_code != SERVICE or case.closed_at is None or case.status == "selesai":
        return None
    data = copy.deepcopy(case.data or {})
    if data.get("decision") != "layak" or data.get("left"):
        return None
    code = "ditolak_bpjs" if case.outcome == REJECTED_OUTCOME else "nonaktif"
    data["left"] = {"reason_code": code, "reason": LEAVE_REASONS[code], "note": case.outcome_reason,
                    "at": now.isoformat(), "by": actor.username}
    case.data = data
    s.add(case)
    s.flush()
    res = _rank_in(s, office, actor, data["quota_period"], engine.rules(s), now)
    promoted = [e.reg_number for e in res.layak]
    case.data = {**case.data, "quota_promoted": promoted}
    s.add(case)
    audit.record(s, actor=actor, action="jamkesda.release", entity="case", entity_id=case.id,
                 new={"reason_code": code, "note": case.outcome_reason, "promoted": promoted})
    return res


# --------------------------------------------------------------------------- workflow hooks
# Declared in the service definitions (``hooks`` in jamkesda.toml and penonaktifan.toml); the engine calls
# them inside the transaction of the move (app/workflow/hooks.py).


@hooks.register("jamkesda.periode_kuota")
def _hook_quota_period(ctx: hooks.HookContext) -> None:
    """on_open: the case belongs to the quota period of the day it was received (office time)."""
    ctx.case.data = {**(ctx.case.data or {}),
                     "quota_period": ctx.cfg.quota_period_of(engine.local(ctx.now, engine.tz_name(ctx.s)))}


@hooks.register("jamkesda.lepas_slot")
def _hook_release_slot(ctx: hooks.HookContext) -> None:
    """on_close: a participant closed without being served frees the slot (:func:`release_on_close`)."""
    if ctx.actor is not None:
        release_on_close(ctx.s, ctx.office, ctx.actor, ctx.case, ctx.now)


@hooks.register("jamkesda.keluar_kuota")
def _hook_leave_quota(ctx: hooks.HookContext) -> None:
    """on_close of a deactivation: when served, the person leaves the quota and the waiting lists
    (:func:`release_on_deactivation`); the cases promoted are recorded on the deactivation."""
    if ctx.actor is None or not ctx.served:
        return
    ctx.s.add(ctx.case)
    ctx.s.flush()
    res = release_on_deactivation(ctx.s, ctx.office, ctx.actor, ctx.case, ctx.now)
    if res is not None:
        ctx.case.data = {**ctx.case.data, "quota_promoted": [e.reg_number for e in res.layak]}


def rejection_letter_data(s: Session, case: Case) -> dict[str, str]:
    """``umpan_balik`` of the letter telling an applicant that BPJS rejected the registration."""
    data = case.data or {}
    fb = data.get("bpjs_feedback")
    if case.outcome != REJECTED_OUTCOME or not isinstance(fb, dict) or fb.get("status") != "ditolak":
        raise ValidationError(f"Berkas {case.reg_number} tidak ditolak BPJS Kesehatan; surat pemberitahuan "
                              "penolakan BPJS tidak dapat dibuat.")
    source = (f"berkas umpan balik {fb['file']}" if fb.get("file")
              else f"referensi BPJS {str(fb.get('reference') or '').strip()}")
    at = fb.get("imported_at") or (case.closed_at.isoformat() if case.closed_at else "")
    day = engine.local(datetime.fromisoformat(at), engine.tz_name(s)).date() if at else None
    return {"status": BPJS_FEEDBACK["ditolak"], "alasan": str(fb.get("reason") or "").strip()
            or "tidak disebutkan dalam umpan balik", "sumber": source, "tanggal": tanggal(day) if day else "",
            "periode": str(data.get("quota_period", ""))}


def release_participant(office: Office, *, actor: Actor, case_id: int, reason_code: str, note: str = "",
                        now: datetime | None = None) -> RankingResult:
    """A participant leaves (death, move, deactivation): the slot frees and the waiting list moves up."""
    require(actor, "jamkesda.release")
    if reason_code not in LEAVE_REASONS:
        raise ValidationError("Alasan keluar harus salah satu dari: " + ", ".join(LEAVE_REASONS) + ".")
    now = now or utcnow()
    with office.db.write() as s:
        case = s.get(Case, case_id)
        if case is None or case.service_code != SERVICE:
            raise NotFound(f"Berkas jamkesda #{case_id} tidak ditemukan.")
        if (case.data or {}).get("decision") != "layak" or (case.data or {}).get("left"):
            raise ValidationError(f"Berkas {case.reg_number} bukan peserta jamkesda yang aktif dalam kuota.")
        return _release_in(s, office, actor, case, reason_code, note, now)


def score_sheet(office: Office, *, actor: Actor, case_id: int) -> scoring.ScoreSheet:
    """The explainable score sheet of a case: which indicators gave which points."""
    require(actor, "case.view")
    with office.db.read() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        sheet = (case.data or {}).get("score_sheet")
        if not sheet:
            raise ValidationError(f"Berkas {case.reg_number} belum dinilai.")
        lines = tuple(scoring.ScoreLine(**ln) for ln in sheet["lines"])
        return scoring.ScoreSheet(sheet["indicator_set"], lines, sheet["total"], sheet["maximum"], sheet["cutoff"],
                                  sheet["eligible"])


def budget(cfg: RuleSettings) -> int:
    """Yearly contribution the quota commits the region to (rupiah)."""
    return cfg.jamkesda_quota * cfg.jamkesda_contribution * 12


# --------------------------------------------------------------------------- Surat Permohonan SK Walikota


@dataclass(frozen=True)
class SkRequest:
    """The collective SK request of a period: its letter and the participants it lists."""

    period: str
    number: str
    letter_id: int
    docx_path: Path
    reg_numbers: tuple[str, ...]


def _sk_step(defn: ServiceDef):
    for st in defn.steps:
        if SK_REQUEST in st.produces:
            return st
    raise ValidationError("Definisi layanan jamkesda tidak mempunyai langkah yang menerbitkan surat permohonan SK "
                          "Walikota ('produces').")


def period_label(period: str) -> str:
    """``2026`` → ``Tahun 2026``; ``2026-03`` → ``Maret 2026`` (the quota period setting)."""
    try:
        if len(period) == 4:
            return f"Tahun {int(period)}"
        year, month = period.split("-")
        return nama_periode(int(year), int(month))
    except (ValueError, KeyError) as exc:
        raise ValidationError(f"Periode kuota '{period}' tidak sah (TTTT atau TTTT-BB).") from exc


def _issued_sk(s: Session, period: str) -> list[Letter]:
    """The SK requests of ``period`` issued so far (the first one, then any supplements), oldest first."""
    return [row for row in s.exec(select(Letter).where(Letter.letter_type == SK_REQUEST, Letter.status == "issued")
                                  .order_by(col(Letter.id))).all()
            if ((row.data or {}).get("periode") or {}).get("kode") == period]


def sk_request_issued(office: Office, *, actor: Actor, period: str) -> list[str]:
    """Numbers of the SK requests already issued for ``period`` (empty: none yet)."""
    require(actor, "case.view")
    with office.db.read() as s:
        return [row.number for row in _issued_sk(s, period)]


def _sk_row(s: Session, case: Case) -> dict[str, str]:
    person = s.get(Person, case.person_id)
    assert person is not None
    fam = s.get(Family, case.family_id) if case.family_id else None
    rt_rw = f" RT {person.rt}/RW {person.rw}" if person.rt or person.rw else ""
    fb = (case.data or {}).get("bpjs_feedback") or {}
    tmt = fb.get("tmt") if isinstance(fb, dict) else None
    return {"nama": person.name, "nik": person.nik, "no_kk": fam.no_kk if fam else "",
            "no_kartu": person.card_number or "", "alamat": f"{person.address}{rt_rw}", "kelurahan": person.kelurahan,
            "kecamatan": person.kecamatan, "skor": scoring.format_score((case.data or {}).get("score", 0)),
            "peringkat": str((case.data or {}).get("rank", "")),
            "keterangan": f"TMT {tanggal(datetime.fromisoformat(tmt).date())}" if tmt else "", "reg": case.reg_number}


def sk_request_candidates(office: Office, *, actor: Actor, period: str) -> list[str]:
    """Registration numbers of the accepted participants of ``period`` waiting for the SK request."""
    require(actor, "case.view")
    defn = get_definition(office, SERVICE)
    step = _sk_step(defn)
    with office.db.read() as s:
        return [c.reg_number for c in _at_sk_step(s, step.code, period)]


def _at_sk_step(s: Session, step_code: str, period: str) -> list[Case]:
    rows = s.exec(select(Case).where(Case.service_code == SERVICE, Case.current_step == step_code,
                                     col(Case.closed_at).is_(None))).all()
    out = [c for c in rows if (c.data or {}).get("quota_period") == period]
    return sorted(out, key=lambda c: (int((c.data or {}).get("rank") or 0) or 10**9, c.reg_number))


def issue_sk_request(office: Office, *, actor: Actor, period: str, supplement: bool = False,
                     now: datetime | None = None) -> SkRequest:
    """Issue the ONE Surat Permohonan SK Walikota of a quota period to Bagian Kesra (seed Singkawang step 10).

    It lists the participants of ``period`` that BPJS accepted (the open cases at the step that produces
    the letter), is issued by that step's role, numbered and rendered once, recorded on each listed case,
    and moves those cases on - all in one transaction. A second request for the same period is refused;
    participants BPJS accepted after it need an explicit ``supplement`` (a *susulan* listing only them).
    """
    require(actor, "case.move")
    require(actor, "letter.issue")
    defn = get_definition(office, SERVICE)
    step = _sk_step(defn)
    if not any(actor.has(r) for r in step.roles):
        raise PermissionDenied(f"langkah {step.code}", actor.username, [role_label(r) for r in step.roles])
    label = period_label(period)
    template = letters.template_check(office, SK_REQUEST)  # a broken template spends no number
    now = now or utcnow()
    with office.db.write() as s:
        done = _issued_sk(s, period)
        listed = _at_sk_step(s, step.code, period)
        if done and not (supplement and listed):
            more = (f" {len(listed)} peserta yang diterima sesudahnya dapat dimohonkan dengan surat susulan."
                    if listed else "")
            raise ValidationError(f"Surat permohonan SK Walikota periode {label} sudah diterbitkan dengan nomor "
                                  f"{done[0].number}; surat itu hanya diterbitkan sekali. Salinan lain adalah cetak "
                                  f"ulang nomor yang sama (menu Surat → Cetak ulang).{more}")
        if not listed:
            raise ValidationError(f"Belum ada peserta periode {label} yang diterima BPJS Kesehatan dan menunggu "
                                  "surat permohonan SK Walikota.")
        if done:
            label = f"{label} (susulan ke-{len(done)})"
        cfg = engine.rules(s)
        rows = [_sk_row(s, c) for c in listed]
        year = period[:4]
        info = letters.issue_letter_in(
            s, office, actor=actor, letter_type=SK_REQUEST, template=template, issued_at=now,
            data={"peserta": [{k: v for k, v in r.items() if k != "reg"} for r in rows],
                  "periode": {"nama": label, "kode": period, "tahun": year},
                  "layanan": {"kode": defn.code, "nama": defn.name}, "jumlah": str(len(rows))})
        for c in listed:
            case = engine.lock(s, c.id or 0, c.version, now)
            data = copy.deepcopy(case.data or {})
            docs = data.setdefault("documents", [])
            entry = next((d for d in docs if d["key"] == SK_REQUEST and d.get("status") in ("due", "konsep")), None)
            if entry is None:
                entry = {"key": SK_REQUEST, "title": DOCUMENT_KEYS[SK_REQUEST], "step": step.code,
                         "roles": list(step.roles), "due_at": now.isoformat()}
                docs.append(entry)
            entry.update({"status": "issued", "letter_id": info.id, "number": info.number,
                          "issued_at": now.isoformat(), "collective": True})
            case.data = data
            engine.log(s, case, step, action="advance", to_step=step.next, actor=actor,
                       reason=f"Surat permohonan SK Walikota {info.number} (kolektif periode {label})", now=now)
            engine.move(s, case, defn, cfg, step.next, now=now, reason=f"Surat permohonan SK {info.number}",
                        office=office, actor=actor)
            s.add(case)
        audit.record(s, actor=actor, action="jamkesda.sk_request", entity="letter", entity_id=info.id,
                     new={"number": info.number, "period": period, "cases": [r["reg"] for r in rows]})
        return SkRequest(period, info.number, info.id, info.docx_path, tuple(r["reg"] for r in rows))
