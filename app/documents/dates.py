"""Indonesian dates for letters, through babel's CLDR data (``id`` locale)."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def tanggal(d: date | datetime) -> str:
    """``2 Januari 2027`` (Indonesian month name, no leading zero)."""
    if isinstance(d, datetime):
        d = d.date()
    return format_date(d, "d MMMM y", locale="id")


def tempat_tanggal(place: str, d: date | datetime) -> str:
    """``Pangkalpinang, 2 Januari 2027``."""
    return f"{place.strip()}, {tanggal(d)}"


def tanggal_angka(d: date | datetime | None) -> str:
    """``02-01-2027`` (DD-MM-YYYY, as in lists and batch files)."""
    if d is None:
        return ""
    return d.strftime("%d-%m-%Y")


def bulan_romawi(month: int) -> str:
    """Roman month for letter numbers: 1 → ``I`` … 12 → ``XII``."""
    if not 1 <= month <= 12:
        raise ValueError(f"bulan {month} di luar 1–12")
    return _ROMAN[month - 1]


def nama_bulan(month: int) -> str:
    """``Januari`` … ``Desember``."""
    return format_date(date(2000, month, 1), "MMMM", locale="id")
