"""Letter numbers by Tata Naskah Dinas (Permendagri 1/2023): a per-office pattern with tokens.

Default ``{kode}/{urut}/{unit}/{bulan_romawi}/{tahun}`` → ``400.9.11/123/Dinsos/XI/2026``.

Tokens: ``{kode}`` classification code of the letter type, ``{urut}`` serial in the year (``{urut:03}``
pads with zeros), ``{unit}`` the office's unit code, ``{kantor}`` the office code, ``{bulan_romawi}``
I–XII, ``{bulan}`` 01–12, ``{tahun}`` four-digit year. ``{urut}`` and ``{tahun}`` are required: the
serial restarts every year, so the year keeps numbers unique.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date

from app.documents.dates import bulan_romawi
from app.errors import ValidationError

DEFAULT_PATTERN = "{kode}/{urut}/{unit}/{bulan_romawi}/{tahun}"
DEFAULT_CLASSIFICATION = "400.9.11"   # Jaminan Sosial
TOKENS = ("kode", "urut", "unit", "kantor", "bulan_romawi", "bulan", "tahun")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")


def pattern_tokens(pattern: str) -> list[tuple[str, str]]:
    """``[(token, format_spec)]``; raises ValidationError for an unknown or malformed token."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValidationError(f"Pola nomor surat '{pattern}' tidak sah: {exc}.") from exc
    tokens = []
    for _literal, name, spec, conv in parsed:
        if name is None:
            continue
        if name not in TOKENS or conv:
            raise ValidationError(f"Pola nomor surat memakai token tidak dikenal {{{name}}}; token yang ada: "
                                  + ", ".join(f"{{{t}}}" for t in TOKENS) + ".")
        if spec and (name != "urut" or not re.fullmatch(r"0?\d", spec)):
            raise ValidationError(f"Format {{{name}:{spec}}} tidak didukung; hanya {{urut:03}} dan sejenisnya.")
        tokens.append((name, spec))
    return tokens


def validate_pattern(pattern: str) -> str:
    pattern = pattern.strip()
    names = {n for n, _ in pattern_tokens(pattern)}
    for required in ("urut", "tahun"):
        if required not in names:
            raise ValidationError(f"Pola nomor surat harus memuat {{{required}}} (nomor urut dimulai lagi tiap "
                                  "tahun, sehingga tahun diperlukan agar nomor tidak pernah sama).")
    if len(pattern) > 60:
        raise ValidationError("Pola nomor surat terlalu panjang (paling banyak 60 karakter).")
    return pattern


def format_number(pattern: str, *, serial: int, on: date, kode: str, unit: str, kantor: str = "") -> str:
    values = {"kode": kode, "urut": serial, "unit": unit, "kantor": kantor, "bulan_romawi": bulan_romawi(on.month),
              "bulan": f"{on.month:02d}", "tahun": f"{on.year:04d}"}
    pattern_tokens(pattern)
    return pattern.format(**values)


@dataclass(frozen=True)
class LetterSettings:
    """Settings section ``"letters"`` (SPEC §3)."""

    pattern: str = DEFAULT_PATTERN
    default_classification: str = DEFAULT_CLASSIFICATION
    #: letter type → classification code (overrides the default)
    classification: dict[str, str] = field(default_factory=dict)
    #: letter type → its own pattern (e.g. receipts)
    patterns: dict[str, str] = field(default_factory=lambda: {"tanda_terima": "TT/{urut}/{unit}/{tahun}"})
    #: letter type → numbering register; every other type uses "umum" (one serial per office per year)
    series: dict[str, str] = field(default_factory=lambda: {"tanda_terima": "tanda_terima"})
    paper: str = "A4"
    sifat: str = "Biasa"
    #: letter type → default tembusan lines
    tembusan: dict[str, list[str]] = field(default_factory=dict)
    #: convert every letter to PDF right after issuing (else: on demand / in batches)
    pdf_on_issue: bool = False

    def __post_init__(self) -> None:
        validate_pattern(self.pattern)
        for p in self.patterns.values():
            validate_pattern(p)
        if self.paper.upper() not in ("A4", "F4"):
            raise ValidationError(f"Ukuran kertas '{self.paper}' tidak dikenal; pilih A4 atau F4.")
        for code in [self.default_classification, *self.classification.values()]:
            if not _CODE.match(code or ""):
                raise ValidationError(f"Kode klasifikasi '{code}' tidak sah (contoh: 400.9.11).")
        # two registers must never print the same number
        by_series: dict[str, set[str]] = {}
        for t, s in self.series.items():
            by_series.setdefault(s, set()).add(self.patterns.get(t, self.pattern))
        by_series.setdefault("umum", set()).add(self.pattern)
        seen: dict[str, str] = {}
        for s, pats in by_series.items():
            for p in pats:
                if p in seen and seen[p] != s:
                    raise ValidationError(f"Register '{s}' dan '{seen[p]}' memakai pola nomor yang sama ({p}); "
                                          "beri salah satunya pola sendiri agar nomor tidak bentrok.")
                seen[p] = s

    def series_for(self, letter_type: str) -> str:
        return self.series.get(letter_type, "umum")

    def pattern_for(self, letter_type: str) -> str:
        return self.patterns.get(letter_type, self.pattern)

    def classification_for(self, letter_type: str) -> str:
        return self.classification.get(letter_type, self.default_classification)
