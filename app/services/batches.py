"""Monthly collective batches (SPEC §4): close, freeze, write one ZIP; list; carry a case over.

Closing runs in **one write transaction**: the batch row is created, the eligible cases are marked
with it, their rows are frozen into ``batch_item`` and streamed into the XLSX and CSV, the ZIP is
written to a temporary file, fsynced and renamed into place, and only then is the batch completed
and the transaction committed. A crash or a full disk at any point rolls the whole transaction
back: no batch is recorded, no case is marked sent, and closing again works. A ZIP left behind by a
crash between the rename and the commit is simply overwritten by the next close (same name).

The batch step of each service sets ``case_file.batch_ready_at``; a batch for period ``YYYY-MM``
collects every case of that service whose ``batch_ready_at`` falls in that month (office time zone)
and that is not yet in a batch. A case left out (it became ready after its month was closed) joins
a later batch only through :func:`carry_case`, which is logged.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import func, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app import __version__
from app.batching.writers import DataFileWriter, file_entries, write_manifest, write_zip_atomically
from app.context import Office
from app.db.models import (
    Batch,
    BatchItem,
    Case,
    Counter,
    Delivery,
    DtsenRecord,
    Family,
    Letter,
    OfficeProfile,
    Person,
)
from app.errors import ConflictError, LoketError, NotFound, ValidationError
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, allowed, require
from app.services import audit, secrets
from app.services import settings as settings_svc
from app.timeutil import utcnow, zone

SECTION = "batches"
CHUNK = 2000
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

#: (key, header) of the default columns, in order (SPEC §4).
DEFAULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nik", "NIK"),
    ("no_kk", "No KK"),
    ("nama", "Nama"),
    ("tempat_lahir", "Tempat lahir"),
    ("tanggal_lahir", "Tanggal lahir"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("status_kawin", "Status kawin"),
    ("hubungan_keluarga", "Hubungan keluarga"),
    ("alamat", "Alamat"),
    ("rt", "RT"),
    ("rw", "RW"),
    ("kelurahan", "Kelurahan/Desa"),
    ("kode_kelurahan", "Kode Kelurahan/Desa"),
    ("kecamatan", "Kecamatan"),
    ("kode_kecamatan", "Kode Kecamatan"),
    ("kode_pos", "Kode pos"),
    ("kode_fktp", "Kode FKTP"),
    ("no_hp", "No HP"),
    ("nomor_kartu", "Nomor kartu"),
    ("nomor_surat", "Nomor surat"),
    ("tanggal_surat", "Tanggal surat"),
    ("desil", "Desil"),
)

#: Columns only some services carry.
SERVICE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "penonaktifan": (("alasan", "Alasan"),),
    "jamkesda": (("skor", "Skor"), ("peringkat", "Peringkat")),
}

SERVICE_NAMES = {
    "pbi-baru": "Pengajuan PBI JK",
    "jamkesda": "Jaminan Kesehatan Daerah (PBPU/BP Pemda)",
    "reaktivasi-sk": "Surat Keterangan Reaktivasi PBI JK",
    "reaktivasi-rekom": "Surat Rekomendasi Reaktivasi PBI JK",
    "penonaktifan": "Penonaktifan KIS PBI-APBD",
}


SECRET_KEY = "batches.secret"


def set_batch_password(office: Office, *, actor: Actor, password: str) -> None:
    """Store the password of encrypted batch ZIPs (logged without the password itself)."""
    secrets.set_secret(office, actor=actor, key=SECRET_KEY, password=password, action="batch.password_set",
                       label="batch")


def _batch_password(office: Office, cfg: BatchSettings) -> str | None:
    if not cfg.encrypt:
        return None
    password = secrets.get_secret(office, SECRET_KEY)
    if not password:
        raise ValidationError("ZIP batch terenkripsi diaktifkan tetapi kata sandinya belum diatur. "
                              "Tidak ada batch yang ditutup.")
    return password


@dataclass(frozen=True)
class BatchSettings:
    """Setting section ``batches``.

    ``extra_columns``: per service, extra ``[header, key in case data]`` pairs appended to the data file.
    ``cover_letters``: per service, the letter type of the collective cover letter (Surat Pengantar) with
    its attachment list; a service not listed uses the first of its definition's ``batch_documents``
    (``""`` = none). ``individual_letters``: services whose batch ZIP also carries each case's letter.
    ``excluded_statuses``: cases in these statuses are never collected (refused after the batch step).
    """

    extra_columns: dict[str, list[list[str]]] = field(default_factory=dict)
    cover_letters: dict[str, str] = field(default_factory=dict)
    individual_letters: tuple[str, ...] = ("penonaktifan",)
    #: AES-256 password protection of the batch ZIP (password: :func:`set_batch_password`; the
    #: receiving office needs it too, so agree on it with BPJS/Kemensos before switching this on)
    encrypt: bool = False
    excluded_statuses: tuple[str, ...] = ("ditolak", "dibatalkan")


@dataclass(frozen=True)
class BatchInfo:
    id: int
    service_code: str
    period: str
    sequence: int
    status: str
    record_count: int
    zip_path: str
    zip_sha256: str
    created_by: int | None
    created_at: datetime
    delivered_at: datetime | None
    delivery_receipt: str
    delivery_attempts: int = 0
    last_error: str = ""
    feedback_received: int = 0


@dataclass(frozen=True)
class CloseResult:
    """What :func:`close_batch` did. ``created`` is False when the period was already closed."""

    batch: BatchInfo
    created: bool
    message: str
    files: list[str] = field(default_factory=list)
    cover_letter: bool = False


# --------------------------------------------------------------------------- helpers


def parse_period(period: str) -> tuple[int, int]:
    m = _PERIOD.match(str(period or "").strip())
    if not m:
        raise ValidationError(f"Periode '{period}' tidak sah: tulis sebagai TTTT-BB, mis. 2026-11.")
    return int(m.group(1)), int(m.group(2))


def period_bounds(period: str, tz_name: str = "WIB") -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive) of the month in the office's zone, as UTC datetimes."""
    year, month = parse_period(period)
    tz = zone(tz_name)
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def period_of(moment: datetime, tz_name: str = "WIB") -> str:
    return moment.astimezone(zone(tz_name)).strftime("%Y-%m")


