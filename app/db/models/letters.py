"""The letter register: every number ever issued, with what it was rendered from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db.models._base import aware, json_field


class Letter(SQLModel, table=True):
    __tablename__: str = "letter"
    __table_args__ = (UniqueConstraint("series", "year", "serial", name="uq_letter_serial"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=80, unique=True, index=True)
    series: str = Field(default="umum", max_length=40, description="numbering register the serial belongs to")
    year: int
    serial: int
    classification_code: str = Field(max_length=20)
    letter_type: str = Field(max_length=60, index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    batch_id: int | None = Field(default=None, foreign_key="batch.id", index=True)
    template_name: str = Field(max_length=120)
    template_sha256: str = Field(max_length=64)
    data: Any = json_field(default=dict)
    data_sha256: str = Field(max_length=64)
    docx_path: str = Field(max_length=500)
    docx_sha256: str = Field(max_length=64)
    pdf_path: str | None = Field(default=None, max_length=500)
    pdf_sha256: str | None = Field(default=None, max_length=64)
    issued_at: datetime = aware(default_now=True, index=True)
    issued_by: int | None = Field(default=None, foreign_key="app_user.id")
    status: str = Field(default="issued", max_length=20)
    void_reason: str = Field(default="", max_length=500)
    voided_at: datetime | None = aware()
    voided_by: int | None = Field(default=None, foreign_key="app_user.id")
