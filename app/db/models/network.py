"""The kelurahan–Dinas network (SPEC §8): enrolled offices, packages sent and received, where handed-over
cases came from, and what a kelurahan received from its Dinas (letters, notices)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db.models._base import aware, json_field


class NetworkPeer(SQLModel, table=True):
    """Another office this one exchanges packages with: at a Dinas each enrolled kelurahan, at a kelurahan
    its Dinas. Holds the peer's public keys, the sequence numbers of the pair and the export cursors."""

    __tablename__: str = "network_peer"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True, description="office code, e.g. KEL-1971011001")
    name: str = Field(max_length=120)
    kind: str = Field(max_length=10, description="dinas or kelurahan")
    area_code: str = Field(default="", max_length=13, description="region code of a kelurahan (DTSEN rows)")
    sign_public: str = Field(max_length=64, description="Ed25519 public key, hex")
    box_public: str = Field(max_length=64, description="X25519 public key, hex")
    status: str = Field(default="enrolled", max_length=10, description="enrolled or revoked")
    enrolled_at: datetime = aware(default_now=True)
    revoked_at: datetime | None = aware()
    revoked_reason: str = Field(default="", max_length=500)
    last_seq_sent: int = 0
    last_seq_received: int = 0
    last_ack_received: int = Field(default=0, description="highest of our sequences the peer acknowledged")
    ack_due: bool = Field(default=False, description="a package with content arrived and was not yet answered")
    last_sent_at: datetime | None = aware()
    last_received_at: datetime | None = aware()
    #: export cursors (Dinas → kelurahan): newest letter id, DTSEN import id and penonaktifan batch id sent
    letter_cursor: int = 0
    dtsen_cursor: int = 0
    notice_cursor: int = 0


class NetworkPackage(SQLModel, table=True):
    """One package made or applied. Recorded in the same transaction as its effects, so a replay is a no-op and
    a crash leaves a package all-or-nothing."""

    __tablename__: str = "network_package"
    __table_args__ = (UniqueConstraint("peer_code", "direction", "sequence", name="uq_network_package_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    peer_code: str = Field(max_length=40, index=True)
    direction: str = Field(max_length=3, description="out or in")
    sequence: int
    sha256: str = Field(max_length=64)
    file_name: str = Field(max_length=200)
    at: datetime = aware(default_now=True)
    acked_at: datetime | None = aware()
    summary: Any = json_field(default=dict)


class NetworkCase(SQLModel, table=True):
    """A case that crossed the network. At the Dinas: where an imported case came from. At the kelurahan: a case
    handed over, with the Dinas's last reported status."""

    __tablename__: str = "network_case"
    __table_args__ = (UniqueConstraint("origin_office", "origin_case_id", name="uq_network_case_origin"),)

    case_id: int = Field(foreign_key="case_file.id", primary_key=True)
    origin_office: str = Field(max_length=40, index=True)
    origin_case_id: int
    origin_reg_number: str = Field(default="", max_length=40)
    handed_over_at: datetime = aware(default_now=True)
    package_sequence: int = 0
    #: at the Dinas: the case version and step-log id last reported back to the kelurahan
    sent_version: int = 0
    sent_step_log: int = 0
    #: at the kelurahan: what the Dinas last said
    remote_status: str = Field(default="", max_length=20)
    remote_step: str = Field(default="", max_length=60)
    remote_step_name: str = Field(default="", max_length=200)
    remote_outcome: str = Field(default="", max_length=40)
    remote_reason: str = Field(default="", max_length=500)
    remote_updated_at: datetime | None = aware()


class NetworkFlag(SQLModel, table=True):
    """Something the Dinas must look at: the same NIK arriving from two kelurahan for the same service."""

    __tablename__: str = "network_flag"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="nik_ganda", max_length=20)
    nik: str = Field(max_length=16, index=True)
    service_code: str = Field(max_length=40)
    office_code: str = Field(max_length=40, description="the kelurahan whose case was held back")
    origin_case_id: int = 0
    origin_reg_number: str = Field(default="", max_length=40)
    other_office: str = Field(default="", max_length=40, description="office that already owns an open case")
    other_case_id: int | None = Field(default=None, foreign_key="case_file.id")
    message: str = Field(default="", max_length=500)
    at: datetime = aware(default_now=True)
    answered: bool = Field(default=False, description="the refusal went back in a package")


class NetworkLetter(SQLModel, table=True):
    """A letter the Dinas issued for a handed-over case, received with its number and file (never issued here)."""

    __tablename__: str = "network_letter"
    __table_args__ = (UniqueConstraint("number", name="uq_network_letter_number"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    number: str = Field(max_length=80)
    letter_type: str = Field(max_length=60)
    title: str = Field(default="", max_length=200)
    issued_at: datetime | None = aware()
    file_name: str = Field(default="", max_length=255)
    stored_path: str = Field(default="", max_length=500, description="relative to the data folder")
    sha256: str = Field(default="", max_length=64)
    received_at: datetime = aware(default_now=True)


class NetworkNotice(SQLModel, table=True):
    """The monthly Puskesos deactivation notice: which cards in the kelurahan's area were deactivated."""

    __tablename__: str = "network_notice"
    __table_args__ = (UniqueConstraint("kind", "reference", name="uq_network_notice_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="penonaktifan", max_length=20)
    reference: str = Field(max_length=60, description="e.g. penonaktifan/2026-11/1")
    period: str = Field(max_length=7)
    rows: Any = json_field(default=list)
    #: the kelurahan's numbered notice letter (pemberitahuan_puskesos) once received: number, letter_type,
    #: issued_at and ``files`` (file_name, sha256, stored_path relative to the data folder; the .docx, and the
    #: PDF when the Dinas made one); {} until it arrives (it may come in a later package than the rows)
    letter: Any = json_field(default=dict)
    received_at: datetime = aware(default_now=True)
