"""Seeded, realistic test data: DTSEN extracts with valid NIKs (women's day + 40), families, regions, desil.

python bench/generate.py --rows 1000000 --out bench/data/dtsen_1000000.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

FIRST_M = [
    "Ahmad",
    "Budi",
    "Rusdi",
    "Agus",
    "Hendra",
    "Joko",
    "Slamet",
    "Andi",
    "Rizki",
    "Fajar",
    "Dedi",
    "Yusuf",
    "Irfan",
    "Bambang",
    "Wahyu",
    "Teguh",
    "Hasan",
    "Arif",
    "Dimas",
    "Eko",
    "Made",
    "Nyoman",
    "Tjhin",
    "Muhammad",
]
FIRST_F = [
    "Siti",
    "Nurhayati",
    "Aulia",
    "Dewi",
    "Rina",
    "Sri",
    "Wulan",
    "Indah",
    "Fitri",
    "Ayu",
    "Ratna",
    "Lestari",
    "Nur'aini",
    "Kartini",
    "Yuliani",
    "Maria",
    "Ni Luh",
    "Putri",
    "Rahmawati",
    "Suryani",
    "Siu Lan",
    "Dian",
]
LAST = [
    "",
    "Saputra",
    "Wijaya",
    "Lubis",
    "Siregar",
    "Nasution",
    "Hidayat",
    "Kurniawan",
    "Pratama",
    "Santoso",
    "Rahman",
    "Setiawan",
    "Gunawan",
    "Susanto",
    "Hutapea",
    "Simanjuntak",
    "Halim",
    "Tanjung",
    "Syahputra",
]
STREETS = [
    "Jl. Kampung Melayu",
    "Jl. Diponegoro",
    "Jl. Sudirman",
    "Jl. Masjid Jamik",
    "Gg. Melati",
    "Jl. Depati Amir",
    "Jl. Ahmad Yani",
    "Jl. Soekarno Hatta",
    "Jl. Balai",
    "Gg. Mawar",
]
# (kode kab/kota, kecamatan code, kecamatan, [(kelurahan code suffix, kelurahan)])
REGIONS = [
    ("1971", "01", "Taman Sari", [("1001", "Kejaksaan"), ("1002", "Rawa Bangun"), ("1003", "Kuto Panji")]),
    ("1971", "02", "Bukit Intan", [("1001", "Air Itam"), ("1002", "Sinar Bulan")]),
    ("1971", "03", "Gerunggang", [("1001", "Tua Tunu"), ("1002", "Kacang Pedang"), ("1003", "Bukit Sari")]),
    ("6172", "02", "Singkawang Barat", [("1003", "Pasiran"), ("1004", "Melayu")]),
    ("3273", "05", "Coblong", [("1001", "Dago"), ("1002", "Lebak Siliwangi")]),
]
HEADER = [
    "ID_DTSEN",
    "NIK",
    "NO_KK",
    "NAMA",
    "TEMPAT_LAHIR",
    "TGL_LAHIR",
    "JNS_KEL",
    "ALAMAT",
    "RT",
    "RW",
    "KODE_WILAYAH",
    "KELURAHAN",
    "KECAMATAN",
    "DESIL",
]


def people(rows: int, seed: int = 20261123):
    """Yield DTSEN rows; families of 1–6 share a No KK and an address. NIKs are unique."""
    rng = random.Random(seed)
    serial_by_prefix: dict[str, int] = {}
    made = 0
    family_no = 0
    start = date(1940, 1, 1)
    while made < rows:
        family_no += 1
        kab, kec_code, kecamatan, kels = rng.choice(REGIONS)
        kel_suffix, kelurahan = rng.choice(kels)
        issued = start + timedelta(days=rng.randint(20000, 30000))
        kk = f"{kab}{kec_code}{issued:%d%m%y}{family_no % 10000:04d}"
        address = f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}"
        rt, rw = f"{rng.randint(1, 15):03d}", f"{rng.randint(1, 8):03d}"
        desil = rng.choices(range(0, 11), weights=[3, 14, 14, 13, 12, 10, 9, 8, 7, 6, 4])[0]
        for _ in range(rng.randint(1, 6)):
            if made >= rows:
                break
            female = rng.random() < 0.5
            born = start + timedelta(days=rng.randint(0, 30500))
            day = born.day + (40 if female else 0)
            prefix = f"{kab}{kec_code}{day:02d}{born:%m%y}"
            serial = serial_by_prefix.get(prefix, 0) + 1
            if serial > 9999:
                continue
            serial_by_prefix[prefix] = serial
            first = rng.choice(FIRST_F if female else FIRST_M)
            name = f"{first} {rng.choice(LAST)}".strip()
            made += 1
            yield [
                f"DT{kab}{made:08d}",
                f"{prefix}{serial:04d}",
                kk,
                name,
                kecamatan,
                born.strftime("%d-%m-%Y"),
                "P" if female else "L",
                address,
                rt,
                rw,
                f"{kab}{kec_code}{kel_suffix}",
                kelurahan,
                kecamatan,
                desil,
            ]


def write_csv(path: Path, rows: int, seed: int = 20261123) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(people(rows, seed))
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    out = a.out or Path("bench") / "data" / f"dtsen_{a.rows}.csv"
    write_csv(out, a.rows, a.seed)
    print(out)


if __name__ == "__main__":
    main()
