"""Survei Kepuasan Masyarakat (Permenpan RB 14/2017): 9 elements, each answered 1–4; IKM on 25–100."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.errors import ValidationError

ELEMENTS: tuple[tuple[str, str], ...] = (
    ("persyaratan", "Persyaratan"),
    ("prosedur", "Sistem, mekanisme, dan prosedur"),
    ("waktu", "Waktu penyelesaian"),
    ("biaya", "Biaya/tarif"),
    ("produk", "Produk spesifikasi jenis pelayanan"),
    ("kompetensi", "Kompetensi pelaksana"),
    ("perilaku", "Perilaku pelaksana"),
    ("pengaduan", "Penanganan pengaduan, saran dan masukan"),
    ("sarana", "Sarana dan prasarana"),
)
CODES = tuple(c for c, _ in ELEMENTS)

#: (lowest IKM, grade, quality) from the conversion table of Permenpan RB 14/2017
GRADES = ((88.31, "A", "Sangat Baik"), (76.61, "B", "Baik"), (65.00, "C", "Kurang Baik"),
          (25.00, "D", "Tidak Baik"))


def check_response(answers: dict[str, int]) -> dict[str, int]:
    missing = [label for code, label in ELEMENTS if code not in answers]
    if missing:
        raise ValidationError("Survei belum lengkap: " + ", ".join(missing) + ".")
    extra = sorted(set(answers) - set(CODES))
    if extra:
        raise ValidationError(f"Unsur survei tidak dikenal: {', '.join(extra)}.")
    for code in CODES:
        if answers[code] not in (1, 2, 3, 4):
            raise ValidationError("Setiap unsur survei dinilai 1 (tidak baik) sampai 4 (sangat baik).")
    return {c: int(answers[c]) for c in CODES}


def grade(ikm: float) -> tuple[str, str]:
    for low, letter, quality in GRADES:
        if round(ikm, 2) >= low:
            return letter, quality
    return "D", "Tidak Baik"


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    element_averages: dict[str, float]  # NRR per element
    ikm: float  # 25–100, two decimals
    grade: str
    quality: str


def compute(responses: Iterable[dict[str, int]]) -> IkmResult:
    rows: Sequence[dict[str, int]] = [check_response(r) for r in responses]
    if not rows:
        raise ValidationError("Belum ada responden survei.")
    nrr = {c: sum(r[c] for r in rows) / len(rows) for c in CODES}
    weighted = sum(v / len(CODES) for v in nrr.values())
    ikm = round(weighted * 25, 2)
    letter, quality = grade(ikm)
    return IkmResult(len(rows), {c: round(v, 3) for c, v in nrr.items()}, ikm, letter, quality)
