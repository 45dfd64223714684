"""Restore under attack (issue 16, points 1–3 and 8): hostile backups, no sign-in, a busy data folder, a kill.

Every hostile backup is made here from a real backup (tests/reliability/hostile_backups.py). After each
refusal the office is unchanged, nothing was written outside the data folder and ``tmp/`` is empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.context import open_office
from app.datalock import DataFolderBusy, restore_lock, window_lock
from app.errors import AuthError, PermissionDenied, ValidationError
from app.paths import DataDirs
from app.services import backup, users
from app.services import restore as restore_svc
from tests.reliability import hostile_backups as hb
from tests.reliability.figures import record

REPO = Path(__file__).resolve().parents[2]
PW = "rahasia-123"


def _usernames(root: Path) -> list[str]:
    o = open_office(root)
    try:
        with o.db.read() as s:
            return sorted(r[0] for r in s.exec(text("SELECT username FROM app_user")).all())
    finally:
        o.close()


@pytest.fixture
def made(office, admin, make_user):
    """A backup of an office with one front-office user; then one more user is added (newer work)."""
    make_user("front_office")
    (office.dirs.letters / "2026").mkdir(parents=True, exist_ok=True)
    (office.dirs.letters / "2026" / "surat-1.docx").write_bytes(b"isi surat")
    info = backup.make_backup(office, actor=admin)
    users.add_user(office, actor=admin, username="sesudah", full_name="Sesudah", password=PW, roles=["verifier"])
    office.close()
    return info.path


def _unchanged(office, names_before: list[str]) -> None:
    assert _usernames(office.dirs.root) == names_before
    assert not any(office.dirs.tmp.iterdir()), list(office.dirs.tmp.iterdir())
    assert not list(office.dirs.backups.glob("sebelum-pulih-*"))


# ---------------------------------------------------------------------------------------- 1. names, sizes
@pytest.mark.parametrize("name", hb.BAD_NAMES)
def test_entry_names_a_backup_cannot_contain_are_refused(office, made, tmp_path, name):
    before = _usernames(office.dirs.root)
    bad = hb.with_name(made, tmp_path / "jahat.zip", name)
    with pytest.raises(ValidationError, match="Data tidak diubah|tidak boleh ada"):
        restore_svc.restore(office.dirs, bad, username="admin", password=PW, discard_newer=True)
    _unchanged(office, before)
    for p in (tmp_path.parent / "keluar.txt", tmp_path / "keluar.txt", Path("/tmp/keluar-absolut.txt"),
              office.dirs.root.parent / "keluar.txt", office.dirs.letters / "CON.pdf"):
        assert not p.exists(), p
    record("restore", {"hostile_names_refused": 1})


def test_links_case_twins_and_a_missing_database_are_refused(office, made, tmp_path):
    before = _usernames(office.dirs.root)
    for maker, match in ((hb.with_symlink, "bukan berkas biasa"), (hb.with_case_twins, "dua kali"),
                         (hb.without_database, "tidak berisi basis data"), (hb.without_users, "pengguna aktif"),
                         (hb.not_a_database, "rusak|bukan basis data")):
        bad = maker(made, tmp_path / f"{maker.__name__}.zip")
        with pytest.raises(ValidationError, match=match):
            restore_svc.restore(office.dirs, bad, username="admin", password=PW, discard_newer=True)
        _unchanged(office, before)
        record("restore", {"hostile_backups_refused": 1})


def test_newer_schema_is_refused_with_data_unchanged(office, made, tmp_path):
    before = _usernames(office.dirs.root)
    bad = hb.newer_schema(made, tmp_path / "masa-depan.zip")
    with pytest.raises(ValidationError, match="lebih baru.*data tidak diubah"):
        restore_svc.restore(office.dirs, bad, username="admin", password=PW, discard_newer=True)
    _unchanged(office, before)
    record("restore", {"hostile_backups_refused": 1})


def test_a_2_gib_zip_bomb_is_refused_before_anything_is_unpacked(office, made, tmp_path):
    before = _usernames(office.dirs.root)
    bomb = hb.zip_bomb(made, tmp_path / "bom.zip")
    assert bomb.stat().st_size < 16 << 20
    started = time.monotonic()
    with pytest.raises(ValidationError, match="bom ZIP"):
        restore_svc.restore(office.dirs, bomb, username="admin", password=PW, discard_newer=True)
    with pytest.raises(ValidationError, match="bom ZIP"):
        backup.verify_backup(bomb, dirs=office.dirs)
    assert time.monotonic() - started < 30
    _unchanged(office, before)
    record("restore", {"zip_bombs_refused": 1})


def test_total_size_and_the_database_have_their_own_limits(office, made, tmp_path, monkeypatch):
    before = _usernames(office.dirs.root)
    many = hb._rewrite(made, tmp_path / "banyak.zip", add=[(f"letters/x{i}.docx", bytes(300_000)) for i in range(8)])
    monkeypatch.setattr(restore_svc, "LIMITS", restore_svc.RestoreLimits(total_bytes=2_000_000))
    with pytest.raises(ValidationError, match="lebih dari 2 MB"):
        restore_svc.restore(office.dirs, many, username="admin", password=PW, discard_newer=True)
    monkeypatch.setattr(restore_svc, "LIMITS", restore_svc.RestoreLimits(database_bytes=10_000))
    with pytest.raises(ValidationError, match="database.sqlite3.*bom ZIP"):
        restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
    monkeypatch.setattr(restore_svc, "LIMITS", restore_svc.RestoreLimits(disk_margin_bytes=1 << 60))
    with pytest.raises(ValidationError, match="Ruang disk tidak cukup"):
        restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
    _unchanged(office, before)


def test_entry_names_accepted_are_exactly_what_a_backup_writes():
    assert restore_svc.entry_parts("letters/2026/TT-294-Dinsos-2026.docx") == ("letters", "2026",
                                                                               "TT-294-Dinsos-2026.docx")
    assert restore_svc.entry_parts("batches/.staging-ab12/x.csv")[0] == "batches"  # an older backup's leftovers
    assert restore_svc.entry_parts("database.sqlite3") == ("database.sqlite3",)
    for name in hb.BAD_NAMES:
        with pytest.raises(ValidationError):
            restore_svc.entry_parts(name)


# ---------------------------------------------------------------------------------------- 1. who may restore
def test_restore_needs_the_administrators_sign_in(office, made, make_user):
    before = _usernames(office.dirs.root)
    with pytest.raises(AuthError):
        restore_svc.restore(office.dirs, made, username="admin", password="salah-sekali", discard_newer=True)
    names = _usernames(office.dirs.root)
    clerk = [n for n in names if n not in ("admin", "sesudah")][0]
    with pytest.raises(PermissionDenied, match="administrator"):
        restore_svc.restore(office.dirs, made, username=clerk, password=PW, discard_newer=True)
    _unchanged(office, before)


def test_on_an_empty_office_the_backups_administrator_signs_in(made, tmp_path):
    fresh = tmp_path / "pc-baru"
    dirs = DataDirs(fresh).ensure()
    with pytest.raises(AuthError, match="administrator cadangan"):
        restore_svc.restore(dirs, made, username="admin", password="salah-sekali")
    res = restore_svc.restore(dirs, made, username="admin", password=PW)
    assert res.signed_in_on == "backup" and res.check.newer is None
    assert "sesudah" not in _usernames(fresh) and "admin" in _usernames(fresh)


def test_cli_restore_refuses_without_user(office, made):
    r = subprocess.run([sys.executable, "-m", "app", "restore", "--data-dir", str(office.dirs.root), str(made),
                        "--yes", "--discard-newer"], capture_output=True, text=True, timeout=120,
                       env={k: v for k, v in os.environ.items() if not k.startswith("LOKET_PBI_")}, cwd=REPO)
    assert r.returncode != 0 and "--user" in r.stderr


# ---------------------------------------------------------------------------------------- 2. newer data
def test_newer_current_data_needs_a_second_confirmation(office, made):
    before = _usernames(office.dirs.root)
    check = restore_svc.check_backup(office.dirs, made)
    assert check.newer is not None and check.newer.audit_entries >= 1
    assert "lebih baru" in check.newer.text() and "sesudah cadangan" in check.newer.text()
    with pytest.raises(restore_svc.NewerDataError, match="Konfirmasi sekali lagi"):
        restore_svc.restore(office.dirs, made, username="admin", password=PW)
    _unchanged(office, before)
    res = restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
    assert "sesudah" not in _usernames(office.dirs.root)
    assert (res.aside / office.dirs.database.name).is_file() and (res.aside / "letters" / "2026").is_dir()


def test_a_failed_rename_during_the_swap_puts_everything_back(office, made, monkeypatch):
    before = _usernames(office.dirs.root)
    letters_before = sorted(p.name for p in office.dirs.letters.rglob("*"))
    real = os.replace
    calls = {"n": 0}

    def flaky(a, b):
        calls["n"] += 1
        if calls["n"] == 6:  # in the middle of the swap: the database is already in place
            raise OSError(28, "No space left on device")
        return real(a, b)

    monkeypatch.setattr(restore_svc.os, "replace", flaky)
    with pytest.raises(OSError):
        restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
    monkeypatch.setattr(restore_svc.os, "replace", real)
    assert calls["n"] >= 6
    _unchanged(office, before)
    assert sorted(p.name for p in office.dirs.letters.rglob("*")) == letters_before
    assert not restore_svc.journal_path(office.dirs).exists()


# ---------------------------------------------------------------------------------------- 3. one lock
def test_restore_and_the_open_office_refuse_each_other(office, made):
    other = open_office(office.dirs.root)
    try:
        with pytest.raises(DataFolderBusy, match="sedang dipakai"):
            restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
    finally:
        other.close()
    with restore_lock(office.dirs.root):
        restore_svc._write_journal(office.dirs, {"state": "staging"})
        started = time.monotonic()
        with pytest.raises(DataFolderBusy, match="Pemulihan cadangan sedang berjalan"):
            open_office(office.dirs.root)
        assert time.monotonic() - started < 5  # told at once, not after a wait
        restore_svc.journal_path(office.dirs).unlink()


def test_a_second_window_on_one_data_folder_is_refused(office):
    first = window_lock(office.dirs.root)
    try:
        with pytest.raises(DataFolderBusy, match="sudah terbuka"):
            window_lock(office.dirs.root)
    finally:
        first.release()
    window_lock(office.dirs.root).release()


def test_restore_refused_while_another_process_has_the_office_open(office, made):
    root = office.dirs.root
    code = ("import sys, time; from app.context import open_office; o = open_office(sys.argv[1]); "
            "print('terbuka', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code, str(root)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "terbuka"
        before = _usernames(root)
        with pytest.raises(DataFolderBusy, match="sedang dipakai"):
            restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)
        assert _usernames(root) == before
    finally:
        child.kill()
        child.communicate()
    restore_svc.restore(office.dirs, made, username="admin", password=PW, discard_newer=True)  # now it may
    record("restore", {"busy_refusals": 1})


# ---------------------------------------------------------------------------------------- 8. tmp/
def test_temporary_work_is_inside_the_data_folder_and_cleaned_at_the_next_start(office, made):
    holder = open_office(office.dirs.root)
    leftover = office.dirs.tmp / "pulih-dibunuh"
    leftover.mkdir(parents=True)
    (leftover / "loket-pbi.sqlite3").write_bytes(b"salinan dengan NIK")
    other = open_office(office.dirs.root)  # someone has it open: what may be their work is not touched
    try:
        assert leftover.exists()
    finally:
        other.close()
        holder.close()
    open_office(office.dirs.root).close()
    assert not any(office.dirs.tmp.iterdir())


# ---------------------------------------------------------------------------------------- lower: file names
@pytest.mark.parametrize("name", ["CON.pdf", "con", "nul.txt", "LPT1.tar.gz", "com\u00b9.pdf", "Aux .jpg",
                                  "PRN.PDF", "a.p:f"])
def test_exported_and_offered_names_are_never_windows_devices(name):
    from app.filenames import is_reserved_name, offered_file_name
    from app.services.attachments import safe_name

    for made in (safe_name(name), offered_file_name(name, ".pdf")):
        assert not is_reserved_name(made), made
        assert ":" not in made and "/" not in made


# ---------------------------------------------------------------------------------------- 2. a kill
_KILLED_RESTORE = r"""
import os, sys, time
from app.services import restore
real = os.replace
def slow(a, b):  # every rename of the swap takes a while, so the kills land inside it too
    time.sleep(0.15)
    return real(a, b)
