"""Append-only, hash-chained audit log (SPEC §6).

Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
inserting a row anywhere breaks the chain from that point on; ``audit_head`` holds the newest link
so that removing the last entries is noticed as well.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.db.models import AuditEntry, AuditHead
from app.rules.permissions import Actor
from app.timeutil import utcnow

GENESIS = "0" * 64


def _normalise(values: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(values or {}, default=str, sort_keys=True, ensure_ascii=False))


def entry_hash(*, prev_hash: str, at: datetime, user_id: int | None, username: str, action: str,
               entity: str, entity_id: str, old_values: dict, new_values: dict) -> str:
    payload = json.dumps(
        [prev_hash, at.astimezone(UTC).isoformat(), user_id, username, action, entity, entity_id,
         old_values, new_values],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, *, actor: Actor | None, action: str, entity: str = "", entity_id: Any = "",
           old: dict[str, Any] | None = None, new: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appends across counters: the chain must stay a single line.
        session.connection().execute(text("SELECT pg_advisory_xact_lock(7265001)"))
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
                            old_values=old_n, new_values=new_n)
    session.add(entry)
    session.flush()
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
            expected = entry_hash(prev_hash=e.prev_hash, at=e.at, user_id=e.user_id, username=e.username,
                                  action=e.action, entity=e.entity, entity_id=e.entity_id,
                                  old_values=e.old_values, new_values=e.new_values)
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
    return ChainReport(True, checked, None, f"Log audit utuh: {checked} entri diperiksa.")
