"""The office's current PBI-APBD participant roster from BPJS, and who is a participant here.

The quarterly reconciliation (SPEC §5, SOP Cirebon step 7) needs every participant of the office, also the
ones that never went through Loket PBI (registered before the app, or by another channel). The office
imports the roster BPJS gives it (CSV or XLSX, columns by name: NIK, nama, tanggal lahir, nomor kartu,
status, segmen); the newest import is the current roster.

An import is all or nothing: a file that cannot be read, lacks the NIK column, holds no rows, or has any row
with an unusable NIK, birth date or card number (e.g. a NIK a spreadsheet turned into ``3.27E+15``) is refused
with the lines named, and nothing is written: a partial roster would report participants as missing.

:func:`participation` answers, for one NIK, whether the office's data knows the person as a PBI-APBD
participant (the deactivation intake asks it; see ``app/rules/routing.py`` ``kepesertaan_apbd``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from app.context import Office
from app.db.models import Batch, BatchItem, Case, Person, RosterEntry, RosterImport
from app.errors import LoketError, ValidationError
from app.importing.tabular import open_table
from app.rules.identifiers import mangled_reason, validate_nik, validate_noka
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.services.reconcile import Membership

CHUNK = 2000
#: how many bad lines a refusal names
SHOWN_ERRORS = 8
INACTIVE = frozenset({"nonaktif", "non aktif", "tidak aktif", "non-aktif", "inactive", "dinonaktifkan", "keluar"})


class ImportCancelled(LoketError):
    """The officer cancelled; nothing was written."""


@dataclass(frozen=True)
class RosterSummary:
    import_id: int
    file_name: str
    rows_total: int
    rows_active: int
    duplicates: int

    def message(self) -> str:
        text = (f"Daftar peserta PBI-APBD dari BPJS diimpor: {self.rows_total} baris, {self.rows_active} peserta "
                "aktif.")
        if self.duplicates:
            text += f" {self.duplicates} NIK muncul lebih dari sekali (dilaporkan sebagai data ganda)."
        return text + " Daftar ini menjadi daftar peserta kantor untuk rekonsiliasi."


@dataclass(frozen=True)
class RosterInfo:
    import_id: int
    file_name: str
    imported_at: Any
    rows_total: int
    rows_active: int


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def _clean(line: int, raw: dict[str, Any]) -> dict[str, Any]:
    """One row → the values to store; raises ValidationError naming the problem."""
    from app.services.feedback import parse_date

    value = raw.get("nik")
    why = mangled_reason(value) if value is not None else "kosong"
    if why:
        raise ValidationError(f"NIK tidak dapat dipakai: {why}")
    nik = validate_nik(_text(value))
    try:
        born = parse_date(raw.get("tanggal_lahir"))
    except ValueError:
        raise ValidationError(f"tanggal lahir '{_text(raw.get('tanggal_lahir'))}' tidak dikenali") from None
    card = raw.get("nomor_kartu")
    card_text = ""
    if card not in (None, ""):
        why = mangled_reason(card)
        if why:
            raise ValidationError(f"nomor kartu rusak oleh lembar kerja: {why}")
        card_text = validate_noka(_text(card))
    status = _text(raw.get("status"))
    return {"line": line, "nik": nik, "name": _text(raw.get("nama"))[:120], "birth_date": born,
            "card_number": card_text, "status": status[:40], "segment": _text(raw.get("segmen"))[:60],
            "active": status.lower().replace("_", " ") not in INACTIVE}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def import_roster(office: Office, *, actor: Actor, path: str | Path,
                  progress: Callable[[float, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> RosterSummary:
    """Import the BPJS participant roster (CSV or XLSX). All or nothing (see the module docs).
    ``progress(fraction, rows)`` is called now and then; ``cancelled()`` returning True stops, writing nothing."""
    require(actor, "roster.import")
    from app.services.reconcile import BPJS_COLUMNS

    path = Path(path)
    table = open_table(path, BPJS_COLUMNS)
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    bad = 0
    for line, raw in table.rows():
        try:
            rows.append(_clean(line, raw))
        except ValidationError as exc:
            bad += 1
            if len(errors) < SHOWN_ERRORS:
                errors.append(f"baris {line}: {exc}")
        if (len(rows) + bad) % CHUNK == 0:
            if cancelled and cancelled():
                raise ImportCancelled("Impor dibatalkan; tidak ada data yang disimpan.")
            if progress:
                progress(table.progress * 0.5, len(rows) + bad)
    if bad:
        more = f" dan {bad - len(errors)} baris lain" if bad > len(errors) else ""
        raise ValidationError(f"Berkas {path.name} ditolak: {bad} baris tidak dapat dipakai ("
                              + "; ".join(errors) + more + "). Perbaiki berkas (NIK dan nomor kartu sebagai teks) "
                              "lalu impor lagi; tidak ada data yang disimpan.")
    if not rows:
        raise ValidationError(f"Berkas {path.name} hanya berisi baris judul; tidak ada data yang diimpor.")
    if cancelled and cancelled():
        raise ImportCancelled("Impor dibatalkan; tidak ada data yang disimpan.")
    seen: set[str] = set()
    duplicates = 0
    for r in rows:
        if r["nik"] in seen:
            duplicates += 1
        seen.add(r["nik"])
    active = sum(1 for r in rows if r["active"])
    sha = _sha256(path)
    table_obj = SQLModel.metadata.tables[RosterEntry.__tablename__]
    with office.db.write() as s:
        imp = RosterImport(file_name=path.name[:255], file_sha256=sha, imported_at=utcnow(), rows_total=len(rows),
                           rows_active=active, duplicates=duplicates, user_id=actor.id)
        s.add(imp)
        s.flush()
        conn = s.connection()
        for i in range(0, len(rows), CHUNK):
            part = rows[i:i + CHUNK]
            conn.execute(insert(table_obj), [{**r, "import_id": imp.id} for r in part])
            if cancelled and cancelled():
                raise ImportCancelled("Impor dibatalkan; tidak ada data yang disimpan.")
            if progress:
                progress(0.5 + 0.5 * (i + len(part)) / len(rows), len(rows))
        audit.record(s, actor=actor, action="roster.import", entity="roster_import", entity_id=imp.id,
                     new={"file": path.name, "sha256": sha, "rows": len(rows), "active": active,
                          "duplicates": duplicates})
        summary = RosterSummary(imp.id or 0, path.name, len(rows), active, duplicates)
    if progress:
        progress(1.0, len(rows))
    return summary


def current_import_id(s: Session) -> int | None:
    return s.exec(select(func.max(RosterImport.id))).one()


def current(office: Office) -> RosterInfo | None:
    """The office's current roster (the newest import), or None if none was imported."""
    with office.db.read() as s:
        imp = s.exec(select(RosterImport).order_by(col(RosterImport.id).desc())).first()
        if imp is None:
            return None
        return RosterInfo(imp.id or 0, imp.file_name, imp.imported_at, imp.rows_total, imp.rows_active)