def columns_for(service_code: str, cfg: BatchSettings | None = None) -> list[tuple[str, str]]:
    cols = list(DEFAULT_COLUMNS)
    extra = SERVICE_COLUMNS.get(service_code, ())
    if extra and service_code == "penonaktifan":
        at = [k for k, _ in cols].index("tanggal_surat") + 1
        cols[at:at] = list(extra)
    else:
        cols.extend(extra)
    if cfg:
        for pair in cfg.extra_columns.get(service_code, []):
            if len(pair) >= 2 and pair[0]:
                cols.append((f"data.{pair[1]}", str(pair[0])))
    return cols


def _fmt_date(value: date | datetime | None, tz_name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(zone(tz_name)).date()
    if value.year >= 1000:  # what strftime gives, without its cost (called for every row of a batch)
        return f"{value.day:02d}-{value.month:02d}-{value.year}"
    return value.strftime("%d-%m-%Y")


def _first(data: dict, *keys: str) -> str:
    for k in keys:
        v = data.get(k)
        if v not in (None, ""):
            return str(v)
    return ""


def _reason(data: dict, outcome_reason: str) -> str:
    """The deactivation reason as printed: the workflow's label, else the label of its code."""
    text = _first(data, "alasan", "reason")
    if text:
        return text
    code = _first(data, "reason_code")
    if code:
        try:
            from app.rules.eligibility import DEACTIVATION_REASONS
        except ImportError:  # pragma: no cover
            return code
        return DEACTIVATION_REASONS.get(code, code)
    return outcome_reason


def _office_zone(session: Session) -> tuple[str, str]:
    p = session.get(OfficeProfile, 1)
    return (p.timezone if p else "WIB"), (p.code if p else "DINSOS")


def _info(b: Batch, *, attempts: int = 0, last_error: str = "", feedback: int = 0) -> BatchInfo:
    return BatchInfo(id=b.id or 0, service_code=b.service_code, period=b.period, sequence=b.sequence,
                     status=b.status, record_count=b.record_count, zip_path=b.zip_path, zip_sha256=b.zip_sha256,
                     created_by=b.created_by, created_at=b.created_at, delivered_at=b.delivered_at,
                     delivery_receipt=b.delivery_receipt, delivery_attempts=attempts, last_error=last_error,
                     feedback_received=feedback)


#: The person's fields a frozen row and the cover letter's list use (selected as plain columns).
_PERSON_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "marital_status", "address", "rt", "rw",
                  "kelurahan", "kelurahan_code", "kecamatan", "kecamatan_code", "postal_code", "fktp_code",
                  "phone", "card_number")


