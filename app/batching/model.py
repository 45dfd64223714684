"""What the batch services take and give: settings, a closed batch, a close's result, closable periods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.db.models import Batch
from app.errors import LoketError, ValidationError


@dataclass(frozen=True)
class BatchSettings:
    """Setting section ``batches``.

    ``extra_columns``: per service, extra ``[header, key in case data]`` pairs appended to the data file.
    ``excluded_statuses``: cases in these statuses are never collected (refused after the batch step).
    Service names, columns, the product letter, the cover letter and whether each case's letter goes into
    the ZIP come from the service definitions (``resources/services/*.toml``, or the office's own copy).
    """

    extra_columns: dict[str, list[list[str]]] = field(default_factory=dict)
    #: AES-256 password protection of the batch ZIP (password: ``batches.set_batch_password``; the
    #: receiving office needs it too, so agree on it with BPJS/Kemensos before switching this on)
    encrypt: bool = False
    excluded_statuses: tuple[str, ...] = ("ditolak", "dibatalkan")
    #: the scans/attachments of the batch's cases go into the ZIP too, under ``berkas/<nomor registrasi>/``
    #: (the requirement documents kept collectively per month, seed Cirebon); off by default
    attachments_in_zip: bool = False
    #: above this many megabytes of attachments the close warns before it starts (the ZIP is made in the data
    #: folder and may have to fit on a flash disk or go through a slow line)
    attachments_warn_mb: int = 200

    def __post_init__(self) -> None:
        if not 1 <= int(self.attachments_warn_mb) <= 100_000:
            raise ValidationError("Batas peringatan ukuran lampiran batch harus antara 1 dan 100000 MB.")


@dataclass(frozen=True)
class BatchInfo:
    id: int
    service_code: str
    period: str
    sequence: int
    status: str
    record_count: int
    zip_path: str
    zip_sha256: str
    created_by: int | None
    created_at: datetime
    delivered_at: datetime | None
    delivery_receipt: str
    delivery_attempts: int = 0
    last_error: str = ""
    feedback_received: int = 0


def zip_file(root: Path, stored: str) -> Path:
    """The batch ZIP named by ``batch.zip_path``: stored relative to the data folder ``root`` (an office restored
    into another folder finds its ZIPs there); an absolute value of an earlier version is taken as it is."""
    path = Path(stored)
    return path if path.is_absolute() else Path(root) / path


def stored_zip_path(root: Path, path: Path) -> str:
    """What ``batch.zip_path`` holds for ``path``: relative to the data folder (POSIX separators) when inside it."""
    try:
        return Path(path).relative_to(Path(root)).as_posix()
    except ValueError:
        return str(path)


def info_of(b: Batch, *, root: Path, attempts: int = 0, last_error: str = "", feedback: int = 0) -> BatchInfo:
    """The batch as callers see it; ``zip_path`` is the ZIP's full path under the data folder ``root``."""
    return BatchInfo(id=b.id or 0, service_code=b.service_code, period=b.period, sequence=b.sequence,
                     status=b.status, record_count=b.record_count,
                     zip_path=str(zip_file(root, b.zip_path)) if b.zip_path else "", zip_sha256=b.zip_sha256,
                     created_by=b.created_by, created_at=b.created_at, delivered_at=b.delivered_at,
                     delivery_receipt=b.delivery_receipt, delivery_attempts=attempts, last_error=last_error,
                     feedback_received=feedback)


@dataclass(frozen=True)
class CloseResult:
    """What a close did. ``created`` is False when the period was already closed."""

    batch: BatchInfo
    created: bool
    message: str
    files: list[str] = field(default_factory=list)
    cover_letter: bool = False


@dataclass(frozen=True)
class Moving:
    """An open case that has not reached the batch step: an early close sends it to the next period."""

    case_id: int
    reg_number: str
    step: str


@dataclass(frozen=True)
class ClosablePeriod:
    """One period a supervisor may close now (see ``batches.closable_periods``)."""

    service_code: str
    service_name: str  # from the service definition
    period: str  # YYYY-MM
    period_name: str  # "November 2026"
    case_count: int  # cases the batch would hold (late cases of closed months included)
    sequence: int  # the sequence number the batch would get, closing the list top to bottom
    ended: bool  # False: the month is still running; closing it is an early close
    next_period: str
    #: early close only: open cases of the service not yet at the batch step; they join ``next_period``
    moving: tuple[Moving, ...] = ()
    #: with ``attachments_in_zip``: the scans the ZIP would carry (count, bytes) and, above the office's threshold,
    #: the warning to show before closing (Indonesian); empty otherwise
    attachments: int = 0
    attachments_bytes: int = 0
    size_warning: str = ""


class CloseCancelled(LoketError):
    """The officer cancelled the close: the transaction was rolled back, no number spent, no file kept."""


class EmptyBatch(ValidationError):
    """No case of the service is waiting for a batch in that period; nothing was created."""


class EarlyClose(ValidationError):
    """The period has not ended and the close was not confirmed for exactly what moves to the next period.

    ``moving`` lists the open cases that would join ``next_period``; confirm with their registration
    numbers (``close_batch(..., confirm_early=[...])``). Nothing was created.
    """

    def __init__(self, message: str, *, period: str, next_period: str, moving: tuple[Moving, ...]):
        super().__init__(message)
        self.period, self.next_period, self.moving = period, next_period, moving
