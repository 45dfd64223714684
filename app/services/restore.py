"""Restoring a backup: checked in full first, swapped in by renames, rolled back on any failure.

A restore (:func:`restore`) is refused unless, in this order:

1. an **administrator signs in** — of the current data when it can be opened and has users; of the backup
   when the current data is missing, empty or unreadable (a new PC after a disk failure);
2. the data folder is **not in use**: the restore holds its lock exclusively (app.datalock), so the app, a
   command or a second restore cannot have it open, and nothing can open it until the restore ends;
3. every entry of the backup has a **name a backup can contain** (``database.sqlite3``, ``manifest.json``,
   ``letters/…``, ``attachments/…``, ``batches/…``; no ``..``, no absolute name or drive letter, no link,
   no name Windows reserves or alters, no two names that differ only in case) and the **sizes** stay under
   :data:`LIMITS` per entry and in total, and within the free disk space — a zip bomb is refused before a
   byte is written, and the written bytes are counted too; a backup encrypted with the office key opens
   with this PC's key or the office's **recovery key** (a new PC), decrypted as it is read;
4. everything unpacks into a **staging folder inside the data folder** (``tmp/pulih-…``) matching its
   SHA-256 in the manifest, and the database there passes ``PRAGMA integrity_check``, has an active user
   and a schema revision this version knows (a newer one: "data tidak diubah"), and this PC holds the
   office key of that data or the recovery key given fits it (it is then kept on this PC);
5. when the **current data is newer** than the backup (its last audit entry is later), the caller
   confirmed dropping that work (``discard_newer``) after being told how much newer it is
   (:func:`check_backup`).

The unpacking (the long part, done by the check and again by the restore) reports ``progress(fraction, files)``
and stops at ``cancelled()`` (:class:`RestoreCancelled`: the unpacked copy is removed, nothing changed); once
the backup is unpacked and checked, the restore is no longer cancelled.

Only then is the swap made: a journal (``tmp/pulih.json``) is written, the current database and archive
folders are renamed into ``backups/sebelum-pulih-<time>/`` and the staged ones renamed into place (renames on
one file system), and the journal is removed — that removal is the moment the restore counts as done. On
any failure before it, and after a kill (the next start, see app.tempwork), every rename is undone: the
office is as it was. Nothing is decrypted or written outside the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyzipper

from app.datalock import USE_LOCK, FolderLock, _acquire, restore_lock
from app.errors import AuthError, LoketError, PermissionDenied, ValidationError
from app.filenames import is_reserved_name
from app.paths import DataDirs
from app.tempwork import JOURNAL, journal_path, make_temp_dir, recover, tmp_dir

DB_NAME = "database.sqlite3"
MANIFEST = "manifest.json"
ARCHIVE_FOLDERS = ("letters", "attachments", "batches")
ADMIN_ROLE = "administrator"
_ODD = set('<>:"|?*\\')


@dataclass(frozen=True)
class RestoreLimits:
    """What a backup may unpack to (the settings constant of the restore; a test may lower it)."""

    database_bytes: int = 16 << 30  # the database file
    entry_bytes: int = 512 << 20  # any other file (a letter, a scan, a batch ZIP)
    total_bytes: int = 64 << 30  # everything together
    manifest_bytes: int = 64 << 20
    entries: int = 1_000_000
    name_chars: int = 400
    disk_margin_bytes: int = 256 << 20  # free space left on the disk after staging


LIMITS = RestoreLimits()


Progress = Callable[[float, int], None]  # (fraction of the bytes unpacked, files unpacked)
Cancelled = Callable[[], bool]


class RestoreCancelled(ValidationError):
    """The officer cancelled while the backup was being checked or unpacked; nothing was changed."""


class _Meter:
    """Counts the unpacked bytes for ``progress`` (reported when the percentage moves) and asks ``cancelled``."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None):
        self.total, self.progress, self.cancelled = max(total, 1), progress, cancelled
        self.done = self.files = 0
        self._shown = -1

    def step(self, n: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise RestoreCancelled("Pemulihan dibatalkan; cadangan tidak dipulihkan dan data tidak diubah.")
        self.done += n
        percent = min(100, self.done * 100 // self.total)
        if self.progress is not None and percent != self._shown:
            self._shown = percent
            self.progress(percent / 100, self.files)

    def file_done(self) -> None:
        self.files += 1
        if self.progress is not None:
            self.progress(min(1.0, self.done / self.total), self.files)


class NewerDataError(ValidationError):
    """The current data has work the backup lacks; the restore needs a second, explicit confirmation."""


@dataclass(frozen=True)
class Activity:
    """How far a database's work reaches: its last audit entry and its size."""

    last_at: datetime | None
    audit_entries: int
    cases: int
    users: int


@dataclass(frozen=True)
class Newer:
    """What the current data has that the backup lacks."""

    current_last: datetime
    backup_last: datetime | None
    audit_entries: int  # audit entries after the backup's last one
    cases: int  # cases opened or changed after it

    def text(self) -> str:
        from app.timeutil import to_local

        def when(t: datetime | None) -> str:
            return to_local(t).strftime("%d-%m-%Y %H.%M") if t else "—"

        gap = self.current_last - self.backup_last if self.backup_last else None
        if gap is None:
            span = ""
        elif gap.days >= 1:
            span = f" ({gap.days} hari lebih baru)"
        else:
            span = f" ({max(1, int(gap.total_seconds() // 3600))} jam lebih baru)" if gap.total_seconds() >= 3600 \
                else f" ({max(1, int(gap.total_seconds() // 60))} menit lebih baru)"
        return (f"Data saat ini lebih baru daripada cadangan: kegiatan terakhir {when(self.current_last)}, "
                f"cadangan sampai {when(self.backup_last)}{span}. {self.audit_entries} catatan kegiatan dan "
                f"{self.cases} berkas kasus yang dibuat atau diubah sesudah cadangan akan hilang dari data "
                "yang dipakai (tetap disimpan di backups/sebelum-pulih-…).")


@dataclass(frozen=True)
class BackupCheck:
    """A backup checked in full (:func:`check_backup`)."""

    path: Path
    manifest: dict
    files: int
    size: int  # bytes unpacked
    revision: str
    backup: Activity
    current: Activity | None  # None: no current data, or it cannot be read
    newer: Newer | None  # None: the current data has nothing the backup lacks


@dataclass(frozen=True)
class RestoreResult:
    aside: Path  # where the data before the restore is kept
    check: BackupCheck
    signed_in_on: str  # "current" or "backup": whose administrator signed in


# ---------------------------------------------------------------------------------------------- names
def entry_parts(name: str) -> tuple[str, ...]:
    """The path parts below the data folder of a backup entry, or :class:`ValidationError`.

    Only what :func:`app.services.backup.make_backup` writes is accepted: the database, the manifest and
    files below the archive folders, each part a plain name (normalised NFC, no ``..``/``.``/empty part,
    no drive letter, separator or character Windows refuses, no trailing dot or space, no device name).
    """
    shown = name[:80].encode("unicode_escape").decode("ascii")
    bad = f"Cadangan ditolak: berkas '{shown}' di dalamnya tidak boleh ada di cadangan Loket PBI. Data tidak diubah."
    if name in (DB_NAME, MANIFEST):
        return (name,)
    if (not name or len(name) > LIMITS.name_chars or unicodedata.normalize("NFC", name) != name
            or any(ord(c) < 32 or ord(c) == 127 or c in _ODD for c in name)):
        raise ValidationError(bad)
    parts = tuple(name.split("/"))
    if len(parts) < 2 or parts[0] not in ARCHIVE_FOLDERS:
        raise ValidationError(bad)
    for part in parts[1:]:
        if (part in ("", ".", "..") or part != part.rstrip(" .") or part != part.lstrip(" ")
                or len(part.encode("utf-8")) > 255 or is_reserved_name(part)):
            raise ValidationError(bad)
    return parts


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = (info.external_attr >> 16) & 0o170000
    return mode not in (0, 0o100000)  # anything but a regular file: a link, a device, a folder


def _check_entries(infos: list[zipfile.ZipInfo], free: int) -> int:
    """Names and sizes of every entry; returns the total unpacked size."""
    if len(infos) > LIMITS.entries:
        raise ValidationError(f"Cadangan ditolak: {len(infos)} berkas di dalamnya, lebih dari batas "
                              f"{LIMITS.entries}. Data tidak diubah.")
    seen: set[str] = set()
    total = 0
    for info in infos:
        parts = entry_parts(info.filename)
        if info.is_dir() or _is_link(info):
            raise ValidationError(f"Cadangan ditolak: '{info.filename[:80]}' bukan berkas biasa (folder atau "
                                  "tautan). Data tidak diubah.")
        key = "/".join(parts).casefold()
        if key in seen:
            raise ValidationError(f"Cadangan ditolak: berkas '{info.filename[:80]}' ada dua kali. Data tidak diubah.")
        seen.add(key)
        cap = LIMITS.database_bytes if info.filename == DB_NAME else (
            LIMITS.manifest_bytes if info.filename == MANIFEST else LIMITS.entry_bytes)
        if info.file_size > cap:
            raise ValidationError(f"Cadangan ditolak: berkas '{info.filename[:80]}' terurai menjadi "
                                  f"{_mb(info.file_size)}, lebih dari batas {_mb(cap)} (bom ZIP?). Data tidak diubah.")
        total += info.file_size
        if total > LIMITS.total_bytes:
            raise ValidationError(f"Cadangan ditolak: isinya terurai menjadi lebih dari {_mb(LIMITS.total_bytes)} "
                                  "(batas pemulihan; bom ZIP?). Data tidak diubah.")
    if total + LIMITS.disk_margin_bytes > free:
        raise ValidationError(f"Ruang disk tidak cukup untuk memulihkan cadangan ini: perlu {_mb(total)}, "
                              f"tersedia {_mb(free)}. Data tidak diubah.")
    return total


def _mb(n: int) -> str:
    return f"{n / 1_048_576:,.0f} MB".replace(",", ".") if n >= 1_048_576 else f"{n} byte"


# ---------------------------------------------------------------------------------------------- staging
def _target(staging: Path, dirs: DataDirs, parts: tuple[str, ...]) -> Path:
    if parts == (DB_NAME,):
        return staging / dirs.database.name
    return staging.joinpath(*parts)


def _unpack(zf, info: zipfile.ZipInfo, target: Path, cap: int, meter: _Meter | None = None) -> str:
    """Write one entry (created new, never through a link), counting the bytes; its SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o600)
    h = hashlib.sha256()
    written = 0
    with os.fdopen(fd, "wb") as dst, zf.open(info) as src:
        while chunk := src.read(1 << 20):
            written += len(chunk)
            if written > min(cap, info.file_size):
                raise ValidationError(f"Cadangan ditolak: berkas '{info.filename[:80]}' lebih besar daripada "
                                      "yang tertulis di dalam ZIP. Data tidak diubah.")
            h.update(chunk)
            dst.write(chunk)
            if meter is not None:
                meter.step(len(chunk))
        dst.flush()
        os.fsync(dst.fileno())
    return h.hexdigest()


def _stage(dirs: DataDirs, path: Path, password: str | None, recovery_key: str | None,
           progress: Progress | None = None, cancelled: Cancelled | None = None) -> tuple[Path, dict, int]:
    """Check and unpack the whole backup into a new folder under ``tmp/``; (folder, manifest, size)."""
    from app.services.backup import open_backup

    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"Berkas cadangan tidak ditemukan: {path}")
    staging = make_temp_dir(dirs, "pulih-")
    try:
        try:
            with open_backup(path, data_root=dirs.root, password=password, recovery_key=recovery_key) as zf:
                infos = zf.infolist()
                total = _check_entries(infos, shutil.disk_usage(staging).free)
                by_name = {i.filename: i for i in infos}
                if MANIFEST not in by_name:
                    raise ValidationError("Ini bukan berkas cadangan Loket PBI (manifest.json tidak ada).")
                with zf.open(by_name[MANIFEST]) as fh:
                    raw = fh.read(LIMITS.manifest_bytes + 1)
                try:
                    manifest = json.loads(raw)
                    files = manifest["files"]
                    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
                        raise TypeError
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValidationError("Daftar berkas (manifest) cadangan rusak. Data tidak diubah.") from exc
                for name in files:
                    entry_parts(name)
                if set(by_name) - {MANIFEST} != set(files):
                    raise ValidationError("Isi cadangan tidak cocok dengan daftar berkasnya (manifest). "
                                          "Data tidak diubah.")
                if DB_NAME not in files:
                    raise ValidationError("Cadangan tidak berisi basis data (database.sqlite3); ditolak. "
                                          "Data tidak diubah.")
                meter = _Meter(sum(by_name[name].file_size for name in files), progress, cancelled)
                meter.step(0)
                for name, digest in files.items():
                    info = by_name[name]
                    cap = LIMITS.database_bytes if name == DB_NAME else LIMITS.entry_bytes
                    if _unpack(zf, info, _target(staging, dirs, entry_parts(name)), cap, meter) != digest:
                        raise ValidationError(f"Cadangan rusak: sidik berkas {name} tidak cocok.")
                    meter.file_done()
        except (zipfile.BadZipFile, pyzipper.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
                NotImplementedError) as exc:
            raise ValidationError(f"{path.name} bukan berkas ZIP cadangan yang sah atau rusak ({exc}). "
                                  "Data tidak diubah.") from exc
        except RuntimeError as exc:  # a wrong password on one member
            raise ValidationError(f"Cadangan {path.name} tidak dapat dibuka: {exc}. Data tidak diubah.") from exc
        except OSError as exc:
            raise ValidationError(f"Cadangan tidak dapat diurai ke folder data: {exc}. Data tidak diubah.") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, manifest, total


# ---------------------------------------------------------------------------------------------- databases
def _connect_ro(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    with contextlib.suppress(sqlite3.DatabaseError):
        con.execute("PRAGMA trusted_schema=OFF")
    return con


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from app.db.migrate import _config

    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def _parse_time(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        t = value
    else:
        try:
            t = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _activity(con: sqlite3.Connection) -> Activity:
    last, n_audit = con.execute("SELECT max(at), count(*) FROM audit_log").fetchone()
    cases = con.execute("SELECT count(*) FROM case_file").fetchone()[0]
    users = con.execute("SELECT count(*) FROM app_user WHERE active").fetchone()[0]
    return Activity(_parse_time(last), int(n_audit), int(cases), int(users))


def _check_database(db: Path) -> tuple[str, Activity]:
    """The staged database: sound, with users, of a schema this version knows; (revision, activity)."""
    try:
        con = _connect_ro(db)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise ValidationError(f"Basis data di dalam cadangan rusak: {str(result)[:200]}. Data tidak diubah.")
            try:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                activity = _activity(con)
            except sqlite3.DatabaseError as exc:
                raise ValidationError("Basis data di dalam cadangan bukan basis data Loket PBI "
                                      f"({exc}). Data tidak diubah.") from exc
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError(f"Basis data di dalam cadangan rusak: {exc}. Data tidak diubah.") from exc
    revision = row[0] if row else ""
    if revision not in _known_revisions():
        raise ValidationError(f"Cadangan ini dibuat oleh versi Loket PBI yang lebih baru (skema '{revision[:40]}'). "
                              "Perbarui aplikasi dulu, lalu ulangi pemulihan; data tidak diubah.")
    if activity.users < 1:
        raise ValidationError("Basis data di dalam cadangan tidak berisi satu pun pengguna aktif; ditolak. "
                              "Data tidak diubah.")
    return revision, activity


def _current_activity(dirs: DataDirs) -> Activity | None:
    if not dirs.database.is_file():
        return None
    try:
        con = _connect_ro(dirs.database)
        try:
            return _activity(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def _newer(dirs: DataDirs, current: Activity | None, backup: Activity) -> Newer | None:
    if current is None or current.last_at is None:
        return None
    if backup.last_at is not None and current.last_at <= backup.last_at:
        return None
    since = (backup.last_at or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC).replace(tzinfo=None)
    stamp = since.isoformat(sep=" ")
    try:
        con = _connect_ro(dirs.database)
        try:
            n_audit = con.execute("SELECT count(*) FROM audit_log WHERE at > ?", (stamp,)).fetchone()[0]
            n_cases = con.execute("SELECT count(*) FROM case_file WHERE updated_at > ? OR opened_at > ?",
                                  (stamp, stamp)).fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        n_audit, n_cases = current.audit_entries, current.cases
    return Newer(current.last_at, backup.last_at, int(n_audit), int(n_cases))


# ---------------------------------------------------------------------------------------------- check
def _office_key_to_install(dirs: DataDirs, db: Path, recovery_key: str | None) -> tuple[str, bytes] | None:
    """The office key the restored data needs on this PC: ``None`` when this PC holds it already (or the data
    has no key yet); (office id, key) from ``recovery_key`` when it fits; else :class:`keys.RecoveryKeyNeeded`."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from app.services import backup, keys, recovery

    con = _connect_ro(db)
    try:
        row = con.execute("SELECT value FROM setting WHERE key = 'integrity.office'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        con.close()
    try:
        value = json.loads(row[0]) if row and row[0] else None
    except (TypeError, ValueError):
        value = None
    oid = str(value.get("id")) if isinstance(value, dict) and value.get("id") else None
    if oid is None or not oid.isalnum():
        return None  # data from before the office key: the office makes its key at its first write
    store = keys.KeyStore(dirs.root)
    if store.get(oid) is not None:
        return None
    recovery_key = recovery_key or os.environ.get(backup.ENV_RECOVERY_KEY) or None
    if not recovery_key:
        raise keys.RecoveryKeyNeeded(
            f"Data di dalam cadangan ini memakai kunci kantor (identitas {oid}) yang tidak ada di komputer ini. "
            "Masukkan kunci pemulihan kantor itu (dicatat administrator saat penyiapan). Data tidak diubah.")
    master = keys.parse_recovery(recovery_key)
    engine = create_engine("sqlite://", creator=lambda: _connect_ro(db))
    try:
        with Session(engine) as s:
            fits = recovery.key_fits(s, master)
    except SQLAlchemyError:
        fits = None  # a schema of an earlier version: the seals cannot be read here
    finally:
        engine.dispose()
    if fits is False:
        raise ValidationError("Kunci pemulihan ini bukan milik kantor di dalam cadangan. Data tidak diubah.")
    return oid, master


def _checked(dirs: DataDirs, path: Path, password: str | None, recovery_key: str | None = None,
             progress: Progress | None = None,
             cancelled: Cancelled | None = None) -> tuple[Path, BackupCheck, tuple[str, bytes] | None]:
    staging, manifest, total = _stage(dirs, path, password, recovery_key, progress, cancelled)
    try:
        revision, activity = _check_database(staging / dirs.database.name)
        install = _office_key_to_install(dirs, staging / dirs.database.name, recovery_key)
        current = _current_activity(dirs)
        check = BackupCheck(Path(path), manifest, len(manifest["files"]), total, revision, activity, current,
                            _newer(dirs, current, activity))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, check, install


def check_backup(dirs: DataDirs, path: Path, *, password: str | None = None, recovery_key: str | None = None,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> BackupCheck:
    """Check a backup in full without changing anything: names, sizes, every file's SHA-256, the database
    (sound, with users, a known schema), that this PC holds its office key or ``recovery_key`` is given and fits,
    and how much newer the current data is. The unpacked copy is made
    under the data folder's ``tmp/`` and removed (after a kill: at the next start). ``progress`` and
    ``cancelled``: see the module docstring."""
    lock = _acquire(dirs.root / USE_LOCK, exclusive=False)  # no start-up clean-up removes our copy
    try:
        staging, check, _install = _checked(dirs, Path(path), password, recovery_key, progress, cancelled)
        shutil.rmtree(staging, ignore_errors=True)
        return check
    finally:
        if lock is not None:
            lock.release()


# ---------------------------------------------------------------------------------------------- sign-in
def _sign_in_current(dirs: DataDirs, username: str, password: str) -> bool:
    """Sign in the administrator of the current data. False when it has no data to protect (nothing or
    nobody in it, or it cannot be opened); raises when the sign-in is refused."""
    if not dirs.database.is_file():
        return False
    from app.context import open_office
    from app.services import users

    try:
        office = open_office(dirs.root)
    except LoketError:
        raise
    except Exception:  # a damaged database: the restore is its remedy
        return False
    try:
        from app.services import setup

        if not setup.is_set_up(office):
            return False
        actor = users.login(office, username=username, password=password)
        if ADMIN_ROLE not in actor.roles:
            raise PermissionDenied("Pemulihan cadangan hanya boleh dilakukan oleh administrator.")
        return True
    finally:
        office.close()


def _sign_in_backup(db: Path, username: str, password: str) -> None:
    """Sign in an administrator of the backup itself (read-only: the backup's database is not changed)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    con = _connect_ro(db)
    try:
        row = con.execute("SELECT id, password_hash, active FROM app_user WHERE username = ?",
                          (username.strip().lower(),)).fetchone()
        roles = {r for (r,) in con.execute("SELECT role FROM user_role WHERE user_id = ?", (row[0],))} if row else set()
    finally:
        con.close()
    try:
        ok = bool(row) and bool(row[2]) and PasswordHasher().verify(row[1], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        raise AuthError("Nama pengguna atau kata sandi administrator cadangan salah.")
    if ADMIN_ROLE not in roles:
        raise PermissionDenied("Pemulihan cadangan hanya boleh dilakukan oleh administrator.")


# ---------------------------------------------------------------------------------------------- swap
def _write_journal(dirs: DataDirs, data: dict) -> None:
    path = journal_path(dirs)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _items(dirs: DataDirs) -> list[str]:
    db = dirs.database.name
    return [db, f"{db}-wal", f"{db}-shm", f"{db}-journal", *ARCHIVE_FOLDERS]


def _undo(root: Path, aside: Path, staging: Path, items: list[dict]) -> None:
    """Put every item back as before the swap (see the module docstring); idempotent."""
    for item in reversed(items):
        name, had = item["name"], item["had"]
        place, old, new = root / name, aside / name, staging / name
        if (place.exists() or place.is_symlink()) and (old.exists() or not had):
            if new.exists():  # cannot happen after a rename; be safe: keep the old one
                _remove(place)
            else:
                staging.mkdir(parents=True, exist_ok=True)
                os.replace(place, new)
        if old.exists() and not place.exists():
            os.replace(old, place)
    _fsync_dir(root)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


def rollback_interrupted(dirs: DataDirs) -> list[str]:
    """Undo a restore a kill interrupted (called at the start, with the folder locked exclusively)."""
    path = journal_path(dirs)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        aside, staging = dirs.root / data["aside"], dirs.root / data["staging"]
        items = list(data.get("items", []))
    except (OSError, ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)
        return ["tmp/" + JOURNAL]
    if data.get("state") == "swapping":
        _undo(dirs.root, aside, staging, items)
        with contextlib.suppress(OSError):
            if aside.is_dir() and not any(aside.iterdir()):
                aside.rmdir()
    path.unlink(missing_ok=True)
    import logging

    logging.getLogger("loket").warning("restore interrupted earlier: rolled back (%s)", data.get("state"))
    return ["tmp/" + JOURNAL]


def _swap(dirs: DataDirs, staging: Path) -> Path:
    root = dirs.root
    aside = dirs.backups / f"sebelum-pulih-{datetime.now():%Y%m%d-%H%M%S}"
    n = 1
    while aside.exists():
        n += 1
        aside = dirs.backups / f"sebelum-pulih-{datetime.now():%Y%m%d-%H%M%S}-{n}"
    aside.mkdir(parents=True)
    items = [{"name": name, "had": (root / name).exists()} for name in _items(dirs)]
    journal = {"state": "swapping", "aside": aside.relative_to(root).as_posix(),
               "staging": staging.relative_to(root).as_posix(), "items": items}
    _write_journal(dirs, journal)
    try:
        for item in items:
            name = item["name"]
            if item["had"]:
                os.replace(root / name, aside / name)
            if (staging / name).exists():
                os.replace(staging / name, root / name)
        _fsync_dir(root)
        _fsync_dir(aside)
    except BaseException:
        # Undo at once; if even that fails, the journal stays and the next start finishes the undo.
        _undo(root, aside, staging, items)
        with contextlib.suppress(OSError):
            aside.rmdir()
        journal_path(dirs).unlink(missing_ok=True)
        raise
    journal_path(dirs).unlink()  # the restore is done from this moment
    _fsync_dir(dirs.tmp)
    return aside


def restore(dirs: DataDirs, path: Path, *, username: str, password: str, backup_password: str | None = None,
            recovery_key: str | None = None, discard_newer: bool = False, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> RestoreResult:
    """Replace the data folder's database and archive with a checked backup (see the module docstring).

    The office must be closed (this process included). Returns where the data before the restore is kept.
    Raises :class:`NewerDataError` (nothing changed) when the current data is newer and ``discard_newer``
    was not given; its message says how much newer. ``progress``/``cancelled`` cover the unpacking
    (:class:`RestoreCancelled`, nothing changed); the swap that follows is not cancelled.
    """
    path = Path(path)
    signed_in_on = "current" if _sign_in_current(dirs, username, password) else ""
    lock: FolderLock = restore_lock(dirs.root)
    try:
        recover(dirs)  # a restore killed earlier is rolled back before anything else
        tmp_dir(dirs)
        _write_journal(dirs, {"state": "staging"})  # a start meanwhile is told a restore is running
        staging, check, install = _checked(dirs, path, backup_password, recovery_key, progress, cancelled)
        try:
            if not signed_in_on:
                _sign_in_backup(staging / dirs.database.name, username, password)
                signed_in_on = "backup"
            if check.newer is not None and not discard_newer:
                raise NewerDataError(check.newer.text() + " Konfirmasi sekali lagi untuk tetap memulihkan; "
                                     "data tidak diubah.")
            if install is not None:  # a new PC: the restored office's key, from its recovery key
                from app.services import keys

                keys.KeyStore(dirs.root).put(*install)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            journal_path(dirs).unlink(missing_ok=True)
            raise
        aside = _swap(dirs, staging)  # removes the journal (done) or leaves it for the next start's undo
        shutil.rmtree(staging, ignore_errors=True)
        dirs.ensure()
    except BaseException:
        with contextlib.suppress(OSError):
            data = json.loads(journal_path(dirs).read_text(encoding="utf-8"))
            if data.get("state") == "staging":
                journal_path(dirs).unlink()
        raise
    finally:
        lock.release()
    _record(dirs, path, aside, username, signed_in_on, check, key_installed=install is not None)
    return RestoreResult(aside, check, signed_in_on)


def _record(dirs: DataDirs, path: Path, aside: Path, username: str, signed_in_on: str, check: BackupCheck, *,
            key_installed: bool = False) -> None:
    """Open the restored office once (it is migrated if older) and log the restore in it."""
    from app.context import open_office
    from app.services import audit

    office = open_office(dirs.root)
    try:
        with office.db.write() as s:
            audit.record(s, actor=None, action="backup.restore", entity="backup", entity_id=path.name[:60],
                         new={"by": username, "signed_in_on": signed_in_on, "aside": aside.name,
                              "files": check.files, "discarded_newer": check.newer is not None,
                              "office_key_installed": key_installed})
    finally:
        office.close()
