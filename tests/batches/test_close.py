"""Closing a monthly batch: files re-opened and checked against the database, freezing, atomicity."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import func, select

from app.db.models import Batch, BatchItem, Case, Counter, Person
from app.errors import PermissionDenied, ValidationError
from app.services import batch_close, batches
from tests.batches.helpers import make_cases
from tests.clock import JANUARY

NOV = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)


def _open_zip(path: str) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return {n: zf.read(n) for n in zf.namelist()}


def _check_batch_files(office, info: batches.BatchInfo) -> None:
    """Re-open every file of the ZIP and compare with the database."""
    raw = Path(info.zip_path).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == info.zip_sha256
    files = _open_zip(info.zip_path)
    manifest = json.loads(files["manifest.json"])
    assert manifest["period"] == info.period and manifest["sequence"] == info.sequence
    assert manifest["service"]["code"] == info.service_code
    assert manifest["record_count"] == info.record_count
    assert manifest["created_by"]["username"] and manifest["created_at"]
    assert manifest["office"]["code"] == "DINSOS-PKP"
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) | {"manifest.json"} == set(files)
    for name, digest in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name
    headers = [c["header"] for c in manifest["columns"]]
    keys = [c["key"] for c in manifest["columns"]]
    with office.db.read() as s:
        items = s.exec(select(BatchItem).where(BatchItem.batch_id == info.id).order_by(BatchItem.case_id)).all()
        expected = [[it.row[k] for k in keys] for it in items]
        item_ids = {it.case_id for it in items}
        people = {p.nik: (p.name, p.birth_date, p.card_number) for p in s.exec(select(Person)).all()}
        case_ids = set(s.exec(select(Case.id).where(Case.batch_id == info.id)).all())
    assert len(items) == info.record_count == len(case_ids)
    assert item_ids == case_ids
    xlsx_name = next(n for n in files if n.endswith(".xlsx"))
    csv_name = next(n for n in files if n.endswith(".csv"))
    wb = load_workbook(io.BytesIO(files[xlsx_name]))
    ws = wb.worksheets[0]
    assert len(wb.worksheets) == 1
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == headers
    body = []
    for r in rows[1:]:
        for c in r:
            assert c.value is None or c.data_type == "s", (c.coordinate, c.value, c.data_type)
        body.append(["" if c.value is None else c.value for c in r])
    assert body == expected
    text = files[csv_name].decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    assert csv_rows[0] == headers
    assert [[v[1:] if v.startswith("'") else v for v in r] for r in csv_rows[1:]] == expected
    for row in expected:  # the frozen row matches the person as they were
        name, born, card = people[row[0]]
        assert row[keys.index("nama")] == name
        assert row[keys.index("tanggal_lahir")] == born.strftime("%d-%m-%Y")
        assert row[keys.index("nomor_kartu")] == card  # leading zeros kept


@pytest.mark.clock
def test_close_writes_zip_that_matches_database(office, supervisor):
    ids = make_cases(office, "penonaktifan", 7, data={"alasan": "meninggal"})
    make_cases(office, "jamkesda", 2, start=100)  # another service: not in this batch
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.created and res.batch.record_count == 7 and res.batch.sequence == 1
    assert res.batch.status == "closed"
    _check_batch_files(office, res.batch)
    with office.db.read() as s:
        assert sorted(s.exec(select(Case.id).where(Case.batch_id == res.batch.id)).all()) == sorted(ids)
        item = s.exec(select(BatchItem).where(BatchItem.batch_id == res.batch.id)).first()
        assert item.row["alasan"] == "meninggal"
    assert not [p for p in office.dirs.batches.iterdir() if p.name.startswith(".")]
    assert batches.verify_batch(office, actor=supervisor, batch_id=res.batch.id) == []
    Path(res.batch.zip_path).write_bytes(Path(res.batch.zip_path).read_bytes() + b"x")
    assert "SHA-256" in batches.verify_batch(office, actor=supervisor, batch_id=res.batch.id)[0]


@pytest.mark.clock
def test_jamkesda_columns_and_sequence_per_service(office, supervisor):
    make_cases(office, "jamkesda", 3, data={"skor": 87.5, "peringkat": 1})
    make_cases(office, "jamkesda", 2, start=50, ready_at=datetime(2026, 12, 3, 3, tzinfo=UTC))
    make_cases(office, "pbi-baru", 1, start=90)
    a = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    b = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-12", now=JANUARY)
    c = batches.close_batch(office, actor=supervisor, service_code="pbi-baru", period="2026-11")
    assert (a.batch.sequence, b.batch.sequence, c.batch.sequence) == (1, 2, 1)
    assert [a.batch.record_count, b.batch.record_count] == [3, 2]
    assert [h for _k, h in batches.columns_for("jamkesda")][-2:] == ["Skor", "Peringkat"]
    for r in (a, b, c):
        _check_batch_files(office, r.batch)
    listed = batches.list_batches(office, actor=supervisor)
    assert [(x.service_code, x.sequence) for x in listed] == [("jamkesda", 1), ("jamkesda", 2), ("pbi-baru", 1)]


@pytest.mark.clock
def test_same_period_twice_makes_no_second_batch(office, supervisor):
    make_cases(office, "penonaktifan", 3)
    first = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    make_cases(office, "penonaktifan", 2, start=10)  # late cases of the same month
    again = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert not again.created and again.batch.id == first.batch.id
    assert "sudah ditutup" in again.message
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 1
        assert s.exec(select(func.count()).select_from(Case).where(Case.batch_id.is_(None))).one() == 2


@pytest.mark.clock
def test_empty_period_says_so_and_makes_nothing(office, supervisor):
    make_cases(office, "penonaktifan", 2)
    with pytest.raises(ValidationError, match="Tidak ada kasus"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-10")
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
        assert s.get(Counter, "batch:DINSOS-PKP:penonaktifan") is None
    assert list(office.dirs.batches.iterdir()) == []
    with pytest.raises(ValidationError, match="TTTT-BB"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-13")


@pytest.mark.clock
def test_later_edit_does_not_change_frozen_batch(office, supervisor):
    make_cases(office, "penonaktifan", 3)
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    before = Path(res.batch.zip_path).read_bytes()
    with office.db.write() as s:
        for p in s.exec(select(Person)).all():
            p.name = "Nama Diubah"
            p.card_number = "0009999999999"
            s.add(p)
    with office.db.read() as s:
        rows = [i.row for i in s.exec(select(BatchItem)).all()]
    assert all(r["nama"].startswith("Warga") and r["nomor_kartu"] == "0001234567891" for r in rows)
    assert Path(res.batch.zip_path).read_bytes() == before
    assert hashlib.sha256(before).hexdigest() == res.batch.zip_sha256


def test_formula_like_values_are_not_formulas(office, supervisor):
    make_cases(office, "penonaktifan", 1)
    with office.db.write() as s:
        p = s.exec(select(Person)).one()
        p.name = '=HYPERLINK("http://x","klik")'
        p.address = "+62 jalan"
        p.birth_place = "@kota"
        p.phone = "-1"
        s.add(p)
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    files = _open_zip(res.batch.zip_path)
    wb = load_workbook(io.BytesIO(next(v for k, v in files.items() if k.endswith(".xlsx"))))
    cells = {c.value: c for c in wb.worksheets[0][2]}
    for v in ('=HYPERLINK("http://x","klik")', "+62 jalan", "@kota", "-1"):
        assert cells[v].data_type == "s" and cells[v].quotePrefix
    text = next(v for k, v in files.items() if k.endswith(".csv")).decode("utf-8-sig")
    [row] = list(csv.reader(io.StringIO(text)))[1:]
    # the CSV neutralises what would run (app/batching/cells.py); a plain name or number stays as it is
    assert {'\'=HYPERLINK("http://x","klik")', "'+62 jalan", "@kota", "-1"} <= set(row)
    assert '"\'=HYPERLINK(""http://x"",""klik"")","' in text and ',"-1",' in text  # every field quoted
    _check_batch_files(office, res.batch)


@pytest.mark.parametrize("where", ["zip", "rows", "manifest"])
def test_crash_or_full_disk_leaves_nothing_marked(office, supervisor, monkeypatch, where):
    make_cases(office, "penonaktifan", 5)

    def full_disk(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "zip":
        import app.batching.writers as w
        real = w.write_zip_atomically

        def half_then_fail(dest, files, **_kw):
            tmp = dest.with_name(f".{dest.name}.tmp")
            tmp.write_bytes(b"PK partial")
            tmp.unlink()
            full_disk()
        monkeypatch.setattr(batch_close, "write_zip_atomically", half_then_fail)
    elif where == "rows":
        calls = {"n": 0}
        real_write = batch_close.DataFileWriter.write

        def write(self, values):
            calls["n"] += 1
            if calls["n"] == 3:
                full_disk()
            real_write(self, values)
        monkeypatch.setattr(batch_close.DataFileWriter, "write", write)
    else:
        monkeypatch.setattr(batch_close, "write_manifest", full_disk)
    with pytest.raises(OSError):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
        assert s.exec(select(func.count()).select_from(BatchItem)).one() == 0
        assert s.exec(select(func.count()).select_from(Case).where(Case.batch_id.is_not(None))).one() == 0
    assert list(office.dirs.batches.iterdir()) == []
    monkeypatch.undo()
    if where == "zip":
        assert batch_close.write_zip_atomically is real
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.created and res.batch.sequence == 1 and res.batch.record_count == 5
    _check_batch_files(office, res.batch)


def test_commit_failure_after_zip_rename_then_retry(office, supervisor, monkeypatch):
    """The ZIP is in place but the transaction fails: nothing is marked; closing again overwrites it."""
    make_cases(office, "penonaktifan", 2)
    from app.services import audit

    def boom(*_a, **_k):
        raise RuntimeError("listrik padam")
    monkeypatch.setattr(audit, "record", boom)
    with pytest.raises(RuntimeError):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
    monkeypatch.undo()
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.created
    _check_batch_files(office, res.batch)


@pytest.mark.clock
def test_period_uses_office_time_zone(office, supervisor):
    # 30 Nov 18:00 UTC is 1 Dec 01:00 WIB: December's batch.
    make_cases(office, "penonaktifan", 1, ready_at=datetime(2026, 11, 30, 18, 0, tzinfo=UTC))
    with pytest.raises(ValidationError):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12", now=JANUARY)
    assert res.batch.record_count == 1


def test_only_supervisor_closes(office, make_user):
    make_cases(office, "penonaktifan", 1)
    with pytest.raises(PermissionDenied):
        batches.close_batch(office, actor=make_user("front_office"), service_code="penonaktifan", period="2026-11")


@pytest.mark.clock
def test_carry_case_to_next_batch_is_explicit_and_logged(office, supervisor):
    make_cases(office, "penonaktifan", 2)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    late = make_cases(office, "penonaktifan", 1, start=20)[0]
    waiting = batches.waiting_cases(office, actor=supervisor, service_code="penonaktifan")
    # its own month is closed: it waits for December's batch by itself; moving it there is still explicit
    assert [(w["case_id"], w["ready_period"], w["period"], w["period_closed"]) for w in waiting] == [
        (late, "2026-11", "2026-12", False)]
    with pytest.raises(ValidationError):
        batches.carry_case(office, actor=supervisor, case_id=late, to_period="2026-12", reason=" ")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        batches.carry_case(office, actor=supervisor, case_id=late, to_period="2026-11", reason="x")
    batches.carry_case(office, actor=supervisor, case_id=late, to_period="2026-12", reason="berkas terlambat")
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12", now=JANUARY)
    assert res.batch.record_count == 1 and res.batch.sequence == 2
    from app.db.models import AuditEntry
    with office.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "batch.carry")).one()
        assert entry.new_values["reason"] == "berkas terlambat"


@pytest.mark.clock
def test_close_on_both_backends(any_office, any_supervisor):
    make_cases(any_office, "penonaktifan", 4, data={"alasan": "pindah domisili"})
    res = batches.close_batch(any_office, actor=any_supervisor, service_code="penonaktifan", period="2026-11")
    assert res.created and res.batch.record_count == 4
    _check_batch_files(any_office, res.batch)
    again = batches.close_batch(any_office, actor=any_supervisor, service_code="penonaktifan", period="2026-11")
    assert not again.created


def _archive_letter(office, case_id: int, number: str) -> None:
    """A case's own letter as the letters service leaves it: a register row and an archived .docx."""
    from app.db.models import Letter

    rel = Path("2026") / f"umum-{case_id:05d}-rekomendasi_penonaktifan.docx"
    (office.dirs.letters / rel).parent.mkdir(parents=True, exist_ok=True)
    (office.dirs.letters / rel).write_bytes(b"docx " + number.encode())
    with office.db.write() as s:
        s.add(Letter(number=number, series="uji", year=2026, serial=case_id, classification_code="400.9.11",
                     letter_type="rekomendasi_penonaktifan", case_id=case_id, template_name="t", template_sha256="0",
                     data={}, data_sha256="0", docx_path=rel.as_posix(), docx_sha256="0",
                     issued_at=datetime(2026, 11, 12, 2, tzinfo=UTC)))


