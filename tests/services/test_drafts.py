"""Wizards saved half-way: state and staged scans kept, listed per user, loaded, replaced and deleted."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.db.models import AuditEntry, WizardDraft
from app.errors import NotFound, PermissionDenied, ValidationError
from app.rules.identifiers import mask_nik
from app.services import attachments, drafts
from app.services.attachments import FileToAttach
from tests.services.helpers import nik

pytestmark = pytest.mark.clock

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
STATE = {"person": {"nik": nik(1), "name": "Siti Aminah", "address": "Jl. Melati 7"},
         "checklist": {"received": ["ktp"]}, "service": {"urgent": False}, "page": 1}


def _scan(tmp_path, name, content):
    p = tmp_path / "usb" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content)
    return p


def test_save_list_load_update_delete(office, staff, tmp_path):
    fo = staff.front_office
    ktp = _scan(tmp_path, "ktp.pdf", PDF)
    d = drafts.save_draft(office, actor=fo, service_code="pbi-baru", state=STATE, nik=nik(1), name="Siti Aminah",
                          files=[FileToAttach(ktp, "ktp")])
    assert d.state == STATE and d.counter == office.config.counter and d.created_by == fo.id
    [staged] = d.files
    assert staged.requirement_code == "ktp" and staged.file_name == "ktp.pdf"
    assert staged.path.parent == office.dirs.attachments / "drafts" / str(d.id) and staged.path.read_bytes() == PDF
    ktp.unlink()  # the USB stick is gone; the draft still has its copy
    [row] = drafts.list_drafts(office, actor=fo)
    assert (row.id, row.service_code, row.name, row.files) == (d.id, "pbi-baru", "Siti Aminah", 1)
    assert row.nik == mask_nik(nik(1))  # masked as in every list; the resumed wizard shows it in full

    # update: one more scan, the staged one kept as it is (passed back by its staged path)
    kk = _scan(tmp_path, "kk.png", PNG)
    state2 = {**STATE, "checklist": {"received": ["ktp", "kk"]}}
    d2 = drafts.save_draft(office, actor=fo, service_code="pbi-baru", state=state2, nik=nik(1), name="Siti Aminah",
                           draft_id=d.id, files=[FileToAttach(staged.path, "ktp", "ktp.pdf"),
                                                 FileToAttach(kk, "kk")])
    assert d2.id == d.id and d2.state == state2 and [f.file_name for f in d2.files] == ["ktp.pdf", "kk.png"]
    assert d2.files[0].path == staged.path and d2.updated_at >= d.updated_at
    # update without the KTP scan: its staged copy goes
    d3 = drafts.save_draft(office, actor=fo, service_code="pbi-baru", state=state2, nik=nik(1), name="Siti",
                           draft_id=d.id, files=[FileToAttach(d2.files[1].path, "kk", "kk.png")])
    assert [f.file_name for f in d3.files] == ["kk.png"] and not staged.path.exists()
    assert drafts.load_draft(office, actor=fo, draft_id=d.id).name == "Siti"
    assert attachments.verify_attachments(office).stray == []  # staged draft copies are not strays

    drafts.delete_draft(office, actor=fo, draft_id=d.id)
    assert drafts.list_drafts(office, actor=fo) == []
    assert not (office.dirs.attachments / "drafts" / str(d.id)).exists()
    with pytest.raises(NotFound, match="Draf"):
        drafts.load_draft(office, actor=fo, draft_id=d.id)
    with office.db.read() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.entity == "wizard_draft")).all()]
    assert actions == ["draft.save", "draft.save", "draft.save", "draft.delete"]


def test_own_drafts_only_supervisors_see_all(office, staff, make_user):
    fo, other = staff.front_office, make_user("front_office")
    mine = drafts.save_draft(office, actor=fo, service_code="pbi-baru", state={}, nik=nik(1), name="A")
    drafts.save_draft(office, actor=other, service_code="jamkesda", state={}, nik=nik(2), name="B")
    assert [d.name for d in drafts.list_drafts(office, actor=fo)] == ["A"]
    assert sorted(d.name for d in drafts.list_drafts(office, actor=staff.supervisor)) == ["A", "B"]
    assert [d.name for d in drafts.list_drafts(office, actor=staff.supervisor, service_code="jamkesda")] == ["B"]
    with pytest.raises(PermissionDenied):
        drafts.load_draft(office, actor=other, draft_id=mine.id)
    with pytest.raises(PermissionDenied):
        drafts.delete_draft(office, actor=other, draft_id=mine.id)
    with pytest.raises(PermissionDenied):
        drafts.save_draft(office, actor=other, service_code="pbi-baru", state={}, draft_id=mine.id)
    for role in ("verifier", "kepala_dinas", "administrator"):
        with pytest.raises(PermissionDenied):
            drafts.save_draft(office, actor=getattr(staff, role), service_code="pbi-baru", state={})
        with pytest.raises(PermissionDenied):
            drafts.list_drafts(office, actor=getattr(staff, role))
    drafts.delete_draft(office, actor=staff.supervisor, draft_id=mine.id)
    assert drafts.list_drafts(office, actor=fo) == []


def test_bad_scan_refuses_the_save_and_changes_nothing(office, staff, tmp_path):
    fo = staff.front_office
    d = drafts.save_draft(office, actor=fo, service_code="pbi-baru", state={"page": 0}, nik="1971", name="")
    bad = _scan(tmp_path, "ktp.pdf", b"bukan pdf")
    with pytest.raises(ValidationError, match="bukan PDF"):
        drafts.save_draft(office, actor=fo, service_code="pbi-baru", state={"page": 1}, draft_id=d.id,
                          files=[FileToAttach(bad, "ktp")])
    assert drafts.load_draft(office, actor=fo, draft_id=d.id).state == {"page": 0}
    with office.db.read() as s:
        assert len(s.exec(select(WizardDraft)).all()) == 1
    assert not (office.dirs.attachments / "drafts" / str(d.id)).exists()
