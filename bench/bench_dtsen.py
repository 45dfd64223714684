"""DTSEN import and NIK lookup against the fastest reference on the same machine, in the same run.

    python bench/bench_dtsen.py --rows 1000000

Reference for the import: SQLite's own command-line shell (`.import --csv`) into a table with the same
columns and the same unique index on NIK. Reference for the lookup: a bare `sqlite3` indexed SELECT.
Loket's import runs in a child process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import write_csv  # noqa: E402

REF_SCHEMA = """
CREATE TABLE dtsen(id_dtsen TEXT, nik TEXT, no_kk TEXT, nama TEXT, tempat_lahir TEXT, tgl_lahir TEXT,
  jns_kel TEXT, alamat TEXT, rt TEXT, rw TEXT, kode_wilayah TEXT, kelurahan TEXT, kecamatan TEXT, desil TEXT);
CREATE UNIQUE INDEX ix_dtsen_nik ON dtsen(nik);
"""

CHILD = r"""
import json, resource, sys, time
from app.context import open_office
from app.services import dtsen, setup, users
office = open_office(sys.argv[1])
setup.first_run(office, setup.FirstRun(profile={"government": "PEMERINTAH KOTA BENCH", "region_name": "Bench",
    "city": "Bench"}, admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123"))
actor = users.login(office, username="admin", password="rahasia-123")
t = time.perf_counter()
s = dtsen.import_file(office, actor=actor, path=sys.argv[2])
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "inserted": s.inserted, "rejected": s.rejected,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def run(rows: int, lookups: int = 10_000) -> dict:
    work = Path(tempfile.mkdtemp(prefix="loket-bench-"))
    try:
        csv_path = Path(__file__).parent / "data" / f"dtsen_{rows}.csv"
        if not csv_path.exists():
            write_csv(csv_path, rows)
        # Reference: the sqlite3 shell.
        ref_db = work / "ref.sqlite3"
        sqlite3.connect(ref_db).executescript(REF_SCHEMA).close()
        t = time.perf_counter()
        subprocess.run(["sqlite3", str(ref_db), f".import --csv --skip 1 {csv_path} dtsen"], check=True)
        ref_import = time.perf_counter() - t
        # Loket, in a child process.
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(work / "office"), str(csv_path)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        loket = json.loads(out.stdout.strip().splitlines()[-1])

        # Lookups: the same random NIKs against both databases.
        con = sqlite3.connect(ref_db)
        niks = [r[0] for r in con.execute("SELECT nik FROM dtsen")]
        rng = random.Random(7)
        sample = [rng.choice(niks) for _ in range(lookups)]
        ref_times = []
        for nik in sample:
            t = time.perf_counter()
            con.execute("SELECT * FROM dtsen WHERE nik = ?", (nik,)).fetchone()
            ref_times.append(time.perf_counter() - t)
        con.close()

        from app.context import open_office
        from app.services import dtsen, users

        office = open_office(work / "office")
        actor = users.login(office, username="admin", password="rahasia-123")
        find_times, lookup_times = [], []
        with office.db.read() as s:
            for nik in sample:
                t = time.perf_counter()
                assert dtsen.find(s, nik) is not None
                find_times.append(time.perf_counter() - t)
        for nik in sample[:1000]:
            t = time.perf_counter()
            dtsen.lookup(office, actor=actor, nik=nik)
            lookup_times.append(time.perf_counter() - t)
        office.close()
        return {
            "rows": rows,
            "csv_mb": round(csv_path.stat().st_size / 1_048_576, 1),
            "ref_import_s": round(ref_import, 2),
            "loket_import_s": round(loket["seconds"], 2),
            "import_ratio": round(loket["seconds"] / ref_import, 2),
            "loket_import_maxrss_mb": round(loket["maxrss_mb"]),
            "rejected": loket["rejected"],
            "ref_lookup_p99_ms": round(p99(ref_times) * 1000, 3),
            "loket_find_p99_ms": round(p99(find_times) * 1000, 3),
            "find_ratio": round(p99(find_times) / p99(ref_times), 2),
            "loket_lookup_logged_p99_ms": round(p99(lookup_times) * 1000, 3),
            "ref_import_exact_s": ref_import, "loket_import_exact_s": loket["seconds"],
            "ref_lookup_p99_exact_ms": p99(ref_times) * 1000, "loket_find_p99_exact_ms": p99(find_times) * 1000,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--lookups", type=int, default=10_000)
    ap.add_argument("--json", action="store_true", help="print one machine-readable line (for bench/run.py)")
    a = ap.parse_args()
    res = run(a.rows, a.lookups)
    print("BENCH_JSON " + json.dumps(res) if a.json else json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
