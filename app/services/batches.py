"""Monthly collective batches (SPEC §4): close, list, verify, periods that can be closed, carry a case over.

The batch step of each service sets ``case_file.batch_ready_at``. A batch for period ``YYYY-MM`` collects
every case of that service whose ``batch_ready_at`` falls in that month (office time zone) and that is not
yet in a batch — and also the late cases of months already closed right before it: a case that reaches the
batch step after its month was closed (early, or simply before it arrived) joins the next period by itself,
never stranded. A period is closed after it ends; closing the running month needs a confirmation that names
the open cases that will move to the next period (:class:`EarlyClose`).

Closing itself is :mod:`app.services.batch_close` (named stages in one transaction). Service names, batch
columns, the product letter and the cover letter come from the service definitions alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from app.batching.model import (
    BatchInfo,
    BatchSettings,
    ClosablePeriod,
    CloseCancelled,
    CloseResult,
    EarlyClose,
    EmptyBatch,
    Moving,
    info_of,
    zip_file,
)
from app.batching.periods import (
    effective_period,
    next_period,
    parse_period,
    period_bounds,
    period_name,
    period_of,
    previous_period,
)
from app.batching.rows import columns_for as _columns_for
from app.context import Office
from app.db.models import Batch, BatchItem, Case, Delivery
from app.errors import NotFound, ValidationError
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, allowed, require
from app.servicedefs import get as get_definition
from app.servicedefs import load_all
from app.services import audit, batch_attachments, secrets
from app.services.batch_close import (
    SECRET_KEY,
    SECTION,
    CloseJob,
    Progress,
    closed_periods,
    moving_cases,
    next_sequence,
    office_zone,
    remove_orphan_files,
)
from app.timeutil import office_today, utcnow

__all__ = [
    "SECRET_KEY", "SECTION", "BatchInfo", "BatchSettings", "ClosablePeriod", "CloseResult", "EarlyClose",
    "CloseCancelled", "EmptyBatch", "Moving", "batch_items", "carry_case", "close_batch", "closable_periods",
    "columns_for",
    "delivery_history", "get_batch", "list_batches", "parse_period", "period_bounds", "period_of",
    "remove_orphan_files", "set_batch_password", "suggested_period", "verify_batch", "waiting_cases",
]


def set_batch_password(office: Office, *, actor: Actor, password: str) -> None:
    """Store the password of encrypted batch ZIPs (logged without the password itself)."""
    secrets.set_secret(office, actor=actor, key=SECRET_KEY, password=password, action="batch.password_set",
                       label="batch")


def columns_for(service_code: str, cfg: BatchSettings | None = None, office: Office | None = None
                ) -> list[tuple[str, str]]:
    """(key, header) of a service's batch file, from its service definition and the office's extra columns."""
    defn = get_definition(office, service_code)
    return _columns_for(defn, (cfg.extra_columns.get(service_code, []) if cfg else []))


def close_batch(office: Office, *, actor: Actor, service_code: str, period: str,
                progress: Progress | None = None, with_letters: bool = True,
                confirm_early: Sequence[str] | None = None, now: datetime | None = None,
                packing: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> CloseResult:
    """Close the batch of ``service_code`` for ``period`` (``YYYY-MM``).

    Returns the existing batch (``created=False``) if that period is already closed. Raises
    :class:`EmptyBatch` when no case is waiting and :class:`EarlyClose` when the month has not ended and
    ``confirm_early`` (the registration numbers of the open cases that move to the next period, as
    :func:`closable_periods` lists them) is missing or no longer complete; nothing is created then.
    ``progress(done, total)`` is called while rows are written and ``packing(bytes_done, bytes_total)`` while
    the ZIP is written (for a progress bar); ``cancelled()`` returning True stops with :class:`CloseCancelled`,
    everything rolled back.
    """
    return CloseJob.prepare(office, actor=actor, service_code=service_code, period=period, progress=progress,
                            with_letters=with_letters, confirm_early=confirm_early, now=now, packing=packing,
                            cancelled=cancelled).run()


def _batch_services(office: Office) -> dict[str, Any]:
    """Service definitions that have a collective batch step, by code."""
    return {code: d for code, d in load_all(office).items() if d.batch_step is not None}


def closable_periods(office: Office, *, actor: Actor, now: datetime | None = None) -> list[ClosablePeriod]:
    """Every period a supervisor can close now, per service: each month up to the current one that has cases
    waiting and is not closed, with the service's name, the number of cases, the sequence number the batch
    would get (closing the list top to bottom), and, for the running month, the open cases an early close
    would move to the next period. Oldest first within a service; services in name order."""
    require(actor, "batch.list")
    now = now or utcnow()
    out: list[ClosablePeriod] = []
    with office.db.read() as s:
        tz_name, office_code = office_zone(s)
        current = period_of(now, tz_name)
        cfg = _settings(office)
        cfg_excluded = tuple(cfg.excluded_statuses)
        for code, defn in sorted(_batch_services(office).items(), key=lambda kv: kv[1].name):
            closed = closed_periods(s, code)
            counts: dict[str, int] = {}
            ids: dict[str, list[int]] = {}
            for ready, case_id in _waiting_ready(s, code, cfg_excluded, defn):
                p = effective_period(period_of(ready, tz_name), closed)
                counts[p] = counts.get(p, 0) + 1
                ids.setdefault(p, []).append(case_id)
            sequence = next_sequence(s, code, office_code)
            for p in sorted(k for k in counts if k <= current):
                ended = now >= period_bounds(p, tz_name)[1]
                moving = () if ended else moving_cases(s, code, cfg_excluded)
                scans = size = 0
                if cfg.attachments_in_zip:  # the scans the ZIP would carry, and a warning above the threshold
                    scans, size = batch_attachments.totals(s, ids[p])
                out.append(ClosablePeriod(code, defn.name, p, period_name(p), counts[p], sequence, ended,
                                          next_period(p), moving, scans, size,
                                          batch_attachments.warning(scans, size, cfg.attachments_warn_mb)))
                sequence += 1
    return out


def _settings(office: Office) -> BatchSettings:
    from app.services import settings as settings_svc

    return settings_svc.load(office, SECTION, BatchSettings)


def _waiting_ready(s, service_code: str, excluded: tuple[str, ...], defn: Any = None) -> list[tuple[datetime, int]]:
    q = (select(Case.batch_ready_at, Case.id)
         .where(Case.service_code == service_code, col(Case.batch_id).is_(None),
                col(Case.batch_ready_at).is_not(None), col(Case.status).not_in(excluded)))
    step = defn.batch_step if defn is not None else None
    if step is not None and "dtsen_terdaftar" in step.checks:  # the APBN proposal holds DTSEN cases only
        from app.services.batch_close import registered_in_dtsen

        q = q.where(registered_in_dtsen())
    return [(ready, cid) for ready, cid in s.exec(q).all() if ready is not None and cid is not None]


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
        batches = s.exec(q.order_by(col(Batch.service_code), col(Batch.sequence))).all()
        out = []
        for b in batches:
            attempts = s.exec(select(func.count()).select_from(Delivery).where(Delivery.batch_id == b.id)).one()
            last = s.exec(select(Delivery).where(Delivery.batch_id == b.id, col(Delivery.ok).is_(False))
                          .order_by(col(Delivery.id).desc())).first()
            fb = s.exec(select(func.count()).select_from(BatchItem)
                        .where(BatchItem.batch_id == b.id, BatchItem.feedback_status != "")).one()
            out.append(info_of(b, root=office.dirs.root, attempts=int(attempts),
                               last_error=last.error if last else "", feedback=int(fb)))
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
        zip_path, digest = zip_file(office.dirs.root, b.zip_path), b.zip_sha256
        manifest, count = dict(b.manifest or {}), b.record_count
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
        return info_of(b, root=office.dirs.root)


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
        tz_name, _ = office_zone(s)
    today = today or office_today(tz_name)
    current = f"{today.year:04d}-{today.month:02d}"
    waiting = sorted({w["period"] for w in waiting_cases(office, actor=actor, service_code=service_code)
                      if not w["period_closed"] and w["period"] <= current})
    if waiting:
        return waiting[0]
    return previous_period(current)


def waiting_cases(office: Office, *, actor: Actor, service_code: str) -> list[dict[str, Any]]:
    """Cases ready for a batch but not yet in one, with the period whose batch they will join (their own
    month, or the next month not closed yet when theirs was closed before they arrived)."""
    require(actor, "batch.list")
    with office.db.read() as s:
        tz_name, _ = office_zone(s)
        rows = s.exec(select(Case.id, Case.reg_number, Case.batch_ready_at)
                      .where(Case.service_code == service_code, col(Case.batch_id).is_(None),
                             col(Case.batch_ready_at).is_not(None))
                      .order_by(col(Case.batch_ready_at))).all()
        closed = closed_periods(s, service_code)
        out = []
        for cid, reg, ready in rows:
            assert ready is not None  # selected where not null
            own = period_of(ready, tz_name)
            p = effective_period(own, closed)
            out.append({"case_id": cid, "reg_number": reg, "ready_at": ready, "period": p,
                        "ready_period": own, "period_closed": p in closed})
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
        tz_name, _ = office_zone(s)
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
