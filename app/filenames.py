"""File names offered to the officer when saving or printing (``Surat TT-294-Dinsos-2026.pdf``).

A letter number is full of slashes (``TT/294/Dinsos/2026``); offered as a file name it would become folders
that do not exist and the save fails. :func:`offered_file_name` keeps the name readable (spaces, letters with
accents, digits) and replaces everything Windows or Linux refuses in a name. Stored files (attachments,
archive) use :func:`app.services.attachments.safe_name`, which is stricter (ASCII, no spaces).
"""

from __future__ import annotations

import re
import unicodedata

#: characters no file name may hold on Windows (and ``/`` on any system), and control characters
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
#: names Windows reserves for devices, with or without an extension
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             *(f"{d}{s}" for d in ("COM", "LPT") for s in "\u00b9\u00b2\u00b3")}
MAX_LENGTH = 120


def is_reserved_name(name: str) -> bool:
    """True for a name Windows gives to a device, whatever its extension: ``CON``, ``con.pdf``, ``LPT1.tar.gz``,
    ``NUL .txt`` (Windows ignores trailing spaces and dots before the extension)."""
    return name.split(".")[0].rstrip(" ").upper() in _RESERVED


def offered_file_name(text: str, suffix: str = "", *, fallback: str = "dokumen") -> str:
    """``"Surat TT/294/Dinsos/2026"``, ``".pdf"`` → ``"Surat TT-294-Dinsos-2026.pdf"``.

    Forbidden characters become ``-`` (runs collapse to one), spaces are kept but not doubled, leading and
    trailing dots, dashes and spaces go (Windows drops a trailing dot silently), a reserved device name gets
    ``_`` appended, and the name is at most :data:`MAX_LENGTH` characters with its suffix. An empty result
    falls back to ``fallback``.
    """
    suffix = suffix if not suffix or suffix.startswith(".") else "." + suffix
    stem = unicodedata.normalize("NFC", text or "")
    if suffix and stem.lower().endswith(suffix.lower()):
        stem = stem[: -len(suffix)]
    stem = re.sub(r"\s*:\s+", " - ", stem)  # "Hal: X" reads as "Hal - X"
    stem = _FORBIDDEN.sub("-", stem)
    stem = re.sub(r"\s+", " ", stem)
    stem = re.sub(r"-{2,}", "-", stem)
    stem = stem.strip(" .-")
    if not stem:
        stem = fallback
    if is_reserved_name(stem):
        first, dot, rest = stem.partition(".")
        stem = first.rstrip(" ") + "_" + dot + rest
    stem = stem[: max(1, MAX_LENGTH - len(suffix))].rstrip(" .-") or fallback
    return stem + suffix.lower()
