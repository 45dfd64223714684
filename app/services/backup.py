"""Backups of the embedded database and the letter archive, and restoring one.

A backup is one ZIP: ``database.sqlite3`` taken with SQLite's online backup API (consistent while the
app is open), the letter archive and the attachments, and ``manifest.json`` with the SHA-256 of every
file. It is written to a temporary name and renamed when complete, so a half-written backup never
looks like a backup. Restoring (app.services.restore) signs in an administrator, checks the whole backup
into a staging folder inside the data folder, swaps it in by renames and keeps the current data aside.

Every backup is encrypted with the office key (AES-256-GCM, streamed; app/services/backup_crypto.py): the
file is ``…zip.enc`` and neither unzip nor sqlite3 reads anything in it — no NIK, no name. The key is derived
from the office key that the operating system's credential store keeps (app/services/keys.py), so on this
PC a backup opens by itself; on another PC (after a disk failure) it opens with the office's **recovery key**,
shown once to the administrator at set-up, and the restore installs the key on that PC. Backups made by
earlier versions (a plain ZIP, or a password-protected one) are still restored.

With ``BackupSettings.encrypt`` the ZIP inside is also password-protected with AES-256 (WinZip AE-2). The
password is set with :func:`set_backup_password`; it is stored encrypted with the office key
(app/services/secrets.py), apart from the audited settings so that it never appears in the audit log, and a
restore asks for it (or reads ``LOKET_PBI_BACKUP_PASSWORD``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyzipper

from app import __version__
from app.context import Office
from app.errors import ValidationError
from app.paths import DataDirs
from app.rules.permissions import Actor, require
from app.services import audit, backup_crypto, keys, seals, secrets, settings
from app.timeutil import to_local, utcnow

ENV_PASSWORD = "LOKET_PBI_BACKUP_PASSWORD"
SECRET_KEY = "backup.secret"
PREFIX = "loket-pbi-cadangan-"
DB_NAME = "database.sqlite3"
ARCHIVE_FOLDERS = ("letters", "attachments", "batches")
ENCRYPTED_SUFFIX = ".zip.enc"
ENV_RECOVERY_KEY = "LOKET_PBI_RECOVERY_KEY"


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""  # empty: the data folder's backups/; may be a USB stick or a network share
    keep: int = 14
    daily: bool = True
    encrypt: bool = False  # also AES-256 password protection inside (the password: set_backup_password)

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


def _office_backup_key(office: Office) -> tuple[str, bytes]:
    """The office id and the key of its backups (the office key is made here if the office has none yet)."""
    with office.db.write() as s:
        master = seals.office_master(s, create=True)
        oid = seals.office_id(s)
    assert master is not None and oid is not None
    return oid, keys.derive(master, "backup")


def backup_key(path: Path, *, data_root: Path, recovery_key: str | None = None) -> bytes:
    """The key that opens the encrypted backup ``path``: from the recovery key when given (or in
    ``LOKET_PBI_RECOVERY_KEY``), else from this PC's key store (``data_root``: the data folder whose key
    file is read where there is no credential store). :class:`keys.RecoveryKeyNeeded` when neither has it."""
    oid = backup_crypto.office_of(path)
    recovery_key = recovery_key or os.environ.get(ENV_RECOVERY_KEY) or None
    if recovery_key:
        return keys.derive(keys.parse_recovery(recovery_key), "backup")
    master = keys.KeyStore(data_root).get(oid)
    if master is None:
        raise keys.RecoveryKeyNeeded(
            f"Cadangan {Path(path).name} dienkripsi dengan kunci kantor (identitas {oid}) yang tidak ada di "
            "komputer ini. Masukkan kunci pemulihan kantor itu (dicatat administrator saat penyiapan). "
            "Data tidak diubah.")
    return keys.derive(master, "backup")


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is a backup encrypted with an office key (not a plain or password ZIP)."""
    return backup_crypto.is_encrypted(path)


