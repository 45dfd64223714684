"""Append-only, hash-chained audit log (SPEC §6).

Each entry's link covers its content and the previous entry's link, so editing, deleting or
inserting a row anywhere breaks the chain from that point on; ``audit_head`` holds the newest link
so that removing the last entries is noticed as well.

The link is a keyed MAC (HMAC-SHA256) with a key derived from the office key, which the database does not
hold (app/services/keys.py): whoever can edit the database cannot recompute the chain. The head itself is
sealed (app/services/seals.py) and printed on every monthly batch's manifest. Entries written before the
office had a key (an office upgraded from an earlier version) keep their plain SHA-256 link; the head
says from which entry on the links are keyed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from app.db.models import AuditEntry, AuditHead, User
from app.rules.permissions import Actor
from app.timeutil import utcnow

GENESIS = "0" * 64


def _normalise(values: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(values or {}, default=str, sort_keys=True, ensure_ascii=False))


def entry_hash(*, prev_hash: str, at: datetime, user_id: int | None, username: str, action: str,
               entity: str, entity_id: str, old_values: dict, new_values: dict, key: bytes | None = None) -> str:
    """The entry's link: HMAC-SHA256 with ``key``; plain SHA-256 for entries from before the office key."""
    payload = json.dumps(
        [prev_hash, at.astimezone(UTC).isoformat(), user_id, username, action, entity, entity_id,
         old_values, new_values],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def head_text(session: Session) -> str:
    """The chain's head as printed on batch manifests: ``#<last id> <link>`` (or that the log is empty)."""
    head = session.get(AuditHead, 1)
    if head is None or not head.count:
        return "log audit kosong"
    return f"#{head.last_id} ({head.count} entri) {head.last_hash}"


def head_info(session: Session) -> dict[str, Any]:
    """The chain's head for a manifest: its text (:func:`head_text`), last entry id, link and entry count."""
    head = session.get(AuditHead, 1)
    if head is None or not head.count:
        return {"text": head_text(session), "last_id": 0, "hash": GENESIS, "count": 0}
    return {"text": head_text(session), "last_id": head.last_id, "hash": head.last_hash, "count": head.count}


_HEAD = re.compile(r"#?\s*(\d+)\b.*?\b([0-9a-fA-F]{64})\b", re.S)


def confirm_head(session: Session, printed: str) -> tuple[bool, str]:
    """Whether a head printed earlier (``#<id> (… entri) <link>``, from a batch manifest or cover letter) is a
    link of this chain: entry ``id`` still carries that link. Together with :func:`verify_chain` (every
    link after it follows from it) this shows nothing before that print was removed or rewritten."""
    m = _HEAD.search(printed or "")
    if m is None:
        return False, ("Kepala rantai yang dicetak tidak terbaca: tulis seperti pada manifest/surat pengantar, "
                       "mis. '#1234 (1234 entri) 9f2c…' (64 huruf/angka heksadesimal).")
    entry_id, link = int(m.group(1)), m.group(2).lower()
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        return False, f"Entri log audit #{entry_id} yang tercetak tidak ada lagi di basis data (dihapus)."
    if not hmac.compare_digest(entry.hash, link):
        return False, (f"Entri log audit #{entry_id} tidak lagi membawa kaitan yang tercetak "
                       f"({link[:12]}… tercetak, {entry.hash[:12]}… tersimpan): log diubah sesudah dicetak.")
    return True, f"Kepala rantai yang dicetak (#{entry_id}, {link[:12]}…) adalah kaitan rantai log audit ini."


def record(session: Session, *, actor: Actor | None, action: str, entity: str = "", entity_id: Any = "",
           old: dict[str, Any] | None = None, new: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appends across counters: the chain must stay a single line.
        session.connection().execute(text("SELECT pg_advisory_xact_lock(7265001)"))
    from app.services import seals

    key = seals.audit_key(session)  # before the head is read: making the office key appends an entry
    head = session.get(AuditHead, 1, with_for_update=True)
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS, count=0)
        session.add(head)
    at = utcnow()
    old_n, new_n = _normalise(old), _normalise(new)
    entry = AuditEntry(
        at=at, user_id=actor.id if actor else None, username=actor.username if actor else "sistem",
        action=action, entity=entity, entity_id=str(entity_id), old_values=old_n, new_values=new_n,
        prev_hash=head.last_hash, hash="",
    )
    entry.hash = entry_hash(prev_hash=entry.prev_hash, at=at, user_id=entry.user_id, username=entry.username,
                            action=action, entity=entity, entity_id=entry.entity_id,
                            old_values=old_n, new_values=new_n, key=key)
    session.add(entry)
    session.flush()
    if head.keyed_from is None:
        head.keyed_from = entry.id
    head.last_id = entry.id or 0
    head.last_hash = entry.hash
    head.count += 1
    session.add(head)
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    message: str = ""


def verify_chain(session: Session, *, batch_size: int = 5000) -> ChainReport:
    """Walk the whole chain in id order; name the first entry that does not fit."""
    from app.services import keys, seals

    head = session.get(AuditHead, 1)
    keyed_from = head.keyed_from if head is not None else None
    try:
        master = seals.office_master(session, create=False)
    except keys.KeyMissing as exc:
        return ChainReport(False, 0, None, str(exc))
    key = keys.derive(master, "audit") if master is not None else None
    if master is not None and keyed_from is None:
        return ChainReport(False, 0, None, "Kepala rantai log audit hilang atau diubah: kantor ini memiliki kunci, "
                                           "tetapi tidak ada entri log audit berkunci.")
    session.expunge_all()
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = session.exec(
            select(AuditEntry).where(col(AuditEntry.id) > last_id).order_by(col(AuditEntry.id)).limit(batch_size)
        ).all()
        if not rows:
            break
        for e in rows:
            keyed = keyed_from is not None and (e.id or 0) >= keyed_from
            if keyed and key is None:
                return ChainReport(False, checked, e.id, "Entri log audit berkunci ada, tetapi identitas kunci "
                                                         "kantor hilang dari basis data.")
            expected = entry_hash(prev_hash=e.prev_hash, at=e.at, user_id=e.user_id, username=e.username,
                                  action=e.action, entity=e.entity, entity_id=e.entity_id,
                                  old_values=e.old_values, new_values=e.new_values, key=key if keyed else None)
            if keyed and e.id == keyed_from:
                problem = _key_creation_problem(e)
                if problem:
                    return ChainReport(False, checked, e.id, problem)
            if e.prev_hash != prev:
                return ChainReport(False, checked, e.id,
                                   f"Rantai log audit putus pada entri #{e.id}: entri sebelumnya dihapus "
                                   "atau disisipkan di luar aplikasi.")
            if e.hash != expected:
                return ChainReport(False, checked, e.id,
                                   f"Entri log audit #{e.id} ({e.action}) telah diubah di luar aplikasi.")
            prev = e.hash
            checked += 1
            last_id = e.id or last_id
        session.expunge_all()
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_hash != prev or head.count != checked):
        return ChainReport(False, checked, head.last_id,
                           f"Entri log audit terakhir (#{head.last_id}) hilang atau kepala rantai diubah: "
                           f"tercatat {head.count} entri, ditemukan {checked}.")
    if head is None and checked:
        return ChainReport(False, checked, None, "Kepala rantai log audit hilang.")
    if not checked and session.exec(select(func.count()).select_from(User)).one():
        return ChainReport(False, 0, None, "Log audit kosong padahal kantor ini memiliki pengguna: entri log audit "
                                           "dan kepala rantainya dihapus di luar aplikasi.")
    how = "HMAC-SHA256 dengan kunci kantor" if key is not None else "SHA-256"
    return ChainReport(True, checked, None, f"Log audit utuh: {checked} entri diperiksa ({how}).")


def _key_creation_problem(e: AuditEntry) -> str:
    """The first keyed entry must be the key's creation, made on an office that had its log (or no users)."""
    if e.action != "integrity.key_created":
        return f"Entri log audit berkunci pertama (#{e.id}) bukan pembuatan kunci kantor: rantai diubah."
    new = e.new_values or {}
    if int(new.get("users") or 0) > 0 and int(new.get("legacy_entries") or 0) == 0:
        return ("Kunci kantor dibuat ulang pada kantor yang sudah memiliki pengguna tetapi tanpa log audit: "
                "log audit sebelumnya dihapus di luar aplikasi.")
    return ""
