"""Pengaduan — the complaints register (SPEC §1.6): channel (SP4N-LAPOR! with its ticket), topic, optional
link to a case, follow-up and answer dates, SLA in working days, status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from app.context import Office
from app.db.models import Case, Complaint, Letter
from app.errors import NotFound, ValidationError
from app.rules import sla
from app.rules.permissions import Actor, require
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import audit, complaint_channels, settings
from app.timeutil import utcnow
from app.workflow import engine

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
    #: the service-time standard, e.g. "14 hari kerja"
    standard: str = ""
    #: the answer letter (Surat Jawaban Pengaduan), when the complaint was answered with one
    letter_id: int | None = None
    letter_number: str = ""

    def answered_late(self) -> bool:
        return self.answered_at is not None and self.due_at is not None and self.answered_at > self.due_at

    def sla_text(self, now: datetime) -> str:
        """Where the complaint stands against its standard, as a case's service time is shown."""
        if self.answered_at is not None:
            return "dijawab melewati tenggat" if self.answered_late() else "dijawab dalam tenggat"
        return "LEWAT TENGGAT" if self.overdue(now) else "dalam tenggat"

    def overdue(self, now: datetime) -> bool:
        return self.status in ("baru", "ditindaklanjuti") and self.due_at is not None and now > self.due_at


LETTER_KEY = "jawaban_pengaduan"


def _answer_letters(s: Session, reg_numbers: list[str] | None = None) -> dict[str, tuple[int, str]]:
    """complaint reg number → (letter id, number) of its issued (not voided) answer letter."""
    q = select(Letter).where(Letter.letter_type == LETTER_KEY, Letter.status == "issued")
    out: dict[str, tuple[int, str]] = {}
    for row in s.exec(q.order_by(col(Letter.id))).all():
        reg = ((row.data or {}).get("pengaduan") or {}).get("nomor", "")
        if reg and (reg_numbers is None or reg in reg_numbers):
            out[reg] = (row.id or 0, row.number)
    return out


def _standard(s: Session) -> str:
    return sla.describe("working_days", settings.load_in(s, RULES_SECTION, RuleSettings).complaint_sla_working_days)


def _info(s: Session, c: Complaint, letters_by_reg: dict[str, tuple[int, str]] | None = None,
          standard: str | None = None) -> ComplaintInfo:
    case = s.get(Case, c.case_id) if c.case_id else None
    if letters_by_reg is None:
        letters_by_reg = _answer_letters(s, [c.reg_number])
    letter = letters_by_reg.get(c.reg_number)
    return ComplaintInfo(c.id or 0, c.reg_number, c.channel, complaint_channels.load_in(s).label(c.channel),
                         c.lapor_ticket, c.topic, c.description, c.complainant_name, c.complainant_contact, c.case_id,
                         case.reg_number if case else None, c.received_at, c.due_at, c.follow_up_at, c.follow_up,
                         c.answered_at, c.answer, c.status, standard if standard is not None else _standard(s),
                         letter[0] if letter else None, letter[1] if letter else "")


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
    chan = complaint_channels.load_settings(office).require_active(channel)
    if not topic.strip():
        raise ValidationError("Pokok pengaduan wajib diisi.")
    if chan.ticket and not lapor_ticket.strip():
        raise ValidationError(f"Pengaduan dari {chan.label} wajib mencantumkan nomor tiketnya"
                              + (" (tiket LAPOR!)." if channel == "lapor" else "."))
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
        tz = engine.tz_name(s)
        local = engine.local(now, tz)
        serial = engine.next_serial(s, f"complaint.reg.{local.year}")
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
        by_reg, standard = _answer_letters(s), _standard(s)
        return [_info(s, c, by_reg, standard) for c in rows]


def letter_data(s: Session, c: Complaint, answer_text: str) -> dict[str, Any]:
    """The data of the Surat Jawaban Pengaduan for complaint ``c`` answered with ``answer_text``."""
    from app.documents.dates import tanggal

    tz = engine.tz_name(s)
    chan = complaint_channels.load_in(s).label(c.channel)
    case = s.get(Case, c.case_id) if c.case_id else None
    name = c.complainant_name or "Pengadu"
    return {
        "pengaduan": {
            "nomor": c.reg_number, "tanggal": tanggal(engine.local(c.received_at, tz).date()),
            "kanal": chan + (f" tiket {c.lapor_ticket}" if c.lapor_ticket else ""), "pokok": c.topic,
            "uraian": c.description, "berkas": case.reg_number if case else "", "tindak_lanjut": c.follow_up,
            "jawaban": answer_text, "tenggat": tanggal(engine.local(c.due_at, tz).date()) if c.due_at else "",
            "standar": _standard(s),
        },
        "pengadu": {"nama": name, "kontak": c.complainant_contact},
        "layanan": {"pengaduan": complaint_channels.line_in(s)},
        "tujuan": {"yth": f"Sdr. {name}", "di": c.complainant_contact or "Tempat"},
    }


def answer_with_letter(office: Office, *, actor: Actor, complaint_id: int, text: str, at: datetime | None = None,
                       signer: str | None | bool = True) -> tuple[ComplaintInfo, Any]:
    """Answer the complaint with a numbered Surat Jawaban Pengaduan (through the letters register): the answer
    and the letter are one transaction; a missing signatory or a broken template records neither."""
    from app.network import guard as network_guard
    from app.services import letters

    require(actor, "complaint.handle")
    require(actor, "letter.issue")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Jawaban kepada pengadu wajib diisi.")
    template = letters.template_check(office, LETTER_KEY)
    now = at or utcnow()
    with office.db.write() as s:
        network_guard.check_may_issue(s, LETTER_KEY)
        c = _get(s, complaint_id)
        if c.status == "selesai":
            raise ValidationError(f"Pengaduan {c.reg_number} sudah selesai.")
        if _answer_letters(s, [c.reg_number]):
            raise ValidationError(f"Pengaduan {c.reg_number} sudah dijawab dengan surat; cetak ulang dari Surat → "
                                  "Arsip.")
        info = letters.issue_letter_in(s, office, actor=actor, letter_type=LETTER_KEY, data=letter_data(s, c, text),
                                       case_id=c.case_id, signer=signer, issued_at=now, template=template)
        old = {"status": c.status}
        c.answer, c.answered_at, c.status, c.updated_at = text, now, "dijawab", now
        s.add(c)
        audit.record(s, actor=actor, action="complaint.answer", entity="complaint", entity_id=c.id, old=old,
                     new={"status": c.status, "answer": text, "letter_id": info.id, "letter_number": info.number})
        return _info(s, c), info