@pytest.mark.clock
def test_cover_letter_and_individual_letters_in_zip(office, supervisor):
    pytest.importorskip("app.services.letters")
    from app.db.models import Letter

    first, second = make_cases(office, "penonaktifan", 2, data={"alasan": "meninggal"})
    _archive_letter(office, first, "400.9.11/7/Dinsos/XI/2026")
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.cover_letter and "1 kasus tanpa surat individual" in res.message
    files = _open_zip(res.batch.zip_path)
    cover = [n for n in files if n.startswith("surat_pengantar_") and n.endswith(".docx")]
    assert len(cover) == 1
    assert files["surat/400-9-11-7-Dinsos-XI-2026.docx"] == b"docx 400.9.11/7/Dinsos/XI/2026"
    manifest = json.loads(files["manifest.json"])
    assert manifest["individual_letters"] == 1 and manifest["cases_without_letter"] == ["REG-penonaktifan-1"]
    with office.db.read() as s:
        letter = s.exec(select(Letter).where(Letter.batch_id == res.batch.id,
                                             Letter.letter_type == "pengantar_penonaktifan")).one()
        assert manifest["cover_letter"]["number"] == letter.number
        people = s.exec(select(Person)).all()
        niks = [p.nik for p in people]
        row = s.exec(select(BatchItem).where(BatchItem.case_id == first)).one().row
    assert row["nomor_surat"] == "400.9.11/7/Dinsos/XI/2026" and row["tanggal_surat"] == "12-11-2026"
    with zipfile.ZipFile(io.BytesIO(files[cover[0]])) as docx:
        body = docx.read("word/document.xml").decode()
    assert all(n in body for n in niks)  # the attachment list names every participant
    _check_batch_files(office, res.batch)
    assert second


