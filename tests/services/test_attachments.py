"""Scanned documents stored with a case: checked by content, copied crash-safely, listed from rows only."""

from __future__ import annotations

import hashlib

import pytest
from sqlmodel import select

from app.db.models import Attachment, AuditEntry
from app.errors import PermissionDenied, ValidationError
from app.services import attachments, cases, integrity
from app.services.attachments import FileToAttach
from tests.services.helpers import kk, nik

pytestmark = pytest.mark.clock

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def scan(tmp_path, name: str, content: bytes):
    p = tmp_path / "usb" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content)
    return p


@pytest.fixture
def case(office, staff):
    return cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti",
                           no_kk=kk(1), received=["ktp"])


def _files(office):
    return sorted(p.name for p in office.dirs.attachments.rglob("*") if p.is_file())


def _audit(office, action):
    with office.db.read() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def test_valid_scan_is_stored_with_row_hash_and_ticks_the_requirement(office, staff, case, tmp_path):
    src = scan(tmp_path, "KK Siti (scan).pdf", PDF)
    [info] = attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                                   files=[FileToAttach(src, "kk")])
    assert info.path.exists() and info.path.read_bytes() == PDF
    assert info.sha256 == hashlib.sha256(PDF).hexdigest() and info.size == len(PDF)
    assert info.path.parent == office.dirs.attachments / case.reg_number
    assert info.path.name.startswith(info.sha256[:12]) and info.path.name.endswith(".pdf")
    assert info.file_name == "KK Siti (scan).pdf" and info.requirement_label == "Fotokopi Kartu Keluarga"
    assert info.added_by_name == staff.front_office.full_name
    with office.db.read() as s:
        row = s.exec(select(Attachment)).one()
    assert row.case_id == case.id and row.requirement_code == "kk" and row.stored_path.startswith(case.reg_number)
    c = cases.get_case(office, actor=staff.front_office, case_id=case.id)
    assert next(i for i in c.checklist if i.code == "kk").received
    assert c.version == case.version  # the checklist tick does not race other counters' version
    assert _audit(office, "case.attachment_add")[-1].new_values["files"][0]["sha256"] == info.sha256
    assert [a.id for a in attachments.list_attachments(office, actor=staff.kepala_dinas, case_id=case.id)] == [info.id]
    src.unlink()  # the USB stick is gone: the stored copy stays
    assert info.path.exists()


@pytest.mark.parametrize("name,content,message", [
    ("ktp.docx", b"PK\x03\x04 word", "tidak diterima"),
    ("ktp.pdf", b"MZ\x90\x00 not a pdf at all", "bukan PDF, JPG, PNG atau TIFF"),
    ("ktp.jpg", PNG, "adalah PNG, tidak sesuai"),
    ("ktp.pdf", b"", "kosong"),
])
def test_bad_files_are_refused_in_indonesian_and_nothing_changes(office, staff, case, tmp_path, name, content,
                                                                 message):
    good = scan(tmp_path, "kk.png", PNG)
    bad = scan(tmp_path, name, content)
    before = _files(office)
    with pytest.raises(ValidationError, match=message):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                              files=[FileToAttach(good, "kk"), FileToAttach(bad, "ktp")])
    assert _files(office) == before
    assert attachments.list_attachments(office, actor=staff.front_office, case_id=case.id) == []
    assert not _audit(office, "case.attachment_add")


def test_too_big_missing_and_unreadable(office, staff, case, tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "load_settings", lambda _o: attachments.AttachmentSettings(max_mb=1))
    big = scan(tmp_path, "besar.jpg", JPG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError, match=r"terlalu besar \(1,0 MB\); batasnya 1,0 MB"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(big)])
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                              files=[FileToAttach(tmp_path / "hilang.pdf")])
    locked = scan(tmp_path, "terkunci.pdf", PDF)
    real_open = type(locked).open

    def refuse(self, *a, **k):
        if self.name == "terkunci.pdf":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(type(locked), "open", refuse)
    with pytest.raises(ValidationError, match="'terkunci.pdf' tidak dapat dibaca: Permission denied"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(locked)])
    monkeypatch.undo()
    assert _files(office) == []


def test_same_file_twice_is_refused(office, staff, case, tmp_path):
    src = scan(tmp_path, "ktp.png", PNG)
    attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(src, "ktp")])
    with pytest.raises(ValidationError, match="sudah dilampirkan"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(src, "kk")])
    assert len(_files(office)) == 1  # the earlier copy (same path) is kept


