"""Feedback import (SPEC §4): the BPJS/Kemensos answer file marks each sent case accepted or rejected.

The file (CSV or XLSX, columns recognised by name) is matched on **NIK** against the frozen rows of
closed batches. Each matched case gets ``diterima``/``ditolak``, the reason and the activation date
(TMT). Nothing is guessed: a NIK the office does not know, a NIK of a person who is in no sent batch,
a NIK a spreadsheet has mangled, or a status that is not understood is listed with its line number
and left alone. The whole file is applied in one transaction (all or nothing); importing the same
file again changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from app.context import Office
from app.db.models import Batch, BatchItem, Case, Person
from app.errors import ValidationError
from app.importing.tabular import Column, open_table
from app.rules.identifiers import mangled_reason, mask_nik, validate_nik
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

COLUMNS = [
    Column("nik", ("nik", "no nik", "nomor nik", "nik peserta", "nomor induk kependudukan"), required=True,
           label="NIK"),
    Column("nama", ("nama", "nama peserta", "nama lengkap", "name")),
    Column("nomor_kartu", ("nomor kartu", "no kartu", "noka", "no kartu bpjs", "nomor kartu bpjs", "no kis",
                           "card number")),
    Column("status", ("status", "hasil", "status verifikasi", "hasil verifikasi", "keputusan", "result"),
           required=True, label="Status (DITERIMA/DITOLAK)"),
    Column("alasan", ("alasan", "alasan penolakan", "keterangan", "catatan", "reason")),
    Column("tmt", ("tmt", "tmt aktif", "tmt kepesertaan", "tanggal aktif", "tanggal mulai aktif",
                   "activation date")),
]

_ACCEPTED = {"diterima", "terima", "aktif", "berhasil", "sukses", "accepted", "ok", "lolos", "disetujui",
             "setuju", "sesuai", "valid", "padan"}
_REJECTED = {"ditolak", "tolak", "gagal", "rejected", "tidak diterima", "tidak lolos", "tidak sesuai",
             "tidak valid", "invalid", "tidak padan", "tidak disetujui"}

_MONTHS = {"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
           "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
           "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "aug": 8,
           "sep": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12, "may": 5}
CHUNK = 500


@dataclass(frozen=True)
class FeedbackIssue:
    """A row that was not applied, and why."""

    line: int
    nik: str
    name: str
    message: str


@dataclass
class FeedbackReport:
    file_name: str
    file_sha256: str
    rows_total: int = 0
    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0
    unknown_nik: list[FeedbackIssue] = field(default_factory=list)
    not_in_batch: list[FeedbackIssue] = field(default_factory=list)
    errors: list[FeedbackIssue] = field(default_factory=list)
    batches: dict[int, int] = field(default_factory=dict)  # batch id → rows applied
    dry_run: bool = False

    @property
    def applied(self) -> int:
        return self.accepted + self.rejected

    def summary(self) -> str:
        head = "Pratinjau umpan balik" if self.dry_run else "Umpan balik diimpor"
        return (f"{head} dari {self.file_name}: {self.rows_total} baris; diterima {self.accepted}, "
                f"ditolak {self.rejected}, tidak berubah {self.unchanged}; NIK tidak dikenal "
                f"{len(self.unknown_nik)}, bukan bagian batch terkirim {len(self.not_in_batch)}, "
                f"baris bermasalah {len(self.errors)}.")


def parse_status(raw: Any) -> str | None:
    t = re.sub(r"\s+", " ", str(raw or "").strip().lower().replace("_", " "))
    if t in _ACCEPTED:
        return "diterima"
    if t in _REJECTED:
        return "ditolak"
    return None


def parse_date(raw: Any) -> date | None:
    """``01-12-2026``, ``01/12/2026``, ``2026-12-01``, ``1 Desember 2026`` or an XLSX date. Raises ValueError."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    t = str(raw).strip()
    if not t:
        return None
    m = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", t)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$", t)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$", t)
    if m and m.group(2).lower() in _MONTHS:
        return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    raise ValueError(t)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class _Row:
    line: int
    nik: str
    name: str
    status: str
    reason: str
    tmt: date | None


