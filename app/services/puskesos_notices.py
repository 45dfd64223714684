"""The monthly deactivation notice to the Puskesos of each kelurahan/desa (seed Cirebon, step 8).

When a ``penonaktifan`` batch closes (its service definition lists ``pemberitahuan_puskesos`` among its
``batch_documents``), every kelurahan/desa where deactivated participants live gets:

* a letter (``pemberitahuan_puskesos``, signed by the Kepala Dinas, numbered in the office's register like the
  other collective letters) with the list of its cards as attachment, and
* the same list as an XLSX,

both in the batch ZIP under ``puskesos/<kelurahan>/``. A kelurahan with no deactivated card that month gets
no letter. The NIK is masked in both (``197101********01``): the Puskesos identifies its residents by name,
address and card number; the full NIK goes to BPJS only (the batch's data file).

The letters are issued inside the close's write transaction (:func:`issue_in`): if the close fails, no number
is spent. :func:`issue_for_batch` makes the notices of a batch that is already closed (closed before this
existed, or after a template fix): kelurahan that already have a notice for that batch are skipped, so
running it twice issues nothing twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.batching.cells import clean_texts
from app.batching.periods import parse_period, period_name
from app.batching.xlsx import XlsxTextWriter
from app.context import Office
from app.db.models import Batch, BatchItem, Letter, OfficeProfile
from app.errors import NotFound, ValidationError
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, require
from app.services import letters
from app.timeutil import nama_bulan

LETTER_TYPE = "pemberitahuan_puskesos"
FOLDER = "puskesos"
#: the columns of the per-kelurahan list (header, key of the frozen batch row or of the notice row)
LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("No", "no"), ("Nama", "nama"), ("NIK (tersamar)", "nik"), ("Nomor kartu JKN-KIS", "no_kartu"),
    ("Alamat", "alamat"), ("RT", "rt"), ("RW", "rw"), ("Kelurahan/Desa", "kelurahan"),
    ("Kode kelurahan/desa", "kode_kelurahan"), ("Kecamatan", "kecamatan"), ("Alasan penonaktifan", "alasan"),
    ("Nomor surat rekomendasi", "nomor_surat"), ("Tanggal surat", "tanggal_surat"),
)


@dataclass(frozen=True)
class Area:
    """One kelurahan/desa of a batch's deactivated cards."""

    kelurahan: str
    code: str
    kecamatan: str

    @property
    def key(self) -> str:
        return self.code or self.kelurahan.strip().upper()

    @property
    def slug(self) -> str:
        text = f"{self.code}_{self.kelurahan}" if self.code else self.kelurahan
        return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:60] or "tanpa-nama"


@dataclass
class Notices:
    """What :func:`issue_in` made: the files for the ZIP (name in the ZIP, path), the letters, and notes."""

    files: list[tuple[str, Path]] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def wanted(batch_documents: Iterable[str]) -> bool:
    """The service definition asks for the Puskesos notices."""
    return LETTER_TYPE in tuple(batch_documents)


def _area_of(row: dict[str, Any]) -> Area | None:
    name = str(row.get("kelurahan") or "").strip()
    code = str(row.get("kode_kelurahan") or "").strip()
    if not name and not code:
        return None
    return Area(name or code, code, str(row.get("kecamatan") or "").strip())


def group_rows(rows: Iterable[dict[str, Any]]) -> tuple[dict[str, tuple[Area, list[dict[str, Any]]]], int]:
    """The frozen batch rows by kelurahan/desa (code, else name), in first-seen order; and how many rows name
    none (they cannot be told to any Puskesos)."""
    groups: dict[str, tuple[Area, list[dict[str, Any]]]] = {}
    without = 0
    for row in rows:
        area = _area_of(row)
        if area is None:
            without += 1
            continue
        groups.setdefault(area.key, (area, []))[1].append(row)
    return groups, without


def notice_row(i: int, row: dict[str, Any]) -> dict[str, str]:
    """One line of a notice (the letter's attachment and the XLSX), the NIK masked."""
    nik = str(row.get("nik") or "")
    return {"no": str(i), "nama": str(row.get("nama") or ""), "nik": mask_nik(nik) if nik else "",
            "no_kartu": str(row.get("nomor_kartu") or ""), "alamat": str(row.get("alamat") or ""),
            "rt": str(row.get("rt") or ""), "rw": str(row.get("rw") or ""),
            "kelurahan": str(row.get("kelurahan") or ""), "kode_kelurahan": str(row.get("kode_kelurahan") or ""),
            "kecamatan": str(row.get("kecamatan") or ""), "alasan": str(row.get("alasan") or ""),
            "nomor_surat": str(row.get("nomor_surat") or ""), "tanggal_surat": str(row.get("tanggal_surat") or "")}


def _wilayah(area: Area, profile: OfficeProfile | None) -> dict[str, str]:
    city = bool(profile and profile.region_kind.upper() == "KOTA")
    sebutan = f"{'Kelurahan' if city else 'Kelurahan/Desa'} {area.kelurahan}"
    di = f"Kecamatan {area.kecamatan}" if area.kecamatan else (profile.city if profile else "")
    return {"kelurahan": area.kelurahan, "kode": area.code, "kecamatan": area.kecamatan, "sebutan": sebutan,
            "kecamatan_di": di}


def _letter_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for r in rows:
        rt_rw = f" RT {r['rt']}/RW {r['rw']}" if r["rt"] or r["rw"] else ""
        out.append({**r, "alamat": f"{r['alamat']}{rt_rw}".strip()})
    return out


