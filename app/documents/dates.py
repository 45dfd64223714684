"""Indonesian dates for letters. The formatting itself is the core's one helper, :mod:`app.timeutil`;
this module keeps the letter-only pieces (Roman month numbers, place and date)."""

from __future__ import annotations

from datetime import date, datetime

from app.timeutil import nama_bulan, tanggal, tanggal_angka

__all__ = ["bulan_romawi", "nama_bulan", "tanggal", "tanggal_angka", "tempat_tanggal"]

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def tempat_tanggal(place: str, d: date | datetime) -> str:
    """``Pangkalpinang, 2 Januari 2027``."""
    return f"{place.strip()}, {tanggal(d)}"


def bulan_romawi(month: int) -> str:
    """Roman month for letter numbers: 1 → ``I`` … 12 → ``XII``."""
    if not 1 <= month <= 12:
        raise ValueError(f"bulan {month} di luar 1–12")
    return _ROMAN[month - 1]


def tanggal_teks(raw: object) -> str:
    """A stored date (ISO text, possibly with a time) in Indonesian words; other text as it is; empty stays empty."""
    if not raw:
        return ""
    try:
        return tanggal(date.fromisoformat(str(raw)[:10]))
    except ValueError:
        return str(raw)