def import_feedback(office: Office, *, actor: Actor, path: str | Path, batch_id: int | None = None,
                    service_code: str | None = None, dry_run: bool = False,
                    progress: Callable[[float], None] | None = None) -> FeedbackReport:
    """Import a BPJS/Kemensos answer file. ``dry_run`` checks and reports without changing anything.

    ``batch_id`` / ``service_code`` restrict matching to one batch / one service. When a NIK is in
    several sent batches, the newest one still waiting for an answer is used.
    """
    require(actor, "feedback.import")
    path = Path(path)
    table = open_table(path, COLUMNS)
    report = FeedbackReport(file_name=path.name, file_sha256=_sha256(path), dry_run=dry_run)
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for line, raw in table.rows():
        report.rows_total += 1
        if progress and report.rows_total % 1000 == 0:
            progress(table.progress * 0.5)
        name = str(raw.get("nama") or "").strip()
        raw_nik = raw.get("nik")
        shown = "" if raw_nik is None else str(raw_nik).strip()
        why = mangled_reason(raw_nik) if raw_nik is not None else "kosong"
        if why:
            report.errors.append(FeedbackIssue(line, shown, name, f"NIK tidak dapat dipakai: {why}."))
            continue
        try:
            nik = validate_nik(shown)
        except ValidationError as exc:
            report.errors.append(FeedbackIssue(line, shown, name, str(exc)))
            continue
        status = parse_status(raw.get("status"))
        if status is None:
            report.errors.append(FeedbackIssue(line, nik, name, f"Status '{raw.get('status') or ''}' tidak dikenali "
                                                                "(harus DITERIMA atau DITOLAK)."))
            continue
        try:
            tmt = parse_date(raw.get("tmt"))
        except ValueError:
            report.errors.append(FeedbackIssue(line, nik, name, f"TMT '{raw.get('tmt')}' bukan tanggal "
                                                                "(tulis HH-BB-TTTT)."))
            continue
        if nik in seen:
            report.errors.append(FeedbackIssue(line, nik, name, f"NIK sama dengan baris {seen[nik]}; baris ini "
                                                                "dilewati."))
            continue
        seen[nik] = line
        reason = str(raw.get("alasan") or "").strip()[:500]
        rows.append(_Row(line, nik, name, status, reason, tmt if status == "diterima" else None))

    now = utcnow()
    with office.db.write() as s:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            niks = [r.nik for r in chunk]
            q = (select(BatchItem, Batch.id, Batch.status)
                 .join(Batch, col(Batch.id) == BatchItem.batch_id)
                 .where(col(BatchItem.nik).in_(niks), col(Batch.status).in_(("closed", "delivered"))))
            if batch_id is not None:
                q = q.where(Batch.id == batch_id)
            if service_code:
                q = q.where(Batch.service_code == service_code)
            by_nik: dict[str, list[BatchItem]] = {}
            for item, _bid, _st in s.exec(q).all():
                by_nik.setdefault(item.nik, []).append(item)
            known = set(s.exec(select(Person.nik).where(col(Person.nik).in_(niks))).all())
            changed: dict[int, dict[str, Any]] = {}
            for r in chunk:
                items = by_nik.get(r.nik)
                if not items:
                    if r.nik in known:
                        report.not_in_batch.append(FeedbackIssue(
                            r.line, r.nik, r.name, "Orang ini dikenal tetapi tidak ada dalam batch terkirim"
                            + (" yang dipilih" if batch_id or service_code else "") + "; tidak diubah."))
                    else:
                        report.unknown_nik.append(FeedbackIssue(
                            r.line, r.nik, r.name, "NIK tidak dikenal di kantor ini; tidak diubah."))
                    continue
                waiting = [i for i in items if not i.feedback_status]
                item = max(waiting or items, key=lambda i: i.batch_id)
                if (item.feedback_status, item.feedback_reason, item.tmt) == (r.status, r.reason, r.tmt):
                    report.unchanged += 1
                    continue
                if r.status == "diterima":
                    report.accepted += 1
                else:
                    report.rejected += 1
                report.batches[item.batch_id] = report.batches.get(item.batch_id, 0) + 1
                if not dry_run:
                    item.feedback_status, item.feedback_reason, item.tmt = r.status, r.reason, r.tmt
                    item.feedback_at = now
                    s.add(item)
                    changed[item.case_id] = {"status": r.status, "reason": r.reason,
                                             "tmt": r.tmt.isoformat() if r.tmt else None,
                                             "batch_id": item.batch_id, "file": report.file_name,
                                             "imported_at": now.isoformat()}
            if changed:
                _mark_cases(s, changed, now)
            if progress:
                progress(0.5 + 0.5 * min(1.0, (start + len(chunk)) / max(1, len(rows))))
        if not dry_run:
            audit.record(s, actor=actor, action="feedback.import", entity="batch",
                         entity_id=",".join(str(b) for b in sorted(report.batches)),
                         new={"file": report.file_name, "sha256": report.file_sha256, "rows": report.rows_total,
                              "accepted": report.accepted, "rejected": report.rejected,
                              "unchanged": report.unchanged, "unknown_nik": len(report.unknown_nik),
                              "not_in_batch": len(report.not_in_batch), "errors": len(report.errors)})
    return report


def _mark_cases(s, changed: dict[int, dict[str, Any]], now: datetime) -> None:
    """Put BPJS's answer on the case itself (``data["bpjs_feedback"]``) for the workflow's feedback step.

    The case's version is bumped, so a window holding an older copy is told to reload.
    """
    for case in s.exec(select(Case).where(col(Case.id).in_(list(changed)))).all():
        data = dict(case.data or {})
        data["bpjs_feedback"] = changed[case.id]
        case.data = data
        case.version += 1
        case.updated_at = now
        s.add(case)


def masked(issue: FeedbackIssue) -> FeedbackIssue:
    """The same issue with the NIK masked (for lists shown to roles without ``nik.view_full``)."""
    return FeedbackIssue(issue.line, mask_nik(issue.nik) if len(issue.nik) == 16 else issue.nik, issue.name,
                         issue.message)