@dataclass(slots=True)
class _PersonRow:
    """The person part of one row of :func:`_row_query` (read like a :class:`Person`)."""

    nik: str
    name: str
    birth_place: str
    birth_date: date | None
    sex: str
    marital_status: str
    address: str
    rt: str
    rw: str
    kelurahan: str
    kelurahan_code: str
    kecamatan: str
    kecamatan_code: str
    postal_code: str
    fktp_code: str
    phone: str
    card_number: str | None


def _row_query(batch_id: int, after_id: int, limit: int):
    latest = (
        select(col(Letter.case_id).label("case_id"), func.max(Letter.id).label("letter_id"))
        .where(Letter.status == "issued", col(Letter.case_id).is_not(None))
        .group_by(col(Letter.case_id))
        .subquery()
    )
    # Plain columns, no Person objects: each row is a tuple whose ``person`` part has the attributes
    # build_row and _peserta read (building 50,000 ORM objects was a tenth of a large close).
    return (
        sa_select(col(Case.id), col(Case.reg_number), col(Case.family_relation), Case.data, col(Case.outcome_reason),
                  *(getattr(Person, name) for name in _PERSON_FIELDS),
                  col(Family.no_kk), col(DtsenRecord.desil), col(Letter.number), col(Letter.issued_at),
                  col(Letter.docx_path), col(Letter.pdf_path))
        .join(Person, col(Person.id) == Case.person_id)
        .outerjoin(Family, col(Family.id) == Case.family_id)
        .outerjoin(DtsenRecord, col(DtsenRecord.nik) == Person.nik)
        .outerjoin(latest, latest.c.case_id == Case.id)
        .outerjoin(Letter, col(Letter.id) == latest.c.letter_id)
        .where(col(Case.batch_id) == batch_id, col(Case.id) > after_id)
        .order_by(col(Case.id))
        .limit(limit)
    )


def build_row(cols: list[tuple[str, str]], *, person: Person | _PersonRow, no_kk: str | None, relation: str,
              data: dict,
              outcome_reason: str, desil: int | None, letter_number: str | None, letter_at: datetime | None,
              tz_name: str) -> dict[str, str]:
    """The frozen row of one case: ``{column key: text}``."""
    data = data or {}
    values = {
        "nik": person.nik,
        "no_kk": no_kk or "",
        "nama": person.name,
        "tempat_lahir": person.birth_place,
        "tanggal_lahir": _fmt_date(person.birth_date, tz_name),
        "jenis_kelamin": person.sex,
        "status_kawin": person.marital_status,
        "hubungan_keluarga": relation,
        "alamat": person.address,
        "rt": person.rt,
        "rw": person.rw,
        "kelurahan": person.kelurahan,
        "kode_kelurahan": person.kelurahan_code,
        "kecamatan": person.kecamatan,
        "kode_kecamatan": person.kecamatan_code,
        "kode_pos": person.postal_code,
        "kode_fktp": person.fktp_code,
        "no_hp": person.phone,
        "nomor_kartu": person.card_number or "",
        "nomor_surat": letter_number or "",
        "tanggal_surat": _fmt_date(letter_at, tz_name),
        "desil": "" if desil is None else str(desil),
        "alasan": _reason(data, outcome_reason),
        "skor": _first(data, "skor", "score"),
        "peringkat": _first(data, "peringkat", "rank"),
    }
    row: dict[str, str] = {}
    for key, _label in cols:
        if key.startswith("data."):
            row[key] = _first(data, key[5:])
        else:
            v = values.get(key)
            row[key] = "" if v is None else v if v.__class__ is str else str(v)
    return row


# --------------------------------------------------------------------------- close


Progress = Callable[[int, int], None]