@contextlib.contextmanager
def open_backup(path: Path, *, data_root: Path, password: str | None = None,
                recovery_key: str | None = None) -> Iterator[pyzipper.AESZipFile]:
    """Open a backup as a ZIP: encrypted with the office key (decrypted as it is read, nothing written),
    an earlier version's plain ZIP, or a password-protected one (``password``)."""
    path = Path(path)
    plain = None
    if backup_crypto.is_encrypted(path):
        plain = backup_crypto.DecryptedFile(path, backup_key(path, data_root=data_root, recovery_key=recovery_key))
    try:
        zf = pyzipper.AESZipFile(plain if plain is not None else path)
        try:
            _unlock(zf, path, password)
            yield zf
        finally:
            zf.close()
    finally:
        if plain is not None:
            plain.close()


def _unlock(zf: pyzipper.AESZipFile, path: Path, password: str | None) -> None:
    """Give a password-protected ZIP its password (refused when missing or wrong)."""
    if any(i.flag_bits & 0x1 for i in zf.infolist()):
        password = password if password is not None else os.environ.get(ENV_PASSWORD)
        if not password:
            raise ValidationError(f"Cadangan {path.name} dilindungi kata sandi; masukkan kata sandinya.")
        zf.setpassword(password.encode("utf-8"))
        try:
            zf.read("manifest.json")
        except RuntimeError as exc:
            raise ValidationError(f"Kata sandi cadangan {path.name} salah.") from exc
        except KeyError:
            pass


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
    office_id, key = _office_backup_key(office)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(f"Folder cadangan {folder} tidak dapat dipakai: {exc}") from exc
    now = utcnow()
    stamp = to_local(now).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}{ENCRYPTED_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{PREFIX}{stamp}-{n}{ENCRYPTED_SUFFIX}"
    from app.tempwork import make_temp_dir

    tmp = make_temp_dir(office.dirs, "cadangan-")  # the copy stays in the data folder (removed below)
    try:
        db_copy = tmp / DB_NAME
        _sqlite_copy(office.dirs.database, db_copy)
        manifest: dict = {"app_version": __version__, "created_at": now.isoformat(), "files": {}}
        partial = target.with_name(target.name + ".part")
        raw = None
        try:
            raw = partial.open("wb")
            sink = backup_crypto.EncryptingWriter(raw, key, office_id)  # no plain byte reaches the disk
            if password:
                zf = pyzipper.AESZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES)
                zf.setpassword(password.encode("utf-8"))
            else:
                zf = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)
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
            sink.close()  # the last encrypted chunk
            raw.flush()
            os.fsync(raw.fileno())
            raw.close()
            os.replace(partial, target)
        except BaseException as exc:
            if raw is not None:
                raw.close()
            partial.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise ValidationError(
                    f"Cadangan gagal ditulis ke {folder}: {exc}. Tidak ada cadangan yang dibuat.") from exc
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="backup.make", entity="backup", entity_id=target.name,
                     new={"files": len(manifest["files"]), "folder": str(folder), "encrypted": True,
                          "office_key": office_id, "password": bool(password)})
    prune(office, folder)
    return BackupInfo(target, manifest["created_at"], len(manifest["files"]), target.stat().st_size)


def list_backups(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    found = {*folder.glob(f"{PREFIX}*.zip"), *folder.glob(f"{PREFIX}*{ENCRYPTED_SUFFIX}")}
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


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


def verify_backup(path: Path, *, dirs: DataDirs, password: str | None = None,
                  recovery_key: str | None = None) -> dict:
    """Check a backup in full (app.services.restore.check_backup) and return its manifest.

    The copy it unpacks is made inside the data folder ``dirs`` (``tmp/``) and removed; nothing else changes.
    """
    from app.services import restore as restore_svc

    return restore_svc.check_backup(dirs, Path(path), password=password, recovery_key=recovery_key).manifest


def restore(dirs: DataDirs, path: Path, *, username: str, password: str, backup_password: str | None = None,
            recovery_key: str | None = None, discard_newer: bool = False,
            progress: Callable[[float, int], None] | None = None, cancelled: Callable[[], bool] | None = None):
    """Replace the data with a checked backup: see :func:`app.services.restore.restore`."""
    from app.services import restore as restore_svc

    return restore_svc.restore(dirs, Path(path), username=username, password=password,
                               backup_password=backup_password, recovery_key=recovery_key,
                               discard_newer=discard_newer, progress=progress, cancelled=cancelled)