def roster_entries(office: Office) -> list[tuple[str, int, str, date | None, str]]:
    """(nik, line, name, birth date, status) of every row of the current roster, in file order."""
    with office.db.read() as s:
        latest = current_import_id(s)
        if latest is None:
            return []
        q = (select(RosterEntry).where(RosterEntry.import_id == latest).order_by(col(RosterEntry.line)))
        return [(e.nik, e.line, e.name, e.birth_date, e.status) for e in s.exec(q).all()]


# --------------------------------------------------------------------------- who is a participant


def participation(s: Session, nik: str, members: Membership) -> tuple[str, bool]:
    """Whether the office's data knows ``nik`` as an active PBI-APBD participant, inside a caller's session.

    Returns ``(where, known)``: ``where`` describes the evidence ("" when none); ``known`` is False when the
    office has no roster imported yet, so a person missing from its own cases cannot be judged a
    non-participant. Evidence, in order: the newest answered batch item of the person among the activating
    and deactivating services (as the reconciliation counts participants) is an accepted one of an
    activating service; a case of an activating service closed as served after the person's last served
    deactivation; an active row of the current BPJS roster. ``members``: the activating and deactivating
    services (:func:`app.services.reconcile.membership`, from the caller who has the office).
    """
    activating, deactivating = members.activating, members.deactivating
    latest = s.execute(
        sa_select(col(BatchItem.feedback_status), col(Batch.service_code))
        .join(Batch, col(Batch.id) == BatchItem.batch_id)
        .where(col(BatchItem.nik) == nik, col(BatchItem.feedback_status).in_(("diterima",)),
               col(Batch.service_code).in_(activating + deactivating))
        .order_by(col(BatchItem.tmt).desc(), col(BatchItem.feedback_at).desc(), col(BatchItem.batch_id).desc())
    ).first()
    if latest is not None and latest[1] in activating:
        return f"peserta aktif (usulan {latest[1]} diterima BPJS)", True
    if latest is None:
        served = s.exec(select(Case.reg_number, Case.service_code, Case.closed_at)
                        .join(Person, col(Person.id) == Case.person_id)
                        .where(Person.nik == nik, col(Case.service_code).in_(activating + deactivating),
                               col(Case.closed_at).is_not(None), col(Case.status) == "selesai")
                        .order_by(col(Case.closed_at).desc())).first()
        if served is not None and served[1] in activating:
            return f"peserta {served[1]} (berkas {served[0]})", True
    latest_roster = current_import_id(s)
    if latest_roster is None:
        return "", False
    row = s.exec(select(RosterEntry.line).where(RosterEntry.import_id == latest_roster, RosterEntry.nik == nik,
                                                col(RosterEntry.active).is_(True))).first()
    if row is not None:
        return f"tercantum di daftar peserta BPJS yang diimpor (baris {row})", True
    return "", True
