"""Office, settings, users, officials, counters and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from app.db.models._base import aware, json_field


class OfficeProfile(SQLModel, table=True):
    """The office (one row). Everything printed on the letterhead comes from here."""

    __tablename__: str = "office_profile"

    id: int = Field(default=1, primary_key=True)
    code: str = Field(default="DINSOS", max_length=20, description="short code used in registration numbers")
    government: str = Field(max_length=120, description="e.g. PEMERINTAH KOTA PANGKALPINANG")
    agency: str = Field(default="DINAS SOSIAL", max_length=120)
    region_kind: str = Field(default="KOTA", max_length=10, description="KOTA or KABUPATEN")
    region_name: str = Field(max_length=80, description="e.g. Pangkalpinang")
    city: str = Field(max_length=80, description="place printed before the date of a letter")
    address: str = Field(default="", max_length=250)
    postal_code: str = Field(default="", max_length=10)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=120)
    website: str = Field(default="", max_length=120)
    timezone: str = Field(default="WIB", max_length=40)
    unit_code: str = Field(default="Dinsos", max_length=30, description="{unit} token of letter numbers")
    emblem_png: bytes | None = Field(default=None, sa_type=LargeBinary)
    updated_at: datetime = aware(default_now=True)


class Setting(SQLModel, table=True):
    """One office setting (SPEC marks them **setting**), stored as JSON under a dotted key."""

    __tablename__: str = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: Any = json_field(default=dict)
    updated_at: datetime = aware(default_now=True)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")


class User(SQLModel, table=True):
    __tablename__: str = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True, index=True)
    full_name: str = Field(max_length=120)
    nip: str | None = Field(default=None, max_length=18)
    password_hash: str = Field(max_length=255)
    active: bool = Field(default=True)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = aware()
    counter: str | None = Field(default=None, max_length=40, description="loket the user sits at")
    created_at: datetime = aware(default_now=True)
    last_login_at: datetime | None = aware()


class UserRole(SQLModel, table=True):
    """A user may hold several roles (SPEC §6)."""

    __tablename__: str = "user_role"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")
    role: str = Field(primary_key=True, max_length=40)


class Official(SQLModel, table=True):
    """An official who signs or initials letters (Kepala Dinas, Sekretaris, Kabid, Kasi …)."""

    __tablename__: str = "official"

    id: int | None = Field(default=None, primary_key=True)
    position_key: str = Field(max_length=40, index=True, description="kepala_dinas, sekretaris, kabid_linjamsos …")
    position_title: str = Field(max_length=120, description="jabatan as printed, e.g. Kepala Dinas Sosial")
    name: str = Field(max_length=120)
    nip: str = Field(max_length=18)
    rank: str = Field(default="", max_length=80, description="pangkat/golongan, e.g. Pembina Tk. I (IV/b)")
    acting: str = Field(default="", max_length=10, description="'', 'a.n.', 'Plt.' or 'Plh.'")
    active: bool = Field(default=True)


class Counter(SQLModel, table=True):
    """A named, monotonically increasing serial (registration numbers, letter numbers, batch sequences).

    Incremented inside the transaction that uses the value, so a number is never issued twice.
    """

    __tablename__: str = "counter"

    name: str = Field(primary_key=True, max_length=120)
    value: int = Field(default=0)


class AuditEntry(SQLModel, table=True):
    """Append-only, hash-chained record of who did what (SPEC §6)."""

    __tablename__: str = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = aware(default_now=True)
    user_id: int | None = Field(default=None, index=True)
    username: str = Field(default="", max_length=60)
    action: str = Field(max_length=80, index=True)
    entity: str = Field(default="", max_length=40)
    entity_id: str = Field(default="", max_length=60)
    old_values: Any = json_field(default=dict)
    new_values: Any = json_field(default=dict)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class AuditHead(SQLModel, table=True):
    """The last link of the audit chain, so deleting the newest entries is noticed too."""

    __tablename__: str = "audit_head"

    id: int = Field(default=1, primary_key=True)
    last_id: int = Field(default=0)
    last_hash: str = Field(max_length=64)
    count: int = Field(default=0)
    #: the first entry whose link is a keyed MAC (HMAC-SHA256, app/services/seals.py); earlier entries
    #: (written before the office had a key) keep their plain SHA-256 link. ``None``: no keyed entry yet.
    keyed_from: int | None = Field(default=None)


class RowSeal(SQLModel, table=True):
    """A keyed MAC over one row of a table that decides rights or outcomes (app/services/seals.py).

    ``loket-pbi check`` recomputes every seal: a row changed, deleted or inserted outside the app no longer
    matches, and without the office key (kept by the operating system's credential store) no one can make
    a matching seal.
    """

    __tablename__: str = "row_seal"

    tbl: str = Field(primary_key=True, max_length=40)
    row_key: str = Field(primary_key=True, max_length=120)
    mac: str = Field(max_length=64)
