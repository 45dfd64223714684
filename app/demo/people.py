"""The demo's applicants: people of the seeded DTSEN extract, and outsiders the extract does not hold."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any


@dataclass
class Person:
    nik: str
    name: str
    no_kk: str
    desil: int | None  # None: not in DTSEN
    info: dict[str, Any]


def generator():
    """The seeded DTSEN generator shared with the benchmarks."""
    from app import sampledata

    return sampledata


def read_dtsen(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def person_from_row(row: dict[str, str], rng: random.Random) -> Person:
    d, m, y = row["TGL_LAHIR"].split("-")
    region = row["KODE_WILAYAH"]
    return Person(nik=row["NIK"], name=row["NAMA"].upper(), no_kk=row["NO_KK"],
                   desil=int(row["DESIL"]) if row["DESIL"] else None,
                   info={"birth_place": "Pangkalpinang", "birth_date": f"{y}-{m}-{d}", "sex": row["JNS_KEL"],
                         "address": row["ALAMAT"], "rt": row["RT"], "rw": row["RW"], "kelurahan": row["KELURAHAN"],
                         "kelurahan_code": region, "kecamatan": row["KECAMATAN"], "kecamatan_code": region[:6],
                         "phone": f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}"})


def outsider(i: int, rng: random.Random, taken: set[str]) -> Person:
    """Someone not in the DTSEN extract: a valid Pangkalpinang NIK with a serial the extract never uses."""
    g = generator()
    FIRST_F, FIRST_M, LAST, REGIONS, STREETS = g.FIRST_F, g.FIRST_M, g.LAST, g.REGIONS, g.STREETS  # noqa: N806

    kab, kec, kecamatan, kels = rng.choice([r for r in REGIONS if r[0] == "1971"])
    suffix, kelurahan = rng.choice(kels)
    female = rng.random() < 0.5
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18000))
    while True:
        nik = f"{kab}{kec}{born.day + (40 if female else 0):02d}{born:%m%y}{rng.randint(8000, 9999):04d}"
        if nik not in taken:
            taken.add(nik)
            break
    issued = date(2005, 1, 1) + timedelta(days=rng.randint(0, 6000))
    name = f"{rng.choice(FIRST_F if female else FIRST_M)} {rng.choice(LAST)}".strip().upper()
    region = f"{kab}{kec}{suffix}"
    return Person(nik=nik, name=name, no_kk=f"{kab}{kec}{issued:%d%m%y}{8000 + i % 2000:04d}", desil=None,
                   info={"birth_place": "Pangkalpinang", "birth_date": born.isoformat(), "sex": "P" if female else "L",
                         "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}",
                         "rt": f"{rng.randint(1, 15):03d}", "rw": f"{rng.randint(1, 8):03d}",
                         "kelurahan": kelurahan, "kelurahan_code": region, "kecamatan": kecamatan,
                         "kecamatan_code": region[:6],
                         "phone": f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}"})
