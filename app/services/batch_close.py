"""Closing a monthly batch (SPEC §4), as named stages of one job.

Like a borg job of vorta (prepare / run / process_result), a close is prepared first — everything that can
refuse is checked before the write lock and a number are taken — then run, then its result is told:

* :meth:`CloseJob.prepare` — permission, period, service definition, settings, the cover letter's template,
  the ZIP password, whether the period has ended (an early close needs a confirmation that names what moves
  to the next period), whether it is already closed;
* :meth:`CloseJob.run` — in **one write transaction**: :meth:`_reserve` (the batch row and its sequence
  number), :meth:`_mark` (the cases join the batch), :meth:`_stream_rows` (frozen rows into ``batch_item``
  and the XLSX/CSV), :meth:`_cover_letter` (the Surat Pengantar with its list), :meth:`_manifest`,
  :meth:`_package` (the ZIP, fsynced and renamed into place) and :meth:`_complete`; only then does the
  transaction commit. A crash or a full disk at any point rolls everything back: no batch, no case marked,
  no number spent, and closing again works. A ZIP left by a kill between the rename and the commit is
  overwritten by the next close (same name) or removed by ``batches.remove_orphan_files``;
* :meth:`CloseJob.result` — the message for the person who closed it.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import exists, func, insert, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from app import __version__
from app.batching import rows as batch_rows
from app.batching.model import (
    BatchSettings,
    CloseCancelled,
    CloseResult,
    EarlyClose,
    EmptyBatch,
    Moving,
    info_of,
    stored_zip_path,
)
from app.batching.periods import (
    first_of_run,
    next_period,
    parse_period,
    period_bounds,
    period_name,
)
from app.batching.writers import (
    DataFileWriter,
    ZipCancelled,
    file_entries,
    write_manifest,
    write_zip_atomically,
)
from app.context import Office
from app.db.models import Batch, BatchItem, Case, Counter, DtsenRecord, OfficeProfile, Person
from app.errors import ConflictError, ValidationError
from app.rules.permissions import Actor, require
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import audit, batch_attachments, letters, puskesos_notices, secrets
from app.services import settings as settings_svc
from app.tempwork import make_temp_dir
from app.timeutil import nama_bulan, tanggal_angka, utcnow

SECTION = "batches"
SECRET_KEY = "batches.secret"
CHUNK = 2000

Progress = Callable[[int, int], None]
CANCELLED = "Penutupan batch dibatalkan; tidak ada yang berubah (tidak ada nomor terpakai, tidak ada berkas)."


class _Empty(Exception):
    pass


class _Exists(Exception):
    pass


def office_zone(s: Session) -> tuple[str, str]:
    """The office's time zone and code (what a batch's periods and sequence counter are in)."""
    p = s.get(OfficeProfile, 1)
    return (p.timezone if p else "WIB"), (p.code if p else "DINSOS")


def closed_periods(s: Session, service_code: str) -> set[str]:
    return set(s.exec(select(Batch.period).where(Batch.service_code == service_code)).all())


def next_sequence(s: Session, service_code: str, office_code: str) -> int:
    """The sequence number the next batch of a service gets (never below one already used)."""
    counter = s.get(Counter, f"batch:{office_code}:{service_code}")
    highest = s.exec(select(func.max(Batch.sequence)).where(Batch.service_code == service_code)).one()
    return max(counter.value if counter else 0, highest or 0) + 1


def moving_cases(s: Session, service_code: str, excluded: Sequence[str]) -> tuple[Moving, ...]:
    """Open cases of a service that have not reached its batch step: an early close sends them on to the
    next period (they join it by themselves when they reach the step)."""
    rows = s.exec(select(Case.id, Case.reg_number, Case.current_step)
                  .where(Case.service_code == service_code, col(Case.batch_id).is_(None),
                         col(Case.batch_ready_at).is_(None), col(Case.closed_at).is_(None),
                         col(Case.status).not_in(tuple(excluded)))
                  .order_by(col(Case.id))).all()
    return tuple(Moving(cid or 0, reg, step) for cid, reg, step in rows)


def registered_in_dtsen():
    """SQL condition: the case's person is in the imported DTSEN extract (correlated to ``case``)."""
    return exists(select(DtsenRecord.nik).join(Person, col(Person.nik) == DtsenRecord.nik)
                  .where(col(Person.id) == Case.person_id))


