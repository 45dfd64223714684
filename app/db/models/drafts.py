"""A service wizard saved half-way, to be resumed later (SPEC: "a wizard can be saved and resumed")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from app.db.models._base import aware, json_field


class WizardDraft(SQLModel, table=True):
    """The state of an unfinished wizard; staged attachment copies live in ``attachments/drafts/<id>/``."""

    __tablename__: str = "wizard_draft"

    id: int | None = Field(default=None, primary_key=True)
    service_code: str = Field(max_length=40)
    counter: str | None = Field(default=None, max_length=40)
    created_by: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    nik: str = Field(default="", max_length=20, description="as typed (may be incomplete); for the list only")
    name: str = Field(default="", max_length=120)
    data: Any = json_field(default=dict)
    created_at: datetime = aware(default_now=True)
    updated_at: datetime = aware(default_now=True, index=True)
