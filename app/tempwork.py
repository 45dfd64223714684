"""Temporary work inside the data folder (``tmp/``), and what a killed process left there.

Work that holds personal data only for a while — a restore's staging copy, the copy a backup check
unpacks, a batch close's CSV/XLSX and its ZIP before the rename — is written under ``<data>/tmp/``, never
to the system's temp folder: it stays with the data (same rights, same disk, same encryption at rest), a
rename from it into place is one step on one file system, and what a kill leaves behind is found again.

:func:`recover` runs when an office is opened and nobody else has the data folder open (it holds the
folder's lock exclusively for that moment): an interrupted restore is rolled back (app.services.restore's
journal), then everything in ``tmp/`` is removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from app.datalock import USE_LOCK, DataFolderBusy, FolderLock, _acquire
from app.paths import DataDirs

#: the journal of a restore in progress (app.services.restore), inside tmp/
JOURNAL = "pulih.json"

#: how long opening waits for a short exclusive holder (another process's clean-up) before refusing
OPEN_WAIT_SECONDS = 15.0


def tmp_dir(dirs: DataDirs) -> Path:
    folder = dirs.tmp
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def make_temp_dir(dirs: DataDirs, prefix: str) -> Path:
    """A new private folder under ``tmp/`` (removed by its user, or at the next start after a kill)."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=tmp_dir(dirs)))


def journal_path(dirs: DataDirs) -> Path:
    return dirs.tmp / JOURNAL


def leftovers(dirs: DataDirs) -> bool:
    """Anything for :func:`recover` to do?"""
    if journal_path(dirs).exists():
        return True
    try:
        return dirs.tmp.is_dir() and any(dirs.tmp.iterdir())
    except OSError:
        return False


def recover(dirs: DataDirs) -> list[str]:
    """Roll back a killed restore and empty ``tmp/``. The caller holds the folder's lock exclusively."""
    from app.services.restore import rollback_interrupted

    done = rollback_interrupted(dirs)
    if dirs.tmp.is_dir():
        for p in dirs.tmp.iterdir():
            with contextlib.suppress(OSError):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink()
                done.append(f"tmp/{p.name}")
    return done


def open_lock(dirs: DataDirs) -> FolderLock:
    """The shared lock of an opening office, after the clean-up of a killed process's leftovers.

    When there are leftovers and nobody else has the folder open, the lock is taken exclusively for the
    clean-up, then shared. A moment's exclusive holder (another opening's clean-up) is waited for; a
    restore that is running is not (the caller is told to wait for it).
    """
    root = dirs.root
    deadline = time.monotonic() + OPEN_WAIT_SECONDS
    while True:
        if leftovers(dirs):
            excl = _acquire(root / USE_LOCK, exclusive=True)
            if excl is not None:
                try:
                    recover(dirs)
                finally:
                    excl.release()
        lock = _acquire(root / USE_LOCK, exclusive=False)
        if lock is not None:
            return lock
        if journal_path(dirs).exists() or time.monotonic() > deadline:
            raise DataFolderBusy(f"Pemulihan cadangan sedang berjalan pada folder data {root}. Tunggu sampai "
                                 "selesai, lalu buka kembali Loket PBI.")
        time.sleep(0.05)
