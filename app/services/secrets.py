"""Passwords and tokens the office stores (backup and batch ZIP passwords, delivery and exchange tokens).

Kept in their own setting rows, never in an audited settings section, so that the audit log records
that a secret was set but never the secret itself. The row holds the secret encrypted (AES-256-GCM)
with a key derived from the office key (app/services/keys.py), never in clear; a row written in clear by an
earlier version is still read. Settings fields that are secrets (``secret_fields`` of a settings dataclass,
e.g. the HTTPS delivery token) are kept here by app/services/settings.py: :func:`seal_in` / :func:`open_in`.
"""

from __future__ import annotations

import base64
import secrets as pysecrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import Session

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit, keys, seals
from app.timeutil import utcnow

MIN_LENGTH = 8


def set_secret(office: Office, *, actor: Actor, key: str, password: str, action: str, label: str) -> None:
    """Store a password under ``key`` (administrator); the audit entry names the action, not the value."""
    require(actor, "settings.edit")
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Kata sandi {label} minimal {MIN_LENGTH} karakter.")
    with office.db.write() as s:
        seal_in(s, key, password, user_id=actor.id)
        audit.record(s, actor=actor, action=action, entity="setting", entity_id=key)


def get_secret(office: Office, key: str) -> str | None:
    with office.db.read() as s:
        return open_in(s, key)


def seal_in(session: Session, key: str, secret: str, *, user_id: int | None) -> None:
    """Keep ``secret`` under ``key`` encrypted, in the caller's transaction; an empty one removes the row."""
    row = session.get(Setting, key)
    if not secret:
        if row is not None:
            session.delete(row)
        return
    master = seals.office_master(session, create=True)
    assert master is not None
    nonce = pysecrets.token_bytes(12)
    sealed = AESGCM(keys.derive(master, "secrets")).encrypt(nonce, secret.encode("utf-8"), key.encode())
    value = {"encrypted": base64.b64encode(nonce + sealed).decode("ascii")}
    if row is None:
        row = Setting(key=key, value=value, updated_by=user_id)
    else:
        row.value, row.updated_by, row.updated_at = value, user_id, utcnow()
    session.add(row)


def open_in(session: Session, key: str) -> str | None:
    """The secret kept under ``key`` (``None``: none kept, or the office has no key yet)."""
    row = session.get(Setting, key)
    value = (row.value or {}) if row else {}
    if value.get("encrypted"):
        master = seals.office_master(session, create=False)
        if master is None:
            return None
        blob = base64.b64decode(value["encrypted"])
        return AESGCM(keys.derive(master, "secrets")).decrypt(blob[:12], blob[12:], key.encode()).decode("utf-8")
    password = value.get("password")  # written in clear by an earlier version
    return str(password) if password else None
