"""Making the next package for one peer, in one transaction with its effects.

Kelurahan → Dinas: every case of this office whose current step it may not perform (per ``Step.at``) is
handed over — the case, its checklist, its step log (the events) and its scans; the handover moves the
case's ownership to the Dinas in the same transaction that records the package, so from then on only the
Dinas changes it.

Dinas → kelurahan: what changed since the last package to that kelurahan — status changes and new steps of
the cases it handed over (refusals with their reasons included), cases held back because another kelurahan
already handed over the same NIK for the same service, the letters issued for its cases (number and PDF,
or the .docx where no PDF was made), the Puskesos deactivation notice of each closed monthly batch of a
deactivating service, i.e. penonaktifan (the cards of people living in its area) with the kelurahan's numbered
notice letter once issued (a letter issued later sends its notice again), and the DTSEN rows of its area
changed since.

Every package carries an acknowledgement (the last sequence received from the receiver). A package with
nothing in it is made only to acknowledge content received since the last one — acknowledgements are not
themselves acknowledged, so two offices never answer each other forever.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import (
    Attachment,
    Batch,
    BatchItem,
    Case,
    ChecklistItem,
    DtsenRecord,
    Family,
    Letter,
    NetworkCase,
    NetworkFlag,
    NetworkPackage,
    NetworkPeer,
    Person,
    StepLog,
)
from app.errors import NotFound, ValidationError
from app.network import envelope, identity, payload
from app.network import keys as keys_mod
from app.network.guard import office_may_perform
from app.rules.permissions import Actor, require
from app.servicedefs.loader import load_all
from app.services import audit
from app.timeutil import utcnow

PERSON_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "marital_status", "address", "rt", "rw",
                 "kelurahan", "kelurahan_code", "kecamatan", "kecamatan_code", "postal_code", "domicile_address",
                 "phone", "card_number", "fktp_code", "nik_problem")
DTSEN_FIELDS = ("nik", "no_kk", "name", "birth_place", "birth_date", "sex", "address", "rt", "rw", "region_code",
                "kelurahan", "kecamatan", "desil", "dtsen_id", "row_hash")
CHUNK = 500
LABELS = {"cases": "berkas", "statuses": "perubahan status", "letters": "surat",
          "notices": "pemberitahuan penonaktifan", "notice_letters": "surat pemberitahuan Puskesos",
          "dtsen": "baris DTSEN"}


def outbox_dir(office: Office, peer_code: str) -> Path:
    return office.dirs.root / "network" / "keluar" / peer_code


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass(frozen=True)
class BuiltPackage:
    peer_code: str
    sequence: int
    path: Path
    sha256: str
    counts: dict[str, int]

    @property
    def label(self) -> str:
        parts = [f"{n} {LABELS.get(k, k)}" for k, n in self.counts.items()]
        return f"Paket #{self.sequence} ke {self.peer_code}: " + (", ".join(parts) if parts else "tanda terima saja")


def waiting_steps(office: Office) -> dict[str, set[str]]:
    """Per service, the steps a kelurahan may not perform: a case standing there waits for the Dinas."""
    return {code: {s.code for s in d.steps if not office_may_perform("kelurahan", s)}
            for code, d in load_all(office).items()}


def _handover_query(office: Office, own_code: str):
    conds = [(col(Case.service_code) == svc) & col(Case.current_step).in_(sorted(steps))
             for svc, steps in waiting_steps(office).items() if steps]
    from sqlalchemy import or_

    return (select(Case).where(col(Case.closed_at).is_(None),
                               (col(Case.owner_office).is_(None)) | (Case.owner_office == own_code),
                               or_(*conds)).order_by(col(Case.id)))


def cases_waiting(office: Office) -> int:
    """How many cases at this kelurahan wait to be handed over to the Dinas."""
    ident = identity.load(office)
    if not ident.is_kelurahan:
        return 0
    with office.db.read() as s:
        return len(s.exec(_handover_query(office, ident.code)).all())


def _case_entry(s: Session, case: Case, content: payload.Content, office: Office) -> dict[str, Any]:
    person = s.get(Person, case.person_id)
    assert person is not None
    fam = s.get(Family, case.family_id) if case.family_id else None
    checklist = s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case.id)).all()
    steps = s.exec(select(StepLog).where(StepLog.case_id == case.id).order_by(col(StepLog.id))).all()
    scans = s.exec(select(Attachment).where(Attachment.case_id == case.id).order_by(col(Attachment.id))).all()
    users: dict[int, str] = {}
    from app.db.models import User

    for log in steps:
        if log.user_id and log.user_id not in users:
            u = s.get(User, log.user_id)
            users[log.user_id] = u.full_name if u else ""
    return {
        "id": case.id, "reg_number": case.reg_number, "service_code": case.service_code,
        "status": case.status, "current_step": case.current_step, "urgent": case.urgent, "data": case.data or {},
        "family_relation": case.family_relation, "no_kk": fam.no_kk if fam else "", "counter": case.counter or "",
        "opened_at": _iso(case.opened_at), "updated_at": _iso(case.updated_at),
        "step_started_at": _iso(case.step_started_at), "due_at": _iso(case.due_at),
        "person": {f: _iso(getattr(person, f)) for f in PERSON_FIELDS},
        "checklist": [{"code": i.code, "label": i.label, "required": i.required, "received": i.received,
                       "note": i.note, "updated_at": _iso(i.updated_at)} for i in checklist],
        "steps": [{"step": g.step, "action": g.action, "to_step": g.to_step, "reason": g.reason,
                   "started_at": _iso(g.started_at), "finished_at": _iso(g.finished_at),
                   "duration_seconds": g.duration_seconds, "standard_minutes": g.standard_minutes,
                   "by": users.get(g.user_id or 0, "")} for g in steps],
        "attachments": [{"requirement_code": a.requirement_code, "file_name": a.file_name, "sha256": a.sha256,
                         "size": a.size, "added_at": _iso(a.added_at),
                         "file": content.add_file(office.dirs.attachments / a.stored_path, a.sha256)}
                        for a in scans],
    }


def _kelurahan_content(s: Session, office: Office, ident: identity.NetworkIdentity, peer: NetworkPeer,
                       content: payload.Content, sequence: int, now: datetime) -> None:
    for case in s.exec(_handover_query(office, ident.code)).all():
        content.cases.append(_case_entry(s, case, content, office))
        case.owner_office = peer.code
        case.version += 1
        case.updated_at = now
        s.add(case)
        s.add(NetworkCase(case_id=case.id or 0, origin_office=ident.code, origin_case_id=case.id or 0,
                          origin_reg_number=case.reg_number, handed_over_at=now, package_sequence=sequence,
                          remote_step=case.current_step))


def _dinas_content(s: Session, office: Office, peer: NetworkPeer, content: payload.Content) -> None:
    defs = load_all(office)
    letter_cursor = peer.letter_cursor  # the case letters and the notice letters both start from here
    # status changes and new steps of the cases this kelurahan handed over
    rows = s.exec(select(NetworkCase, Case).join(Case, col(Case.id) == NetworkCase.case_id)
                  .where(NetworkCase.origin_office == peer.code, Case.version != NetworkCase.sent_version)
                  .order_by(col(NetworkCase.case_id))).all()
    for link, case in rows:
        steps = s.exec(select(StepLog).where(StepLog.case_id == case.id, col(StepLog.id) > link.sent_step_log)
                       .order_by(col(StepLog.id))).all()
        defn = defs.get(case.service_code)
        try:
            step_name = defn.step(case.current_step).name if defn else case.current_step
        except KeyError:
            step_name = case.current_step
        content.statuses.append({
            "case_id": link.origin_case_id, "reg_number": link.origin_reg_number, "status": case.status,
            "current_step": case.current_step, "step_name": step_name, "outcome": case.outcome,
            "reason": case.outcome_reason, "closed_at": _iso(case.closed_at), "updated_at": _iso(case.updated_at),
            "steps": [{"step": g.step, "action": g.action, "to_step": g.to_step, "reason": g.reason,
                       "started_at": _iso(g.started_at), "finished_at": _iso(g.finished_at),
                       "duration_seconds": g.duration_seconds, "standard_minutes": g.standard_minutes}
                      for g in steps]})
        link.sent_version = case.version
        if steps:
            link.sent_step_log = steps[-1].id or link.sent_step_log
        s.add(link)
    # cases held back: the same NIK is already being handled for that service
    for flag in s.exec(select(NetworkFlag).where(NetworkFlag.office_code == peer.code,
                                                 col(NetworkFlag.answered).is_(False))).all():
        content.statuses.append({
            "case_id": flag.origin_case_id, "reg_number": flag.origin_reg_number, "status": "ditolak",
            "current_step": "", "step_name": "Ditolak oleh Dinas", "outcome": "berkas_ganda",
            "reason": flag.message, "closed_at": _iso(flag.at), "updated_at": _iso(flag.at), "steps": []})
        flag.answered = True
        s.add(flag)
    # letters issued for its cases
    letters = s.exec(select(Letter, NetworkCase).join(NetworkCase, col(NetworkCase.case_id) == Letter.case_id)
                     .where(NetworkCase.origin_office == peer.code, col(Letter.id) > letter_cursor,
                            Letter.status == "issued").order_by(col(Letter.id))).all()
    for letter, link in letters:
        path, name = None, ""
        for rel, sha in ((letter.pdf_path, letter.pdf_sha256), (letter.docx_path, letter.docx_sha256)):
            if rel and sha:
                candidate = office.dirs.letters / rel
                if candidate.is_file():
                    path, name = candidate, candidate.name
                    break
        entry = {"case_id": link.origin_case_id, "number": letter.number, "letter_type": letter.letter_type,
                 "issued_at": _iso(letter.issued_at), "file_name": name, "sha256": "", "file": ""}
        if path is not None:
            from app.batching.writers import sha256_file

            sha = sha256_file(path)
            entry.update(sha256=sha, file=content.add_file(path, sha))
        content.letters.append(entry)
        peer.letter_cursor = max(peer.letter_cursor, letter.id or 0)
    # the monthly Puskesos deactivation notice, per closed batch of a deactivating service (the definitions'
    # ``membership = "keluar"`` unless the office's reconciliation settings name them), with the kelurahan's
    # numbered notice letter when it is issued; a letter issued after its batch's notice went (``batch
    # puskesos`` run later) sends that notice again with it, found through the letter cursor
    from app.services.reconcile import membership

    deactivating = membership(office, s).deactivating
    new_batches = list(s.exec(select(Batch).where(col(Batch.service_code).in_(deactivating),
                                                  col(Batch.id) > peer.notice_cursor).order_by(col(Batch.id))).all())
    late = _late_notice_letters(s, peer, deactivating, letter_cursor)
    wanted = {b.id for b in new_batches}
    again = sorted({bid for bid in late if bid not in wanted})
    resend = list(s.exec(select(Batch).where(col(Batch.id).in_(again)).order_by(col(Batch.id))).all()) if again else []
    for batch in [*resend, *new_batches]:
        rows = _notice_rows(s, peer, batch)
        letter = _notice_letter(s, office, peer, batch, content)
        if rows or letter:
            entry: dict[str, Any] = {"kind": batch.service_code, "period": batch.period, "rows": rows,
                                     "reference": f"{batch.service_code}/{batch.period}/{batch.sequence}"}
            if letter:
                entry["letter"] = letter
            content.notices.append(entry)
    if new_batches:
        peer.notice_cursor = new_batches[-1].id or peer.notice_cursor
    if late:
        peer.letter_cursor = max(peer.letter_cursor, *late.values())
    # DTSEN rows of its area changed since the last package
    if peer.area_code:
        newest = s.exec(select(func.max(DtsenRecord.import_id))).one() or 0
        q = select(DtsenRecord).where(DtsenRecord.region_code == peer.area_code)
        if peer.dtsen_cursor:
            q = q.where(col(DtsenRecord.import_id) > peer.dtsen_cursor)
        for r in s.exec(q.order_by(col(DtsenRecord.id))).all():
            content.dtsen.append({f: _iso(getattr(r, f)) for f in DTSEN_FIELDS})
        peer.dtsen_cursor = max(peer.dtsen_cursor, newest)


def _notice_rows(s: Session, peer: NetworkPeer, batch: Batch) -> list[dict[str, Any]]:
    """The deactivated cards of ``batch`` for this kelurahan: people of its area, and cases it handed over."""
    items = s.exec(select(BatchItem, Person, Case).join(Case, col(Case.id) == BatchItem.case_id)
                   .join(Person, col(Person.id) == Case.person_id)
                   .where(BatchItem.batch_id == batch.id)).all()
    ids = [c.id for _, _, c in items]
    from_peer = set(s.exec(select(NetworkCase.case_id).where(
        NetworkCase.origin_office == peer.code, col(NetworkCase.case_id).in_(ids))).all()) if ids else set()
    return [{"nik": p.nik, "nama": p.name, "no_kartu": p.card_number or "",
             "alasan": (c.data or {}).get("alasan", ""), "registrasi": c.reg_number, "alamat": p.address,
             "rt": p.rt, "rw": p.rw}
            for _item, p, c in items
            if (peer.area_code and p.kelurahan_code == peer.area_code) or c.id in from_peer]


def _is_peer_notice_letter(letter: Letter, peer: NetworkPeer) -> bool:
    """A Puskesos notice letter is addressed to one kelurahan/desa: its data's ``wilayah.kode`` (the region code
    of the batch rows, the same code a kelurahan enrols with). A letter for an area without a code names no
    enrolled kelurahan and is not sent."""
    wilayah = (letter.data or {}).get("wilayah") or {}
    return bool(peer.area_code) and str(wilayah.get("kode") or "").strip() == peer.area_code


def _late_notice_letters(s: Session, peer: NetworkPeer, deactivating: tuple[str, ...] | list[str], cursor: int
                         ) -> dict[int, int]:
    """Notice letters for this kelurahan issued since the last package (above the letter cursor ``cursor``):
    batch id → newest letter id."""
    from app.services.puskesos_notices import LETTER_TYPE

    if not peer.area_code:
        return {}
    out: dict[int, int] = {}
    for letter in s.exec(select(Letter).join(Batch, col(Batch.id) == Letter.batch_id)
                         .where(Letter.letter_type == LETTER_TYPE, Letter.status == "issued",
                                col(Letter.id) > cursor, col(Batch.service_code).in_(deactivating))
                         .order_by(col(Letter.id))).all():
        if letter.batch_id is not None and _is_peer_notice_letter(letter, peer):
            out[letter.batch_id] = max(out.get(letter.batch_id, 0), letter.id or 0)
    return out


def _notice_letter(s: Session, office: Office, peer: NetworkPeer, batch: Batch, content: payload.Content
                   ) -> dict[str, Any] | None:
    """The kelurahan's issued notice letter of ``batch`` (the newest, should one have been voided and issued
    again) with its files — the .docx and, when one was made, the PDF — sent as the case letters' files are."""
    from app.batching.writers import sha256_file
    from app.services.puskesos_notices import LETTER_TYPE

    found = [lt for lt in s.exec(select(Letter).where(Letter.batch_id == batch.id, Letter.letter_type == LETTER_TYPE,
                                                      Letter.status == "issued").order_by(col(Letter.id))).all()
             if _is_peer_notice_letter(lt, peer)]
    if not found:
        return None
    letter = found[-1]
    files = []
    for rel in (letter.docx_path, letter.pdf_path):
        path = office.dirs.letters / rel if rel else None
        if path is not None and path.is_file():
            sha = sha256_file(path)
            files.append({"file_name": path.name, "sha256": sha, "file": content.add_file(path, sha)})
    return {"number": letter.number, "letter_type": letter.letter_type, "issued_at": _iso(letter.issued_at),
            "files": files}


