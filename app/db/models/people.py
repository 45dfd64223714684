"""Persons (keyed by NIK), families (No KK), and the imported DTSEN (formerly DTKS) extract."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.db.models._base import aware


class Person(SQLModel, table=True):
    __tablename__: str = "person"

    id: int | None = Field(default=None, primary_key=True)
    nik: str = Field(max_length=16, unique=True, index=True)
    name: str = Field(max_length=120, index=True)
    birth_place: str = Field(default="", max_length=80)
    birth_date: date | None = None
    sex: str = Field(default="", max_length=1, description="L or P")
    marital_status: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=250, description="address on the KTP")
    rt: str = Field(default="", max_length=3)
    rw: str = Field(default="", max_length=3)
    kelurahan: str = Field(default="", max_length=80)
    kelurahan_code: str = Field(default="", max_length=13)
    kecamatan: str = Field(default="", max_length=80)
    kecamatan_code: str = Field(default="", max_length=8)
    postal_code: str = Field(default="", max_length=5)
    domicile_address: str = Field(default="", max_length=250, description="where the person actually lives")
    phone: str = Field(default="", max_length=20)
    card_number: str | None = Field(default=None, max_length=13, description="BPJS noka / KIS, 13 digits")
    fktp_code: str = Field(default="", max_length=12)
    nik_problem: str = Field(default="", max_length=30,
                             description="'' or tidak_online / ganda / meninggal (bermasalah di Dukcapil)")
    created_at: datetime = aware(default_now=True)
    updated_at: datetime = aware(default_now=True)


class Family(SQLModel, table=True):
    """A family card (No KK). Kept per case because the family changes over time."""

    __tablename__: str = "family"

    id: int | None = Field(default=None, primary_key=True)
    no_kk: str = Field(max_length=16, unique=True, index=True)
    address: str = Field(default="", max_length=250)
    created_at: datetime = aware(default_now=True)


class DtsenImport(SQLModel, table=True):
    """One import of a DTSEN extract: what came in and what was refused."""

    __tablename__: str = "dtsen_import"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64, index=True)
    started_at: datetime = aware(default_now=True)
    finished_at: datetime | None = aware()
    rows_total: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_path: str = Field(default="", max_length=500)
    user_id: int | None = Field(default=None, foreign_key="app_user.id")


class DtsenRecord(SQLModel, table=True):
    """A row of the by-name-by-address DTSEN list; looked up offline by NIK."""

    __tablename__: str = "dtsen_record"

    id: int | None = Field(default=None, primary_key=True)
    nik: str = Field(max_length=16, unique=True, index=True)
    no_kk: str = Field(default="", max_length=16, index=True)
    name: str = Field(max_length=120)
    birth_place: str = Field(default="", max_length=80)
    birth_date: date | None = None
    sex: str = Field(default="", max_length=1)
    address: str = Field(default="", max_length=250)
    rt: str = Field(default="", max_length=3)
    rw: str = Field(default="", max_length=3)
    region_code: str = Field(default="", max_length=13)
    kelurahan: str = Field(default="", max_length=80)
    kecamatan: str = Field(default="", max_length=80)
    desil: int | None = Field(default=None, description="1 poorest … 10; 0 = not yet ranked")
    dtsen_id: str = Field(default="", max_length=40)
    row_hash: str = Field(max_length=32, description="hash of the row's data: re-import changes nothing")
    import_id: int | None = Field(default=None, foreign_key="dtsen_import.id")
