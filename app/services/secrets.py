"""Passwords the office sets for encrypted files (backups, batch ZIPs).

Kept in their own setting rows, never in an audited settings section, so that the audit log records
that a password was set but never the password itself. The row holds the password encrypted (AES-256-GCM)
with a key derived from the office key (app/services/keys.py), never in clear; a row written in clear by an
earlier version is still read.
"""

from __future__ import annotations

import base64
import secrets as pysecrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
        master = seals.office_master(s, create=True)
        assert master is not None
        nonce = pysecrets.token_bytes(12)
        sealed = AESGCM(keys.derive(master, "secrets")).encrypt(nonce, password.encode("utf-8"), key.encode())
        value = {"encrypted": base64.b64encode(nonce + sealed).decode("ascii")}
        row = s.get(Setting, key)
        if row is None:
            row = Setting(key=key, value=value, updated_by=actor.id)
        else:
            row.value, row.updated_by, row.updated_at = value, actor.id, utcnow()
        s.add(row)
        audit.record(s, actor=actor, action=action, entity="setting", entity_id=key)


def get_secret(office: Office, key: str) -> str | None:
    with office.db.read() as s:
        row = s.get(Setting, key)
        value = (row.value or {}) if row else {}
        if value.get("encrypted"):
            master = seals.office_master(s, create=False)
            if master is None:
                return None
            blob = base64.b64decode(value["encrypted"])
            return AESGCM(keys.derive(master, "secrets")).decrypt(blob[:12], blob[12:], key.encode()).decode("utf-8")
        password = value.get("password")  # written in clear by an earlier version
    return str(password) if password else None