def close_batch(office: Office, *, actor: Actor, service_code: str, period: str,
                progress: Progress | None = None, with_letters: bool = True) -> CloseResult:
    """Close the batch of ``service_code`` for ``period`` (``YYYY-MM``).

    Returns the existing batch (``created=False``) if that period is already closed. Raises
    :class:`ValidationError` when no case is waiting (nothing is created). ``progress(done, total)``
    is called while rows are written (for a progress bar).
    """
    require(actor, "batch.close")
    parse_period(period)
    service_code = (service_code or "").strip()
    if not service_code:
        raise ValidationError("Sebutkan layanan (mis. penonaktifan).")
    cfg = settings_svc.load(office, SECTION, BatchSettings)
    letters = _letters_module() if with_letters else None
    letter_type = _cover_letter_type(office, cfg, service_code) if with_letters else None
    template = None
    if letters is not None and letter_type:
        # Refuse a broken template before taking the batch number and the write lock.
        template = letters.template_check(office, letter_type)
    individual = with_letters and service_code in cfg.individual_letters
    zip_password = _batch_password(office, cfg)

    already = _already_closed(office, service_code, period)
    if already is not None:
        return already

    office.dirs.batches.mkdir(parents=True, exist_ok=True)
    remove_orphan_files(office)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=office.dirs.batches))
    writer: DataFileWriter | None = None
    try:
        with office.db.write() as s:
            tz_name, office_code = _office_zone(s)
            if s.exec(select(Batch.id).where(Batch.service_code == service_code, Batch.period == period)).first():
                raise _Exists()
            start, end = period_bounds(period, tz_name)
            counter_name = f"batch:{office_code}:{service_code}"
            counter = s.get(Counter, counter_name, with_for_update=True)
            if counter is None:
                counter = Counter(name=counter_name, value=0)
            # never below a sequence already used (e.g. after the office code was changed)
            highest = s.exec(select(func.max(Batch.sequence)).where(Batch.service_code == service_code)).one()
            counter.value = max(counter.value, highest or 0) + 1
            s.add(counter)
            now = utcnow()
            batch = Batch(service_code=service_code, period=period, sequence=counter.value, status="closing",
                          created_by=actor.id, created_at=now)
            s.add(batch)
            s.flush()
            assert batch.id is not None
            # Mark first, then read back what was marked: on PostgreSQL this locks exactly those rows.
            marked = cast("CursorResult[Any]", s.execute(
                update(Case)
                .where(col(Case.service_code) == service_code, col(Case.batch_id).is_(None),
                       col(Case.batch_ready_at).is_not(None),
                       col(Case.status).not_in(tuple(cfg.excluded_statuses)),
                       col(Case.batch_ready_at) >= start, col(Case.batch_ready_at) < end)
                .values(batch_id=batch.id, version=Case.version + 1, updated_at=now)
            )).rowcount
            if not marked:
                raise _Empty(f"Tidak ada kasus {service_code} yang menunggu batch pada periode {period}; "
                             "batch tidak dibuat.")
            cols = columns_for(service_code, cfg)
            stem = f"{service_code}_{period}_{batch.sequence:03d}"
            writer = DataFileWriter(staging, stem, [label for _k, label in cols], sheet_title=f"{period}")
            after, done = 0, 0
            keys = [k for k, _label in cols]
            n_person = 5 + len(_PERSON_FIELDS)
            item_table = BatchItem.metadata.tables[BatchItem.__tablename__]
            peserta: list[dict[str, str]] = []
            case_letters: list[tuple[str, Path]] = []
            missing_letters: list[str] = []
            while True:
                rows = s.execute(_row_query(batch.id, after, CHUNK)).all()
                if not rows:
                    break
                items = []
                for r in rows:
                    case_id, reg, relation, data, outcome_reason = r[:5]
                    person = _PersonRow(*r[5:n_person])
                    no_kk, desil, l_no, l_at, l_docx, l_pdf = r[n_person:]
                    row = build_row(cols, person=person, no_kk=no_kk, relation=relation, data=data,
                                    outcome_reason=outcome_reason, desil=desil, letter_number=l_no,
                                    letter_at=l_at, tz_name=tz_name)
                    writer.write([row[k] for k in keys])
                    if letter_type and letters is not None:
                        peserta.append(_peserta(person, row, data, outcome_reason))
                    if individual:
                        found = _letter_files(office, l_no, l_docx, l_pdf)
                        if not found:
                            missing_letters.append(reg)
                        case_letters.extend(found)
                    items.append({"batch_id": batch.id, "case_id": case_id, "nik": person.nik, "row": row,
                                  "feedback_status": "", "feedback_reason": ""})
                    after = case_id
                # Core executemany (no ORM bulk bookkeeping), in the session's transaction.
                s.connection().execute(insert(item_table), items)
                done += len(rows)
                if progress:
                    progress(done, marked)
            writer.close()
            files = [(writer.xlsx_path.name, writer.xlsx_path), (writer.csv_path.name, writer.csv_path)]
            manifest: dict[str, Any] = {
                "format": "loket-pbi-batch/1",
                "app_version": __version__,
                "office": _office_manifest(s),
                "service": {"code": service_code, "name": SERVICE_NAMES.get(service_code, service_code)},
                "period": period,
                "sequence": batch.sequence,
                "batch_id": batch.id,
                "record_count": done,
                "columns": [{"key": k, "header": label} for k, label in cols],
                "csv": {"encoding": "utf-8-sig", "delimiter": ","},
                "created_by": {"id": actor.id, "username": actor.username, "name": actor.full_name},
                "created_at": now.isoformat(),
            }
            notes: list[str] = []
            manifest["cover_letter"] = None
            if letter_type and letters is None:
                notes.append("surat pengantar tidak disertakan (modul surat belum terpasang)")
            elif letter_type and letters is not None:
                cover = letters.issue_letter_in(
                    s, office, actor=actor, letter_type=letter_type, batch_id=batch.id, template=template,
                    data={"peserta": peserta, "periode": _periode(period, batch.sequence),
                          "layanan": {"kode": service_code, "nama": SERVICE_NAMES.get(service_code, service_code)},
                          "jumlah": str(done)})
                del peserta
                manifest["cover_letter"] = {"number": cover.number, "letter_id": cover.id}
                stem_letter = f"surat_pengantar_{_safe(cover.number)}"
                files.append((f"{stem_letter}.docx", Path(cover.docx_path)))
                if cover.pdf_path and Path(cover.pdf_path).is_file():
                    files.append((f"{stem_letter}.pdf", Path(cover.pdf_path)))
            if individual:
                files.extend(case_letters)
                manifest["individual_letters"] = len(case_letters)
                if missing_letters:
                    manifest["cases_without_letter"] = missing_letters
                    notes.append(f"{len(missing_letters)} kasus tanpa surat individual di arsip")
            manifest["files"] = file_entries(files)
            manifest_path = staging / "manifest.json"
            write_manifest(manifest_path, manifest)
            files.append(("manifest.json", manifest_path))
            dest = office.dirs.batches / f"{stem}.zip"
            digest = write_zip_atomically(dest, files, password=zip_password)
            batch.status = "closed"
            batch.record_count = done
            batch.zip_path = str(dest)
            batch.zip_sha256 = digest
            batch.manifest = manifest
            s.add(batch)
            audit.record(s, actor=actor, action="batch.close", entity="batch", entity_id=batch.id,
                         new={"service": service_code, "period": period, "sequence": batch.sequence,
                              "record_count": done, "zip_sha256": digest, "full_nik_export": True})
            s.flush()
            info = _info(batch)
            names = [n for n, _ in files]
            cover_number = (manifest.get("cover_letter") or {}).get("number")
        msg = (f"Batch {service_code} periode {period} ditutup: nomor urut {info.sequence}, "
               f"{info.record_count} kasus, berkas {Path(info.zip_path).name}.")
        if notes:
            msg += " Catatan: " + "; ".join(notes) + "."
        return CloseResult(info, True, msg, names, cover_letter=cover_number is not None)
    except _Empty as exc:
        raise EmptyBatch(str(exc)) from None
    except (_Exists, IntegrityError) as exc:
        # Another counter closed the same period at the same moment (PostgreSQL: the unique key on
        # service+period; SQLite: the write lock made us wait, then we saw its batch).
        already = _already_closed(office, service_code, period)
        if already is not None:
            return already
        raise ConflictError("Batch lain sedang ditutup pada saat yang sama; coba lagi.") from exc
    finally:
        if writer is not None:
            writer.abort()
        shutil.rmtree(staging, ignore_errors=True)