def test_crash_after_cover_letter_frees_its_number(office, supervisor, monkeypatch):
    pytest.importorskip("app.services.letters")
    from app.db.models import Letter

    make_cases(office, "penonaktifan", 2)

    def full_disk(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(batch_close, "write_zip_atomically", full_disk)
    with pytest.raises(OSError):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Letter)).one() == 0
    assert not [p for p in office.dirs.letters.rglob("*pengantar*")]
    monkeypatch.undo()
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.cover_letter


def test_without_letters_for_data_only(office, supervisor):
    make_cases(office, "jamkesda", 2)
    res = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11", with_letters=False)
    assert not res.cover_letter
    assert sorted(n.rsplit(".", 1)[1] for n in _open_zip(res.batch.zip_path)) == ["csv", "json", "xlsx"]


def test_two_counters_close_the_same_period_at_once(any_office, any_supervisor):
    """The second close waits for the first and then reports its batch; never a second batch."""
    import threading

    make_cases(any_office, "penonaktifan", 3)
    inside, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def first_progress(done, total):
        inside.set()
        release.wait(10)

    def run(name, progress=None):
        try:
            results[name] = batches.close_batch(any_office, actor=any_supervisor, service_code="penonaktifan",
                                                period="2026-11", progress=progress, with_letters=False)
        except Exception as exc:  # noqa: BLE001 - reported below
            results[name] = exc

    a = threading.Thread(target=run, args=("a", first_progress))
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=run, args=("b",))
    b.start()
    b.join(0.5)
    assert b.is_alive()  # waiting for the first transaction
    release.set()
    a.join(20)
    b.join(20)
    ra, rb = results["a"], results["b"]
    assert isinstance(ra, batches.CloseResult) and ra.created, ra
    assert isinstance(rb, batches.CloseResult) and not rb.created and rb.batch.id == ra.batch.id, rb
    with any_office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 1


