"""Applying a package: refused whole, or applied whole, exactly once.

Order of checks, each refusal in Indonesian and with nothing changed: the file is a package at all and not
cut off (``truncated``); it is addressed to this office (``foreign``); its sender is enrolled here
(``unenrolled``) and not revoked (``revoked``); every byte is as the sender sealed it and the signature is
the sender's (``tampered``); its number is the next one from that sender (``replayed`` when already applied,
``gap`` — saying which number is missing — when an earlier one has not arrived yet; it can be applied once
the missing one has been).

The package's id (sender, sequence, SHA-256) is recorded in the same transaction as its effects, under a
unique constraint: a replay is a no-op, two receivers at once cannot both apply it, and a crash (even
SIGKILL) leaves it applied entirely or not at all. Files it carries (scans, letters) are copied into place
before the transaction, under content-addressed names, and removed again if the transaction fails.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import (
    Attachment,
    Case,
    ChecklistItem,
    DtsenRecord,
    Family,
    NetworkCase,
    NetworkFlag,
    NetworkLetter,
    NetworkNotice,
    NetworkPackage,
    NetworkPeer,
    Person,
    StepLog,
)
from app.network import envelope, identity, payload
from app.network import keys as keys_mod
from app.network.envelope import PackageRefused
from app.network.outgoing import DTSEN_FIELDS, LABELS, PERSON_FIELDS
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

CHUNK = 500


@dataclass(frozen=True)
class Received:
    peer_code: str
    sequence: int
    status: str  # applied | replayed
    counts: dict[str, int] = field(default_factory=dict)
    flagged: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.status == "replayed":
            return (f"Paket #{self.sequence} dari {self.peer_code} sudah pernah diterima; diabaikan, tidak ada "
                    "yang berubah.")
        parts = [f"{n} {LABELS.get(k, k)}" for k, n in self.counts.items()]
        text = f"Paket #{self.sequence} dari {self.peer_code} diterima: " + (", ".join(parts) or "tanda terima")
        if self.flagged:
            text += f". {len(self.flagged)} berkas ditahan karena NIK yang sama sudah diajukan kelurahan lain"
        return text + "."


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _safe(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:80] or "berkas"


def inbox_dir(office: Office) -> Path:
    return office.dirs.root / "network" / "masuk"


# --------------------------------------------------------------------------- checks before anything is applied


def _peer_for(s: Session, header: envelope.Header, ident: identity.NetworkIdentity) -> NetworkPeer:
    if not ident.enrolled:
        raise PackageRefused("unenrolled", "Kantor ini belum terdaftar dalam jaringan; paket tidak dapat diterima.")
    if header.receiver != ident.code:
        raise PackageRefused("foreign", f"Paket ini ditujukan kepada {header.receiver}, bukan kantor ini "
                                        f"({ident.code}); tidak ada yang diubah. Teruskan kepada kantor tujuannya.")
    peer = s.exec(select(NetworkPeer).where(NetworkPeer.code == header.sender)).first()
    if peer is None or peer.kind == ident.kind:
        raise PackageRefused("unenrolled", f"Pengirim paket, {header.sender}, tidak terdaftar di kantor ini; paket "
                                           "ditolak dan tidak ada yang diubah.")
    if peer.status == "revoked":
        when = f" pada {peer.revoked_at:%d-%m-%Y}" if peer.revoked_at else ""
        raise PackageRefused("revoked", f"Pendaftaran {peer.code} telah dicabut{when}"
                                        f"{' (' + peer.revoked_reason + ')' if peer.revoked_reason else ''}; paket "
                                        "ditolak dan tidak ada yang diubah.")
    return peer


def _check_sequence(s: Session, peer: NetworkPeer, sequence: int, sha: str) -> bool:
    """True when the package was applied before (a replay); raises on a gap."""
    if sequence <= peer.last_seq_received:
        done = s.exec(select(NetworkPackage).where(NetworkPackage.peer_code == peer.code,
                                                   NetworkPackage.direction == "in",
                                                   NetworkPackage.sequence == sequence)).first()
        if done is not None and done.sha256 != sha:
            raise PackageRefused("replayed", f"Paket #{sequence} dari {peer.code} sudah diterima sebelumnya dengan isi "
                                             "berbeda; paket ini ditolak dan tidak ada yang diubah.")
        return True
    if sequence > peer.last_seq_received + 1:
        missing = peer.last_seq_received + 1
        more = f"–#{sequence - 1}" if sequence - 1 > missing else ""
        raise PackageRefused("gap", f"Paket #{sequence} dari {peer.code} belum dapat diterima: paket #{missing}{more} "
                                    "belum diterima. Paket ini disimpan dan diterapkan setelah paket yang kurang tiba.")
    return False


# --------------------------------------------------------------------------- applying at the Dinas


def _by_key(s: Session, table, key_col, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(keys), CHUNK):
        part = keys[i:i + CHUNK]
        for row_id, key in s.exec(select(table.id, key_col).where(col(key_col).in_(part))).all():
            out[key] = row_id
    return out


def _insert_returning(s: Session, model, rows: list[dict[str, Any]], key: str) -> dict[Any, int]:
    """Insert ``rows`` in one statement per chunk; returns key value → new id."""
    out: dict[Any, int] = {}
    if not rows:
        return out
    table = model.__table__
    conn = s.connection()
    stmt = insert(table).returning(table.c.id, table.c[key], sort_by_parameter_order=True)
    for i in range(0, len(rows), CHUNK):
        for row in conn.execute(stmt, rows[i:i + CHUNK]).mappings().all():
            out[row[key]] = row["id"]
    return out


def _insert(s: Session, model, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn = s.connection()
        table = model.__table__
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(table), rows[i:i + CHUNK])


def _stage_files(office: Office, content_zip: Path, entries: list[dict], peer: NetworkPeer,
                 created: list[Path]) -> dict[tuple[int, str], str]:
    """Copy the scans of the imported cases into the attachment folder; returns (case, sha) → stored path."""
    out: dict[tuple[int, str], str] = {}
    for e in entries:
        folder = office.dirs.attachments / _safe(f"{peer.code}_{e['reg_number']}")
        for a in e.get("attachments", []):
            if not a.get("file"):
                continue
            dest = folder / f"{a['sha256'][:12]}-{_safe(a['file_name'])}"
            if not dest.exists():
                folder.mkdir(parents=True, exist_ok=True)
                payload.extract(content_zip, a["file"], dest)
                created.append(dest)
            out[(e["id"], a["sha256"])] = dest.relative_to(office.dirs.attachments).as_posix()
    return out


def _apply_cases(s: Session, office: Office, peer: NetworkPeer, entries: list[dict], files: dict, now: datetime,
                 sequence: int) -> tuple[list[str], list[str]]:
    """Create the handed-over cases (owned by this Dinas from now on). Returns (imported, flagged) numbers."""
    if not entries:
        return [], []
    ids = [int(e["id"]) for e in entries]
    known: set[int] = set()
    for i in range(0, len(ids), CHUNK):
        known |= set(s.exec(select(NetworkCase.origin_case_id).where(
            NetworkCase.origin_office == peer.code, col(NetworkCase.origin_case_id).in_(ids[i:i + CHUNK]))).all())
    entries = [e for e in entries if int(e["id"]) not in known]
    # people by NIK: an existing person keeps the Dinas's data (changes only by an explicit correction)
    niks = sorted({e["person"]["nik"] for e in entries})
    person_ids = _by_key(s, Person, Person.nik, niks)
    new_people = {}
    for e in entries:
        p = e["person"]
        if p["nik"] not in person_ids and p["nik"] not in new_people:
            row = {f: p.get(f) if p.get(f) is not None else "" for f in PERSON_FIELDS}
            row["birth_date"] = _date(p.get("birth_date"))
            row["card_number"] = p.get("card_number") or None
            row.update(created_at=now, updated_at=now)
            new_people[p["nik"]] = row
    person_ids |= _insert_returning(s, Person, list(new_people.values()), "nik")
    kks = sorted({e["no_kk"] for e in entries if e.get("no_kk")})
    family_ids = _by_key(s, Family, Family.no_kk, kks)
    family_ids |= _insert_returning(s, Family, [{"no_kk": k, "address": "", "created_at": now}
                                                for k in kks if k not in family_ids], "no_kk")
    # the same NIK already open for the same service (from another kelurahan, or at the Dinas's own counter)
    open_cases: dict[tuple[int, str], tuple[int, str]] = {}
    pids = sorted(set(person_ids.values()))
    for i in range(0, len(pids), CHUNK):
        for cid, pid, svc, reg in s.exec(select(Case.id, Case.person_id, Case.service_code, Case.reg_number)
                                         .where(col(Case.person_id).in_(pids[i:i + CHUNK]),
                                                col(Case.closed_at).is_(None))).all():
            assert cid is not None  # a stored case
            open_cases[(pid, svc)] = (cid, reg)
    to_insert, flagged, flags = [], [], []
    for e in entries:
        key = (person_ids[e["person"]["nik"]], e["service_code"])
        if key in open_cases:
            other_id, other_reg = open_cases[key]
            link = s.get(NetworkCase, other_id)
            other_office = link.origin_office if link else "Dinas"
            msg = (f"NIK {mask_nik(e['person']['nik'])} sudah diajukan untuk layanan {e['service_code']} oleh "
                   f"{'loket Dinas' if other_office == 'Dinas' else other_office} ({other_reg}); berkas ini tidak "
                   "diproses dua kali. Hubungi Dinas bila perlu.")
            flags.append({"kind": "nik_ganda", "nik": e["person"]["nik"], "service_code": e["service_code"],
                          "office_code": peer.code, "origin_case_id": int(e["id"]),
                          "origin_reg_number": e["reg_number"], "other_office": other_office,
                          "other_case_id": other_id, "message": msg, "at": now, "answered": False})
            flagged.append(e["reg_number"])
            continue
        open_cases[key] = (0, f"{peer.code}/{e['reg_number']}")  # a second one in the same package
        to_insert.append(e)
    _insert(s, NetworkFlag, flags)
    case_rows = [{
        "reg_number": f"{peer.code}/{e['reg_number']}", "service_code": e["service_code"],
        "person_id": person_ids[e["person"]["nik"]], "family_id": family_ids.get(e.get("no_kk") or ""),
        "family_relation": e.get("family_relation", ""), "status": e["status"], "current_step": e["current_step"],
        "urgent": bool(e.get("urgent")), "data": e.get("data") or {}, "counter": peer.code, "created_by": None,
        "opened_at": _dt(e["opened_at"]), "updated_at": now, "step_started_at": _dt(e["step_started_at"]) or now,
        "closed_at": None, "due_at": _dt(e.get("due_at")), "outcome": "", "outcome_reason": "",
        "batch_ready_at": None, "batch_id": None, "version": 1, "owner_office": None} for e in to_insert]
    new_ids = _insert_returning(s, Case, case_rows, "reg_number")
    checklist, logs, scans, links = [], [], [], []
    for e in to_insert:
        cid = new_ids[f"{peer.code}/{e['reg_number']}"]
        for i in e.get("checklist", []):
            checklist.append({"case_id": cid, "code": i["code"], "label": i["label"], "required": bool(i["required"]),
                              "received": bool(i["received"]), "note": i.get("note", ""), "updated_by": None,
                              "updated_at": _dt(i.get("updated_at")) or now})
        for g in e.get("steps", []):
            reason = g.get("reason", "")
            if g.get("by"):
                reason = f"{reason} [{peer.code}: {g['by']}]".strip()
            logs.append({"case_id": cid, "step": g["step"], "action": g["action"], "to_step": g.get("to_step", ""),
                         "user_id": None, "reason": reason[:500], "started_at": _dt(g["started_at"]),
                         "finished_at": _dt(g["finished_at"]), "duration_seconds": int(g.get("duration_seconds", 0)),
                         "standard_minutes": g.get("standard_minutes")})
        for a in e.get("attachments", []):
            stored = files.get((e["id"], a["sha256"]))
            if stored:
                scans.append({"case_id": cid, "requirement_code": a.get("requirement_code", ""),
                              "file_name": a["file_name"][:255], "stored_path": stored, "sha256": a["sha256"],
                              "size": int(a.get("size", 0)), "added_by": None,
                              "added_at": _dt(a.get("added_at")) or now})
        links.append({"case_id": cid, "origin_office": peer.code, "origin_case_id": int(e["id"]),
                      "origin_reg_number": e["reg_number"], "handed_over_at": now, "package_sequence": sequence,
                      "sent_version": 1, "sent_step_log": 0, "remote_status": "", "remote_step": "",
                      "remote_step_name": "", "remote_outcome": "", "remote_reason": "", "remote_updated_at": None})
    _insert(s, ChecklistItem, checklist)
    _insert(s, StepLog, logs)
    _insert(s, Attachment, scans)
    _insert(s, NetworkCase, links)
    if logs:  # the imported history is already known to the kelurahan: report only what happens from now on
        from sqlalchemy import func

        top = s.exec(select(func.max(StepLog.id))).one() or 0
        network_case = NetworkCase.metadata.tables[NetworkCase.__tablename__]
        s.connection().execute(network_case.update()
                               .where(network_case.c.origin_office == peer.code,
                                      network_case.c.package_sequence == sequence)
                               .values(sent_step_log=top))
    return [e["reg_number"] for e in to_insert], flagged


# --------------------------------------------------------------------------- applying at the kelurahan


def _apply_statuses(s: Session, own_code: str, statuses: list[dict], now: datetime) -> int:
    n = 0
    for st in statuses:
        link = s.exec(select(NetworkCase).where(NetworkCase.origin_office == own_code,
                                                NetworkCase.origin_case_id == int(st["case_id"]))).first()
        case = s.get(Case, int(st["case_id"])) if link else None
        if link is None or case is None:
            continue
        link.remote_status, link.remote_step = st["status"], st.get("current_step", "")
        link.remote_step_name, link.remote_outcome = st.get("step_name", "")[:200], st.get("outcome", "")
        link.remote_reason, link.remote_updated_at = (st.get("reason") or "")[:500], _dt(st.get("updated_at")) or now
        s.add(link)
        # the kelurahan's copy follows the owner: it shows where the case is, it cannot change it
        case.status = st["status"]
        if st.get("current_step"):
            case.current_step = st["current_step"]
        case.outcome, case.outcome_reason = st.get("outcome", ""), (st.get("reason") or "")[:500]
        case.closed_at = _dt(st.get("closed_at"))
        case.updated_at, case.version = now, case.version + 1
        s.add(case)
        for g in st.get("steps", []):
            s.add(StepLog(case_id=case.id or 0, step=g["step"], action=g["action"], to_step=g.get("to_step", ""),
                          user_id=None, reason=f"{g.get('reason', '')} [Dinas]".strip()[:500],
                          started_at=_dt(g["started_at"]) or now, finished_at=_dt(g["finished_at"]) or now,
                          duration_seconds=int(g.get("duration_seconds", 0)),
                          standard_minutes=g.get("standard_minutes")))
        n += 1
    return n


def letters_dir(office: Office) -> Path:
    return office.dirs.root / "network" / "surat"


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _stage_letter_file(office: Office, content_zip: Path, entry: dict, created: list[Path]) -> str:
    """Copy one letter file the package carries (a case letter's, or a Puskesos notice letter's) into the
    received letters folder: its SHA-256 checked against the bytes, under a content-addressed safe name that
    cannot leave that folder. Returns its path relative to the data folder."""
    sha = str(entry.get("sha256") or "")
    if not _SHA256.fullmatch(sha) or entry.get("file") != f"files/{sha}":
        raise PackageRefused("format", f"Isi paket tidak sah (berkas surat {str(entry.get('number', ''))[:80]} tanpa "
                                       "SHA-256 yang benar); paket ditolak dan tidak ada yang diubah.")
    folder = letters_dir(office)
    dest = folder / f"{sha[:12]}-{_safe(str(entry.get('file_name') or entry.get('number') or ''))}"
    if not dest.exists():
        folder.mkdir(parents=True, exist_ok=True)
        payload.extract(content_zip, entry["file"], dest)
        created.append(dest)
    return dest.relative_to(office.dirs.root).as_posix()


def _stage_letters(office: Office, content_zip: Path, letters: list[dict], created: list[Path]) -> dict[str, str]:
    return {entry["number"]: _stage_letter_file(office, content_zip, entry, created)
            for entry in letters if entry.get("file")}


def _stage_notice_letters(office: Office, content_zip: Path, notices: list[dict], created: list[Path]
                          ) -> dict[str, str]:
    """The files of the Puskesos notice letters (the same checks as the case letters'): sha256 → stored path."""
    out: dict[str, str] = {}
    for notice in notices:
        letter = notice.get("letter") or {}
        files = letter.get("files", []) if isinstance(letter, dict) else None
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files) or (
                letter and not str(letter.get("number") or "").strip()):
            raise PackageRefused("format", "Isi paket tidak sah (surat pemberitahuan Puskesos); paket ditolak dan "
                                           "tidak ada yang diubah.")
        for f in files:
            if f.get("file"):
                out[f["sha256"]] = _stage_letter_file(office, content_zip, {**f, "number": letter["number"]},
                                                      created)
    return out