class _Empty(Exception):
    pass


class _Exists(Exception):
    pass


def _already_closed(office: Office, service_code: str, period: str) -> CloseResult | None:
    with office.db.read() as s:
        existing = s.exec(select(Batch).where(Batch.service_code == service_code, Batch.period == period)).first()
        if existing is None:
            return None
        return CloseResult(_info(existing), False,
                           f"Batch {service_code} periode {period} sudah ditutup sebelumnya "
                           f"(nomor urut {existing.sequence}, {existing.record_count} kasus); "
                           "tidak dibuat batch kedua.")


class EmptyBatch(ValidationError):
    """No case of the service is waiting for a batch in that period; nothing was created."""


def _office_manifest(s: Session) -> dict[str, str]:
    p = s.get(OfficeProfile, 1)
    if p is None:
        return {}
    return {"code": p.code, "government": p.government, "agency": p.agency, "region": p.region_name}


def _cover_letter_type(office: Office, cfg: BatchSettings, service_code: str) -> str | None:
    if service_code in cfg.cover_letters:
        return cfg.cover_letters[service_code] or None
    try:
        from app.servicedefs import get as get_definition

        defn = get_definition(office, service_code)
    except (ImportError, LoketError):
        return None
    docs = tuple(getattr(defn, "batch_documents", ()) or ())
    return docs[0] if docs else None


