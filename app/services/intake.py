"""Intake at the counter as ONE use case (issue 15): what the service wizard used to do in eight calls and
five transactions is :func:`submit`, one call and one transaction.

In that transaction: the person (created, or filled in; never renamed), the case with its checklist and
registration number, the first step's documents due and the service-time clock (when the file is complete),
the BPJS confirmation, the scans (copied into the case's folder and removed again on a rollback), the draft
it came from (deleted; its staged copies removed after the commit) and the numbered receipt (tanda terima
berkas, rendered and removed again on a rollback). A failure anywhere leaves nothing: no case, no number, no
file. The PDF of the receipt is made after the commit (a missing converter never undoes an intake).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from app.context import Office
from app.errors import ConflictError
from app.rules.permissions import Actor, require
from app.servicedefs import get as get_definition
from app.services import attachments, case_letters, cases, drafts, letters
from app.timeutil import utcnow
from app.workflow import engine

RECEIPT = "tanda_terima"


@dataclass(frozen=True)
class IntakeRequest:
    """Everything the counter collected for one application."""

    service_code: str
    nik: str
    name: str = ""
    no_kk: str | None = None
    family_relation: str = ""
    person: dict[str, Any] = field(default_factory=dict)
    urgent: bool = False
    received: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    counter: str | None = None
    #: who at BPJS confirmed, when, the answer (``confirmed_by``, ``confirmed_at``, ``answer``, ``note``)
    bpjs_confirmation: dict[str, Any] | None = None
    files: tuple[attachments.FileToAttach, ...] = ()
    #: the wizard draft this application was resumed from (deleted with the intake)
    draft_id: int | None = None


@dataclass(frozen=True)
class IntakeResult:
    case: cases.CaseInfo
    receipt: cases.Receipt
    letter: letters.LetterInfo | None  # the numbered receipt; None when the service issues none
    attached: int


def submit(office: Office, *, actor: Actor, request: IntakeRequest, pdf: bool | None = None,
           now: datetime | None = None) -> IntakeResult:
    """Register an application: one transaction for the case, its checklist, BPJS confirmation, scans, draft
    removal and receipt (see the module). Raises (and writes nothing) on any refusal."""
    require(actor, "case.open")
    if request.files:
        require(actor, "attachment.add")
    defn = get_definition(office, request.service_code)
    confirmation = (cases.bpjs_confirmation(actor, **request.bpjs_confirmation)
                    if request.bpjs_confirmation else None)
    checked = attachments.check_files(office, request.files)  # every scan checked before anything is stored
    receipt_template = letters.template_check(office, RECEIPT) if RECEIPT in defn.documents else None
    now = now or utcnow()
    data = dict(request.data)
    if confirmation is not None:
        data["bpjs_confirmation"] = confirmation
    try:
        with office.db.write() as s:
            case = cases.open_in(s, office, actor=actor, service_code=defn.code, nik=request.nik, name=request.name,
                                 no_kk=request.no_kk, family_relation=request.family_relation,
                                 person=request.person, urgent=request.urgent, received=request.received,
                                 data=data, counter=request.counter, now=now)
            assert case.id is not None
            attached = attachments.add_files_in(s, office, actor=actor, case=case, checked=checked, now=now)
            if attached:  # the scans may have completed the checklist: the clock starts now
                cfg = engine.rules(s)
                if not engine.missing(s, case, defn, cfg):
                    engine.start_clock(s, case, defn, cfg, now)
                    s.add(case)
            if request.draft_id is not None:
                drafts.delete_draft_in(s, office, actor=actor, draft_id=request.draft_id,
                                       reason=f"menjadi {case.reg_number}")
            letter = None
            if receipt_template is not None:
                s.flush()
                letter = case_letters.issue_document_in(s, office, actor=actor, case_id=case.id, key=RECEIPT,
                                                        template=receipt_template)
            case_id = case.id
    except IntegrityError as exc:  # another counter registered the same person, family or case just now
        raise ConflictError("Data pemohon ini baru saja disimpan oleh loket lain; muat ulang lalu coba lagi.") from exc
    if letter is not None and (pdf if pdf is not None else letters.load_settings(office).pdf_on_issue):
        done = letters.convert_pdfs(office, actor=actor, letter_ids=[letter.id])
        if letter.id in done.converted:
            letter = replace(letter, pdf_path=done.converted[letter.id])
    return IntakeResult(cases.get_case(office, actor=actor, case_id=case_id),
                        cases.receipt(office, actor=actor, case_id=case_id), letter, attached)