def _apply_letters(s: Session, own_code: str, letters: list[dict], stored: dict[str, str], now: datetime) -> int:
    from app.servicedefs.loader import DOCUMENT_KEYS

    n = 0
    for entry in letters:
        if s.exec(select(NetworkLetter).where(NetworkLetter.number == entry["number"])).first():
            continue
        link = s.exec(select(NetworkCase).where(NetworkCase.origin_office == own_code,
                                                NetworkCase.origin_case_id == int(entry["case_id"]))).first()
        s.add(NetworkLetter(case_id=link.case_id if link else None, number=entry["number"][:80],
                            letter_type=entry["letter_type"][:60],
                            title=str(DOCUMENT_KEYS.get(entry["letter_type"], entry["letter_type"])),
                            issued_at=_dt(entry.get("issued_at")), file_name=entry.get("file_name", "")[:255],
                            stored_path=stored.get(entry["number"], ""), sha256=entry.get("sha256", ""),
                            received_at=now))
        n += 1
    return n


def _notice_letter(entry: Any, stored: dict[str, str]) -> dict[str, Any]:
    """What a notice records of its letter: number, type, issue time and the files as stored here."""
    if not isinstance(entry, dict) or not entry.get("number"):
        return {}
    files = [{"file_name": str(f.get("file_name") or "")[:255], "sha256": f["sha256"],
              "stored_path": stored[f["sha256"]]}
             for f in entry.get("files", []) if f.get("file") and f.get("sha256") in stored]
    return {"number": str(entry["number"])[:80], "letter_type": str(entry.get("letter_type") or "")[:60],
            "issued_at": str(entry.get("issued_at") or ""), "files": files}


