"""Time helpers: the one place that turns moments into office time and into text.

Everything is stored timezone-aware (UTC in the database). Every date or time a user sees or a paper
shows is office time (WIB/WITA/WIT, the office profile's zone) and is formatted here:

* :func:`tanggal_angka` ``06-12-2026`` (lists, batch files, messages),
* :func:`jam` ``14.30`` and :func:`tanggal_jam` ``06-12-2026 14.30 WIB``,
* :func:`tanggal` ``6 Desember 2026`` and :func:`nama_bulan` / :func:`nama_periode` (Indonesian month
  names from babel's CLDR data, imported only when first needed).

A naive datetime is refused: it would silently be read in the machine's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

#: The three Indonesian zones an office can be in.
OFFICE_ZONES = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=16)
def zone(name: str) -> tzinfo:
    """``"WIB"``/``"WITA"``/``"WIT"`` or an IANA name."""
    return ZoneInfo(OFFICE_ZONES.get(name, name))


def zone_label(name: str) -> str:
    """The abbreviation printed after a time: ``WIB``/``WITA``/``WIT`` (an IANA name as it is)."""
    for short, iana in OFFICE_ZONES.items():
        if name in (short, iana):
            return short
    return name


def to_local(moment: datetime, zone_name: str = "WIB") -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every stored time must be timezone-aware")
    return moment.astimezone(zone(zone_name))


def office_now(zone_name: str = "WIB") -> datetime:
    """Now, in the office's zone."""
    return utcnow().astimezone(zone(zone_name))


def office_today(zone_name: str = "WIB") -> date:
    """Today's date at the office (not the machine's, not UTC's)."""
    return office_now(zone_name).date()


def local_date(value: date | datetime, zone_name: str = "WIB") -> date:
    """The office-time calendar day of a moment (a plain date is returned as it is)."""
    if isinstance(value, datetime):
        return to_local(value, zone_name).date()
    return value


def tanggal_angka(value: date | datetime | None, zone_name: str = "WIB") -> str:
    """``06-12-2026`` (DD-MM-YYYY, as in lists and batch files); ``""`` for nothing."""
    if value is None:
        return ""
    d = local_date(value, zone_name)
    if d.year >= 1000:  # what strftime gives, without its cost (called for every row of a batch)
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    return d.strftime("%d-%m-%Y")


def jam(moment: datetime, zone_name: str = "WIB") -> str:
    """``14.30`` in office time (Indonesian writes the hour and minute with a full stop)."""
    local = to_local(moment, zone_name)
    return f"{local.hour:02d}.{local.minute:02d}"


def tanggal_jam(moment: datetime | None, zone_name: str = "WIB", *, with_zone: bool = True) -> str:
    """``06-12-2026 14.30 WIB`` in office time; ``""`` for nothing."""
    if moment is None:
        return ""
    text = f"{tanggal_angka(moment, zone_name)} {jam(moment, zone_name)}"
    return f"{text} {zone_label(zone_name)}" if with_zone else text


def parse_moment(raw: str | datetime, zone_name: str = "WIB") -> datetime:
    """An ISO moment as typed or stored (``2026-12-06T14:30``, with or without an offset), aware.

    Text without an offset is office time (what an officer typed at the counter), never the machine's.
    """
    moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw).strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(zone_name))
    return moment


def stored_text(raw: object, zone_name: str = "WIB") -> str:
    """A moment or date kept as text in case data (``2026-12-06T14:30``, ``2026-12-06``), shown in office
    time: ``06-12-2026 14.30 WIB`` or ``06-12-2026``; text that is neither is shown as it is."""
    text = str(raw or "").strip()
    if not text:
        return ""
    try:
        if len(text) == 10:
            return tanggal_angka(date.fromisoformat(text))
        return tanggal_jam(parse_moment(text, zone_name), zone_name)
    except ValueError:
        return text


def tanggal(value: date | datetime, zone_name: str = "WIB") -> str:
    """``2 Januari 2027`` (Indonesian month name, no leading zero); a moment is read in office time."""
    from babel.dates import format_date

    d = local_date(value, zone_name) if isinstance(value, datetime) and value.tzinfo else value
    if isinstance(d, datetime):
        d = d.date()
    return format_date(d, "d MMMM y", locale="id")


@lru_cache(maxsize=12)
def nama_bulan(month: int) -> str:
    """``Januari`` … ``Desember``."""
    from babel.dates import format_date

    if not 1 <= month <= 12:
        raise ValueError(f"bulan {month} di luar 1–12")
    return format_date(date(2000, month, 1), "MMMM", locale="id")


def nama_periode(year: int, month: int) -> str:
    """``November 2026`` (a batch or report period)."""
    return f"{nama_bulan(month)} {year}"
