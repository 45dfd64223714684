"""Errors the core raises. Every message is written for the person at the counter, in Indonesian."""

from __future__ import annotations


class LoketError(Exception):
    """Base class: ``str(error)`` is a complete Indonesian sentence fit to show to the user."""


class ValidationError(LoketError):
    """Input is wrong; nothing was changed."""


class PermissionDenied(LoketError):
    """The user lacks the role for this action."""

    def __init__(self, action: str, username: str | None = None, roles_needed: list[str] | None = None):
        self.action = action
        self.username = username
        self.roles_needed = roles_needed or []
        who = f"Pengguna '{username}'" if username else "Pengguna ini"
        need = f" (perlu peran: {', '.join(self.roles_needed)})" if self.roles_needed else ""
        super().__init__(f"{who} tidak berwenang melakukan tindakan '{action}'{need}.")


class NotFound(LoketError):
    """The record asked for does not exist."""


class ConflictError(LoketError):
    """Someone else changed the record first; reload and try again."""


class AuthError(LoketError):
    """Login refused (wrong password, disabled or locked account)."""


class DatabaseVersionError(LoketError):
    """The database was written by a newer version of the app, or cannot be migrated."""
