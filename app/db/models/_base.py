"""Helpers for declaring columns the same way in every table.

Tables name themselves with ``__tablename__: str = "…"`` (annotated: SQLModel declares the attribute as a
``declared_attr``, which the type checker would not let a plain string replace). Queries wrap columns in
``sqlmodel.col()`` (``col(Case.closed_at).is_(None)``, ``col(Case.id).in_(ids)``) so the type checker sees a
column, not the field's Python type.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from app.db.types import AwareDateTime
from app.timeutil import utcnow


def aware(*, nullable: bool = True, index: bool = False, default_now: bool = False) -> Any:
    """A timezone-aware timestamp column (UTC in the database)."""
    if default_now:
        return Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False, index=index)
    return Field(default=None, sa_type=AwareDateTime, nullable=nullable, index=index)


def json_field(default: Any = dict) -> Any:
    return Field(default_factory=default, sa_type=JSON)


def text_id(*, length: int, unique: bool = False, index: bool = False, nullable: bool = False) -> Any:
    """An identifier (NIK, No KK, noka, NIP): always text, never a number."""
    return Field(default=None if nullable else ..., max_length=length, unique=unique, index=index,
                 nullable=nullable)


__all__ = ["aware", "json_field", "text_id", "datetime"]
