"""Pengaduan — the complaints register (SPEC §1.6): channel (SP4N-LAPOR! with its ticket), topic, optional
link to a case, follow-up and answer dates, SLA in working days, status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from app.context import Office
from app.db.models import Case, Complaint
from app.errors import NotFound, ValidationError
from app.rules import sla
from app.rules.permissions import Actor, require
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs.loader import COMPLAINT_CHANNELS
from app.services import audit, settings
from app.services.cases import _local, _next_serial, _tz_name
from app.timeutil import utcnow

STATUSES = {"baru": "Baru", "ditindaklanjuti": "Sedang ditindaklanjuti", "dijawab": "Sudah dijawab",
            "selesai": "Selesai"}


@dataclass(frozen=True)
class ComplaintInfo:
    id: int
    reg_number: str
    channel: str
    channel_label: str
    lapor_ticket: str
    topic: str
    description: str
    complainant_name: str
    complainant_contact: str
    case_id: int | None
    case_reg_number: str | None
    received_at: datetime
    due_at: datetime | None
    follow_up_at: datetime | None
    follow_up: str
    answered_at: datetime | None
    answer: str
    status: str

    def overdue(self, now: datetime) -> bool:
        return self.status in ("baru", "ditindaklanjuti") and self.due_at is not None and now > self.due_at


def _info(s: Session, c: Complaint) -> ComplaintInfo:
    case = s.get(Case, c.case_id) if c.case_id else None
    return ComplaintInfo(c.id or 0, c.reg_number, c.channel, COMPLAINT_CHANNELS.get(c.channel, c.channel),
                         c.lapor_ticket, c.topic, c.description, c.complainant_name, c.complainant_contact, c.case_id,
                         case.reg_number if case else None, c.received_at, c.due_at, c.follow_up_at, c.follow_up,
                         c.answered_at, c.answer, c.status)


def _get(s: Session, complaint_id: int) -> Complaint:
    c = s.get(Complaint, complaint_id)
    if c is None:
        raise NotFound(f"Pengaduan #{complaint_id} tidak ditemukan.")
    return c


def register(office: Office, *, actor: Actor, channel: str, topic: str, description: str = "",
             complainant_name: str = "", complainant_contact: str = "", lapor_ticket: str = "",
             case_id: int | None = None, case_reg: str = "", received_at: datetime | None = None
             ) -> ComplaintInfo:
    """Register a complaint; it may name its case by id or by registration number (``case_reg``, any case)."""
    require(actor, "complaint.register")
    case_reg = (case_reg or "").strip()
    if channel not in COMPLAINT_CHANNELS:
        raise ValidationError("Kanal pengaduan harus salah satu dari: " + ", ".join(COMPLAINT_CHANNELS) + ".")
    if not topic.strip():
        raise ValidationError("Pokok pengaduan wajib diisi.")
    if channel == "lapor" and not lapor_ticket.strip():
        raise ValidationError("Pengaduan dari SP4N-LAPOR! wajib mencantumkan nomor tiket LAPOR!.")
    now = received_at or utcnow()
    with office.db.write() as s:
        if case_reg and case_id is None:
            case_id = s.exec(select(Case.id).where(
                func.upper(Case.reg_number) == case_reg.upper())).first()
            if case_id is None:
                raise NotFound(f"Berkas dengan nomor registrasi {case_reg} tidak ditemukan.")
        if case_id is not None and s.get(Case, case_id) is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        cfg = settings.load_in(s, RULES_SECTION, RuleSettings)
        tz = _tz_name(s)
        local = _local(now, tz)
        serial = _next_serial(s, f"complaint.reg.{local.year}")
        due = sla.due_at(local, unit="working_days", value=cfg.complaint_sla_working_days,
                         calendar=sla.WorkCalendar.from_settings(cfg))
        c = Complaint(reg_number=f"ADU-{local.year}-{serial:05d}", channel=channel,
                      lapor_ticket=lapor_ticket.strip(), topic=topic.strip(), description=description.strip(),
                      complainant_name=complainant_name.strip(), complainant_contact=complainant_contact.strip(),
                      case_id=case_id, received_at=now, due_at=due, status="baru", created_by=actor.id,
                      updated_at=now)
        s.add(c)
        s.flush()
        audit.record(s, actor=actor, action="complaint.register", entity="complaint", entity_id=c.id,
                     new={"reg_number": c.reg_number, "channel": channel, "lapor_ticket": c.lapor_ticket,
                          "topic": c.topic, "case_id": case_id})
        return _info(s, c)


def _handle(office: Office, *, actor: Actor, complaint_id: int, text: str, at: datetime | None, missing: str,
            action: str, apply: Callable[[Complaint, str, datetime], dict[str, Any]]) -> ComplaintInfo:
    """One handling step on an open complaint: the text is required; ``apply`` changes it and says what's new."""
    require(actor, "complaint.handle")
    text = (text or "").strip()
    if not text:
        raise ValidationError(missing)
    now = at or utcnow()
    with office.db.write() as s:
        c = _get(s, complaint_id)
        if c.status == "selesai":
            raise ValidationError(f"Pengaduan {c.reg_number} sudah selesai.")
        old = {"status": c.status}
        new = apply(c, text, now)
        c.updated_at = now
        s.add(c)
        audit.record(s, actor=actor, action=action, entity="complaint", entity_id=c.id, old=old,
                     new={"status": c.status, **new})
        return _info(s, c)