def build_package(office: Office, *, actor: Actor, peer_code: str, now: datetime | None = None
                  ) -> BuiltPackage | None:
    """Make the next package for ``peer_code`` (or nothing, when there is neither content nor an
    acknowledgement due). The package file is written before the transaction commits and removed if it fails;
    a file left by a crash in between is simply made again with the same number."""
    require(actor, "network.exchange")
    now = now or utcnow()
    keys = keys_mod.load_keys(office.dirs.root)
    workdir = office.dirs.root / "network" / "tmp"
    workdir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="isi-", suffix=".zip", dir=workdir)
    import os

    os.close(fd)
    content_path = Path(name)
    out_path: Path | None = None
    try:
        with office.db.write() as s:
            ident = identity.load_in(s)
            if not ident.enrolled:
                raise ValidationError("Kantor ini belum terdaftar dalam jaringan; selesaikan pendaftaran dahulu.")
            peer = s.exec(select(NetworkPeer).where(NetworkPeer.code == peer_code)
                          .with_for_update()).first()
            if peer is None:
                raise NotFound(f"Kantor {peer_code} tidak terdaftar di kantor ini.")
            if peer.status != "enrolled":
                raise ValidationError(f"Pendaftaran {peer.code} telah dicabut; tidak ada paket yang dikirim ke sana.")
            sequence = peer.last_seq_sent + 1
            content = payload.Content(ident.code, peer.code, sequence, now.isoformat(), ack=peer.last_seq_received,
                                      sender_kind=ident.kind)
            if ident.is_kelurahan:
                _kelurahan_content(s, office, ident, peer, content, sequence, now)
            else:
                _dinas_content(s, office, peer, content)
            if content.empty and not peer.ack_due:
                s.rollback()
                return None
            payload.write(content, content_path)
            out_path = outbox_dir(office, peer.code) / envelope.package_name(ident.code, peer.code, sequence)
            sha = envelope.seal(content_path, out_path, sender=ident.code, receiver=peer.code, sequence=sequence,
                                created_at=now.isoformat(), sender_keys=keys, receiver_box_public=peer.box_public)
            counts = content.counts()
            s.add(NetworkPackage(peer_code=peer.code, direction="out", sequence=sequence, sha256=sha,
                                 file_name=out_path.name, at=now, summary={"counts": counts, "delivered": []}))
            peer.last_seq_sent, peer.ack_due, peer.last_sent_at = sequence, False, now
            s.add(peer)
            audit.record(s, actor=actor, action="network.send", entity="network_peer", entity_id=peer.code,
                         new={"sequence": sequence, "sha256": sha, "counts": counts,
                              "cases": [c["reg_number"] for c in content.cases][:1000]})
        return BuiltPackage(peer_code, sequence, out_path, sha, counts)
    except BaseException:
        if out_path is not None:
            with contextlib.suppress(OSError):
                out_path.unlink()
        raise
    finally:
        with contextlib.suppress(OSError):
            content_path.unlink()


def letters_without_pdf(office: Office) -> list[int]:
    """Letters about to travel to a kelurahan that have no PDF yet (converted before the package is made)."""
    with office.db.read() as s:
        rows = s.exec(select(Letter.id).join(NetworkCase, col(NetworkCase.case_id) == Letter.case_id)
                      .join(NetworkPeer, col(NetworkPeer.code) == NetworkCase.origin_office)
                      .where(col(Letter.pdf_path).is_(None), col(Letter.id) > NetworkPeer.letter_cursor,
                             Letter.status == "issued", NetworkPeer.status == "enrolled")).all()
    return [int(i) for i in rows if i is not None]


def build_all(office: Office, *, actor: Actor, now: datetime | None = None) -> list[BuiltPackage]:
    """The next package for every enrolled peer that has something (or an acknowledgement) to receive."""
    with office.db.read() as s:
        codes = [p.code for p in s.exec(select(NetworkPeer).where(NetworkPeer.status == "enrolled")
                                        .order_by(col(NetworkPeer.code))).all()]
    out = []
    for code in codes:
        built = build_package(office, actor=actor, peer_code=code, now=now)
        if built is not None:
            out.append(built)
    return out
