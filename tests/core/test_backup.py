"""Backups: made while the app is open, checked, restored; every table compared."""

import zipfile

import pytest
from sqlalchemy import inspect, text

from app.context import open_office
from app.errors import PermissionDenied, ValidationError
from app.services import backup, dtsen, users
from tests.conftest import SAMPLES

pytestmark = pytest.mark.clock


def snapshot(office) -> dict:
    tables = {}
    with office.db.read() as s:
        names = inspect(s.connection()).get_table_names()
        for name in sorted(names):
            tables[name] = sorted(map(tuple, s.exec(text(f'SELECT * FROM "{name}"')).all()), key=repr)
    return tables


def _data(office) -> dict:
    """Every table but the sign-in's traces (the audit entry of the administrator's login, last login)."""
    snap = snapshot(office)
    for name in ("audit_log", "audit_head", "app_user"):
        snap.pop(name, None)
    # … and their seals (app/services/seals.py)
    snap["row_seal"] = [r for r in snap.get("row_seal", []) if r[0] not in ("audit_head", "app_user")]
    return snap


def test_backup_restore_compares_every_table(office, admin, make_user):
    make_user("front_office")
    dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    (office.dirs.letters / "2026").mkdir(parents=True, exist_ok=True)
    (office.dirs.letters / "2026" / "surat-1.docx").write_bytes(b"isi surat")
    before = snapshot(office)
    info = backup.make_backup(office, actor=admin)
    assert info.path.exists() and info.files >= 2
    assert backup.verify_backup(info.path, dirs=office.dirs)["files"]["letters/2026/surat-1.docx"]

    # Life goes on after the backup …
    make_user("verifier")
    (office.dirs.letters / "2026" / "surat-1.docx").write_bytes(b"diubah")
    dirs = office.dirs
    office.close()

    res = backup.restore(dirs, info.path, username="admin", password="rahasia-123", discard_newer=True)
    assert (res.aside / dirs.database.name).exists() and res.signed_in_on == "current"
    assert res.check.newer is not None and res.check.newer.audit_entries >= 1  # the user added after it
    restored = open_office(dirs.root)
    try:
        after = snapshot(restored)
        restore_rows = [r for r in after["audit_log"] if "backup.restore" in r]
        assert len(restore_rows) == 1  # the restore is logged in the restored data …
        after["audit_log"] = [r for r in after["audit_log"] if "backup.restore" not in r]
        after["audit_head"] = before["audit_head"]
        # … and the head's seal moved with it (app/services/seals.py)
        for snap in (after, before):
            snap["row_seal"] = [r for r in snap["row_seal"] if r[0] != "audit_head"]
        assert after == before  # … which is otherwise exactly the backup
        assert (dirs.letters / "2026" / "surat-1.docx").read_bytes() == b"isi surat"
    finally:
        restored.close()