def _letters_module() -> Any:
    """The letters service, or ``None`` where it is not installed (the ZIP then carries no letters)."""
    try:
        from app.services import letters
    except ImportError:
        return None
    return letters if hasattr(letters, "issue_letter_in") else None


_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember")


def _periode(period: str, sequence: int) -> dict[str, str]:
    year, month = parse_period(period)
    return {"nama": f"{_MONTHS_ID[month - 1]} {year}", "bulan": _MONTHS_ID[month - 1], "tahun": str(year),
            "urutan": str(sequence)}


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


def _peserta(person: Person | _PersonRow, row: dict[str, str], data: dict, outcome_reason: str) -> dict[str, str]:
    """One line of the cover letter's attachment list (keys as the letter templates expect)."""
    rt_rw = f" RT {person.rt}/RW {person.rw}" if person.rt or person.rw else ""
    return {"nama": person.name, "nik": person.nik, "no_kk": row.get("no_kk", ""),
            "no_kartu": person.card_number or "", "tanggal_lahir": row.get("tanggal_lahir", ""),
            "jenis_kelamin": person.sex, "alamat": f"{person.address}{rt_rw}", "kelurahan": person.kelurahan,
            "kecamatan": person.kecamatan,
            "alasan": _reason(data or {}, outcome_reason),
            "nomor_surat": row.get("nomor_surat", ""), "tanggal_surat": row.get("tanggal_surat", ""),
            "desil": row.get("desil", ""), "skor": _first(data or {}, "skor", "score"),
            "peringkat": _first(data or {}, "peringkat", "rank"), "keterangan": ""}


def _letter_files(office: Office, number: str | None, docx: str | None, pdf: str | None) -> list[tuple[str, Path]]:
    """The archived files of a case's own letter, as (name in the ZIP, path)."""
    out = []
    for stored, ext in ((docx, "docx"), (pdf, "pdf")):
        if not stored or not number:
            continue
        p = Path(stored)
        p = p if p.is_absolute() else office.dirs.letters / p
        if p.is_file():
            out.append((f"surat/{_safe(number)}.{ext}", p))
    return out


# --------------------------------------------------------------------------- list / read


def list_batches(office: Office, *, actor: Actor, service_code: str | None = None,
                 pending_only: bool = False) -> list[BatchInfo]:
    require(actor, "batch.list")
    with office.db.read() as s:
        q = select(Batch).where(Batch.status != "closing")
        if service_code:
            q = q.where(Batch.service_code == service_code)
        if pending_only:
            q = q.where(Batch.status == "closed")
        batches = s.exec(q.order_by(Batch.service_code, col(Batch.sequence))).all()
        out = []
        for b in batches:
            attempts = s.exec(select(func.count()).select_from(Delivery).where(Delivery.batch_id == b.id)).one()
            last = s.exec(select(Delivery).where(Delivery.batch_id == b.id, col(Delivery.ok).is_(False))
                          .order_by(col(Delivery.id).desc())).first()
            fb = s.exec(select(func.count()).select_from(BatchItem)
                        .where(BatchItem.batch_id == b.id, BatchItem.feedback_status != "")).one()
            out.append(_info(b, attempts=int(attempts), last_error=last.error if last else "", feedback=int(fb)))
        return out


