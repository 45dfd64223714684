"""One office per PC: the data folder is per machine (ProgramData on Windows), not per Windows user.

Earlier versions kept the office in each user's ``%LOCALAPPDATA%``, so officers with separate Windows logins
on one counter PC each got their own office. The installer now creates the per-machine folder and lets every
user of the PC change it (packaging/loket-pbi.iss); the first start of the new version moves the starting
user's old office there, once:

1. copy the old folder into a staging folder inside the machine folder (new files inherit the machine
   folder's permissions — a moved file would keep its user-only permissions) and compare every file's
   SHA-256;
2. write ``DIPINDAHKAN.txt`` into the old folder (from here on the move counts as done);
3. move the staged entries into place (renames on one volume);
4. rename the old folder to ``LoketPBI.dipindahkan-<time>`` — kept, never deleted, as a safety copy.

A start interrupted anywhere resumes or starts over safely: before step 2 the staging folder is discarded and
the copy made again; after it, steps 3–4 are finished. Each step is logged, and recorded in
``logs/pemindahan-data.txt`` of the machine folder. If both folders already hold an office, nothing is
moved and the start is refused with what to do.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from app.errors import LoketError

log = logging.getLogger(__name__)

STAGING = ".pindahan-sementara"
MARKER = "DIPINDAHKAN.txt"
RECORD = Path("logs") / "pemindahan-data.txt"
#: files whose presence means "an office lives here": the embedded database, or a PC's config (PostgreSQL)
OFFICE_FILES = ("loket-pbi.sqlite3", "config.json")


class TwoOffices(LoketError):
    """The machine folder and this user's old folder both hold an office: nothing is moved."""


def holds_office(folder: Path) -> bool:
    return any((folder / name).exists() for name in OFFICE_FILES)


def _record(machine: Path, text: str) -> None:
    log.info("data folder move: %s", text)
    path = machine / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(f"{datetime.now().astimezone().isoformat(timespec='seconds')} {text}\n")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _copy_verified(source: Path, staging: Path) -> int:
    """Copy every file of ``source`` below ``staging``; raises if a copy differs. Returns the file count."""
    count = 0
    for path in sorted(source.rglob("*")):
        target = staging / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)  # contents only: permissions come from the machine folder
        if _sha256(path) != _sha256(target):
            raise OSError(f"salinan {target} berbeda dari {path}")
        count += 1
    return count


def _finish(machine: Path, user: Path) -> None:
    """Steps 3–4: staged entries into place, the old folder renamed."""
    staging = machine / STAGING
    if staging.exists():
        for entry in sorted(staging.iterdir()):
            destination = machine / entry.name
            if destination.is_dir() and entry.is_dir():
                # e.g. logs/ made by this start: merge, the moved files win
                for inner in sorted(entry.rglob("*")):
                    if inner.is_file():
                        (destination / inner.relative_to(entry)).parent.mkdir(parents=True, exist_ok=True)
                        os.replace(inner, destination / inner.relative_to(entry))
                shutil.rmtree(entry)
            else:
                os.replace(entry, destination)
        staging.rmdir()
    kept = user.with_name(f"{user.name}.dipindahkan-{datetime.now():%Y%m%d-%H%M%S}")
    os.replace(user, kept)
    _record(machine, f"selesai; folder lama disimpan sebagai {kept}")


def move_user_office(machine: Path, user: Path) -> Path:
    """Make ``machine`` the office of this PC, moving this user's old office there once. Returns ``machine``."""
    if user.exists() and (user / MARKER).exists():
        _finish(machine, user)  # a start that stopped after step 2
        return machine
    if not (user.exists() and holds_office(user)):
        return machine
    if holds_office(machine):
        raise TwoOffices(
            f"Komputer ini sudah memiliki data kantor di {machine}, tetapi pengguna Windows ini juga masih "
            f"memiliki data lama di {user}. Keduanya tidak digabung otomatis dan tidak ada yang diubah. "
            f"Pakai data komputer: buat cadangan data lama lalu ubah nama folder {user}. Pakai data lama: "
            f"pindahkan folder {machine} ke tempat lain (jangan dihapus) lalu buka Loket PBI lagi. Untuk "
            f"melihat data lama saja: loket-pbi --data-dir \"{user}\".")
    machine.mkdir(parents=True, exist_ok=True)
    staging = machine / STAGING
    if staging.exists():
        shutil.rmtree(staging)  # an interrupted copy: start over
    _record(machine, f"mulai memindahkan data kantor dari {user} ke {machine}")
    try:
        count = _copy_verified(user, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        _record(machine, f"gagal menyalin, tidak ada yang diubah: {exc}")
        raise LoketError(
            f"Data kantor lama di {user} tidak dapat dipindahkan ke {machine} ({exc}). Tidak ada yang diubah; "
            f"periksa ruang disk dan hak akses folder itu, lalu buka Loket PBI lagi.") from exc
    (user / MARKER).write_text(f"Data kantor ini telah dipindahkan ke {machine}.\n", encoding="utf-8")
    _record(machine, f"{count} berkas disalin dan diperiksa (SHA-256)")
    _finish(machine, user)
    return machine
