"""Backups encrypted by default (issue 16, point 5): unreadable without the office key, restored on a new PC
with the recovery key; earlier versions' plain backups still restore.

Real backups of a real office (a DTSEN import holds known NIKs), written to disk and opened again as a curious
user would (unzip, sqlite3, a byte search) and as a new PC would (an empty key store, a new data folder).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from app.context import open_office
from app.errors import ValidationError
from app.paths import DataDirs
from app.services import backup, dtsen, integrity, keys, recovery, users
from app.services import restore as restore_svc
from tests.conftest import SAMPLES
from tests.reliability import hostile_backups as hb
from tests.reliability.figures import record

REPO = Path(__file__).resolve().parents[2]
PW = "rahasia-123"
KNOWN_NIK = b"1971015208810001"  # Nurhayati, first row of shared/samples/dtsen_contoh.csv
SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def saved(office, admin, tmp_path):
    """An office with DTSEN rows (NIKs) and a letter; its recovery key; one default backup on a 'USB stick'."""
    dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    (office.dirs.letters / "2026").mkdir(parents=True, exist_ok=True)
    (office.dirs.letters / "2026" / "surat-1.docx").write_bytes(b"isi surat untuk " + KNOWN_NIK)
    key_text = recovery.take_recovery_key(office, actor=admin)
    info = backup.make_backup(office, actor=admin, folder=tmp_path / "usb")
    return info, key_text


def _new_pc(monkeypatch, tmp_path: Path, name: str = "pc-baru") -> DataDirs:
    """Another PC: its own (empty) key store and an empty data folder."""
    monkeypatch.setenv("LOKET_PBI_KEY_DIR", str(tmp_path / f"{name}-kunci"))
    monkeypatch.delenv(backup.ENV_RECOVERY_KEY, raising=False)
    return DataDirs(tmp_path / name).ensure()


def test_a_default_backup_holds_no_readable_nik_and_no_database(office, saved, tmp_path):
    info, _key = saved
    raw = info.path.read_bytes()
    assert info.path.name.endswith(backup.ENCRYPTED_SUFFIX) and backup.is_encrypted(info.path)
    assert SQLITE_HEADER not in raw and KNOWN_NIK not in raw and b"Nurhayati" not in raw
    assert b"database.sqlite3" not in raw and b"manifest.json" not in raw  # not even the names of the entries
    assert not raw.startswith(b"PK")
    with pytest.raises(zipfile.BadZipFile):  # what unzip sees
        zipfile.ZipFile(info.path)
    con = sqlite3.connect(info.path)  # what sqlite3 sees
    try:
        with pytest.raises(sqlite3.DatabaseError):
            con.execute("SELECT count(*) FROM person").fetchone()
    finally:
        con.close()
    assert not list(info.path.parent.glob("*.part")) and not any(office.dirs.tmp.iterdir())
    # The test would prove nothing if the NIK were not in the backup at all: with the key it is there.
    with backup.open_backup(info.path, data_root=office.dirs.root) as zf:
        inner = zf.read(backup.DB_NAME)
        assert inner.startswith(SQLITE_HEADER) and KNOWN_NIK in inner
        assert KNOWN_NIK in zf.read("letters/2026/surat-1.docx")
    logged = _audit_new(office, "backup.make")
    assert logged["encrypted"] is True and logged["office_key"]
    record("secrets", {"backup_bytes_searched": len(raw)})


def _audit_new(office, action: str) -> dict:
    with office.db.read() as s:
        row = s.exec(text("SELECT new_values FROM audit_log WHERE action = :a ORDER BY id DESC LIMIT 1"),
                     params={"a": action}).first()
    assert row is not None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


def test_another_key_or_a_damaged_file_opens_nothing(office, saved, tmp_path):
    info, _key = saved
    other = keys.recovery_text(keys.new_master_key())
    with pytest.raises(ValidationError, match="kuncinya salah"):
        backup.verify_backup(info.path, dirs=office.dirs, recovery_key=other)
    with pytest.raises(ValidationError, match="Kunci pemulihan tidak sah"):
        backup.verify_backup(info.path, dirs=office.dirs, recovery_key="BUKAN-KUNCI")
    assert not any(office.dirs.tmp.iterdir())


def test_on_a_new_pc_the_recovery_key_restores_and_installs_the_office_key(office, saved, tmp_path, monkeypatch):
    info, key_text = saved
    old_root = office.dirs.root
    office.close()
    dirs = _new_pc(monkeypatch, tmp_path)
    with pytest.raises(keys.RecoveryKeyNeeded, match="kunci pemulihan"):
        restore_svc.check_backup(dirs, info.path)
    with pytest.raises(keys.RecoveryKeyNeeded):
        restore_svc.restore(dirs, info.path, username="admin", password=PW)
    with pytest.raises(ValidationError, match="kuncinya salah"):
        restore_svc.restore(dirs, info.path, username="admin", password=PW,
                            recovery_key=keys.recovery_text(keys.new_master_key()))
    assert not dirs.database.exists() and not any(dirs.tmp.iterdir())  # nothing changed
    # The recovery key as the administrator wrote it down: lower case, spaces instead of dashes.
    written = key_text.replace("-", " ").lower()
    res = restore_svc.restore(dirs, info.path, username="admin", password=PW, recovery_key=written)
    assert res.signed_in_on == "backup"
    assert list((tmp_path / "pc-baru-kunci").glob("*.key"))  # the office key now kept on this PC
    restored = open_office(dirs.root)
    try:
        report = integrity.run_checks(restored)
        assert report.ok, report
        with restored.db.read() as s:
            assert s.exec(text("SELECT count(*) FROM dtsen_record WHERE nik = :n"),
                          params={"n": KNOWN_NIK.decode()}).one()[0] == 1
        admin = users.login(restored, username="admin", password=PW)
        users.add_user(restored, actor=admin, username="baru", full_name="Petugas Baru", password=PW,
                       roles=["verifier"])  # the restored office can write (and seal) on the new PC
        assert integrity.run_checks(restored).ok
        assert _audit_new(restored, "backup.restore")["office_key_installed"] is True
    finally:
        restored.close()
    assert (dirs.letters / "2026" / "surat-1.docx").read_bytes().endswith(KNOWN_NIK)
    assert old_root.is_dir()
    record("secrets", {"new_pc_restores_with_recovery_key": 1})


def test_an_earlier_versions_plain_backup_still_restores(office, saved, tmp_path, monkeypatch):
    info, key_text = saved
    plain = hb.plain_copy(info.path, tmp_path / "loket-pbi-cadangan-20260101-080000.zip")
    assert plain.read_bytes().startswith(b"PK")
    assert backup.verify_backup(plain, dirs=office.dirs)["files"][backup.DB_NAME]  # this PC: no key asked
    office.close()
    dirs = _new_pc(monkeypatch, tmp_path, "pc-lain")
    # The data inside is sealed with the office key: a new PC still needs the recovery key, and the right one.
    with pytest.raises(keys.RecoveryKeyNeeded):
        restore_svc.restore(dirs, plain, username="admin", password=PW)
    with pytest.raises(ValidationError, match="bukan milik kantor"):
        restore_svc.restore(dirs, plain, username="admin", password=PW,
                            recovery_key=keys.recovery_text(keys.new_master_key()))
    assert not dirs.database.exists()
    restore_svc.restore(dirs, plain, username="admin", password=PW, recovery_key=key_text)
    restored = open_office(dirs.root)
    try:
        assert integrity.run_checks(restored).ok
    finally:
        restored.close()


def test_cli_restore_on_a_new_pc_reads_the_recovery_key(office, saved, tmp_path):
    info, key_text = saved
    office.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOKET_PBI_")}
    env["LOKET_PBI_KEY_DIR"] = str(tmp_path / "pc-cli-kunci")
    data = tmp_path / "pc-cli"
    base = [sys.executable, "-m", "app", "restore", "--data-dir", str(data), str(info.path), "--user", "admin",
            "--password-stdin", "--yes"]
    r = subprocess.run(base, input=f"{PW}\n", capture_output=True, text=True, timeout=180, env=env, cwd=REPO)
    assert r.returncode != 0 and "kunci pemulihan" in (r.stderr + r.stdout).lower()
    r = subprocess.run([*base, "--recovery-key-stdin"], input=f"{PW}\n{key_text}\n", capture_output=True, text=True,
                       timeout=180, env=env, cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert "Pemulihan selesai" in r.stdout
    r = subprocess.run([sys.executable, "-m", "app", "check", "--data-dir", str(data)], capture_output=True,
                       text=True, timeout=180, env=env, cwd=REPO)
    assert r.returncode == 0 and "BAIK" in r.stdout, r.stdout + r.stderr


# ---------------------------------------------------------------------------------------- the delivery token
TOKEN = "tok-rahasia-kantor-7f3a9c"


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.glob("loket-pbi.sqlite3*")) if p.is_file())


def test_the_delivery_token_is_kept_encrypted_and_never_audited(office, admin):
    from dataclasses import replace

    from app.network import exchange
    from app.services import outbox, settings

    cfg = replace(outbox.load_settings(office), https_url="https://bpjs.example.go.id/terima", https_token=TOKEN)
    settings.save(office, actor=admin, section=outbox.SECTION, value=cfg)
    assert outbox.load_settings(office).https_token == TOKEN  # what the delivery sends as its bearer token
    settings.save(office, actor=admin, section=outbox.SECTION, value=replace(cfg, max_attempts=5))  # token kept
    assert outbox.load_settings(office).https_token == TOKEN
    settings.save(office, actor=admin, section=exchange.SECTION,
                  value=replace(exchange.load_settings(office), https_url="https://kotak.example.go.id",
                                https_token=TOKEN + "-x"))
    assert exchange.load_settings(office).https_token == TOKEN + "-x"
    with office.db.read() as s:
        section = s.exec(text("SELECT value FROM setting WHERE key = 'delivery'")).one()[0]
        logged = [r[0] + r[1] for r in s.exec(text(
            "SELECT old_values, new_values FROM audit_log WHERE action = 'settings.save'")).all()]
    assert TOKEN not in str(section) and len(logged) == 3
    assert all(TOKEN not in str(v) for v in logged)
    new = _audit_new(office, "settings.save")
    assert new["https_token"] == settings.MASK_CHANGED
    office.close()
    raw = _all_bytes(office.dirs.root)  # the database file itself (and its WAL): nowhere in clear
    assert raw and TOKEN.encode() not in raw


def test_a_token_an_earlier_version_stored_in_clear_is_read_then_moved_out(office, admin):
    from dataclasses import replace

    from app.services import outbox, settings

    with office.db.write() as s:  # as an earlier version saved the section
        s.exec(text("INSERT INTO setting (key, value, updated_at) VALUES ('delivery', :v, CURRENT_TIMESTAMP)"),
               params={"v": json.dumps({"https_url": "https://bpjs.example.go.id/terima", "https_token": TOKEN})})
    assert outbox.load_settings(office).https_token == TOKEN
    settings.save(office, actor=admin, section=outbox.SECTION,
                  value=replace(outbox.load_settings(office), max_attempts=4))
    with office.db.read() as s:
        section = s.exec(text("SELECT value FROM setting WHERE key = 'delivery'")).one()[0]
    assert TOKEN not in str(section) and outbox.load_settings(office).https_token == TOKEN
    logged = _audit_new(office, "settings.save")
    assert logged["https_token"] == settings.MASK  # unchanged, and shown masked
    settings.save(office, actor=admin, section=outbox.SECTION,
                  value=replace(outbox.load_settings(office), https_token=""))  # removed: nothing kept
    assert outbox.load_settings(office).https_token == ""
    with office.db.read() as s:
        assert not s.exec(text("SELECT count(*) FROM setting WHERE key LIKE 'rahasia:%'")).one()[0]
