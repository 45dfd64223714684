"""Cases, their checklist, step log and attachments; complaints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel, col

from app.db.models._base import aware, json_field


class Case(SQLModel, table=True):
    """One application of one person for one service, from intake to its product and batch."""

    __tablename__: str = "case_file"
    __table_args__ = (
        Index("ix_case_service_status", "service_code", "status"),
        Index("ix_case_status_step", "status", "current_step"),
        # A person has at most one open case per service (also with several counters on PostgreSQL).
        Index("uq_case_open_per_service", "person_id", "service_code", unique=True,
              sqlite_where=text("closed_at IS NULL"), postgresql_where=text("closed_at IS NULL")),
        # The counter queue's per-step counts of the open cases (app/services/work_queue.py).
        Index("ix_case_open_steps", "service_code", "current_step", "urgent", "due_at",
              sqlite_where=text("closed_at IS NULL"), postgresql_where=text("closed_at IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    reg_number: str = Field(max_length=40, unique=True, index=True)
    service_code: str = Field(max_length=40, index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    family_id: int | None = Field(default=None, foreign_key="family.id", index=True)
    family_relation: str = Field(default="", max_length=30)
    status: str = Field(default="draft", max_length=20, index=True)
    current_step: str = Field(default="intake", max_length=60)
    urgent: bool = Field(default=False)
    data: Any = json_field(default=dict)
    counter: str | None = Field(default=None, max_length=40, index=True)
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    opened_at: datetime = aware(default_now=True, index=True)
    updated_at: datetime = aware(default_now=True)
    step_started_at: datetime = aware(default_now=True)
    closed_at: datetime | None = aware()
    due_at: datetime | None = aware(index=True)
    outcome: str = Field(default="", max_length=40)
    outcome_reason: str = Field(default="", max_length=500)
    batch_ready_at: datetime | None = aware(index=True)
    batch_id: int | None = Field(default=None, foreign_key="batch.id", index=True)
    version: int = Field(default=1, description="optimistic lock: bumped by every change")
    #: the office that owns the case (network, SPEC §8); empty: this office. Only the owner changes it.
    owner_office: str | None = Field(default=None, max_length=40, index=True)
    #: the service-time clock (app/workflow/clock.py): "" not started, berjalan, menunggu (a step that waits
    #: for a window, recap, BPJS or DTSEN: outside the standard), terpenuhi (product issued), berhenti
    clock: str = Field(default="", max_length=12, index=True)
    clock_paused_at: datetime | None = aware()


# The counter queue's order (urgent first, then due time) straight from an index: no sort step (work_queue.py).
Index("ix_case_open_queue", col(Case.urgent).desc(), col(Case.due_at),
      sqlite_where=text("closed_at IS NULL"), postgresql_where=text("closed_at IS NULL"))


class ChecklistItem(SQLModel, table=True):
    __tablename__: str = "checklist_item"

    case_id: int = Field(foreign_key="case_file.id", primary_key=True, ondelete="CASCADE")
    code: str = Field(primary_key=True, max_length=60)
    label: str = Field(max_length=250)
    required: bool = Field(default=True)
    received: bool = Field(default=False)
    note: str = Field(default="", max_length=250)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = aware(default_now=True)


class StepLog(SQLModel, table=True):
    """Every move of a case: who, when, from which step to which, and how long the step took."""

    __tablename__: str = "step_log"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True, ondelete="CASCADE")
    step: str = Field(max_length=60)
    action: str = Field(max_length=30, description="advance, paraf, return, reject, …")
    to_step: str = Field(default="", max_length=60)
    user_id: int | None = Field(default=None, foreign_key="app_user.id")
    reason: str = Field(default="", max_length=500)
    started_at: datetime = aware(default_now=True)
    finished_at: datetime = aware(default_now=True)
    duration_seconds: int = 0
    standard_minutes: int | None = None


class Attachment(SQLModel, table=True):
    """A scanned document stored with a case (the file lives in the data folder)."""

    __tablename__: str = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True, ondelete="CASCADE")
    requirement_code: str = Field(default="", max_length=60)
    file_name: str = Field(max_length=255)
    stored_path: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    size: int = 0
    added_by: int | None = Field(default=None, foreign_key="app_user.id")
    added_at: datetime = aware(default_now=True)


class Complaint(SQLModel, table=True):
    """Pengaduan (SPEC §1.6)."""

    __tablename__: str = "complaint"

    id: int | None = Field(default=None, primary_key=True)
    reg_number: str = Field(max_length=40, unique=True)
    channel: str = Field(max_length=30, description="langsung, kotak_saran, email, whatsapp, lapor, medsos")
    lapor_ticket: str = Field(default="", max_length=40)
    topic: str = Field(max_length=200)
    description: str = Field(default="", max_length=4000)
    complainant_name: str = Field(default="", max_length=120)
    complainant_contact: str = Field(default="", max_length=120)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    received_at: datetime = aware(default_now=True, index=True)
    due_at: datetime | None = aware()
    follow_up_at: datetime | None = aware()
    follow_up: str = Field(default="", max_length=4000)
    answered_at: datetime | None = aware()
    answer: str = Field(default="", max_length=4000)
    status: str = Field(default="baru", max_length=20, index=True)
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = aware(default_now=True)
