"""The requirement documents of the month's cases in the batch ZIP (seed Cirebon), by office setting: a folder per
case, a size estimate and warning before closing, a close that stays all-or-nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile

import pytest
from sqlmodel import func, select

from app.batching.model import BatchSettings
from app.db.models import Attachment, Batch, Case, Letter
from app.errors import ValidationError
from app.services import batch_attachments, batch_close, batches
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases

pytestmark = pytest.mark.usefixtures("pinned")


def _scan(office, case_id: int, name: str, data: bytes) -> bytes:
    """A scan stored with a case as the attachments service leaves it: the file and its row."""
    sha = hashlib.sha256(data).hexdigest()
    with office.db.write() as s:
        case = s.get(Case, case_id)
        assert case is not None
        rel = f"{case.reg_number}/{sha[:12]}-{name}"
        path = office.dirs.attachments / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        s.add(Attachment(case_id=case_id, requirement_code="ktp", file_name=name, stored_path=rel, sha256=sha,
                         size=len(data)))
    return data


def _pdf(n: int) -> bytes:
    return b"%PDF-1.4\n" + os.urandom(n) + b"\n%%EOF\n"


def _switch_on(office, admin, warn_mb: int = 200) -> None:
    settings_svc.save(office, actor=admin, section=batches.SECTION,
                      value=BatchSettings(attachments_in_zip=True, attachments_warn_mb=warn_mb))


def test_off_by_default_no_scans_in_the_zip(office, supervisor):
    (cid,) = make_cases(office, "penonaktifan", 1)
    _scan(office, cid, "ktp.pdf", _pdf(2000))
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("berkas/")]
        assert "attachments" not in json.loads(zf.read("manifest.json"))


def test_scans_in_a_folder_per_case_with_estimate_and_warning(office, admin, supervisor):
    a, b, c = make_cases(office, "penonaktifan", 3)
    ktp_a = _scan(office, a, "ktp.pdf", _pdf(700_000))
    kk_a = _scan(office, a, "kartu keluarga.jpg", b"\xff\xd8\xff" + os.urandom(500_000))
    ktp_b = _scan(office, b, "ktp.pdf", _pdf(300_000))
    gone = _scan(office, c, "kis.png", b"\x89PNG\r\n\x1a\n" + os.urandom(1000))
    _switch_on(office, admin, warn_mb=1)

    (period,) = [p for p in batches.closable_periods(office, actor=supervisor) if p.service_code == "penonaktifan"]
    assert period.attachments == 4
    assert period.attachments_bytes == len(ktp_a) + len(kk_a) + len(ktp_b) + len(gone)
    assert "melebihi batas peringatan 1 MB" in period.size_warning and "4 berkas" in period.size_warning

    with office.db.read() as s:  # the scan of the third case went missing from the data folder since
        rel = s.exec(select(Attachment.stored_path).where(Attachment.case_id == c)).one()
    (office.dirs.attachments / rel).unlink()
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert "1 lampiran tidak ikut" in res.message and "3 lampiran berkas (1,4 MB) ikut dalam ZIP" in res.message
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        assert zf.testzip() is None
        scans = {n: zf.read(n) for n in zf.namelist() if n.startswith("berkas/")}
        manifest = json.loads(zf.read("manifest.json"))
    assert scans == {"berkas/REG-penonaktifan-0/ktp.pdf": ktp_a, "berkas/REG-penonaktifan-0/kartu_keluarga.jpg": kk_a,
                     "berkas/REG-penonaktifan-1/ktp.pdf": ktp_b}
    assert manifest["attachments"] == 3 and manifest["attachments_missing"] == ["REG-penonaktifan-2: kis.png "
                                                                                 "(berkas hilang)"]
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert all(listed[n] == hashlib.sha256(data).hexdigest() for n, data in scans.items())
    assert batches.verify_batch(office, actor=supervisor, batch_id=res.batch.id) == []


def test_below_the_threshold_no_warning(office, admin, supervisor):
    (cid,) = make_cases(office, "penonaktifan", 1)
    _scan(office, cid, "ktp.pdf", _pdf(10_000))
    _switch_on(office, admin)
    (period,) = batches.closable_periods(office, actor=supervisor)
    assert period.attachments == 1 and period.size_warning == ""


def test_a_full_disk_while_packing_the_scans_leaves_nothing(office, admin, supervisor, monkeypatch):
    """The ZIP fails half-way through the scans: no batch, no case marked, no letter number spent, no ZIP (neither
    whole nor half) in the batches folder; closing again works and packs everything."""
    ids = make_cases(office, "penonaktifan", 2)
    for cid in ids:
        _scan(office, cid, "ktp.pdf", _pdf(200_000))
    _switch_on(office, admin)
    real_write = zipfile.ZipFile.write
    packed: list[str] = []

    def write(self, filename, arcname=None, *args, **kwargs):
        if arcname and arcname.startswith("berkas/") and any(n.startswith("berkas/") for n in packed):
            raise OSError(errno.ENOSPC, "No space left on device")
        packed.append(str(arcname))
        return real_write(self, filename, arcname, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "write", write)
    with pytest.raises(OSError):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert any(n.startswith("berkas/") for n in packed)  # it failed in the middle of the scans
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
        assert s.exec(select(func.count()).select_from(Letter)).one() == 0
        assert s.exec(select(func.count()).select_from(Case).where(Case.batch_id != None)).one() == 0  # noqa: E711
    assert not [p for p in office.dirs.batches.iterdir() if p.is_file()]
    monkeypatch.undo()
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        assert len([n for n in zf.namelist() if n.startswith("berkas/")]) == 2


def test_refused_before_any_number_when_the_disk_cannot_hold_the_scans(office, admin, supervisor, monkeypatch):
    (cid,) = make_cases(office, "penonaktifan", 1)
    _scan(office, cid, "ktp.pdf", _pdf(1000))
    _switch_on(office, admin)

    class Usage:
        free = 10 * 1024 * 1024

    monkeypatch.setattr(batch_attachments.shutil, "disk_usage", lambda _p: Usage())
    with pytest.raises(ValidationError, match="Ruang disk di folder data tidak cukup"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
    assert batch_close  # the close module is the one that checks (prepare)


def test_the_periods_command_shows_the_estimate_and_the_warning(office, admin, supervisor, monkeypatch, capsys):
    from app import cli

    (cid,) = make_cases(office, "penonaktifan", 1)
    _scan(office, cid, "ktp.pdf", _pdf(1_200_000))
    _switch_on(office, admin, warn_mb=1)
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["app.commands.batches"])
    monkeypatch.setenv("LOKET_PBI_USER", supervisor.username)
    monkeypatch.setenv("LOKET_PBI_PASSWORD", "rahasia-123")
    assert cli.main(["batch", "periods", "--data-dir", str(office.dirs.root)]) == 0
    out = capsys.readouterr().out
    assert "lampiran dalam ZIP: 1 berkas (1,1 MB)" in out and "PERINGATAN" in out


def test_a_cancel_while_packing_leaves_nothing_and_packing_reports_the_bytes(office, admin, supervisor):
    """A cancel while the ZIP is packed rolls the close back whole (no batch, no number, no marked case, no ZIP);
    closing again works, and its progress counts the bytes packed (the scans make the ZIP large)."""
    ids = make_cases(office, "penonaktifan", 3)
    scans = [_scan(office, cid, "ktp.pdf", _pdf(150_000)) for cid in ids]
    _switch_on(office, admin)
    stop = {"now": False}

    def pressed_batal(_done: int, _total: int) -> None:
        stop["now"] = True  # the officer presses Batal while the first member is written

    with pytest.raises(batches.CloseCancelled, match="dibatalkan"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                            packing=pressed_batal, cancelled=lambda: stop["now"])
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(Batch)).one() == 0
        assert s.exec(select(func.count()).select_from(Letter)).one() == 0
        assert s.exec(select(func.count()).select_from(Case).where(Case.batch_id != None)).one() == 0  # noqa: E711
    assert not [p for p in office.dirs.batches.iterdir() if p.is_file()]

    seen: list[tuple[int, int]] = []
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                              packing=lambda done, total: seen.append((done, total)), cancelled=lambda: False)
    assert res.created and res.batch.record_count == 3
    totals = {t for _d, t in seen}
    assert len(totals) == 1 and totals.pop() > sum(len(b) for b in scans)  # the scans, data files and letters
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1]
