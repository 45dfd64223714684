"""Jamkesda ranking within the quota (SPEC §1.2).

Cases whose survey score reached the cut-off wait at the ``ranking`` step. :func:`rank_period` orders
them deterministically (score, desil, dependants, date received, registration number) and fills the
free slots of the period's quota: those are *layak* and move on to the notification step; the others
are *daftar tunggu* (informed, and kept in order). When a participant leaves (death, move,
deactivation), :func:`release_participant` frees the slot and the waiting list moves up.
With the office's UHC-priority setting every eligible applicant is layak (no waiting list).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Case, DtsenRecord, Person
from app.errors import NotFound, ValidationError
from app.rules import scoring
from app.rules.permissions import Actor, require
from app.rules.rule_settings import RuleSettings
from app.servicedefs import get as get_definition
from app.services import audit
from app.services.cases import _add_documents, _enter, _lock, _log, _rules
from app.timeutil import utcnow

SERVICE = "jamkesda"
LEAVE_REASONS = {"meninggal": "Meninggal dunia", "pindah": "Pindah domisili", "nonaktif": "Dinonaktifkan",
                 "mampu": "Mampu / mandiri / menjadi peserta PPU", "mengundurkan_diri": "Mengundurkan diri"}


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
        case = _lock(s, case.id or 0, case.version, now)
        data = copy.deepcopy(case.data or {})
        before = data.get("decision")
        data.update({"decision": r.decision, "rank": r.rank, "ranked_at": now.isoformat()})
        if r.decision == "daftar_tunggu" and not data.get("waitlist_notified"):
            _add_documents(data, ["pemberitahuan_jamkesda"], step.code, now)
            data["waitlist_notified"] = True
        case.data = data
        if r.decision == "layak":
            _log(s, case, step, action="rank", to_step=step.next, actor=actor,
                 reason=f"Peringkat {r.rank}: layak dalam kuota", now=now)
            _enter(s, case, defn, defn.step(step.next), cfg, now)
            case.status = "proses"
        s.add(case)
        if before != r.decision:
            audit.record(s, actor=actor, action="jamkesda.rank", entity="case", entity_id=case.id,
                         old={"decision": before}, new={"decision": r.decision, "rank": r.rank, "period": period})
        p = people[case.id]
        entries.append(RankedCase(case.id or 0, case.reg_number, p.name, r.candidate.score, r.candidate.desil,
                                  r.candidate.dependants, r.candidate.received_at, r.rank, r.decision))
    return RankingResult(period, quota, occupied, tuple(entries))


def rank_period(office: Office, *, actor: Actor, period: str, now: datetime | None = None) -> RankingResult:
    """Rank the eligible applicants of a quota period (``YYYY`` or ``YYYY-MM`` per the setting)."""
    require(actor, "jamkesda.rank")
    now = now or utcnow()
    with office.db.write() as s:
        cfg = _rules(s)
        return _rank_in(s, office, actor, period, cfg, now)


LEAVE_FROM_DEACTIVATION = {"meninggal": "meninggal", "pindah_domisili": "pindah", "mampu": "mampu",
                           "ganda": "nonaktif", "data_tidak_valid": "nonaktif"}


def _release_in(s: Session, office: Office, actor: Actor, case: Case, reason_code: str, note: str,
                now: datetime) -> RankingResult:
    case = _lock(s, case.id or 0, case.version, now)
    data = copy.deepcopy(case.data)
    data["left"] = {"reason_code": reason_code, "reason": LEAVE_REASONS[reason_code], "note": note.strip(),
                    "at": now.isoformat(), "by": actor.username}
    case.data = data
    if case.closed_at is None:
        defn = get_definition(office, SERVICE)
        step = defn.step(case.current_step)
        reason = f"Keluar dari kuota: {LEAVE_REASONS[reason_code]}. {note}".strip()
        _log(s, case, step, action="release", to_step="close:keluar", actor=actor, reason=reason, now=now)
        case.status, case.outcome, case.outcome_reason, case.closed_at = "ditolak", "keluar", reason[:500], now
    s.add(case)
    audit.record(s, actor=actor, action="jamkesda.release", entity="case", entity_id=case.id,
                 new={"reason_code": reason_code, "note": note})
    return _rank_in(s, office, actor, data["quota_period"], _rules(s), now)


def _active_participant(s: Session, person_id: int) -> Case | None:
    for c in s.exec(select(Case).where(Case.service_code == SERVICE, Case.person_id == person_id)).all():
        if (c.data or {}).get("decision") == "layak" and not (c.data or {}).get("left"):
            return c
    return None


def release_on_deactivation(s: Session, office: Office, actor: Actor, deactivation: Case, now: datetime
                            ) -> RankingResult | None:
    """A served penonaktifan frees the person's jamkesda slot (inside the caller's transaction)."""
    participant = _active_participant(s, deactivation.person_id)
    if participant is None:
        return None
    code = LEAVE_FROM_DEACTIVATION.get((deactivation.data or {}).get("reason_code", ""), "nonaktif")
    return _release_in(s, office, actor, participant, code, f"Penonaktifan {deactivation.reg_number}", now)


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
