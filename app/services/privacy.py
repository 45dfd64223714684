"""Personal data under UU 27/2022 (PDP): the subject's access request and anonymisation after retention.

* :func:`export_person` — everything the office holds about one person (by NIK) as JSON or XLSX:
  the person, their cases with checklist and step log, entries in the letter register, rows in the
  monthly batches, complaints about their cases and their DTSEN record. Logged in the audit.
* :func:`anonymise_expired` — closed cases older than the retention period (setting ``privacy``) lose
  names, NIKs, addresses and contact data; what statistics need (service, dates, steps, outcome,
  reason codes, desil) and the letter numbers stay. The DTSEN import reject files (rows refused with their
  NIK and name) older than the same period are deleted (:func:`expired_reject_files`). Logged.

The audit log itself is not rewritten: it is append-only and hash-chained (SPEC §6), and the law
allows keeping the accountability record; RELIABILITY.md says so.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.batching.cells import clean_text
from app.context import Office
from app.db.models import (
    Attachment,
    Batch,
    BatchItem,
    Case,
    ChecklistItem,
    Complaint,
    DtsenImport,
    DtsenRecord,
    Family,
    Letter,
    OfficeProfile,
    Person,
    StepLog,
)
from app.errors import NotFound, ValidationError
from app.rules.identifiers import mask_nik, parse_nik
from app.rules.permissions import Actor, require
from app.services import audit
from app.services import settings as settings_svc
from app.timeutil import tanggal_angka, to_local, utcnow

SECTION = "privacy"
ANON_NAME = "(dianonimkan)"
ANON_STATUS = "dianonimkan"  # letter register status once the rendered letter is gone
ANON_MARK = "dianonimkan_pada"
#: Case data kept after anonymisation: what statistics and the letter register need, nothing personal.
KEEP_CASE_DATA = frozenset({ANON_MARK, "documents", "reason_code", "alasan", "desil", "skor", "score", "rank",
                            "peringkat", "skm", "path", "decision", "eligible", "kriteria"})
#: Batch row columns kept after anonymisation.
KEEP_BATCH_COLUMNS = frozenset({"Jenis kelamin", "Kecamatan", "Kode kecamatan", "Kelurahan/Desa", "Kode kelurahan",
                                "Nomor surat", "Tanggal surat", "Alasan", "Desil", "Skor", "Peringkat"})


@dataclass(frozen=True)
class PrivacySettings:
    retention_years: int = 10  # closed cases older than this are anonymised

    def __post_init__(self) -> None:
        if not 1 <= int(self.retention_years) <= 100:
            raise ValidationError("Masa retensi data pribadi harus 1–100 tahun.")


def load_settings(office: Office) -> PrivacySettings:
    return settings_svc.load(office, SECTION, PrivacySettings)


# --------------------------------------------------------------------------------------------- export
def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bita>"
    return value


def _row(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in skip}


def collect(session: Session, nik: str) -> dict[str, Any]:
    """Everything held about ``nik``, as plain JSON-able sections (empty sections are kept, as lists)."""
    person = session.exec(select(Person).where(Person.nik == nik)).first()
    out: dict[str, Any] = {"nik": nik, "person": _row(person) if person else None, "cases": [], "letters": [],
                           "batch_rows": [], "complaints": [], "dtsen": None}
    case_ids: list[int] = []
    if person is not None:
        for c in session.exec(select(Case).where(Case.person_id == person.id).order_by(col(Case.id))).all():
            case_ids.append(c.id or 0)
            entry = _row(c)
            fam = session.get(Family, c.family_id) if c.family_id else None
            entry["no_kk"] = fam.no_kk if fam else ""
            entry["checklist"] = [_row(i, ("case_id",)) for i in session.exec(
                select(ChecklistItem).where(ChecklistItem.case_id == c.id).order_by(ChecklistItem.code)).all()]
            entry["step_log"] = [_row(i, ("case_id",)) for i in session.exec(
                select(StepLog).where(StepLog.case_id == c.id).order_by(col(StepLog.id))).all()]
            out["cases"].append(entry)
    if case_ids:
        out["letters"] = [_row(r, ("docx_path", "pdf_path", "template_sha256")) for r in session.exec(
            select(Letter).where(col(Letter.case_id).in_(case_ids)).order_by(col(Letter.id))).all()]
        out["complaints"] = [_row(r) for r in session.exec(
            select(Complaint).where(col(Complaint.case_id).in_(case_ids)).order_by(col(Complaint.id))).all()]
    for item, b in session.exec(select(BatchItem, Batch).join(Batch, col(Batch.id) == BatchItem.batch_id)
                                .where(BatchItem.nik == nik).order_by(col(BatchItem.batch_id))).all():
        row = _row(item)
        row.update({"service_code": b.service_code, "period": b.period, "sequence": b.sequence, "status": b.status})
        out["batch_rows"].append(row)
    rec = session.exec(select(DtsenRecord).where(DtsenRecord.nik == nik)).first()
    out["dtsen"] = _row(rec, ("row_hash", "import_id")) if rec else None
    return out


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)


def _write_atomically(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _write_xlsx(path: Path, data: dict[str, Any]) -> None:
    """One sheet per table, every value a text cell (identifiers never numbers, nothing run as a formula)."""
    from app.batching.xlsx import XlsxTextWriter

    tables = [
        ("Orang", [data["person"]] if data["person"] else []),
        ("Berkas", [{k: v for k, v in c.items() if k not in ("checklist", "step_log")} for c in data["cases"]]),
        ("Kelengkapan", [dict(i, case_id=c["id"]) for c in data["cases"] for i in c["checklist"]]),
        ("Riwayat langkah", [dict(i, case_id=c["id"]) for c in data["cases"] for i in c["step_log"]]),
        ("Register surat", data["letters"]),
        ("Batch", data["batch_rows"]),
        ("Pengaduan", data["complaints"]),
        ("DTSEN", [data["dtsen"]] if data["dtsen"] else []),
    ]
    writer: XlsxTextWriter | None = None
    try:
        for title, rows in tables:
            keys: list[str] = []
            for r in rows:
                keys.extend(k for k in r if k not in keys)
            headers = [clean_text(k) for k in keys] or ["(tidak ada data)"]
            if writer is None:
                writer = XlsxTextWriter(path, headers, sheet_title=title)
            else:
                writer.add_sheet(title, headers)
            for r in rows:
                writer.append([clean_text(_flat(r.get(k))) for k in keys])
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    assert writer is not None
    writer.close()


def export_person(office: Office, *, actor: Actor, nik: str, dest: str | Path | None = None,
                  fmt: str = "json") -> ExportResult:
    """Write everything held about one person (the subject's right of access) to ``dest``; logged."""
    require(actor, "privacy.export")
    nik = parse_nik(str(nik).strip()).nik
    fmt = fmt.lower().strip(".")
    if fmt not in ("json", "xlsx"):
        raise ValidationError("Format ekspor data pribadi harus json atau xlsx.")
    with office.db.read() as s:
        data = collect(s, nik)
    if data["person"] is None and data["dtsen"] is None and not data["batch_rows"]:
        raise NotFound(f"Tidak ada data pribadi untuk NIK {mask_nik(nik)} di kantor ini.")
    now = utcnow()
    data["exported_at"] = now.isoformat()
    data["exported_by"] = {"id": actor.id, "username": actor.username, "name": actor.full_name}
    path = Path(dest) if dest else (office.dirs.root / "ekspor" /
                                    f"data-pribadi-{mask_nik(nik).replace('*', 'x')}-"
                                    f"{to_local(now):%Y%m%d-%H%M%S}.{fmt}")
    if fmt == "json":
        payload = json.dumps(data, ensure_ascii=False, indent=1, default=str)
        _write_atomically(path, lambda p: p.write_text(payload, encoding="utf-8"))
    else:
        _write_atomically(path, lambda p: _write_xlsx(p, data))
    counts = {"cases": len(data["cases"]), "letters": len(data["letters"]), "batch_rows": len(data["batch_rows"]),
              "complaints": len(data["complaints"]), "dtsen": int(data["dtsen"] is not None)}
    with office.db.write() as s:
        audit.record(s, actor=actor, action="privacy.export", entity="person",
                     entity_id=(data["person"] or {}).get("id", ""),
                     new={"nik": mask_nik(nik), "format": fmt, "file": path.name, "full_nik_export": True, **counts})
    return ExportResult(path, counts)


# --------------------------------------------------------------------------------------- anonymise
@dataclass(frozen=True)
class AnonymiseResult:
    cutoff: datetime
    case_ids: list[int]
    persons: int
    letters: int
    batch_rows: int
    dry_run: bool
    zone: str = "WIB"  # the office's, for the message
    reject_files: int = 0  # DTSEN import reject files older than the retention (deleted unless dry_run)

    @property
    def message(self) -> str:
        verb = "akan dianonimkan" if self.dry_run else "dianonimkan"
        text = (f"{len(self.case_ids)} berkas yang ditutup sebelum {tanggal_angka(self.cutoff, self.zone)} {verb} "
                f"({self.persons} orang, {self.letters} entri register surat, {self.batch_rows} baris batch).")
        if self.reject_files:
            text += (f" {self.reject_files} berkas baris DTSEN yang ditolak (berisi NIK dan nama) dari sebelum tanggal "
                     f"itu {'akan dihapus' if self.dry_run else 'dihapus'}.")
        return text


REJECTS_GLOB = "dtsen-ditolak-*"


def expired_reject_files(office: Office, session: Session, cutoff: datetime) -> tuple[list[Path], list[int]]:
    """The DTSEN import reject files older than ``cutoff``: those of imports started before it, and files of that
    name in ``imports/`` last written before it that no import names (a killed import's ``.tmp``, an earlier
    version's). Returns (files, ids of the imports whose reject file goes)."""
    folder = office.dirs.imports
    files: dict[str, Path] = {}
    import_ids: list[int] = []
    named: set[str] = set()
    for imp in session.exec(select(DtsenImport).where(col(DtsenImport.rejects_path) != "")).all():
        name = Path(imp.rejects_path.replace("\\", "/")).name
        named.add(name)
        if imp.started_at < cutoff:
            import_ids.append(imp.id or 0)
            candidate = folder / name  # stored absolute by its version; the file lives in this data folder
            if candidate.is_file():
                files[name] = candidate
    if folder.is_dir():
        for f in folder.glob(REJECTS_GLOB):
            if f.name in files or f.name in named or not f.is_file():
                continue
            with contextlib.suppress(OSError):
                if datetime.fromtimestamp(f.stat().st_mtime, tz=cutoff.tzinfo) < cutoff:
                    files[f.name] = f
    return sorted(files.values()), import_ids


def _pseudonym(person_id: int) -> str:
    return f"X{person_id:015d}"  # 16 characters, never a valid NIK (letters are not digits)


def anonymise_expired(office: Office, *, actor: Actor, now: datetime | None = None,
                      dry_run: bool = False) -> AnonymiseResult:
    """Anonymise closed cases older than the retention period (``dry_run``: count only). Logged."""
    require(actor, "privacy.anonymise")
    cfg = load_settings(office)
    now = now or utcnow()
    cutoff = now - timedelta(days=round(365.25 * cfg.retention_years))
    letter_files: list[Path] = []
    with office.db.write() as s:
        expired = [c for c in s.exec(select(Case).where(col(Case.closed_at).is_not(None),
                                                        col(Case.closed_at) < cutoff)).all()
                   if not (c.data or {}).get(ANON_MARK)]
        ids = [c.id or 0 for c in expired]
        person_ids = {c.person_id for c in expired}
        # A person is anonymised only when none of their cases is still open or within retention.
        keep = set(s.exec(select(Case.person_id).where(
            col(Case.person_id).in_(person_ids),
            or_(col(Case.closed_at).is_(None), col(Case.closed_at) >= cutoff))).all())
        persons = person_ids - keep
        letters = s.exec(select(Letter).where(col(Letter.case_id).in_(ids))).all() if ids else []
        items = s.exec(select(BatchItem).where(col(BatchItem.case_id).in_(ids))).all() if ids else []
        profile = s.get(OfficeProfile, 1)
        rejects, reject_imports = expired_reject_files(office, s, cutoff)
        result = AnonymiseResult(cutoff, ids, len(persons), len(letters), len(items), dry_run,
                                 profile.timezone if profile else "WIB", len(rejects))
        if dry_run or not (ids or rejects or reject_imports):
            return result
        for imp in s.exec(select(DtsenImport).where(col(DtsenImport.id).in_(reject_imports))).all() \
                if reject_imports else []:
            imp.rejects_path = ""  # the file is deleted below; the counts of the import stay
            s.add(imp)
        letter_files.extend(rejects)
        if rejects or reject_imports:
            audit.record(s, actor=actor, action="privacy.reject_files_removed", entity="dtsen_import", entity_id="",
                         new={"cutoff": cutoff.isoformat(), "retention_years": cfg.retention_years,
                              "files": [f.name for f in rejects], "imports": reject_imports})
        if ids:
            _anonymise_cases(office, s, now=now, expired=expired, ids=ids, persons=persons, letters=letters,
                             items=items, letter_files=letter_files)
            audit.record(s, actor=actor, action="privacy.anonymise", entity="case", entity_id="",
                         new={"cutoff": cutoff.isoformat(), "retention_years": cfg.retention_years, "cases": ids,
                              "persons": len(persons), "letters": len(letters), "batch_rows": len(items)})
    for f in letter_files:  # after the commit: the rendered letters carry names and NIKs
        f.unlink(missing_ok=True)
    return result


def _anonymise_cases(office: Office, s: Session, *, now: datetime, expired: Sequence[Case], ids: list[int],
                     persons: set[int], letters: Sequence[Letter], items: Sequence[BatchItem],
                     letter_files: list[Path]) -> None:
    """The writes of :func:`anonymise_expired` for its expired cases (in its transaction)."""
    person_of = {c.id: c.person_id for c in expired}
    families = {c.family_id for c in expired if c.family_id}
    for c in expired:
        c.data = {k: v for k, v in (c.data or {}).items() if k in KEEP_CASE_DATA}
        c.data[ANON_MARK] = now.isoformat()
        c.family_id = None
        c.family_relation = ""
        s.add(c)
    for item in s.exec(select(ChecklistItem).where(col(ChecklistItem.case_id).in_(ids))).all():
        item.note = ""
        s.add(item)
    for comp in s.exec(select(Complaint).where(col(Complaint.case_id).in_(ids))).all():
        comp.complainant_name, comp.complainant_contact, comp.description = ANON_NAME, "", ""
        s.add(comp)
    for item in items:
        item.nik = _pseudonym(person_of[item.case_id])
        item.row = {k: v for k, v in (item.row or {}).items() if k in KEEP_BATCH_COLUMNS}
        s.add(item)
    for att in s.exec(select(Attachment).where(col(Attachment.case_id).in_(ids))).all():
        letter_files.append(office.dirs.attachments / att.stored_path)  # scans of KTP/KK: removed whole
        s.delete(att)
    for row in letters:
        for rel in (row.docx_path, row.pdf_path):
            if rel:
                letter_files.append(office.dirs.letters / rel)
        # The number, type, date and status stay in the register; what it was rendered from goes.
        row.data = {"dianonimkan": True, "nomor": row.number, "jenis": row.letter_type}
        from app.services.letters import data_hash

        row.data_sha256 = data_hash(row.data)
        row.status = ANON_STATUS
        s.add(row)
    for p in s.exec(select(Person).where(col(Person.id).in_(persons))).all() if persons else []:
        p.nik = _pseudonym(p.id or 0)
        p.name = ANON_NAME
        p.birth_place = p.marital_status = p.address = p.rt = p.rw = p.postal_code = ""
        p.domicile_address = p.phone = p.fktp_code = p.nik_problem = ""
        p.birth_date = None
        p.card_number = None
        p.updated_at = now
        s.add(p)
    s.flush()
    for fid in families:
        if s.exec(select(Case.id).where(Case.family_id == fid)).first() is None:
            fam = s.get(Family, fid)
            if fam is not None:
                s.delete(fam)