restore.os.replace = slow
print("start", flush=True)
restore.restore(restore.DataDirs(restore.Path(sys.argv[1])), restore.Path(sys.argv[2]), username="admin",
                password="rahasia-123", discard_newer=True)
print("done", flush=True)
"""


def test_sigkill_during_restore_leaves_the_office_whole(office, made):
    """Kill a restore at moments spread over staging and the swap: each time the office opens either as it
    was or as the backup, never half, with no journal, no staging copy and a sound database."""
    import sqlite3

    root = office.dirs.root
    old = _usernames(root)
    with_backup: list[str] | None = None
    outcomes = {"as_before": 0, "restored": 0}
    delays = [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 3.0]
    for delay in delays:
        child = subprocess.Popen([sys.executable, "-c", _KILLED_RESTORE, str(root), str(made)], cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        time.sleep(delay)
        child.kill()
        child.communicate()
        names = _usernames(root)  # opening rolls back an interrupted swap and empties tmp/
        assert not restore_svc.journal_path(office.dirs).exists()
        assert not any(office.dirs.tmp.iterdir())
        con = sqlite3.connect(office.dirs.database)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
        assert (office.dirs.letters / "2026" / "surat-1.docx").read_bytes() == b"isi surat"
        if names == old:
            outcomes["as_before"] += 1
        else:
            with_backup = with_backup or names
            assert names == with_backup and "sesudah" not in names
            outcomes["restored"] += 1
        if names != old:  # start the next kill from the newer data again
            users.add_user(office_open := open_office(root), actor=_admin(office_open), username="sesudah",
                           full_name="Sesudah", password=PW, roles=["verifier"])
            office_open.close()
            assert _usernames(root) == old
    assert outcomes["as_before"] >= 1
    record("restore", {"sigkills_during_restore": len(delays), "kills_left_as_before": outcomes["as_before"],
                       "kills_after_the_swap_completed": outcomes["restored"]})


def _admin(office):
    """The administrator, signed in (a hand-built Actor is refused: roles are re-read from the database)."""
    return users.login(office, username="admin", password=PW)
