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
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

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


# ------------------------------------------------------------------ what a pattern can print
# A pattern prints a regular language: literal text, the classification code of its letter type, the
# office's unit and office codes (the same for every type), one of twelve months, the year (the same for
# every type within a year) and a serial of one or more digits. Two letter types collide when their
# languages share a word, i.e. when they can print the same number in the same year; that is decided on
# the product of two small automata, and the shared word is given as the example.

_DIGITS = frozenset("0123456789")
_NONZERO = frozenset("123456789")
#: stand-ins for the office's own codes: the same (unknown) text for every letter type
_UNIT, _OFFICE = "\ue000", "\ue001"
_YEAR = "2027"


@dataclass
class _Nfa:
    #: state -> [(set of characters, next state)]
    edges: list[list[tuple[frozenset[str], int]]] = field(default_factory=lambda: [[]])
    end: int = 0

    def new(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1

    def text(self, text: str) -> None:
        for ch in text:
            nxt = self.new()
            self.edges[self.end].append((frozenset(ch), nxt))
            self.end = nxt

    def choice(self, words: list[str]) -> None:
        start, end = self.end, self.new()
        for w in words:
            self.end = start
            for i, ch in enumerate(w):
                nxt = end if i == len(w) - 1 else self.new()
                self.edges[self.end].append((frozenset(ch), nxt))
                self.end = nxt
        self.end = end

    def serial(self, width: int) -> None:
        """``{urut}``: 1, 2, … (no leading zero); ``{urut:03}``: at least ``width`` digits."""
        first = self.new()
        self.edges[self.end].append((_NONZERO if width <= 1 else _DIGITS, first))
        self.end = first
        for _ in range(max(0, width - 1)):
            nxt = self.new()
            self.edges[self.end].append((_DIGITS, nxt))
            self.end = nxt
        self.edges[self.end].append((_DIGITS, self.end))


@lru_cache(maxsize=256)
def _language(pattern: str, kode: str) -> _Nfa:
    nfa = _Nfa()
    for literal, name, spec, _conv in string.Formatter().parse(pattern):
        nfa.text(literal)
        if name is None:
            continue
        if name == "urut":
            nfa.serial(int(spec) if spec else 1)
        elif name == "kode":
            nfa.text(kode)
        elif name == "unit":
            nfa.text(_UNIT)
        elif name == "kantor":
            nfa.text(_OFFICE)
        elif name == "tahun":
            nfa.text(_YEAR)
        elif name == "bulan":
            nfa.choice([f"{m:02d}" for m in range(1, 13)])
        elif name == "bulan_romawi":
            nfa.choice([bulan_romawi(m) for m in range(1, 13)])
    return nfa


@lru_cache(maxsize=1024)
def shared_number(a: tuple[str, str], b: tuple[str, str]) -> str | None:
    """A number both ``(pattern, kode)`` can print in the same year, or ``None`` when they never meet."""
    na, nb = _language(*a), _language(*b)
    start: tuple[int, int] = (0, 0)
    seen: dict[tuple[int, int], str] = {start: ""}
    queue: deque[tuple[int, int]] = deque([start])
    while queue:
        sa, sb = queue.popleft()
        word = seen[(sa, sb)]
        if sa == na.end and sb == nb.end:
            return (word.replace(_UNIT, "{unit}").replace(_OFFICE, "{kantor}")
                    .replace(_YEAR, "{tahun}"))
        for chars_a, ta in na.edges[sa]:
            for chars_b, tb in nb.edges[sb]:
                common = chars_a & chars_b
                if common and (ta, tb) not in seen:
                    seen[(ta, tb)] = word + min(common)
                    queue.append((ta, tb))
    return None


def number_collisions(types: dict[str, tuple[str, str, str]]) -> list[str]:
    """Pairs of letter types that can print the same number in one year, as Indonesian sentences.

    ``types``: letter type -> (register, pattern, classification code). Two types of one register with the
    same pattern and code share one serial, so they never print the same number twice.
    """
    problems = []
    items = sorted(types.items())
    for i, (ta, (sa, pa, ka)) in enumerate(items):
        for tb, (sb, pb, kb) in items[i + 1:]:
            if sa == sb and pa == pb and ka == kb:
                continue
            example = shared_number((pa, ka), (pb, kb))
            if example is not None:
                problems.append(f"'{ta}' (register {sa}, pola {pa}) dan '{tb}' (register {sb}, pola {pb}) dapat "
                                f"mencetak nomor yang sama dalam satu tahun, mis. {example}")
    return problems


KABID = "Kepala Bidang Perlindungan dan Jaminan Sosial"
YBS = "Yang bersangkutan"
#: the tembusan each standard implies, per letter type ("Arsip" is printed by every template after them)
DEFAULT_TEMBUSAN: dict[str, list[str]] = {
    "rekomendasi_pbi": [KABID, YBS], "rekomendasi_reaktivasi": [KABID, YBS],
    "rekomendasi_penonaktifan": [KABID, YBS], "rujukan_dtsen": [KABID, YBS], "rujukan_disdukcapil": [YBS],
    "pengantar_penonaktifan": [KABID], "pengantar_pbi": [KABID], "pengantar_keterangan_reaktivasi": [KABID],
    "pengantar_rekomendasi_reaktivasi": [KABID], "usulan_jamkesda": [KABID], "permohonan_sk_walikota": [KABID],
    "jawaban_pengaduan": [KABID], "pemberitahuan_puskesos": [KABID],
}


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
    #: letter type → its tembusan lines; a type not named here takes the standard's (``DEFAULT_TEMBUSAN``), a
    #: type named with an empty list prints none
    tembusan: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_TEMBUSAN.items()})
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
        # two registers must never share a pattern (the printed numbers are checked when saved)
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

    def check_before_save(self) -> None:
        """Two letter types must never print the same number in one year: checked on the numbers the
        patterns print (``TT/{urut:03}`` and ``TT/{urut}`` both print ``TT/100``), when the settings are
        saved (``settings.save`` calls this). Raises :class:`ValidationError` naming both types."""
        from app.documents.catalog import KINDS

        names = set(KINDS) | set(self.patterns) | set(self.series) | set(self.classification)
        problems = number_collisions({t: (self.series_for(t), self.pattern_for(t), self.classification_for(t))
                                      for t in names})
        if problems:
            raise ValidationError("Pola nomor surat bentrok: " + "; ".join(problems[:3])
                                  + (f" (dan {len(problems) - 3} pasangan lain)" if len(problems) > 3 else "")
                                  + ". Beri jenis surat itu pola, kode klasifikasi atau register yang membedakan "
                                  "nomornya. Pengaturan tidak disimpan.")

    def tembusan_for(self, letter_type: str) -> list[str]:
        lines = self.tembusan[letter_type] if letter_type in self.tembusan else DEFAULT_TEMBUSAN.get(letter_type, [])
        return [t for t in lines if t.strip()]

    def series_for(self, letter_type: str) -> str:
        return self.series.get(letter_type, "umum")

    def pattern_for(self, letter_type: str) -> str:
        return self.patterns.get(letter_type, self.pattern)

    def classification_for(self, letter_type: str) -> str:
        return self.classification.get(letter_type, self.default_classification)
