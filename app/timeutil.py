"""Time helpers. Everything is stored timezone-aware (UTC in the database) and shown in the office's zone."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

#: The three Indonesian zones an office can be in.
OFFICE_ZONES = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def zone(name: str) -> tzinfo:
    """``"WIB"``/``"WITA"``/``"WIT"`` or an IANA name."""
    return ZoneInfo(OFFICE_ZONES.get(name, name))


def to_local(moment: datetime, zone_name: str = "WIB") -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every stored time must be timezone-aware")
    return moment.astimezone(zone(zone_name))
