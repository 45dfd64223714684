"""Personal data at rest (UU 27/2022 PDP): subject's access export, anonymisation after retention,
password-protected backups, the data folder's permissions and logging of full-NIK views and exports."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from app.db.models import AuditEntry, BatchItem, Case, Letter, Person
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services import backup, batches, cases, complaints, letters, privacy, settings
from app.services.integrity import run_checks
from app.timeutil import utcnow
from tests.services.helpers import Staff, add_dtsen, at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]


@pytest.fixture
def world(office):
    """One person with a finished penonaktifan case, its letter, a batch row, a complaint and a DTSEN record."""
    from app.documents.examples import example_data
    from tests.letters.conftest import setup_letters
    from tests.services.helpers import advance as step_with_letter

    admin, _clerk, _boss = setup_letters(office)
    staff = Staff(office, admin)
    add_dtsen(office, nik(1), name="Siti Nur'aini")
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1),
                        name="Siti Nur'aini", no_kk=kk(1), received=ALL, now=at(2026, 11, 6, 10))
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "mampu"}, now=at(2026, 11, 6, 10, 5))
    c = step_with_letter(office, actor=staff.back_office, case_id=c.id, version=c.version,
                         now=at(2026, 11, 6, 10, 30))  # the recommendation is issued at its step first
    letter = letters.issue_letter(office, actor=staff.back_office, letter_type="rujukan_dtsen",
                                  data=example_data("rujukan_dtsen"), case_id=c.id, pdf=False)
    batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11")
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    for who in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=who, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.status == "selesai" and c.closed_at is not None
    complaints.register(office, actor=staff.front_office, channel="langsung", topic="Kartu belum nonaktif",
                        complainant_name="Siti Nur'aini", complainant_contact="081234567890", case_id=c.id)
    return office, admin, staff, c, letter


def _audit(office, action):
    with office.db.read() as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()
        return [AuditEntry.model_validate(r.model_dump()) for r in rows]


def test_export_holds_everything_about_the_person_and_is_logged(world, tmp_path):
    office, admin, staff, c, letter = world
    r = privacy.export_person(office, actor=staff.supervisor, nik=nik(1), dest=tmp_path / "siti.json")
    data = json.loads(r.path.read_text(encoding="utf-8"))
    assert data["person"]["nik"] == nik(1) and data["person"]["name"] == "Siti Nur'aini"
    assert [x["id"] for x in data["cases"]] == [c.id]
    assert data["cases"][0]["no_kk"] == kk(1)
    assert {i["code"] for i in data["cases"][0]["checklist"]} >= set(ALL)
    assert len(data["cases"][0]["step_log"]) >= 5
    # the recommendation issued at its step, then the DTSEN referral
    numbers = [x["number"] for x in data["letters"]]
    assert len(set(numbers)) == 2 and letter.number in numbers
    assert len(data["batch_rows"]) == 1 and data["batch_rows"][0]["period"] == "2026-11"
    assert data["complaints"][0]["complainant_name"] == "Siti Nur'aini"
    assert data["dtsen"]["nik"] == nik(1)
    logged = _audit(office, "privacy.export")
    assert len(logged) == 1 and logged[0].new_values["full_nik_export"] is True
    assert nik(1) not in json.dumps(logged[0].new_values)  # the log names the person masked

    x = privacy.export_person(office, actor=admin, nik=nik(1), dest=tmp_path / "siti.xlsx", fmt="xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(x.path, read_only=True)
    assert {"Orang", "Berkas", "Kelengkapan", "Riwayat langkah", "Register surat", "Batch", "Pengaduan",
            "DTSEN"} <= set(wb.sheetnames)
    rows = list(wb["Orang"].iter_rows(values_only=True))
    assert nik(1) in rows[1]  # the NIK is a text cell, all 16 digits
    wb.close()
    assert len(_audit(office, "privacy.export")) == 2


def test_export_refusals(world, tmp_path):
    office, _admin, staff, _c, _letter = world
    with pytest.raises(PermissionDenied):
        privacy.export_person(office, actor=staff.front_office, nik=nik(1))
    with pytest.raises(NotFound, match="Tidak ada data pribadi"):
        privacy.export_person(office, actor=staff.supervisor, nik=nik(2))
    with pytest.raises(ValidationError):
        privacy.export_person(office, actor=staff.supervisor, nik="3.27E+15")
    with pytest.raises(ValidationError, match="json atau xlsx"):
        privacy.export_person(office, actor=staff.supervisor, nik=nik(1), fmt="pdf")
    assert _audit(office, "privacy.export") == []


def test_anonymisation_after_retention_keeps_statistics_and_numbers(world):
    office, admin, staff, c, letter = world
    # A second, recent case stays untouched.
    recent = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(2),
                             name="Budi", no_kk=kk(2), received=ALL)
    assert privacy.load_settings(office).retention_years == 10
    now = utcnow()
    assert privacy.anonymise_expired(office, actor=admin, now=now).case_ids == []  # nothing is old yet
    with office.db.write() as s:
        s.exec(update(Case).where(Case.id == c.id).values(closed_at=now - timedelta(days=11 * 366)))
    dry = privacy.anonymise_expired(office, actor=admin, now=now, dry_run=True)
    assert dry.case_ids == [c.id] and dry.persons == 1 and dry.letters >= 1 and dry.batch_rows == 1
    with office.db.read() as s:
        assert s.exec(select(Person).where(Person.nik == nik(1))).first() is not None  # dry run changed nothing

    with pytest.raises(PermissionDenied):
        privacy.anonymise_expired(office, actor=staff.supervisor, now=now)
    scan = office.dirs.root / "ktp.pdf"
    scan.write_bytes(b"%PDF-1.4 KTP Siti")
    with office.db.write() as s:  # a scan stored while the case was open
        from app.db.models import Attachment
        from app.services.attachments import check_file, store_copy

        stored, sha, size = store_copy(check_file(scan, max_bytes=10**6), office.dirs.attachments / "lama",
                                       max_bytes=10**6)
        s.add(Attachment(case_id=c.id, requirement_code="ktp", file_name="ktp.pdf", sha256=sha, size=size,
                         stored_path=stored.relative_to(office.dirs.attachments).as_posix()))
    r = privacy.anonymise_expired(office, actor=admin, now=now)
    assert not stored.exists()
    assert r.case_ids == [c.id] and "dianonimkan" in r.message
    with office.db.read() as s:
        assert s.exec(select(Person).where(Person.nik == nik(1))).first() is None
        case = s.get(Case, c.id)
        person = s.get(Person, case.person_id)
        assert person.name == privacy.ANON_NAME and not person.address and person.birth_date is None
        assert case.status == "selesai" and case.service_code == "penonaktifan"  # statistics stay
        assert case.data["reason_code"] == "mampu" and case.family_id is None
        row = s.exec(select(Letter).where(Letter.number == letter.number)).one()  # the number stays
        assert row.status == privacy.ANON_STATUS and "Siti" not in json.dumps(row.data)
        item = s.exec(select(BatchItem).where(BatchItem.case_id == c.id)).one()
        assert item.nik != nik(1) and "Siti Nur'aini" not in json.dumps(item.row)
        assert s.get(Case, recent.id).data == cases.get_case(office, actor=staff.front_office,
                                                             case_id=recent.id).data
        assert s.exec(select(Person).where(Person.nik == nik(2))).first().name == "Budi"
    assert not (office.dirs.letters / letter.docx_path.relative_to(office.dirs.letters)).exists()
    assert run_checks(office).ok  # the audit chain and the letter register still verify
    with pytest.raises(ValidationError, match="dianonimkan"):
        letters.reprint(office, actor=admin, number=letter.number)
    logged = _audit(office, "privacy.anonymise")
    assert len(logged) == 1 and logged[0].new_values["cases"] == [c.id]
    assert privacy.anonymise_expired(office, actor=admin, now=now).case_ids == []  # once only


def test_retention_setting_is_validated(office, admin):
    with pytest.raises(ValidationError, match="1–100"):
        privacy.PrivacySettings(retention_years=0)
    settings.save(office, actor=admin, section="privacy", value=privacy.PrivacySettings(retention_years=5))
    assert privacy.load_settings(office).retention_years == 5


def test_password_protected_backup(office, admin, tmp_path):
    settings.save(office, actor=admin, section="backup", value=backup.BackupSettings(encrypt=True))
    with pytest.raises(ValidationError, match="kata sandinya belum diatur"):
        backup.make_backup(office, actor=admin, folder=tmp_path / "b")
    backup.set_backup_password(office, actor=admin, password="rahasia-cadangan-1")
    assert not any("rahasia-cadangan-1" in json.dumps(e.new_values) for e in _audit(office, "backup.password_set"))
    info = backup.make_backup(office, actor=admin, folder=tmp_path / "b")
    with pytest.raises(zipfile.BadZipFile):  # plain unzip cannot even list it (encrypted with the office key)
        zipfile.ZipFile(info.path)
    with backup.open_backup(info.path, data_root=office.dirs.root, password="rahasia-cadangan-1") as zf:
        assert all(i.flag_bits & 0x1 for i in zf.infolist())
    with pytest.raises(ValidationError, match="dilindungi kata sandi"):
        backup.verify_backup(info.path, dirs=office.dirs)
    with pytest.raises(ValidationError, match="salah"):
        backup.verify_backup(info.path, dirs=office.dirs, password="tebakan-salah")
    manifest = backup.verify_backup(info.path, dirs=office.dirs, password="rahasia-cadangan-1")
    assert backup.DB_NAME in manifest["files"]
    office.close()
    res = backup.restore(office.dirs, info.path, username="admin", password="rahasia-123",
                         backup_password="rahasia-cadangan-1", discard_newer=True)
    assert res.aside.is_dir() and office.dirs.database.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions; Windows: see RELIABILITY.md (NTFS ACL)")
def test_data_folder_readable_only_by_the_user(office):
    for folder in (office.dirs.root, office.dirs.letters, office.dirs.batches, office.dirs.backups,
                   office.dirs.imports, office.dirs.attachments):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_full_nik_views_and_exports_are_logged(world, tmp_path):
    office, _admin, staff, c, _letter = world
    cases.get_case(office, actor=staff.front_office, case_id=c.id, log_view=True)
    cases.get_case(office, actor=staff.kepala_dinas, case_id=c.id, log_view=True)
    views = _audit(office, "case.view")
    assert [v.new_values["full_nik"] for v in views] == [True, False]  # who saw the full NIK is on record
    masked = cases.get_case(office, actor=staff.kepala_dinas, case_id=c.id)
    assert masked.nik != nik(1) and "*" in masked.nik
    closes = _audit(office, "batch.close")
    assert closes and all(e.new_values.get("full_nik_export") for e in closes)
    from app.services import reconcile

    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text(f"NIK,NAMA\n{nik(3)},Orang Lain\n", encoding="utf-8")
    reconcile.reconcile(office, actor=staff.supervisor, bpjs_path=bpjs, dukcapil_path=None,
                        out_path=tmp_path / "rekon.xlsx")
    logged = _audit(office, "reconcile.run")
    assert logged and logged[-1].new_values["full_nik_export"] is True


def test_privacy_command_line(world, tmp_path, monkeypatch, capsys):
    """``loket-pbi privacy export|anonymise`` as the administrator runs it."""
    from app.cli import main

    office, _admin, _staff, _c, _letter = world
    monkeypatch.setenv("LOKET_PBI_PASSWORD", "rahasia-123")
    data = str(office.dirs.root)
    out = tmp_path / "cli.json"
    assert main(["privacy", "export", "--data-dir", data, "--user", "admin", "--nik", nik(1), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["person"]["nik"] == nik(1)
    assert main(["privacy", "anonymise", "--data-dir", data, "--user", "admin", "--dry-run"]) == 0
    assert "0 berkas" in capsys.readouterr().out
    assert main(["privacy", "export", "--data-dir", data, "--user", "admin", "--nik", "123"]) == 1
    assert "NIK" in capsys.readouterr().err


def test_person_anonymised_once_their_last_case_expires(office, admin):
    staff = Staff(office, admin)
    c1 = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(5), name="Dua Kali")
    c2 = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-rekom", nik=nik(5), name="Dua Kali")
    now = utcnow()
    with office.db.write() as s:
        s.exec(update(Case).where(Case.id == c1.id).values(closed_at=now - timedelta(days=11 * 366)))
        s.exec(update(Case).where(Case.id == c2.id).values(closed_at=now - timedelta(days=366)))
    first = privacy.anonymise_expired(office, actor=admin, now=now)
    assert first.case_ids == [c1.id] and first.persons == 0  # the person still has a case within retention
    with office.db.read() as s:
        assert s.exec(select(Person).where(Person.nik == nik(5))).first() is not None
    later = privacy.anonymise_expired(office, actor=admin, now=now + timedelta(days=10 * 366))
    assert later.case_ids == [c2.id] and later.persons == 1
    with office.db.read() as s:
        assert s.exec(select(Person).where(Person.nik == nik(5))).first() is None
    assert run_checks(office).ok