_CRASH = r"""
import os, sys
from app.context import open_office
from app.services import batch_close, batches, users

office = open_office(sys.argv[1])
actor = users.actor_by_id(office, int(sys.argv[2]))
where = sys.argv[3]
if where == "rows":
    progress = lambda done, total: os._exit(9)
else:
    progress = None
    real = batch_close.write_zip_atomically

    def write_then_die(dest, files, **kw):
        real(dest, files, **kw)
        os._exit(9)  # the ZIP is renamed into place, the commit never comes
    batch_close.write_zip_atomically = write_then_die
batches.close_batch(office, actor=actor, service_code="penonaktifan", period="2026-11", progress=progress)
"""


@pytest.mark.parametrize("where", ["rows", "after_rename"])
def test_killed_process_leaves_nothing_marked(office, supervisor, tmp_path, where):
    import os
    import subprocess
    import sys

    make_cases(office, "penonaktifan", 2500)  # more than one chunk
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.run([sys.executable, "-c", _CRASH, str(office.dirs.root), str(supervisor.id), where],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
        assert s.exec(select(func.count()).select_from(BatchItem)).one() == 0
        assert s.exec(select(func.count()).select_from(Case).where(Case.batch_id.is_not(None))).one() == 0
    leftovers = sorted(p.name for p in office.dirs.batches.iterdir())
    # The staging CSV (full NIKs) is in the data folder's tmp/, never in batches/ or the system temp folder.
    assert [p.name for p in office.dirs.tmp.iterdir()][0].startswith("batch-")
    assert not [n for n in leftovers if n.startswith(".")]
    if where == "after_rename":
        assert "penonaktifan_2026-11_001.zip" in leftovers  # on disk, but not recorded as a batch
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                              with_letters=False)
    assert res.created and res.batch.sequence == 1 and res.batch.record_count == 2500
    _check_batch_files(office, res.batch)
    assert batches.remove_orphan_files(office, older_than_seconds=0) == []
    assert any(office.dirs.tmp.iterdir())  # kept while this office is open (it may be someone's work) …
    office.close()
    from app.context import open_office

    open_office(office.dirs.root).close()
    assert not any(office.dirs.tmp.iterdir())  # … and removed at the next start