def _apply_notices(s: Session, notices: list[dict], stored: dict[str, str], now: datetime) -> tuple[int, int]:
    """Store the notices not received before (by kind and reference) and their letters; a letter arriving for a
    notice already stored (issued after the notice went) is recorded with it. Returns (notices, letters)."""
    n = lt = 0
    for notice in notices:
        letter = _notice_letter(notice.get("letter"), stored)
        row = s.exec(select(NetworkNotice).where(NetworkNotice.kind == notice["kind"],
                                                 NetworkNotice.reference == notice["reference"])).first()
        if row is not None:
            if letter and (row.letter or {}).get("number") != letter["number"]:
                row.letter = letter
                s.add(row)
                lt += 1
            continue
        s.add(NetworkNotice(kind=notice["kind"], reference=notice["reference"][:60], period=notice["period"][:7],
                            rows=notice.get("rows", []), letter=letter, received_at=now))
        n += 1
        lt += 1 if letter else 0
    return n, lt


def _apply_dtsen(s: Session, rows: list[dict]) -> int:
    if not rows:
        return 0
    table = DtsenRecord.metadata.tables[DtsenRecord.__tablename__]
    dialect = s.get_bind().dialect.name
    mod = postgresql if dialect == "postgresql" else sqlite
    clean = []
    for r in rows:
        row = {f: r.get(f) for f in DTSEN_FIELDS}
        row["birth_date"] = _date(r.get("birth_date"))
        for f in DTSEN_FIELDS:
            if row[f] is None and f not in ("birth_date", "desil"):
                row[f] = ""
        row["import_id"] = None
        clean.append(row)
    stmt = mod.insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=["nik"], set_={
        f: stmt.excluded[f] for f in DTSEN_FIELDS if f != "nik"})
    conn = s.connection()
    for i in range(0, len(clean), CHUNK):
        conn.execute(stmt, clean[i:i + CHUNK])
    return len(clean)