def verify_batch(office: Office, *, actor: Actor, batch_id: int) -> list[str]:
    """Re-check a closed batch's ZIP: its SHA-256, every file against the manifest, the record count.

    Returns the problems found (empty = the ZIP is exactly what was closed).
    """
    import csv
    import hashlib
    import io
    import json
    import zipfile

    from app.batching.writers import sha256_file

    require(actor, "batch.list")
    with office.db.read() as s:
        b = s.get(Batch, batch_id)
        if b is None:
            raise NotFound(f"Batch #{batch_id} tidak ditemukan.")
        zip_path, digest, manifest, count = Path(b.zip_path), b.zip_sha256, dict(b.manifest or {}), b.record_count
    if not zip_path.is_file():
        return [f"Berkas {zip_path} tidak ada."]
    problems = []
    if sha256_file(zip_path) != digest:
        problems.append(f"SHA-256 {zip_path.name} tidak sama dengan saat batch ditutup (berkas diubah atau rusak).")
    import pyzipper

    try:
        with pyzipper.AESZipFile(zip_path) as zf:
            if any(i.flag_bits & 0x1 for i in zf.infolist()):
                password = secrets.get_secret(office, SECRET_KEY)
                if not password:
                    return problems + [f"{zip_path.name} terenkripsi, tetapi kata sandi batch belum diatur."]
                zf.setpassword(password.encode("utf-8"))
            bad = zf.testzip()
            if bad:
                problems.append(f"Berkas {bad} di dalam ZIP rusak.")
            inside = json.loads(zf.read("manifest.json"))
            if inside != json.loads(json.dumps(manifest)):
                problems.append("manifest.json di dalam ZIP tidak sama dengan catatan di basis data.")
            for entry in inside.get("files", []):
                try:
                    data = zf.read(entry["name"])
                except KeyError:
                    problems.append(f"{entry['name']} tercantum di manifest tetapi tidak ada di ZIP.")
                    continue
                if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                    problems.append(f"SHA-256 {entry['name']} tidak sama dengan manifest.")
                if entry["name"].endswith(".csv"):
                    rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")))) - 1
                    if rows != count:
                        problems.append(f"{entry['name']} berisi {rows} baris, tercatat {count} kasus.")
    except (zipfile.BadZipFile, KeyError, ValueError, RuntimeError) as exc:
        problems.append(f"{zip_path.name} bukan ZIP batch yang utuh (atau kata sandinya salah): {exc}")
    return problems


def get_batch(office: Office, batch_id: int) -> BatchInfo:
    with office.db.read() as s:
        b = s.get(Batch, batch_id)
        if b is None:
            raise NotFound(f"Batch #{batch_id} tidak ditemukan.")
        return _info(b)


def batch_items(office: Office, *, actor: Actor, batch_id: int) -> list[dict[str, Any]]:
    """The frozen rows of a batch with their feedback (for the screen).

    NIK and No KK are masked for roles without ``nik.view_full`` (the row data too).
    """
    require(actor, "batch.list")
    full = allowed(actor, "nik.view_full")
    with office.db.read() as s:
        items = s.exec(select(BatchItem).where(BatchItem.batch_id == batch_id)
                       .order_by(col(BatchItem.case_id))).all()
        regs = dict(s.exec(select(Case.id, Case.reg_number).where(Case.batch_id == batch_id)).all())
        out = []
        for i in items:
            row = dict(i.row)
            if not full:
                for key in ("nik", "no_kk"):
                    if row.get(key):
                        row[key] = mask_nik(str(row[key]))
            out.append({"case_id": i.case_id, "reg_number": regs.get(i.case_id, ""),
                        "nik": i.nik if full else mask_nik(i.nik), "row": row,
                        "feedback_status": i.feedback_status, "feedback_reason": i.feedback_reason, "tmt": i.tmt})
        return out


def delivery_history(office: Office, *, actor: Actor, batch_id: int) -> list[dict[str, Any]]:
    """Every delivery attempt of a batch, oldest first: when, where, whether it worked, receipt or error."""
    require(actor, "batch.list")
    from app.services import outbox

    return outbox.attempts(office, batch_id)


