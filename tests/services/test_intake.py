"""Intake is ONE core call in ONE transaction (issue 15): the case, its checklist, the BPJS confirmation, the
scans, the draft's removal and the numbered receipt; a failure anywhere leaves nothing behind."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from app.db.models import Attachment, AuditEntry, Case, Counter, Letter, Person, WizardDraft
from app.errors import ValidationError
from app.services import attachments, case_letters, drafts, intake
from app.services.attachments import FileToAttach
from tests.clock import pin_clock
from tests.services.helpers import add_dtsen, kk, nik

pytestmark = pytest.mark.clock

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(tag: str) -> bytes:
    """A distinct small PDF (a different comment line)."""
    return f"%PDF-1.4\n% {tag}\n%%EOF\n".encode()


def _scan(tmp_path, name, content=PDF):
    p = tmp_path / "usb" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content)
    return p


def _state(office):
    with office.db.read() as s:
        return {m.__name__: s.exec(select(func.count()).select_from(m)).one()
                for m in (Case, Person, Attachment, Letter, WizardDraft, AuditEntry)} | {
            "numbers": sum(c.value for c in s.exec(select(Counter)).all())}


def _files(office):
    """Letter files and scans (not letters/templat/: the content-addressed copy of the template version)."""
    return sorted(p.name for p in office.dirs.letters.rglob("*.docx") if p.parent.name != "templat") + sorted(
        p.name for p in office.dirs.attachments.rglob("*") if p.is_file())


def _request(tmp_path, draft_id=None, **kw):
    ktp, kk_scan = _scan(tmp_path, "ktp.pdf"), _scan(tmp_path, "kk.pdf", pdf("kk"))
    return intake.IntakeRequest(
        service_code="reaktivasi-rekom", nik=nik(1), name="Siti Aminah", no_kk=kk(1), received=("kis", "sk_dtsen"),
        files=(FileToAttach(ktp, "ktp"), FileToAttach(kk_scan, "kk")), draft_id=draft_id,
        bpjs_confirmation={"confirmed_by": "Rina (BPJS KC)", "confirmed_at": "2026-12-09T09:10",
                           "answer": "dapat_direaktivasi"}, **kw)


def test_one_call_registers_everything(office, staff, tmp_path, pinned):
    add_dtsen(office, nik(1))
    fo = staff.front_office
    d = drafts.save_draft(office, actor=fo, service_code="reaktivasi-rekom", state={"page": 1}, nik=nik(1),
                          name="Siti Aminah", files=[FileToAttach(_scan(tmp_path, "x.pdf", pdf("x")), "kis")])
    res = intake.submit(office, actor=fo, request=_request(tmp_path, d.id), pdf=False)
    c = res.case
    assert c.reg_number and c.complete and c.data["bpjs_confirmation"]["answer"] == "dapat_direaktivasi"
    assert c.clock == "berjalan" and c.due_at is not None  # the scans completed the file: the clock runs
    assert res.attached == 2 and {a.requirement_code for a in attachments.list_attachments(
        office, actor=fo, case_id=c.id)} == {"ktp", "kk"}
    assert res.letter is not None and res.letter.docx_path.exists()
    assert [d["status"] for d in c.data["documents"] if d["key"] == "tanda_terima"] == ["issued"]
    assert res.receipt.reg_number == c.reg_number and res.receipt.missing == ()
    with office.db.read() as s:
        assert s.get(WizardDraft, d.id) is None
    assert not (office.dirs.attachments / "drafts" / str(d.id)).exists()  # staged copies gone after the commit


def test_a_crash_in_the_middle_leaves_nothing(office, staff, tmp_path, monkeypatch, pinned):
    add_dtsen(office, nik(1))
    fo = staff.front_office
    d = drafts.save_draft(office, actor=fo, service_code="reaktivasi-rekom", state={"page": 1}, nik=nik(1),
                          name="Siti Aminah", files=[FileToAttach(_scan(tmp_path, "x.pdf", pdf("x")), "kis")])
    before, files = _state(office), _files(office)
    real = case_letters.issue_document_in

    def crash(*a, **kw):  # the receipt is rendered, then the machine fails before the commit
        real(*a, **kw)
        raise OSError("disk penuh")

    monkeypatch.setattr(case_letters, "issue_document_in", crash)
    with pytest.raises(OSError):
        intake.submit(office, actor=fo, request=_request(tmp_path, d.id), pdf=False)
    assert _state(office) == before  # no person, case, scan, letter or number; the draft is still there
    assert _files(office) == files  # no receipt file, no copied scan; the draft's staged copy kept


def test_a_bad_scan_refuses_the_intake_before_anything_is_written(office, staff, tmp_path, pinned):
    fo = staff.front_office
    before, files = _state(office), _files(office)
    req = _request(tmp_path)
    req.files[0].path.write_bytes(b"")  # the stick was pulled out and the file emptied
    with pytest.raises(ValidationError, match="kosong"):
        intake.submit(office, actor=fo, request=req)
    assert _state(office) == before and _files(office) == files


def test_the_wizard_path_under_another_date(office, staff, tmp_path):
    """The same call on the last evening of the year (office time): the number's year is the office's."""
    from datetime import datetime

    from tests.clock import WIB

    with pin_clock(datetime(2026, 12, 31, 23, 30, tzinfo=WIB)):
        res = intake.submit(office, actor=staff.front_office, pdf=False, request=intake.IntakeRequest(
            service_code="penonaktifan", nik=nik(2), name="Rusdi", no_kk=kk(2),
            received=("kk", "ktp", "kis", "surat_pernyataan")))
    assert "-2026-" in res.case.reg_number and res.letter is not None