@pytest.mark.clock
def test_sequence_continues_after_the_office_code_changes(office, admin, supervisor):
    from app.services import office as office_svc

    make_cases(office, "penonaktifan", 1)
    make_cases(office, "penonaktifan", 1, start=5, ready_at=datetime(2026, 12, 3, tzinfo=UTC))
    assert batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                               with_letters=False).batch.sequence == 1
    office_svc.save_profile(office, actor=admin, values={"code": "DINSOS-BARU"})
    assert batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                               with_letters=False, now=JANUARY).batch.sequence == 2


def test_unclaimed_zip_of_a_rolled_back_close_is_removed_claimed_kept(office, supervisor):
    make_cases(office, "penonaktifan", 2)
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                              with_letters=False)
    stray = office.dirs.batches / "penonaktifan_2026-12_002.zip"  # as a kill before the commit leaves it
    stray.write_bytes(b"PK\x03\x04 full NIKs")
    assert batches.remove_orphan_files(office) == []  # young: might belong to a close running now
    assert batches.remove_orphan_files(office, older_than_seconds=0) == [stray.name]
    assert not stray.exists() and Path(res.batch.zip_path).is_file()


def test_encrypted_batch_zip_needs_its_password(office, admin, supervisor):
    import zipfile

    import pyzipper

    from app.services import settings as settings_svc

    make_cases(office, "penonaktifan", 3)
    settings_svc.save(office, actor=admin, section=batches.SECTION, value=batches.BatchSettings(encrypt=True))
    with pytest.raises(ValidationError, match="kata sandinya belum diatur"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                            with_letters=False)
    batches.set_batch_password(office, actor=admin, password="sandi-batch-2026")
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                              with_letters=False)
    path = Path(res.batch.zip_path)
    with zipfile.ZipFile(path) as zf, pytest.raises(RuntimeError):
        zf.read("manifest.json")  # encrypted: unreadable without the password
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(b"sandi-batch-2026")
        assert json.loads(zf.read("manifest.json"))["record_count"] == 3
    assert batches.verify_batch(office, actor=supervisor, batch_id=res.batch.id) == []
    with office.db.read() as s:
        from app.db.models import AuditEntry

        logged = s.exec(select(AuditEntry).where(AuditEntry.action == "batch.password_set")).all()
    assert logged and "sandi-batch-2026" not in json.dumps([e.new_values for e in logged])
