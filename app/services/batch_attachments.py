"""The requirement documents of a month's cases in the batch ZIP (seed Cirebon: "berkas persyaratan disimpan
secara kolektif per bulan"), by the office setting ``batches.attachments_in_zip`` (default off).

Each case's scans go under ``berkas/<nomor registrasi>/`` in the ZIP. Before a close the size is estimated
(:func:`totals`, shown by ``closable_periods`` and the close dialog) and a warning is given above
``batches.attachments_warn_mb``; a close also refuses to start when the data folder's disk cannot hold the
ZIP (:func:`check_space`). A scan whose file is missing or no longer matches its SHA-256 is left out and named
in the manifest (``attachments_missing``), never packed as it is now. The close itself stays one transaction
with the ZIP written to a temporary file and renamed into place before the commit (``batch_close``): a crash
or a full disk leaves no batch, no half ZIP and no case marked.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Attachment, Case
from app.errors import ValidationError
from app.services.attachments import safe_name, sha256_file

FOLDER = "berkas"
MB = 1024 * 1024


def size_text(size: int) -> str:
    """``1,5 MB`` / ``230 KB`` (Indonesian decimal comma)."""
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB" if size else "0 KB"


def totals(s: Session, case_ids: Iterable[int]) -> tuple[int, int]:
    """(number of scans, bytes) of these cases."""
    ids = list(case_ids)
    count = size = 0
    for i in range(0, len(ids), 500):
        n, b = s.exec(select(func.count(), func.coalesce(func.sum(Attachment.size), 0))
                      .where(col(Attachment.case_id).in_(ids[i:i + 500]))).one()
        count, size = count + int(n or 0), size + int(b or 0)
    return count, size


def warning(count: int, size: int, warn_mb: int) -> str:
    """The warning shown before a close whose scans exceed the threshold; ``""`` below it."""
    if size <= warn_mb * MB:
        return ""
    return (f"Lampiran berkas yang ikut dalam ZIP batch berjumlah {count} berkas ({size_text(size)}), melebihi "
            f"batas peringatan {warn_mb} MB. ZIP sebesar itu lama dibuat dan dikirim, dan mungkin tidak muat di "
            "flashdisk atau lampiran surel. Lanjutkan hanya bila memang harus dikirim bersama; pengaturannya di "
            "Pengaturan → Batch bulanan.")


def check_space(folder: Path, size: int) -> None:
    """Refuse before any number is taken when the disk cannot hold the ZIP and its temporary copy."""
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    need = size + 50 * MB
    if free < need:
        raise ValidationError(f"Ruang disk di folder data tidak cukup untuk ZIP batch beserta lampirannya (perlu "
                              f"sekitar {size_text(need)}, tersedia {size_text(free)}). Kosongkan ruang disk atau "
                              "matikan 'lampiran dalam ZIP' di Pengaturan → Batch bulanan. Tidak ada batch yang "
                              "ditutup.")


@dataclass
class Packed:
    """The scans to pack: (name in the ZIP, path), and the ones left out with the reason."""

    files: list[tuple[str, Path]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    size: int = 0


def files_of_batch(s: Session, office: Office, batch_id: int) -> Packed:
    """The checked scans of the cases of ``batch_id`` (one folder per case, names made unique)."""
    out = Packed()
    rows = s.exec(select(Case.reg_number, Attachment.file_name, Attachment.stored_path, Attachment.sha256)
                  .join(Case, col(Case.id) == Attachment.case_id)
                  .where(col(Case.batch_id) == batch_id)
                  .order_by(col(Case.id), col(Attachment.id))).all()
    used: set[str] = set()
    for reg, name, rel, sha in rows:
        path = office.dirs.attachments / rel
        if not path.is_file():
            out.missing.append(f"{reg}: {name} (berkas hilang)")
            continue
        if sha256_file(path) != sha:
            out.missing.append(f"{reg}: {name} (berubah sejak disimpan)")
            continue
        folder = f"{FOLDER}/{safe_name(reg)}"
        base = safe_name(name) or "lampiran"
        arc, n = f"{folder}/{base}", 1
        while arc in used:
            n += 1
            stem, dot, ext = base.rpartition(".")
            arc = f"{folder}/{stem}-{n}.{ext}" if dot else f"{folder}/{base}-{n}"
        used.add(arc)
        out.files.append((arc, path))
        out.size += path.stat().st_size
    return out