def test_damaged_backup_is_refused_and_nothing_changes(office, admin, tmp_path):
    info = backup.make_backup(office, actor=admin)
    damaged = tmp_path / "rusak.zip"
    with backup.open_backup(info.path, data_root=office.dirs.root) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "database.sqlite3":
                data = data[:2000] + b"\xff" * 100 + data[2100:]
            dst.writestr(zipfile.ZipInfo(item.filename, item.date_time), data)
    dirs = office.dirs
    before = _data(office)
    office.close()
    with pytest.raises(ValidationError, match="sidik"):
        backup.restore(dirs, damaged, username="admin", password="rahasia-123")
    assert not any(dirs.tmp.iterdir())
    again = open_office(dirs.root)
    try:
        assert _data(again) == before  # only the sign-in was recorded
    finally:
        again.close()
    # The encrypted backup itself, one byte flipped: its chunk no longer authenticates.
    flipped = tmp_path / info.path.name
    raw = bytearray(info.path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    flipped.write_bytes(bytes(raw))
    with pytest.raises(ValidationError, match="rusak/terpotong"):
        backup.verify_backup(flipped, dirs=dirs)
    cut = tmp_path / ("terpotong-" + info.path.name)
    cut.write_bytes(info.path.read_bytes()[:-5])
    with pytest.raises(ValidationError, match="rusak/terpotong|terpotong"):
        backup.verify_backup(cut, dirs=dirs)
    assert not any(dirs.tmp.iterdir())
    not_zip = tmp_path / "bukan.zip"
    not_zip.write_text("halo")
    with pytest.raises(ValidationError, match="bukan berkas ZIP"):
        backup.verify_backup(not_zip, dirs=dirs)


def test_daily_backup_once_a_day_and_keeps_last_n(office, admin):
    from app.services import settings

    settings.save(office, actor=admin, section="backup", value=backup.BackupSettings(keep=2))
    assert backup.backup_due(office)
    assert backup.auto_backup(office) is not None
    assert not backup.backup_due(office)
    assert backup.auto_backup(office) is None
    for _ in range(3):
        backup.make_backup(office, actor=admin)
    assert len(backup.list_backups(office.dirs.backups)) == 2


def test_front_office_cannot_make_backup(office, make_user):
    with pytest.raises(PermissionDenied):
        backup.make_backup(office, actor=make_user("front_office"))


def test_backup_to_unusable_folder_says_so(office, admin, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    with pytest.raises(ValidationError, match="tidak dapat dipakai"):
        backup.make_backup(office, actor=admin, folder=blocker / "sub")


def test_restore_command_line(office, admin, tmp_path):
    import os
    import subprocess
    import sys

    info = backup.make_backup(office, actor=admin)
    users.add_user(office, actor=admin, username="baru", full_name="Baru", password="rahasia-123",
                   roles=["verifier"])
    root = office.dirs.root
    office.close()
    env = dict(os.environ, LOKET_PBI_USER="admin", LOKET_PBI_PASSWORD="rahasia-123")
    cmd = [sys.executable, "-m", "app", "restore", "--data-dir", str(root), str(info.path), "--yes"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    # The user added after the backup is newer work: a second, explicit confirmation is needed.
    assert r.returncode == 1 and "--discard-newer" in r.stderr and "lebih baru" in r.stdout, r.stderr
    r = subprocess.run([*cmd, "--discard-newer"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    o = open_office(root)
    try:
        assert [u.username for u in users.list_users(o, actor=admin)] == ["admin"]
    finally:
        o.close()


def test_unpacking_reports_progress_and_a_cancel_changes_nothing(office, admin, make_user):
    """The check and the restore report how far the unpacking is and stop when cancelled (the window's
    progress bar and cancel button): the unpacked copy is removed, no journal is left, the data is as it was."""
    import os

    from app.services import restore as restore_svc
    from app.tempwork import journal_path

    (office.dirs.letters / "2026").mkdir(parents=True, exist_ok=True)
    for i in range(3):  # several chunks each (the unpacking reads 1 MB at a time)
        (office.dirs.letters / "2026" / f"surat-{i}.docx").write_bytes(os.urandom(3 << 20))
    info = backup.make_backup(office, actor=admin)
    seen: list[tuple[float, int]] = []
    check = restore_svc.check_backup(office.dirs, info.path, progress=lambda f, n: seen.append((f, n)))
    assert seen[0] == (0.0, 0) and seen[-1] == (1.0, check.files) and check.files == 4
    assert [f for f, _n in seen] == sorted(f for f, _n in seen) and len(seen) > 10
    with pytest.raises(restore_svc.RestoreCancelled, match="dibatalkan"):
        restore_svc.check_backup(office.dirs, info.path, cancelled=lambda: True)
    assert not any(office.dirs.tmp.iterdir())

    make_user("verifier")  # work after the backup: a cancelled restore must keep it
    dirs = office.dirs
    office.close()
    progress: list[tuple[float, int]] = []
    with pytest.raises(restore_svc.RestoreCancelled):
        restore_svc.restore(dirs, info.path, username="admin", password="rahasia-123", discard_newer=True,
                            progress=lambda f, n: progress.append((f, n)),
                            cancelled=lambda: any(n >= 2 for _f, n in progress))  # half-way through
    assert max(n for _f, n in progress) == 2 and progress[-1][0] < 1.0
    assert not any(dirs.tmp.iterdir()) and not journal_path(dirs).exists()
    assert not list(dirs.backups.glob("sebelum-pulih-*"))
    reopened = open_office(dirs.root)
    try:
        names = {u.username for u in users.list_users(reopened, actor=users.login(reopened, username="admin",
                                                                                    password="rahasia-123"))}
        assert "u1_verifier" in names
    finally:
        reopened.close()