# --------------------------------------------------------------------------- one package


def receive_file(office: Office, *, actor: Actor, path: Path, now: datetime | None = None) -> Received:
    """Check and apply one package file. Raises :class:`PackageRefused` (nothing changed) when it is refused."""
    require(actor, "network.exchange")
    now = now or utcnow()
    path = Path(path)
    header, _ = envelope.read_header(path)
    with office.db.read() as s:
        ident = identity.load_in(s)
        peer = _peer_for(s, header, ident)
        sender_sign = peer.sign_public
    own_keys = keys_mod.load_keys(office.dirs.root)
    workdir = office.dirs.root / "network" / "tmp"
    workdir.mkdir(parents=True, exist_ok=True)
    header, content_zip, sha = envelope.open_package(path, own_keys=own_keys, sender_sign_public=sender_sign,
                                                     workdir=workdir)
    created: list[Path] = []
    try:
        content = payload.read(content_zip)
        if (content.sender, content.receiver, content.sequence) != (header.sender, header.receiver, header.sequence):
            raise PackageRefused("tampered", "Isi paket tidak cocok dengan kepalanya; paket ditolak dan tidak ada yang "
                                             "diubah.")
        with office.db.read() as s:
            peer = _peer_for(s, header, identity.load_in(s))
            if _check_sequence(s, peer, header.sequence, sha):
                return Received(peer.code, header.sequence, "replayed")
        files = _stage_files(office, content_zip, content.cases, peer, created) if not ident.is_kelurahan else {}
        stored_letters = _stage_letters(office, content_zip, content.letters, created) if ident.is_kelurahan else {}
        stored_notice_letters = (_stage_notice_letters(office, content_zip, content.notices, created)
                                 if ident.is_kelurahan else {})
        with office.db.write() as s:
            peer = s.exec(select(NetworkPeer).where(NetworkPeer.code == header.sender).with_for_update()).one()
            peer = _peer_for(s, header, identity.load_in(s))
            if _check_sequence(s, peer, header.sequence, sha):  # another receiver was quicker
                return Received(peer.code, header.sequence, "replayed")
            counts: dict[str, int] = {}
            flagged: list[str] = []
            if ident.is_kelurahan:
                if content.cases:
                    raise PackageRefused("format", "Paket dari Dinas tidak boleh berisi berkas baru; paket ditolak.")
                notices, notice_letters = _apply_notices(s, content.notices, stored_notice_letters, now)
                counts = {"statuses": _apply_statuses(s, ident.code, content.statuses, now),
                          "letters": _apply_letters(s, ident.code, content.letters, stored_letters, now),
                          "notices": notices, "notice_letters": notice_letters,
                          "dtsen": _apply_dtsen(s, content.dtsen)}
            else:
                if content.statuses or content.letters or content.notices or content.dtsen:
                    raise PackageRefused("format", "Paket dari kelurahan hanya boleh berisi berkas; paket ditolak.")
                imported, flagged = _apply_cases(s, office, peer, content.cases, files, now, header.sequence)
                counts = {"cases": len(imported)}
            counts = {k: v for k, v in counts.items() if v}
            s.add(NetworkPackage(peer_code=peer.code, direction="in", sequence=header.sequence, sha256=sha,
                                 file_name=path.name, at=now, summary={"counts": counts, "flagged": flagged}))
            peer.last_seq_received, peer.last_received_at = header.sequence, now
            if not content.empty:
                peer.ack_due = True
            if content.ack > peer.last_ack_received:
                peer.last_ack_received = min(content.ack, peer.last_seq_sent)
                for out in s.exec(select(NetworkPackage).where(
                        NetworkPackage.peer_code == peer.code, NetworkPackage.direction == "out",
                        col(NetworkPackage.sequence) <= peer.last_ack_received,
                        col(NetworkPackage.acked_at).is_(None))).all():
                    out.acked_at = now
                    s.add(out)
            s.add(peer)
            audit.record(s, actor=actor, action="network.receive", entity="network_peer", entity_id=peer.code,
                         new={"sequence": header.sequence, "sha256": sha, "counts": counts, "flagged": flagged})
        return Received(peer.code, header.sequence, "applied", counts, tuple(flagged))
    except BaseException:
        for p in created:
            with contextlib.suppress(OSError):
                p.unlink()
        raise
    finally:
        with contextlib.suppress(OSError):
            content_zip.unlink()
