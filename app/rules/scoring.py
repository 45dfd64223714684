"""Jamkesda scoring and ranking (SPEC §1.2).

The indicator sets are data. Two are shipped, selectable by the office (setting ``indicator_set``):
the 9 criteria of Kepmensos 262/HUK/2022 and the 11 criteria of Kepmensos 146/HUK/2013 (Kriteria Fakir
Miskin dan Orang Tidak Mampu). Each indicator met by the household (from the field survey) gives its
weight in points; a household at or above the cut-off is eligible. Weights and cut-off may be changed in
the settings.

Scores are exact decimals (:class:`decimal.Decimal`), never binary floats: 0,7 + 0,1 is 0,8 and so reaches
a cut-off of 0,8. They are stored as text (``"5.5"``), read back with :func:`as_score` and printed with
:func:`format_score` (``5,5``). Ranking is a strict order (ranks 1, 2, 3, … never repeated) by the
published keys :data:`TIE_BREAKERS` alone: score (high first), then desil (low first, unknown last), then
number of dependants (more first), then the moment the file was received (earlier first), then the
registration number (unique, so two candidates never share a rank).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import ValidationError


def as_score(value: Any, label: str = "Skor") -> Decimal:
    """An exact decimal from a weight, cut-off or stored score.

    ``int``/``Decimal`` as they are; text as written (``"5.5"`` or ``"5,5"``); a float (an old stored
    value, a spin box) by its shortest decimal text, never by its binary value (``0.1`` is ``0.1``).
    """
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, bool) or value is None:
        raise ValidationError(f"{label} harus angka, bukan '{value}'.")
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    else:
        try:
            d = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValidationError(f"{label} '{value}' bukan angka yang sah (contoh: 5 atau 5,5).") from None
    if not d.is_finite():
        raise ValidationError(f"{label} '{value}' bukan angka yang sah (contoh: 5 atau 5,5).")
    return d


def score_text(value: Any) -> str:
    """The stored form of a score: plain decimal text with a point, no exponent, no trailing zeros."""
    d = as_score(value).normalize()
    text = format(d, "f")
    return "0" if text in ("-0", "") else text


def format_score(value: Any) -> str:
    """A score as printed (letters, batch files, screens): Indonesian decimal comma, ``5`` or ``78,25``."""
    return score_text(value).replace(".", ",")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class IndicatorSet:
    key: str
    title: str
    legal_basis: str
    indicators: tuple[Indicator, ...]
    cutoff: Decimal


_COMMON = (
    Indicator("mata_pencaharian", "Tidak mempunyai sumber mata pencaharian dan/atau mempunyai sumber mata "
              "pencaharian tetapi tidak mempunyai kemampuan memenuhi kebutuhan dasar yang layak"),
    Indicator("konsumsi_pokok", "Pengeluaran sebagian besar untuk memenuhi konsumsi makanan pokok dengan "
              "sangat sederhana"),
    Indicator("berobat", "Tidak mampu atau mengalami kesulitan berobat ke tenaga medis, kecuali Puskesmas atau "
              "yang disubsidi pemerintah"),
    Indicator("pakaian", "Tidak mampu membeli pakaian satu kali dalam satu tahun untuk setiap anggota rumah "
              "tangga"),
    Indicator("pendidikan_anak", "Hanya mampu menyekolahkan anak sampai jenjang SLTP"),
    Indicator("dinding", "Dinding rumah dari bambu/kayu/tembok dengan kondisi tidak baik/kualitas rendah, "
              "termasuk tembok usang/berlumut atau tidak diplester"),
    Indicator("lantai", "Lantai dari tanah atau kayu/semen/keramik dengan kondisi tidak baik/kualitas rendah"),
    Indicator("atap", "Atap dari ijuk/rumbia atau genteng/seng/asbes dengan kondisi tidak baik/kualitas rendah"),
    Indicator("penerangan", "Penerangan rumah bukan listrik atau listrik tanpa meteran"),
)

INDICATOR_SETS: dict[str, IndicatorSet] = {
    "kepmensos_262_2022": IndicatorSet(
        "kepmensos_262_2022", "9 kriteria fakir miskin dan orang tidak mampu",
        "Keputusan Menteri Sosial Nomor 262/HUK/2022", _COMMON, cutoff=Decimal(5)),
    "kepmensos_146_2013": IndicatorSet(
        "kepmensos_146_2013", "11 kriteria fakir miskin dan orang tidak mampu",
        "Keputusan Menteri Sosial Nomor 146/HUK/2013",
        _COMMON + (
            Indicator("luas_lantai", "Luas lantai rumah kecil, kurang dari 8 m² per orang"),
            Indicator("air_minum", "Sumber air minum dari sumur atau mata air tak terlindung/air sungai/air "
                      "hujan/lainnya"),
        ), cutoff=Decimal(6)),
}


def _exact(obj: Any, *names: str) -> None:
    """Read the named fields of a frozen dataclass as exact decimals (they may come from stored JSON)."""
    for name in names:
        object.__setattr__(obj, name, as_score(getattr(obj, name)))


@dataclass(frozen=True)
class ScoreLine:
    code: str
    label: str
    met: bool
    weight: Decimal
    points: Decimal

    def __post_init__(self) -> None:
        _exact(self, "weight", "points")


@dataclass(frozen=True)
class ScoreSheet:
    """An explainable score: which indicators gave which points."""

    indicator_set: str
    lines: tuple[ScoreLine, ...]
    total: Decimal
    maximum: Decimal
    cutoff: Decimal
    eligible: bool

    def __post_init__(self) -> None:
        _exact(self, "total", "maximum", "cutoff")

    def explain(self) -> list[str]:
        out = [f"{'[x]' if ln.met else '[ ]'} {ln.label}: {format_score(ln.points)} poin" for ln in self.lines]
        out.append(f"Jumlah {format_score(self.total)} dari {format_score(self.maximum)}; batas layak "
                   f"{format_score(self.cutoff)} → {'memenuhi' if self.eligible else 'tidak memenuhi'}.")
        return out

    def as_dict(self) -> dict:
        """The stored form: every number as exact decimal text (JSON has no decimal type)."""
        return {"indicator_set": self.indicator_set, "total": score_text(self.total),
                "maximum": score_text(self.maximum), "cutoff": score_text(self.cutoff), "eligible": self.eligible,
                "lines": [{"code": ln.code, "label": ln.label, "met": ln.met, "weight": score_text(ln.weight),
                           "points": score_text(ln.points)} for ln in self.lines]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ScoreSheet:
        lines = tuple(ScoreLine(**ln) for ln in raw.get("lines", ()))
        return cls(raw["indicator_set"], lines, raw["total"], raw["maximum"], raw["cutoff"], bool(raw["eligible"]))


def score(answers: Mapping[str, bool], *, set_key: str = "kepmensos_262_2022",
          weights: Mapping[str, Any] | None = None, cutoff: Any = None) -> ScoreSheet:
    """Score the survey answers (indicator code -> met). Every indicator of the set must be answered."""
    try:
        iset = INDICATOR_SETS[set_key]
    except KeyError as exc:
        raise ValidationError(f"Set indikator '{set_key}' tidak dikenal.") from exc
    known = {i.code for i in iset.indicators}
    missing = [i.label for i in iset.indicators if i.code not in answers]
    if missing:
        raise ValidationError("Hasil survei belum lengkap; indikator belum diisi: " + "; ".join(missing) + ".")
    extra = sorted(set(answers) - known)
    if extra:
        raise ValidationError(f"Indikator tidak dikenal dalam set {iset.title}: {', '.join(extra)}.")
    weights = weights or {}
    lines = []
    for ind in iset.indicators:
        w = as_score(weights.get(ind.code, ind.weight), f"Bobot indikator {ind.code}")
        met = bool(answers[ind.code])
        lines.append(ScoreLine(ind.code, ind.label, met, w, w if met else Decimal(0)))
    total = sum((ln.points for ln in lines), Decimal(0))
    limit = iset.cutoff if cutoff in (None, "") else as_score(cutoff, "Skor minimal layak")
    # at the cut-off is eligible ("mencapai batas"): an exact comparison, no rounding either way
    return ScoreSheet(set_key, tuple(lines), total, sum((ln.weight for ln in lines), Decimal(0)), limit,
                      total >= limit)


@dataclass(frozen=True)
class Candidate:
    key: str  # registration number (the last, unique tie-breaker)
    score: Decimal
    desil: int | None
    dependants: int
    received_at: datetime

    def __post_init__(self) -> None:
        _exact(self, "score")


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate: Candidate
    decision: str  # layak | daftar_tunggu


#: The published ranking keys, in order. The last one (the registration number) is unique, so the order is
#: strict and no two candidates ever share a rank.
TIE_BREAKERS = ("skor tertinggi", "desil terendah (tanpa desil di belakang)", "tanggungan terbanyak",
                "tanggal dan jam berkas diterima paling awal", "nomor registrasi terkecil")


def sort_key(c: Candidate) -> tuple:
    return (-c.score, c.desil if c.desil else 99, -c.dependants, c.received_at, c.key)


def rank(candidates: Iterable[Candidate], *, free_slots: int | None) -> list[Ranked]:
    """Order eligible candidates; the first ``free_slots`` are *layak*, the rest *daftar tunggu*.

    ``free_slots=None`` means no quota (every eligible candidate is layak). Ranks are 1, 2, 3, …: two
    candidates with the same registration number would make the order ambiguous and are refused.
    """
    ordered = sorted(candidates, key=sort_key)
    keys = [c.key for c in ordered]
    if len(set(keys)) != len(keys):
        raise ValidationError("Peringkat tidak dapat dibuat: nomor registrasi ganda di antara calon peserta.")
    out = []
    for i, c in enumerate(ordered, start=1):
        within = free_slots is None or i <= free_slots
        out.append(Ranked(i, c, "layak" if within else "daftar_tunggu"))
    return out