def test_failed_transaction_removes_the_copy(office, staff, case, tmp_path, monkeypatch):
    src = scan(tmp_path, "sktm.pdf", PDF)

    def boom(*_a, **_k):
        raise RuntimeError("listrik padam")

    monkeypatch.setattr(attachments.audit, "record", boom)
    with pytest.raises(RuntimeError):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(src, "sktm")])
    assert _files(office) == []
    with office.db.read() as s:
        assert s.exec(select(Attachment)).all() == []


def test_stray_and_partial_files_are_never_attachments(office, staff, case, tmp_path):
    src = scan(tmp_path, "ktp.pdf", PDF)
    attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(src, "ktp")])
    folder = office.dirs.attachments / case.reg_number
    (folder / "0123456789ab-kk.pdf").write_bytes(PDF)  # a copy whose transaction never committed
    (folder / ".123-kk.pdf.part").write_bytes(PDF[:5])  # a copy cut off half-way
    listed = attachments.list_attachments(office, actor=staff.front_office, case_id=case.id)
    assert [a.file_name for a in listed] == ["ktp.pdf"]
    check = attachments.verify_attachments(office)
    assert check.problems == [] and check.checked == 1 and len(check.stray) == 2
    report = integrity.run_checks(office)
    assert report.ok and any("tidak dihitung sebagai lampiran" in line for line in report.lines)


def test_changed_or_missing_file_is_found_by_the_check_and_not_opened(office, staff, case, tmp_path):
    src = scan(tmp_path, "ktp.pdf", PDF)
    [info] = attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                                   files=[FileToAttach(src, "ktp")])
    out = attachments.export_copy(office, actor=staff.verifier, attachment_id=info.id, dest=tmp_path / "buka")
    assert out.read_bytes() == PDF and out.name == "ktp.pdf"
    assert _audit(office, "case.attachment_open")[-1].user_id == staff.verifier.id
    info.path.write_bytes(PDF + b"diubah")
    assert not integrity.run_checks(office).ok
    with pytest.raises(ValidationError, match="telah berubah"):
        attachments.export_copy(office, actor=staff.verifier, attachment_id=info.id, dest=tmp_path / "buka2")
    info.path.unlink()
    assert "hilang" in attachments.verify_attachments(office).problems[0]


def test_remove_needs_the_role_and_an_open_case(office, staff, case, tmp_path):
    src = scan(tmp_path, "ktp.pdf", PDF)
    [info] = attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                                   files=[FileToAttach(src, "ktp")])
    for who in (staff.kepala_dinas, staff.administrator):
        with pytest.raises(PermissionDenied):
            attachments.remove(office, actor=who, attachment_id=info.id)
        with pytest.raises(PermissionDenied):
            attachments.add_files(office, actor=who, case_id=case.id, files=[FileToAttach(src)])
        assert attachments.permitted(office, actor=who, case_id=case.id) == {"view": True, "add": False,
                                                                           "remove": False}
    assert info.path.exists()
    assert attachments.permitted(office, actor=staff.verifier, case_id=case.id)["remove"]
    attachments.remove(office, actor=staff.verifier, attachment_id=info.id, reason="salah pindai")
    assert not info.path.exists()
    assert attachments.list_attachments(office, actor=staff.verifier, case_id=case.id) == []
    gone = _audit(office, "case.attachment_remove")[-1]
    assert gone.old_values["name"] == "ktp.pdf" and gone.new_values["reason"] == "salah pindai"
    # closed case: its attachments stay as they were
    [again] = attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                                    files=[FileToAttach(src, "ktp")])
    c = cases.get_case(office, actor=staff.front_office, case_id=case.id)
    cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version, reason="pemohon mundur")
    assert attachments.permitted(office, actor=staff.front_office, case_id=case.id)["add"] is False
    with pytest.raises(ValidationError, match="sudah ditutup"):
        attachments.remove(office, actor=staff.front_office, attachment_id=again.id)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id, files=[FileToAttach(src, "kk")])
    assert again.path.exists()


def test_unknown_requirement_is_refused(office, staff, case, tmp_path):
    src = scan(tmp_path, "ktp.pdf", PDF)
    with pytest.raises(ValidationError, match="Persyaratan tidak dikenal"):
        attachments.add_files(office, actor=staff.front_office, case_id=case.id,
                              files=[FileToAttach(src, "paspor")])
    assert _files(office) == []


def test_safe_name():
    assert attachments.safe_name("../../etc/KTP Siti Ämínah (1).JPG") == "KTP_Siti_Aminah_1.jpg"
    assert attachments.safe_name("....pdf") == "lampiran.pdf"
