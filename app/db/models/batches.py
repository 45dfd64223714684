"""Monthly collective batches, their frozen rows, and delivery attempts (the outbox)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db.models._base import aware, json_field


class Batch(SQLModel, table=True):
    __tablename__: str = "batch"
    __table_args__ = (
        UniqueConstraint("service_code", "period", name="uq_batch_period"),
        UniqueConstraint("service_code", "sequence", name="uq_batch_sequence"),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_code: str = Field(max_length=40, index=True)
    period: str = Field(max_length=7, description="YYYY-MM")
    sequence: int
    status: str = Field(default="closed", max_length=20, description="closed, delivered")
    record_count: int = 0
    zip_path: str = Field(default="", max_length=500)
    zip_sha256: str = Field(default="", max_length=64, index=True)
    manifest: Any = json_field(default=dict)
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = aware(default_now=True)
    delivered_at: datetime | None = aware()
    delivery_receipt: str = Field(default="", max_length=2000)


class BatchItem(SQLModel, table=True):
    """A case as it was when its batch closed (frozen), and BPJS/Kemensos's answer for it."""

    __tablename__: str = "batch_item"

    batch_id: int = Field(foreign_key="batch.id", primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", primary_key=True, index=True)
    nik: str = Field(max_length=16, index=True)
    row: Any = json_field(default=dict)
    feedback_status: str = Field(default="", max_length=20, description="'', diterima, ditolak")
    feedback_reason: str = Field(default="", max_length=500)
    tmt: date | None = None
    feedback_at: datetime | None = aware()


class Delivery(SQLModel, table=True):
    """One attempt to deliver a batch to a target (folder or HTTPS endpoint)."""

    __tablename__: str = "delivery"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="batch.id", index=True)
    target_kind: str = Field(max_length=10, description="folder or https")
    target: str = Field(max_length=500)
    attempted_at: datetime = aware(default_now=True)
    ok: bool = False
    receipt: str = Field(default="", max_length=2000)
    error: str = Field(default="", max_length=2000)