def follow_up(office: Office, *, actor: Actor, complaint_id: int, text: str, at: datetime | None = None
              ) -> ComplaintInfo:
    def apply(c: Complaint, text: str, now: datetime) -> dict[str, Any]:
        c.follow_up = (c.follow_up + "\n" if c.follow_up else "") + text
        c.follow_up_at = now
        if c.status == "baru":
            c.status = "ditindaklanjuti"
        return {"follow_up": text}

    return _handle(office, actor=actor, complaint_id=complaint_id, text=text, at=at, apply=apply,
                   missing="Uraian tindak lanjut wajib diisi.", action="complaint.follow_up")


def answer(office: Office, *, actor: Actor, complaint_id: int, text: str, at: datetime | None = None
           ) -> ComplaintInfo:
    def apply(c: Complaint, text: str, now: datetime) -> dict[str, Any]:
        c.answer, c.answered_at, c.status = text, now, "dijawab"
        return {"answer": text}

    return _handle(office, actor=actor, complaint_id=complaint_id, text=text, at=at, apply=apply,
                   missing="Jawaban kepada pengadu wajib diisi.", action="complaint.answer")


def close(office: Office, *, actor: Actor, complaint_id: int, at: datetime | None = None) -> ComplaintInfo:
    require(actor, "complaint.handle")
    now = at or utcnow()
    with office.db.write() as s:
        c = _get(s, complaint_id)
        if not c.answer:
            raise ValidationError("Pengaduan hanya dapat diselesaikan setelah dijawab.")
        old = {"status": c.status}
        c.status, c.updated_at = "selesai", now
        s.add(c)
        audit.record(s, actor=actor, action="complaint.close", entity="complaint", entity_id=c.id, old=old,
                     new={"status": "selesai"})
        return _info(s, c)


def get(office: Office, *, actor: Actor, complaint_id: int) -> ComplaintInfo:
    require(actor, "complaint.view")
    with office.db.read() as s:
        return _info(s, _get(s, complaint_id))


def list_complaints(office: Office, *, actor: Actor, status: str | None = None, overdue_at: datetime | None = None,
                    case_id: int | None = None) -> list[ComplaintInfo]:
    """Complaints, newest first; ``overdue_at`` keeps only those still open past their SLA at that moment."""
    require(actor, "complaint.view")
    with office.db.read() as s:
        q = select(Complaint)
        if status:
            q = q.where(Complaint.status == status)
        if case_id is not None:
            q = q.where(Complaint.case_id == case_id)
        if overdue_at is not None:
            q = q.where(col(Complaint.status).in_(("baru", "ditindaklanjuti")),
                        col(Complaint.due_at).is_not(None), col(Complaint.due_at) < overdue_at)
        rows = s.exec(q.order_by(col(Complaint.received_at).desc(), col(Complaint.id).desc())).all()
        return [_info(s, c) for c in rows]
