"""Passwords the office sets for encrypted files (backups, batch ZIPs).

Kept in their own setting rows, never in an audited settings section, so that the audit log records
that a password was set but never the password itself.
"""

from __future__ import annotations

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

MIN_LENGTH = 8


def set_secret(office: Office, *, actor: Actor, key: str, password: str, action: str, label: str) -> None:
    """Store a password under ``key`` (administrator); the audit entry names the action, not the value."""
    require(actor, "settings.edit")
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Kata sandi {label} minimal {MIN_LENGTH} karakter.")
    with office.db.write() as s:
        row = s.get(Setting, key)
        if row is None:
            row = Setting(key=key, value={"password": password}, updated_by=actor.id)
        else:
            row.value, row.updated_by, row.updated_at = {"password": password}, actor.id, utcnow()
        s.add(row)
        audit.record(s, actor=actor, action=action, entity="setting", entity_id=key)


def get_secret(office: Office, key: str) -> str | None:
    with office.db.read() as s:
        row = s.get(Setting, key)
        password = (row.value or {}).get("password") if row else None
    return str(password) if password else None