def suggested_period(office: Office, *, actor: Actor, service_code: str, today: date | None = None) -> str:
    """The period a supervisor most likely wants to close for ``service_code``.

    The oldest period, up to the current month, that has cases waiting and is not closed yet; when
    nothing waits, last month (the usual first-days-of-the-month close). Never a future month.
    """
    require(actor, "batch.list")
    with office.db.read() as s:
        tz_name, _ = _office_zone(s)
    today = today or datetime.now(zone(tz_name)).date()
    current = f"{today.year:04d}-{today.month:02d}"
    waiting = sorted({w["period"] for w in waiting_cases(office, actor=actor, service_code=service_code)
                      if not w["period_closed"] and w["period"] <= current})
    if waiting:
        return waiting[0]
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def waiting_cases(office: Office, *, actor: Actor, service_code: str) -> list[dict[str, Any]]:
    """Cases ready for a batch but not yet in one, with the period they would join (for the screen)."""
    require(actor, "batch.list")
    with office.db.read() as s:
        tz_name, _ = _office_zone(s)
        rows = s.exec(select(Case.id, Case.reg_number, Case.batch_ready_at)
                      .where(Case.service_code == service_code, col(Case.batch_id).is_(None),
                             col(Case.batch_ready_at).is_not(None))
                      .order_by(col(Case.batch_ready_at))).all()
        closed = set(s.exec(select(Batch.period).where(Batch.service_code == service_code)).all())
        out = []
        for cid, reg, ready in rows:
            assert ready is not None  # selected where batch_ready_at is not null
            p = period_of(ready, tz_name)
            out.append({"case_id": cid, "reg_number": reg, "ready_at": ready, "period": p,
                        "period_closed": p in closed})
        return out


def carry_case(office: Office, *, actor: Actor, case_id: int, to_period: str, reason: str) -> None:
    """Carry a case that missed its month into the batch of ``to_period`` (explicit and logged)."""
    require(actor, "batch.carry")
    parse_period(to_period)
    if not (reason or "").strip():
        raise ValidationError("Alasan memindahkan kasus ke batch berikutnya wajib diisi.")
    with office.db.write() as s:
        case = s.get(Case, case_id, with_for_update=True)
        if case is None:
            raise NotFound(f"Kasus #{case_id} tidak ditemukan.")
        if case.batch_id is not None:
            raise ValidationError(f"Kasus {case.reg_number} sudah masuk batch; tidak dapat dipindahkan.")
        if case.batch_ready_at is None:
            raise ValidationError(f"Kasus {case.reg_number} belum mencapai langkah batch.")
        if s.exec(select(Batch.id).where(Batch.service_code == case.service_code,
                                         Batch.period == to_period)).first():
            raise ValidationError(f"Batch periode {to_period} sudah ditutup; pilih periode yang belum ditutup.")
        tz_name, _ = _office_zone(s)
        start, _end = period_bounds(to_period, tz_name)
        old = case.batch_ready_at
        if start < old:
            raise ValidationError("Kasus hanya dapat dipindahkan ke periode berikutnya, bukan ke belakang.")
        case.batch_ready_at = start
        case.version += 1
        case.updated_at = utcnow()
        s.add(case)
        audit.record(s, actor=actor, action="batch.carry", entity="case", entity_id=case_id,
                     old={"batch_ready_at": old.isoformat()},
                     new={"batch_ready_at": start.isoformat(), "period": to_period, "reason": reason.strip()})


def remove_orphan_files(office: Office, *, older_than_seconds: float = 6 * 3600) -> list[str]:
    """Remove staging folders, temporary ZIPs and unclaimed ZIPs left by a crash (never a batch's ZIP).

    A close renames its ZIP into place just before its transaction commits (so a committed batch always
    has its file); a kill between the two leaves a ZIP with full NIKs that no batch names. Such a file,
    like any other leftover, is removed once older than ``older_than_seconds``, so a close running right
    now on this PC keeps its files.
    """
    import time

    removed: list[str] = []
    folder = office.dirs.batches
    if not folder.is_dir():
        return removed
    with office.db.read() as s:
        claimed = {Path(z).name for z in s.exec(select(Batch.zip_path)).all() if z}
    limit = time.time() - older_than_seconds
    for p in folder.iterdir():
        try:
            if p.stat().st_mtime > limit:
                continue
        except OSError:
            continue
        if p.name.startswith(".staging-") and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p.name)
        elif (p.name.startswith(".") and p.name.endswith(".tmp")) or (
                p.suffix == ".zip" and p.is_file() and p.name not in claimed):
            with contextlib.suppress(OSError):
                p.unlink()
                removed.append(p.name)
    return removed

