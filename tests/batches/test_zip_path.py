"""``batch.zip_path`` is stored relative to the data folder (issue 16, lower items): an office moved or restored
into another folder checks and sends its own ZIPs. Revision 0008 rewrites the absolute values of earlier
versions."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from app.context import open_office
from app.services import batches, outbox, settings
from tests.batches.helpers import make_cases

migration = importlib.import_module("app.db.migrations.versions.0008_relative_zip_path")


def _stored(office) -> list[str]:
    with office.db.read() as s:
        return [r[0] for r in s.exec(text("SELECT zip_path FROM batch ORDER BY id")).all()]


def test_a_new_batch_stores_its_zip_relative_and_readers_resolve_it(office, supervisor):
    make_cases(office, "jamkesda", 2)
    res = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11", with_letters=False)
    (stored,) = _stored(office)
    assert stored == f"batches/{Path(res.batch.zip_path).name}" and not Path(stored).is_absolute()
    assert Path(res.batch.zip_path) == office.dirs.root / stored and Path(res.batch.zip_path).is_file()
    (listed,) = batches.list_batches(office, actor=supervisor)
    assert Path(listed.zip_path).is_file()
    assert batches.verify_batch(office, actor=supervisor, batch_id=res.batch.id) == []


def test_an_office_moved_to_another_folder_finds_its_own_zips(office, admin, supervisor, tmp_path):
    make_cases(office, "jamkesda", 2)
    res = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11", with_letters=False)
    old_root = office.dirs.root
    office.close()
    moved = tmp_path / "drive-d" / "LoketPBI"
    shutil.copytree(old_root, moved)
    shutil.rmtree(old_root / "batches")  # the old folder's ZIPs are gone (another PC, a dead disk)
    again = open_office(moved)
    try:
        from app.services import users

        spv = users.login(again, username=supervisor.username, password="rahasia-123")
        (info,) = batches.list_batches(again, actor=spv)
        assert Path(info.zip_path).parent == moved / "batches" and Path(info.zip_path).is_file()
        assert batches.verify_batch(again, actor=spv, batch_id=res.batch.id) == []
        target = tmp_path / "bpjs-share"
        target.mkdir()
        adm = users.login(again, username="admin", password="rahasia-123")
        settings.save(again, actor=adm, section=outbox.SECTION,
                      value=outbox.DeliverySettings(folder=str(target)))
        (sent,) = outbox.send_pending(again, actor=spv, sleep=lambda _s: None)
        assert sent.delivered, sent.errors
        assert (target / Path(info.zip_path).name).read_bytes() == Path(info.zip_path).read_bytes()
    finally:
        again.close()


def test_revision_0008_rewrites_absolute_paths_under_the_data_folder(office, supervisor, tmp_path):
    make_cases(office, "jamkesda", 1)
    res = batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11", with_letters=False)
    name = Path(res.batch.zip_path).name
    root = office.dirs.root
    elsewhere = tmp_path / "lain" / "arsip.zip"
    with office.db.write() as s:  # as earlier versions stored them
        s.exec(text("UPDATE batch SET zip_path = :p"), params={"p": str(root / "batches" / name)})
        for i, value in enumerate([f"C:\\Users\\dinsos\\AppData\\Local\\DinasSosial\\LoketPBI\\batches\\{name}",
                                   str(elsewhere), "batches/sudah-relatif.zip"]):
            s.exec(text("INSERT INTO batch (service_code, period, sequence, status, record_count, zip_path, "
                        "zip_sha256, created_at, delivery_receipt, manifest) SELECT service_code, :per, :seq, "
                        "status, 0, :p, zip_sha256, created_at, '', manifest FROM batch WHERE id = :id"),
                   params={"per": f"2025-0{i + 1}", "seq": 90 + i, "p": value, "id": res.batch.id})
        s.exec(text("UPDATE alembic_version SET version_num = '0007'"))  # opened by a version before 0008
    office.close()
    again = open_office(root)  # migrates 0007 → head
    try:
        assert _stored(again) == [f"batches/{name}", f"batches/{name}", str(elsewhere), "batches/sudah-relatif.zip"]
    finally:
        again.close()


@pytest.mark.parametrize(("stored", "expected"), [
    ("", ""), ("batches/x.zip", "batches/x.zip"), ("/lain/tempat/x.zip", "/lain/tempat/x.zip"),
])
def test_relative_keeps_what_is_not_under_the_data_folder(tmp_path, stored, expected):
    assert migration.relative(stored, tmp_path) == expected
    assert migration.relative("/x/batches/y.zip", None) == "/x/batches/y.zip"
