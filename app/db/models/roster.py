"""The office's PBI-APBD participant roster as BPJS lists it (imported for the quarterly reconciliation)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.db.models._base import aware


class RosterImport(SQLModel, table=True):
    """One import of the BPJS participant roster; the newest is the office's current roster."""

    __tablename__: str = "roster_import"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64, index=True)
    imported_at: datetime = aware(default_now=True)
    rows_total: int = 0
    rows_active: int = 0
    duplicates: int = 0
    user_id: int | None = Field(default=None, foreign_key="app_user.id")


class RosterEntry(SQLModel, table=True):
    """A row of an imported roster (a NIK may appear twice: that is a reconciliation finding)."""

    __tablename__: str = "roster_entry"

    id: int | None = Field(default=None, primary_key=True)
    import_id: int = Field(foreign_key="roster_import.id", index=True)
    line: int = 0
    nik: str = Field(max_length=16, index=True)
    name: str = Field(default="", max_length=120)
    birth_date: date | None = None
    card_number: str = Field(default="", max_length=13)
    status: str = Field(default="", max_length=40)
    segment: str = Field(default="", max_length=60)
    active: bool = True
