"""Backups of the embedded database and the letter archive, and restoring one.

A backup is one ZIP: ``database.sqlite3`` taken with SQLite's online backup API (consistent while the
app is open), the letter archive and the attachments, and ``manifest.json`` with the SHA-256 of every
file. It is written to a temporary name and renamed when complete, so a half-written backup never
looks like a backup. Restoring (app.services.restore) signs in an administrator, checks the whole backup
into a staging folder inside the data folder, swaps it in by renames and keeps the current data aside.

With ``BackupSettings.encrypt`` the ZIP is password-protected with AES-256 (WinZip AE-2, opened by
7-Zip, WinZip and Windows tools that support AES). The password is set with
:func:`set_backup_password`; it is stored apart from the audited settings so that it never appears
in the audit log, and a restore asks for it (or reads ``LOKET_PBI_BACKUP_PASSWORD``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyzipper

from app import __version__
from app.context import Office
from app.errors import ValidationError
from app.paths import DataDirs
from app.rules.permissions import Actor, require
from app.services import audit, secrets, settings
from app.timeutil import to_local, utcnow

ENV_PASSWORD = "LOKET_PBI_BACKUP_PASSWORD"
SECRET_KEY = "backup.secret"
PREFIX = "loket-pbi-cadangan-"
DB_NAME = "database.sqlite3"
ARCHIVE_FOLDERS = ("letters", "attachments", "batches")


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""  # empty: the data folder's backups/; may be a USB stick or a network share
    keep: int = 14
    daily: bool = True
    encrypt: bool = False  # AES-256 password protection (the password: set_backup_password)

    def __post_init__(self) -> None:
        if not 1 <= int(self.keep) <= 365:
            raise ValidationError("Jumlah cadangan yang disimpan harus 1–365.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    files: int
    size: int


def backup_folder(office: Office) -> Path:
    cfg = settings.load(office, "backup", BackupSettings)
    return Path(cfg.folder) if cfg.folder else office.dirs.backups


def set_backup_password(office: Office, *, actor: Actor, password: str) -> None:
    """Store the password of encrypted backups (logged without the password itself)."""
    secrets.set_secret(office, actor=actor, key=SECRET_KEY, password=password, action="backup.password_set",
                       label="cadangan")


def _backup_password(office: Office) -> str | None:
    """The password for a new backup, or ``None`` for a plain ZIP."""
    if not settings.load(office, "backup", BackupSettings).encrypt:
        return None
    password = secrets.get_secret(office, SECRET_KEY)
    if not password:
        raise ValidationError("Cadangan terenkripsi diaktifkan tetapi kata sandinya belum diatur "
                              "(Pengaturan → Cadangan). Tidak ada cadangan yang dibuat.")
    return password


def _open_zip(path: Path, password: str | None):
    """Open a backup, plain or AES; an encrypted one needs its password."""
    zf = pyzipper.AESZipFile(path)
    if any(i.flag_bits & 0x1 for i in zf.infolist()):
        password = password if password is not None else os.environ.get(ENV_PASSWORD)
        if not password:
            zf.close()
            raise ValidationError(f"Cadangan {path.name} dilindungi kata sandi; masukkan kata sandinya.")
        zf.setpassword(password.encode("utf-8"))
        try:
            zf.read("manifest.json")
        except RuntimeError as exc:
            zf.close()
            raise ValidationError(f"Kata sandi cadangan {path.name} salah.") from exc
        except KeyError:
            pass
    return zf


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _sqlite_copy(src_path: Path, dst_path: Path) -> None:
    src = sqlite3.connect(src_path)
    try:
        dst = sqlite3.connect(dst_path)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(office: Office, *, actor: Actor | None, folder: Path | None = None) -> BackupInfo:
    """Write one backup ZIP. ``actor=None`` is the automatic daily backup."""
    if actor is not None:
        require(actor, "backup.make")
    if not office.db.is_sqlite:
        raise ValidationError("Basis data PostgreSQL dicadangkan di servernya (pg_dump), bukan dari loket.")
    folder = folder or backup_folder(office)
    password = _backup_password(office)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(f"Folder cadangan {folder} tidak dapat dipakai: {exc}") from exc
    now = utcnow()
    stamp = to_local(now).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}.zip"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{PREFIX}{stamp}-{n}.zip"
    from app.tempwork import make_temp_dir

    tmp = make_temp_dir(office.dirs, "cadangan-")  # the copy stays in the data folder (removed below)
    try:
        db_copy = tmp / DB_NAME
        _sqlite_copy(office.dirs.database, db_copy)
        manifest: dict = {"app_version": __version__, "created_at": now.isoformat(), "files": {}}
        partial = target.with_suffix(".zip.part")
        try:
            if password:
                zf = pyzipper.AESZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED,
                                         encryption=pyzipper.WZ_AES)
                zf.setpassword(password.encode("utf-8"))
            else:
                zf = zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED)
            with zf:
                zf.write(db_copy, DB_NAME)
                manifest["files"][DB_NAME] = _sha256(db_copy)
                for name in ARCHIVE_FOLDERS:
                    base = office.dirs.root / name
                    if not base.exists():
                        continue
                    for path in sorted(p for p in base.rglob("*") if p.is_file() and not p.is_symlink()):
                        arc = path.relative_to(office.dirs.root).as_posix()
                        zf.write(path, arc)
                        manifest["files"][arc] = _sha256(path)
                zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
            with partial.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ValidationError(
                f"Cadangan gagal ditulis ke {folder}: {exc}. Tidak ada cadangan yang dibuat.") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="backup.make", entity="backup", entity_id=target.name,
                     new={"files": len(manifest["files"]), "folder": str(folder), "encrypted": bool(password)})
    prune(office, folder)
    return BackupInfo(target, manifest["created_at"], len(manifest["files"]), target.stat().st_size)


def list_backups(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{PREFIX}*.zip"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def prune(office: Office, folder: Path) -> list[Path]:
    keep = settings.load(office, "backup", BackupSettings).keep
    removed = []
    for old in list_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


def backup_due(office: Office, *, today: datetime | None = None) -> bool:
    """True when daily backups are on and none was made today (office time)."""
    cfg = settings.load(office, "backup", BackupSettings)
    if not cfg.daily or not office.db.is_sqlite:
        return False
    day = to_local(today or utcnow()).strftime("%Y%m%d")
    return not any(p.name.startswith(f"{PREFIX}{day}") for p in list_backups(backup_folder(office)))


def auto_backup(office: Office) -> BackupInfo | None:
    """The automatic daily backup (run in a worker at start-up and by ``loket-pbi backup --if-due``)."""
    return make_backup(office, actor=None) if backup_due(office) else None


def verify_backup(path: Path, *, dirs: DataDirs, password: str | None = None) -> dict:
    """Check a backup in full (app.services.restore.check_backup) and return its manifest.

    The copy it unpacks is made inside the data folder ``dirs`` (``tmp/``) and removed; nothing else changes.
    """
    from app.services import restore as restore_svc

    return restore_svc.check_backup(dirs, Path(path), password=password).manifest


def restore(dirs: DataDirs, path: Path, *, username: str, password: str, backup_password: str | None = None,
            discard_newer: bool = False):
    """Replace the data with a checked backup: see :func:`app.services.restore.restore`."""
    from app.services import restore as restore_svc

    return restore_svc.restore(dirs, Path(path), username=username, password=password,
                               backup_password=backup_password, discard_newer=discard_newer)
