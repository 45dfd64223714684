"""Words for the codes and raw values the core stores, so a screen never shows ``nonaktif``, ``2026-09-15``
or ``Selesai (selesai)``. Pure functions; they decide nothing.

Dates and times are shown in the office's zone (``WIB``/``WITA``/``WIT``), with CLDR month names through
Babel: ``15 September 2026``, ``3 Nov 2026 14.30``. ``language`` is the interface language (``id`` or
``en``); the core's own words (outcomes, reasons) stay Indonesian in both, as every core text does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime

from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS
from app.timeutil import zone

#: how a closed case ended (``close:<outcome>`` in the service definitions, and the core's own closings)
OUTCOMES: dict[str, str] = {
    "selesai": "Selesai",
    "layak": "Layak",
    "sudah_aktif_otomatis": "Sudah aktif kembali otomatis",
    "tidak_dapat_direaktivasi": "Tidak dapat direaktivasi",
    "tidak_layak": "Tidak layak",
    "tidak_memenuhi_kriteria": "Tidak memenuhi kriteria",
    "berkas_tidak_lengkap": "Berkas tidak lengkap",
    "keluar": "Keluar dari kuota",
    "ditolak": "Ditolak",
}
#: participation status at BPJS as the officer records it
BPJS_STATUS: dict[str, str] = {"aktif": "Aktif", "nonaktif": "Nonaktif", "sudah_aktif": "Sudah aktif kembali"}
#: jamkesda decisions
DECISIONS: dict[str, str] = {"layak": "Layak (dalam kuota)", "daftar_tunggu": "Daftar tunggu",
                             "tidak_layak": "Tidak layak"}
#: case data key -> the table of words for its coded values
CODED_VALUES: dict[str, dict[str, str]] = {
    "reason_code": DEACTIVATION_REASONS,
    "bpjs_status": BPJS_STATUS,
    "decision": DECISIONS,
    "answer": BPJS_ANSWERS,
    "outcome": OUTCOMES,
}
LOCALES = {"id": "id", "en": "en"}


def _locale(language: str) -> str:
    return LOCALES.get(language, "id")


def readable(code: str) -> str:
    """An unknown code made readable: ``tidak_memenuhi_kriteria`` → ``Tidak memenuhi kriteria``."""
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def outcome_text(outcome: str) -> str:
    """``selesai`` → ``Selesai``; an unknown outcome made readable."""
    return OUTCOMES.get(outcome, readable(outcome)) if outcome else ""


def date_text(d: date | datetime | str | None, *, language: str = "id", tz: str = "WIB", short: bool = False) -> str:
    """``15 September 2026`` (``short``: ``15 Sep 2026``). A datetime is first put in the office's zone; an ISO
    text is parsed."""
    if d is None or d == "":
        return "-"
    if isinstance(d, str):
        parsed = parse_iso(d)
        if parsed is None:
            return d
        d = parsed
    if isinstance(d, datetime):
        d = d.astimezone(zone(tz)).date() if d.tzinfo else d.date()
    return format_date(d, "d MMM y" if short else "d MMMM y", locale=_locale(language))


def moment_text(moment: datetime | str | None, tz: str, *, language: str = "id", short: bool = True,
                with_zone: bool = False) -> str:
    """Office time: ``3 Nov 2026 14.30`` (``short``) or ``3 November 2026 14.30``; ``with_zone`` adds ``WIB``."""
    if moment is None or moment == "":
        return "-"
    if isinstance(moment, str):
        parsed = parse_iso(moment)
        if not isinstance(parsed, datetime):
            return date_text(parsed, language=language) if parsed else moment
        moment = parsed
    local = moment.astimezone(zone(tz)) if moment.tzinfo else moment
    text = format_datetime(local, ("d MMM y" if short else "d MMMM y") + " HH.mm", locale=_locale(language))
    return f"{text} {tz}" if with_zone and tz in ("WIB", "WITA", "WIT") else text


def parse_iso(text: str) -> date | datetime | None:
    """``2026-09-15`` → a date, ``2026-09-15T08:00:00+00:00`` → an aware datetime; anything else → None."""
    t = text.strip()
    if len(t) < 10 or t[4:5] != "-" or t[7:8] != "-":
        return None
    try:
        if len(t) == 10:
            return date.fromisoformat(t)
        return datetime.fromisoformat(t)
    except ValueError:
        return None


def value_text(key: str, value: Any, *, tz: str = "WIB", language: str = "id") -> str:
    """A stored case value as words: coded values by their table, ISO dates and times as Indonesian dates in
    office time, booleans as ``ya``/``tidak``, lists joined; anything else as it is."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return ("yes" if value else "no") if language == "en" else ("ya" if value else "tidak")
    table = CODED_VALUES.get(key)
    if table is not None and isinstance(value, str):
        return table.get(value, readable(value))
    if isinstance(value, str):
        parsed = parse_iso(value)
        if isinstance(parsed, datetime):
            return moment_text(parsed, tz, language=language)
        if isinstance(parsed, date):
            return date_text(parsed, language=language)
        return value
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "; ".join(value_text(key, v, tz=tz, language=language) for v in value)
    return str(value)


def status_with_outcome(status_label: str, outcome: str, reason: str = "") -> str:
    """``Selesai`` (not ``Selesai (selesai)``); ``Ditolak — tidak memenuhi kriteria: <reason>``."""
    words = outcome_text(outcome)
    text = status_label if not words or words.lower() == status_label.lower() else \
        f"{status_label} — {words[:1].lower() + words[1:]}"
    return f"{text}: {reason}" if reason else text