def _moving_text(moving: tuple[Moving, ...], nxt: str, limit: int = 10) -> str:
    if not moving:
        return f"Tidak ada berkas yang sedang diproses, jadi tidak ada yang pindah ke periode {nxt}."
    shown = ", ".join(m.reg_number for m in moving[:limit])
    more = f" dan {len(moving) - limit} lainnya" if len(moving) > limit else ""
    return (f"{len(moving)} berkas yang belum sampai langkah kolektif ({shown}{more}) akan masuk batch "
            f"periode {nxt} bila sampai langkah itu.")


@dataclass
class CloseJob:
    """One close of one service's batch for one period (see the module docstring for the stages)."""

    office: Office
    actor: Actor
    defn: ServiceDef
    period: str
    cfg: BatchSettings
    progress: Progress | None = None
    with_letters: bool = True
    confirm_early: frozenset[str] | None = None
    now: datetime = field(default_factory=utcnow)
    #: cover letter type and its checked template (path, label, sha256), or None
    cover_type: str = ""
    template: tuple[Path, str, str] | None = None
    zip_password: str | None = None
    #: set by prepare when the period is already closed
    already: CloseResult | None = None
    #: the Puskesos notice's checked template (penonaktifan), or None
    notice_template: tuple[Path, str, str] | None = None
    #: ``packing(bytes_done, bytes_total)`` while the ZIP is written (scans can make it hundreds of MB)
    packing: Progress | None = None
    #: True stops the close (between row chunks, or between ZIP members): everything is rolled back
    cancelled: Callable[[], bool] | None = None

    # run state
    batch: Batch | None = None
    tz_name: str = "WIB"
    office_code: str = ""
    staging: Path | None = None
    writer: DataFileWriter | None = None
    marked: int = 0
    done: int = 0
    cols: list[tuple[str, str]] = field(default_factory=list)
    peserta: list[dict[str, str]] = field(default_factory=list)
    case_letters: list[tuple[str, Path]] = field(default_factory=list)
    missing_letters: list[str] = field(default_factory=list)
    files: list[tuple[str, Path]] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cover_number: str | None = None
    cover_id: int | None = None
    notices: list[dict[str, Any]] = field(default_factory=list)
    attachments_missing: list[str] = field(default_factory=list)

    @property
    def service_code(self) -> str:
        return self.defn.code

    # ------------------------------------------------------------------ prepare
    @classmethod
    def prepare(cls, office: Office, *, actor: Actor, service_code: str, period: str,
                progress: Progress | None = None, with_letters: bool = True,
                confirm_early: Sequence[str] | None = None, now: datetime | None = None,
                packing: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> CloseJob:
        """Check everything that can refuse, before any lock or number. Raises with an Indonesian message."""
        require(actor, "batch.close")
        period = str(period or "").strip()
        parse_period(period)
        service_code = (service_code or "").strip()
        if not service_code:
            raise ValidationError("Sebutkan layanan (mis. penonaktifan).")
        defn = get_definition(office, service_code)
        cfg = settings_svc.load(office, SECTION, BatchSettings)
        job = cls(office, actor, defn, period, cfg, progress, with_letters,
                  None if confirm_early is None else frozenset(str(r).strip() for r in confirm_early),
                  now or utcnow(), packing=packing, cancelled=cancelled)
        if with_letters and defn.cover_letter:
            job.cover_type = defn.cover_letter
            # a broken template is refused before the batch number and the write lock are taken
            job.template = letters.template_check(office, job.cover_type)
        if with_letters and puskesos_notices.wanted(defn.batch_documents):
            job.notice_template = letters.template_check(office, puskesos_notices.LETTER_TYPE)
        job.zip_password = job._password()
        with office.db.read() as s:
            job.already = _already_closed(s, office.dirs.root, service_code, period)
            if job.already is None:
                job.tz_name, _ = office_zone(s)
                job._check_not_future()
                if not s.exec(job._waiting(select(func.count()).select_from(Case), s)).one():
                    raise EmptyBatch(job._empty_message())
                job._check_timing(s)
                if cfg.attachments_in_zip:  # refused before any number when the disk cannot hold the scans
                    ids = s.exec(job._waiting(select(Case.id), s)).all()
                    batch_attachments.check_space(office.dirs.batches, batch_attachments.totals(s, ids)[1])
        return job

    def _password(self) -> str | None:
        if not self.cfg.encrypt:
            return None
        password = secrets.get_secret(self.office, SECRET_KEY)
        if not password:
            raise ValidationError("ZIP batch terenkripsi diaktifkan tetapi kata sandinya belum diatur. "
                                  "Tidak ada batch yang ditutup.")
        return password

    def _check_not_future(self) -> None:
        start, _end = period_bounds(self.period, self.tz_name)
        if self.now < start:
            raise ValidationError(f"Periode {self.period} ({period_name(self.period)}) belum dimulai; batch "
                                  "hanya dapat ditutup untuk bulan yang sudah berakhir.")

    def _waiting(self, query, s: Session):
        """``query`` limited to the cases this batch collects: not in a batch, ready, not refused, ready in
        the period or in the closed months right before it (their late cases come along); for a service whose
        batch step requires DTSEN registration, only cases whose person is in the DTSEN extract."""
        query = self._base(query, s)
        return query.where(registered_in_dtsen()) if self._needs_dtsen() else query

    def _base(self, query, s: Session):
        start, _ = period_bounds(first_of_run(self.period, closed_periods(s, self.service_code)), self.tz_name)
        _, end = period_bounds(self.period, self.tz_name)
        return query.where(Case.service_code == self.service_code, col(Case.batch_id).is_(None),
                           col(Case.batch_ready_at).is_not(None),
                           col(Case.status).not_in(tuple(self.cfg.excluded_statuses)),
                           col(Case.batch_ready_at) >= start, col(Case.batch_ready_at) < end)

    def _needs_dtsen(self) -> bool:
        """The batch step requires DTSEN registration (pbi-baru: the APBN proposal holds DTSEN cases only)."""
        step = self.defn.batch_step
        return step is not None and "dtsen_terdaftar" in step.checks

    def _empty_message(self) -> str:
        return (f"Tidak ada kasus {self.service_code} yang menunggu batch pada periode {self.period}; "
                "batch tidak dibuat.")

    def _check_timing(self, s: Session) -> None:
        """A period is closed after it ends; before, only with a confirmation naming what moves on."""
        self._check_not_future()
        _start, end = period_bounds(self.period, self.tz_name)
        if self.now >= end:
            return
        moving = moving_cases(s, self.service_code, self.cfg.excluded_statuses)
        nxt = next_period(self.period)
        last_day = tanggal_angka(end - timedelta(microseconds=1), self.tz_name)
        if self.confirm_early is None:
            raise EarlyClose(
                f"Periode {self.period} ({period_name(self.period)}) belum berakhir (sampai akhir tanggal "
                f"{last_day}). Menutupnya sekarang perlu konfirmasi. {_moving_text(moving, nxt)} Berkas yang "
                "sampai langkah kolektif sesudah penutupan masuk batch periode berikutnya dengan sendirinya.",
                period=self.period, next_period=nxt, moving=moving)
        unconfirmed = tuple(m for m in moving if m.reg_number not in self.confirm_early)
        if unconfirmed:
            raise EarlyClose(
                f"Sejak konfirmasi, bertambah berkas yang belum sampai langkah kolektif: "
                f"{', '.join(m.reg_number for m in unconfirmed)}. Semuanya akan masuk batch periode {nxt}. "
                "Periksa daftarnya dan konfirmasi lagi; batch belum ditutup.",
                period=self.period, next_period=nxt, moving=moving)

    # ------------------------------------------------------------------ run
    def run(self) -> CloseResult:
        """Close in one write transaction (see the module docstring); returns the result."""
        if self.already is not None:
            return self.already
        self.office.dirs.batches.mkdir(parents=True, exist_ok=True)
        remove_orphan_files(self.office)
        # The CSV/XLSX, the letters and the ZIP before its rename are made in the data folder's tmp/ (full
        # NIKs): removed below, or at the next start after a kill (app.tempwork).
        self.staging = make_temp_dir(self.office.dirs, "batch-")
        try:
            with self.office.db.write() as s:
                self._reserve(s)
                self._mark(s)
                self._stream_rows(s)
                self._cover_letter(s)
                self._puskesos(s)
                self._attachments(s)
                self._manifest(s)
                self._package()
                self._complete(s)
                assert self.batch is not None
                info = info_of(self.batch, root=self.office.dirs.root)
            return self.result(info)
        except _Empty as exc:
            raise EmptyBatch(str(exc)) from None
        except (_Exists, IntegrityError) as exc:
            # Another counter closed the same period at the same moment (PostgreSQL: the unique key on
            # service+period; SQLite: the write lock made us wait, then we saw its batch).
            with self.office.db.read() as s:
                already = _already_closed(s, self.office.dirs.root, self.service_code, self.period)
            if already is not None:
                return already
            raise ConflictError("Batch lain sedang ditutup pada saat yang sama; coba lagi.") from exc
        finally:
            if self.writer is not None:
                self.writer.abort()
            shutil.rmtree(self.staging, ignore_errors=True)

    def _reserve(self, s: Session) -> None:
        """The batch row, with the next sequence number of the service (counter locked until commit)."""
        self.tz_name, self.office_code = office_zone(s)
        if s.exec(select(Batch.id).where(Batch.service_code == self.service_code,
                                         Batch.period == self.period)).first():
            raise _Exists()
        self._check_timing(s)  # again, under the write lock: what moves is exactly what was confirmed
        name = f"batch:{self.office_code}:{self.service_code}"
        counter = s.get(Counter, name, with_for_update=True) or Counter(name=name, value=0)
        counter.value = next_sequence(s, self.service_code, self.office_code)
        s.add(counter)
        self.batch = Batch(service_code=self.service_code, period=self.period, sequence=counter.value,
                           status="closing", created_by=self.actor.id, created_at=self.now)
        s.add(self.batch)
        s.flush()

    def _mark(self, s: Session) -> None:
        """The cases of the period join the batch, with the late ones of the closed months right before it.

        Mark first, then read back what was marked: on PostgreSQL this locks exactly those rows.
        """
        assert self.batch is not None and self.batch.id is not None
        self.marked = cast("CursorResult[Any]", s.execute(
            self._waiting(update(Case), s).values(batch_id=self.batch.id, version=Case.version + 1,
                                                  updated_at=self.now)
        )).rowcount
        if not self.marked:
            raise _Empty(self._empty_message())
        if self._needs_dtsen():
            # what is left of the period's cases is not in DTSEN: never in this batch (they stay out)
            held = s.exec(self._base(select(func.count()).select_from(Case), s)).one()
            if held:
                self.notes.append(f"{held} kasus tidak dimasukkan karena NIK-nya belum terdaftar di DTSEN "
                                  "(dahulu DTKS)")

    def _stream_rows(self, s: Session) -> None:
        """Frozen rows into ``batch_item`` and the data files, in chunks (memory stays flat)."""
        assert self.batch is not None and self.batch.id is not None and self.staging is not None
        self.cols = batch_rows.columns_for(self.defn, self.cfg.extra_columns.get(self.service_code, []))
        keys = [k for k, _label in self.cols]
        self.writer = DataFileWriter(self.staging, self._stem(), [label for _k, label in self.cols],
                                     sheet_title=self.period)
        item_table = SQLModel.metadata.tables[BatchItem.__tablename__]
        with_list = bool(self.cover_type)
        individual = self.with_letters and self.defn.batch_letters
        after = 0
        while True:
            chunk = s.execute(batch_rows.row_query(self.batch.id, after, CHUNK, self.defn.product)).all()
            if not chunk:
                break
            items = []
            for r in chunk:
                c = batch_rows.case_row(r)
                row = batch_rows.build_row(self.cols, c, self.tz_name)
                self.writer.write([row[k] for k in keys])
                if with_list:
                    self.peserta.append(batch_rows.peserta(c, row))
                if individual:
                    found = _letter_files(self.office, c.letter_number, c.letter_docx, c.letter_pdf)
                    if not found:
                        self.missing_letters.append(c.reg_number)
                    self.case_letters.extend(found)
                items.append({"batch_id": self.batch.id, "case_id": c.case_id, "nik": c.person.nik, "row": row,
                              "feedback_status": "", "feedback_reason": ""})
                after = c.case_id
            # Core executemany (no ORM bulk bookkeeping), in the session's transaction.
            s.connection().execute(insert(item_table), items)
            self.done += len(chunk)
            if self.progress:
                self.progress(self.done, self.marked)
            if self.cancelled and self.cancelled():
                raise CloseCancelled(CANCELLED)
        self.writer.close()
        self.files = [(self.writer.xlsx_path.name, self.writer.xlsx_path),
                      (self.writer.csv_path.name, self.writer.csv_path)]

    def _cover_letter(self, s: Session) -> None:
        """The Surat Pengantar with the list of the batch's people, numbered in this transaction."""
        if not self.cover_type:
            return
        assert self.batch is not None
        year, month = parse_period(self.period)
        cover = letters.issue_letter_in(
            s, self.office, actor=self.actor, letter_type=self.cover_type, batch_id=self.batch.id,
            template=self.template,
            data={"peserta": self.peserta,
                  "periode": {"nama": period_name(self.period), "bulan": nama_bulan(month), "tahun": str(year),
                              "urutan": str(self.batch.sequence)},
                  "layanan": {"kode": self.service_code, "nama": self.defn.name},
                  "jumlah": str(self.done),
                  # the chain's head as the batch closes: an auditor compares it with `loket-pbi check --kepala`
                  "rantai_audit": audit.head_text(s)})
        self.peserta = []
        self.cover_number, self.cover_id = cover.number, cover.id
        stem = f"surat_pengantar_{_safe(cover.number)}"
        self.files.append((f"{stem}.docx", Path(cover.docx_path)))
        if cover.pdf_path and Path(cover.pdf_path).is_file():
            self.files.append((f"{stem}.pdf", Path(cover.pdf_path)))

    def _puskesos(self, s: Session) -> None:
        """Penonaktifan: the notice to the Puskesos of each kelurahan with its list (``puskesos_notices``)."""
        if self.notice_template is None:
            return
        assert self.batch is not None and self.staging is not None
        made = puskesos_notices.issue_in(s, self.office, actor=self.actor, batch=self.batch,
                                         service_name=self.defn.name, folder=self.staging,
                                         template=self.notice_template)
        self.files.extend(made.files)
        self.notices = made.letters
        self.notes.extend(made.notes)

    def _attachments(self, s: Session) -> None:
        """By setting: the scans of the batch's cases under ``berkas/<nomor registrasi>/`` (``batch_attachments``)."""
        if not self.cfg.attachments_in_zip:
            return
        assert self.batch is not None and self.batch.id is not None
        packed = batch_attachments.files_of_batch(s, self.office, self.batch.id)
        self.files.extend(packed.files)
        self.attachments_missing = packed.missing
        if packed.files:
            self.notes.append(f"{len(packed.files)} lampiran berkas ({batch_attachments.size_text(packed.size)}) ikut "
                              "dalam ZIP")
        if packed.missing:
            self.notes.append(f"{len(packed.missing)} lampiran tidak ikut karena hilang atau berubah")

    def _manifest(self, s: Session) -> None:
        """``manifest.json``: what the ZIP holds and who closed it, with each file's SHA-256."""
        assert self.batch is not None and self.staging is not None
        m: dict[str, Any] = {
            "format": "loket-pbi-batch/1",
            "app_version": __version__,
            "office": _office_manifest(s),
            "service": {"code": self.service_code, "name": self.defn.name, "product": self.defn.product},
            "period": self.period,
            "sequence": self.batch.sequence,
            "batch_id": self.batch.id,
            "record_count": self.done,
            "columns": [{"key": k, "header": label} for k, label in self.cols],
            "csv": {"encoding": "utf-8-sig", "delimiter": ","},
            "created_by": {"id": self.actor.id, "username": self.actor.username, "name": self.actor.full_name},
            "created_at": self.now.isoformat(),
            "cover_letter": None,
            # the audit chain's head when the batch closed (printed; compare with `loket-pbi check --kepala`)
            "audit_head": audit.head_info(s),
        }
        if self.cover_number is not None:
            m["cover_letter"] = {"number": self.cover_number, "letter_id": self.cover_id,
                                 "letter_type": self.cover_type}
        if self.notice_template is not None:
            m["puskesos_notices"] = self.notices
        if self.cfg.attachments_in_zip:
            m["attachments"] = sum(1 for n, _p in self.files if n.startswith(batch_attachments.FOLDER + "/"))
            m["attachments_missing"] = self.attachments_missing
        if self.with_letters and self.defn.batch_letters:
            self.files.extend(self.case_letters)
            m["individual_letters"] = len(self.case_letters)
            if self.missing_letters:
                m["cases_without_letter"] = self.missing_letters
                self.notes.append(f"{len(self.missing_letters)} kasus tanpa surat individual di arsip")
        m["files"] = file_entries(self.files)
        path = self.staging / "manifest.json"
        write_manifest(path, m)
        self.files.append(("manifest.json", path))
        self.manifest = m

    def _package(self) -> None:
        """The ZIP, written to a temporary file, fsynced and renamed into place (before the commit)."""
        assert self.batch is not None
        dest = self.office.dirs.batches / f"{self._stem()}.zip"
        try:
            digest = write_zip_atomically(dest, self.files, password=self.zip_password, work_dir=self.staging,
                                          progress=self.packing, cancelled=self.cancelled)
        except ZipCancelled:
            raise CloseCancelled(CANCELLED) from None
        # relative to the data folder: an office restored into another folder still finds it (batches/…)
        self.batch.zip_path, self.batch.zip_sha256 = stored_zip_path(self.office.dirs.root, dest), digest

    def _complete(self, s: Session) -> None:
        assert self.batch is not None
        self.batch.status = "closed"
        self.batch.record_count = self.done
        self.batch.manifest = self.manifest
        s.add(self.batch)
        audit.record(s, actor=self.actor, action="batch.close", entity="batch", entity_id=self.batch.id,
                     new={"service": self.service_code, "period": self.period, "sequence": self.batch.sequence,
                          "record_count": self.done, "zip_sha256": self.batch.zip_sha256, "full_nik_export": True})
        s.flush()

    def _stem(self) -> str:
        assert self.batch is not None
        return f"{self.service_code}_{self.period}_{self.batch.sequence:03d}"

    # ------------------------------------------------------------------ result
    def result(self, info) -> CloseResult:
        msg = (f"Batch {self.service_code} periode {self.period} ditutup: nomor urut {info.sequence}, "
               f"{info.record_count} kasus, berkas {Path(info.zip_path).name}.")
        if self.notes:
            msg += " Catatan: " + "; ".join(self.notes) + "."
        return CloseResult(info, True, msg, [n for n, _ in self.files], cover_letter=self.cover_number is not None)


def _already_closed(s: Session, root: Path, service_code: str, period: str) -> CloseResult | None:
    existing = s.exec(select(Batch).where(Batch.service_code == service_code, Batch.period == period)).first()
    if existing is None:
        return None
    return CloseResult(info_of(existing, root=root), False,
                       f"Batch {service_code} periode {period} sudah ditutup sebelumnya "
                       f"(nomor urut {existing.sequence}, {existing.record_count} kasus); "
                       "tidak dibuat batch kedua.")


def _office_manifest(s: Session) -> dict[str, str]:
    p = s.get(OfficeProfile, 1)
    if p is None:
        return {}
    return {"code": p.code, "government": p.government, "agency": p.agency, "region": p.region_name}


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


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


def remove_orphan_files(office: Office, *, older_than_seconds: float = 6 * 3600) -> list[str]:
    """Remove unclaimed ZIPs left by a crash (never a batch's ZIP), and the staging folders and temporary
    ZIPs an earlier version kept in ``batches/`` (a close now works in ``tmp/``, emptied at the next start).

    A close renames its ZIP into place just before its transaction commits (so a committed batch always
    has its file); a kill between the two leaves a ZIP with full NIKs that no batch names. Such a file,
    like any other leftover, is removed once older than ``older_than_seconds``, so a close running right
    now on this PC keeps its files.
    """
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