def write_list(path: Path, period: str, rows: list[dict[str, str]]) -> None:
    """The XLSX list of one kelurahan's deactivated cards (every cell text)."""
    writer = XlsxTextWriter(path, [h for h, _k in LIST_COLUMNS], sheet_title=f"Nonaktif {period}")
    try:
        for r in rows:
            writer.append(clean_texts(r[k] for _h, k in LIST_COLUMNS))
        writer.close()
    except BaseException:
        writer.abort()
        raise


def _existing(s: Session, batch_id: int) -> set[str]:
    """Area keys that already have a (not voided) notice for the batch."""
    out = set()
    for data in s.exec(select(Letter.data).where(Letter.batch_id == batch_id, Letter.letter_type == LETTER_TYPE,
                                                 Letter.status != "voided")).all():
        w = (data or {}).get("wilayah") or {}
        out.add(str(w.get("kode") or "").strip() or str(w.get("kelurahan") or "").strip().upper())
    return out


def _frozen_rows(s: Session, batch_id: int) -> list[dict[str, Any]]:
    return [dict(r or {}) for r in s.exec(select(BatchItem.row).where(BatchItem.batch_id == batch_id)
                                          .order_by(col(BatchItem.case_id))).all()]


def issue_in(s: Session, office: Office, *, actor: Actor, batch: Batch, service_name: str, folder: Path,
             template: tuple[Path, str, str] | None = None) -> Notices:
    """Issue the notices of ``batch`` (its frozen rows are in ``batch_item``) inside the caller's write
    transaction, and write each kelurahan's XLSX into ``folder``. Returns the files for the ZIP."""
    assert batch.id is not None
    out = Notices()
    groups, without = group_rows(_frozen_rows(s, batch.id))
    if without:
        out.notes.append(f"{without} kartu tanpa kelurahan/desa tidak masuk pemberitahuan Puskesos")
    done = _existing(s, batch.id)
    profile = s.get(OfficeProfile, 1)
    year, month = parse_period(batch.period)
    periode = {"nama": period_name(batch.period), "bulan": nama_bulan(month), "tahun": str(year),
               "urutan": str(batch.sequence)}
    for key, (area, raw) in groups.items():
        if key in done:
            continue
        rows = [notice_row(i, r) for i, r in enumerate(raw, 1)]
        info = letters.issue_letter_in(
            s, office, actor=actor, letter_type=LETTER_TYPE, batch_id=batch.id, template=template,
            data={"peserta": _letter_rows(rows), "periode": periode, "wilayah": _wilayah(area, profile),
                  "layanan": {"kode": batch.service_code, "nama": service_name}, "jumlah": str(len(rows))})
        sub = f"{FOLDER}/{area.slug}"
        out.files.append((f"{sub}/pemberitahuan_{_safe(info.number)}.docx", Path(info.docx_path)))
        xlsx = folder / f"daftar_nonaktif_{area.slug}_{batch.period}.xlsx"
        write_list(xlsx, batch.period, rows)
        out.files.append((f"{sub}/{xlsx.name}", xlsx))
        out.letters.append({"number": info.number, "letter_id": info.id, "kelurahan": area.kelurahan,
                            "kode_kelurahan": area.code, "kecamatan": area.kecamatan, "count": len(rows)})
    return out


@dataclass(frozen=True)
class IssuedNotices:
    """What :func:`issue_for_batch` made for a closed batch."""

    letters: list[dict[str, Any]]
    files: list[Path]
    message: str


def issue_for_batch(office: Office, *, actor: Actor, batch_id: int, dest: Path) -> IssuedNotices:
    """The Puskesos notices of an already closed batch of a service whose definition lists them, i.e.
    penonaktifan (supervisor action, ``loket-pbi batch puskesos``): letters for the kelurahan that have none
    yet for it, their lists copied into ``dest``. The batch's ZIP stays as it was closed (it may have been
    delivered already)."""
    import shutil

    from app.servicedefs import get as get_definition
    from app.tempwork import make_temp_dir

    require(actor, "batch.close")
    with office.db.read() as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise NotFound(f"Batch #{batch_id} tidak ditemukan.")
        if batch.status != "closed":
            raise ValidationError(f"Batch {batch.service_code} periode {batch.period} belum selesai ditutup.")
        code = batch.service_code
    defn = get_definition(office, code)
    if not wanted(defn.batch_documents):
        raise ValidationError(f"Pemberitahuan kepada Puskesos hanya untuk batch layanan yang definisinya menyebut "
                              f"'{LETTER_TYPE}' pada batch_documents; layanan '{code}' tidak.")
    template = letters.template_check(office, LETTER_TYPE)
    staging = make_temp_dir(office.dirs, "puskesos-")
    try:
        with office.db.write() as s:
            batch = s.get(Batch, batch_id)
            assert batch is not None
            made = issue_in(s, office, actor=actor, batch=batch, service_name=defn.name, folder=staging,
                            template=template)
        dest = Path(dest)
        dest.mkdir(parents=True, exist_ok=True)
        copied = []
        for name, path in made.files:
            target = dest / Path(name).relative_to(FOLDER)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not made.letters:
        msg = (f"Batch {code} periode {batch.period}: tidak ada pemberitahuan Puskesos baru (setiap "
               "kelurahan/desa sudah mendapatkannya, atau tidak ada kartu yang dinonaktifkan).")
    else:
        msg = (f"{len(made.letters)} surat pemberitahuan Puskesos diterbitkan untuk batch {code} periode "
               f"{batch.period} ({', '.join(m['kelurahan'] for m in made.letters)}); surat dan daftarnya disalin "
               f"ke {dest}.")
    if made.notes:
        msg += " Catatan: " + "; ".join(made.notes) + "."
    return IssuedNotices(made.letters, copied, msg)


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)
