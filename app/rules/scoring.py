"""Jamkesda scoring and ranking (SPEC §1.2).

The indicator sets are data. Two are shipped, selectable by the office (setting ``indicator_set``):
the 9 criteria of Kepmensos 262/HUK/2022 and the 11 criteria of Kepmensos 146/HUK/2013 (Kriteria Fakir
Miskin dan Orang Tidak Mampu). Each indicator met by the household (from the field survey) gives its
weight in points; a household at or above the cut-off is eligible. Weights and cut-off may be changed in
the settings. Ranking is deterministic: score (high first), then desil (low first, unknown last), then
number of dependants (more first), then date received (earlier first), then registration number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.errors import ValidationError


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class IndicatorSet:
    key: str
    title: str
    legal_basis: str
    indicators: tuple[Indicator, ...]
    cutoff: float


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
        "Keputusan Menteri Sosial Nomor 262/HUK/2022", _COMMON, cutoff=5),
    "kepmensos_146_2013": IndicatorSet(
        "kepmensos_146_2013", "11 kriteria fakir miskin dan orang tidak mampu",
        "Keputusan Menteri Sosial Nomor 146/HUK/2013",
        _COMMON + (
            Indicator("luas_lantai", "Luas lantai rumah kecil, kurang dari 8 m² per orang"),
            Indicator("air_minum", "Sumber air minum dari sumur atau mata air tak terlindung/air sungai/air "
                      "hujan/lainnya"),
        ), cutoff=6),
}


@dataclass(frozen=True)
class ScoreLine:
    code: str
    label: str
    met: bool
    weight: float
    points: float


@dataclass(frozen=True)
class ScoreSheet:
    """An explainable score: which indicators gave which points."""

    indicator_set: str
    lines: tuple[ScoreLine, ...]
    total: float
    maximum: float
    cutoff: float
    eligible: bool

    def explain(self) -> list[str]:
        out = [f"{'[x]' if ln.met else '[ ]'} {ln.label}: {ln.points:g} poin" for ln in self.lines]
        out.append(f"Jumlah {self.total:g} dari {self.maximum:g}; batas layak {self.cutoff:g} → "
                   f"{'memenuhi' if self.eligible else 'tidak memenuhi'}.")
        return out

    def as_dict(self) -> dict:
        return {"indicator_set": self.indicator_set, "total": self.total, "maximum": self.maximum,
                "cutoff": self.cutoff, "eligible": self.eligible,
                "lines": [{"code": ln.code, "label": ln.label, "met": ln.met, "weight": ln.weight,
                           "points": ln.points} for ln in self.lines]}


def score(answers: Mapping[str, bool], *, set_key: str = "kepmensos_262_2022",
          weights: Mapping[str, float] | None = None, cutoff: float | None = None) -> ScoreSheet:
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
        w = float(weights.get(ind.code, ind.weight))
        met = bool(answers[ind.code])
        lines.append(ScoreLine(ind.code, ind.label, met, w, w if met else 0.0))
    total = sum(ln.points for ln in lines)
    limit = iset.cutoff if cutoff is None else float(cutoff)
    return ScoreSheet(set_key, tuple(lines), total, sum(ln.weight for ln in lines), limit, total >= limit)


@dataclass(frozen=True)
class Candidate:
    key: str  # registration number (the last, unique tie-breaker)
    score: float
    desil: int | None
    dependants: int
    received_at: datetime


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate: Candidate
    decision: str  # layak | daftar_tunggu


TIE_BREAKERS = ("skor tertinggi", "desil terendah (tanpa desil di belakang)", "tanggungan terbanyak",
                "tanggal diterima paling awal", "nomor registrasi")


def sort_key(c: Candidate) -> tuple:
    return (-c.score, c.desil if c.desil else 99, -c.dependants, c.received_at, c.key)


def rank(candidates: Iterable[Candidate], *, free_slots: int | None) -> list[Ranked]:
    """Order eligible candidates; the first ``free_slots`` are *layak*, the rest *daftar tunggu*.

    ``free_slots=None`` means no quota (every eligible candidate is layak).
    """
    ordered = sorted(candidates, key=sort_key)
    out = []
    for i, c in enumerate(ordered, start=1):
        within = free_slots is None or i <= free_slots
        out.append(Ranked(i, c, "layak" if within else "daftar_tunggu"))
    return out
