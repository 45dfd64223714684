"""Benchmark: close a monthly batch of 50,000 cases (data files only) vs a bare openpyxl + csv write.

    python bench/bench_batch.py [--cases 50000] [--small 10000]

Prints the time to close the batch (query, freeze, XLSX + CSV, manifest, ZIP, commit), the time of a
bare openpyxl write-only + csv.writer run over the same rows, their ratio, and the peak Python
memory (tracemalloc) of closing a small and a large batch: streamed writing keeps it flat.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import select  # noqa: E402

from app.context import open_office  # noqa: E402
from app.db.models import BatchItem, Case, Family, Person  # noqa: E402
from app.services import batches, users  # noqa: E402
from app.services import office as office_svc  # noqa: E402


def setup(root: Path):
    o = open_office(root)
    office_svc.save_profile(o, actor=None, first_run=True, values={
        "government": "PEMERINTAH KOTA PANGKALPINANG", "region_name": "Pangkalpinang", "city": "Pangkalpinang",
        "code": "DINSOS-PKP"})
    admin = users.actor_for(users.create_first_admin(o, username="admin", full_name="Admin", password="rahasia-123"))
    spv = users.actor_for(users.add_user(o, actor=admin, username="spv", full_name="Supervisor",
                                         password="rahasia-123", roles=["supervisor"]))
    return o, spv


def add_cases(o, n: int, offset: int, ready: datetime, service: str = "jamkesda") -> None:
    chunk = 5000
    for start in range(offset, offset + n, chunk):
        end = min(offset + n, start + chunk)
        with o.db.write() as s:
            people, fams = [], []
            for i in range(start, end):
                region = f"19{(i // 100000) % 80 + 11:02d}{(i // 10000) % 10 + 10:02d}"
                nik = f"{region}{(i % 28) + 1:02d}0285{i % 10000 + 1:04d}"
                people.append({"nik": nik, "name": f"Warga Penerima Bantuan {i}", "birth_place": "Pangkalpinang",
                               "birth_date": date(1985, 2, (i % 28) + 1), "sex": "L", "marital_status": "Kawin",
                               "address": f"Jl. Jenderal Sudirman No. {i} Gg. Melati", "rt": "001", "rw": "002",
                               "kelurahan": "Bukit Intan", "kelurahan_code": "1971041001", "kecamatan": "Bukit Intan",
                               "kecamatan_code": "197104", "postal_code": "33149", "domicile_address": "",
                               "phone": "081234567890", "card_number": f"000{i:010d}", "fktp_code": "0123B001",
                               "nik_problem": "", "created_at": ready, "updated_at": ready})
                fams.append({"no_kk": nik[:8] + "0101" + nik[12:], "address": "", "created_at": ready})
            s.execute(insert(Person), people)
            s.execute(insert(Family), fams)
            niks, kks = [p["nik"] for p in people], [f["no_kk"] for f in fams]
            pids = dict(s.execute(select(Person.nik, Person.id).where(Person.nik.in_(niks))).all())
            fids = dict(s.execute(select(Family.no_kk, Family.id).where(Family.no_kk.in_(kks))).all())
            s.execute(insert(Case), [{
                "reg_number": f"REG-{i}", "service_code": service, "person_id": pids[p["nik"]],
                "family_id": fids[f["no_kk"]], "family_relation": "Kepala Keluarga", "status": "selesai",
                "current_step": "batch", "urgent": False, "data": {"skor": 70 + i % 30, "peringkat": i + 1},
                "opened_at": ready, "updated_at": ready, "step_started_at": ready, "outcome": "",
                "outcome_reason": "", "batch_ready_at": ready, "version": 1}
                for i, p, f in zip(range(start, end), people, fams, strict=True)])


def bare_write(rows: list[list[str]], headers: list[str], folder: Path) -> float:
    """The reference: the same rows with nothing but openpyxl's write-only mode and ``csv.writer``.

    Its XLSX gets the rows ready-made with ``None`` for an empty value (openpyxl then writes no cell, as
    Loket writes none), prepared before the clock starts; no hashing, manifest, ZIP or database.
    """
    from openpyxl import Workbook

    xlsx_rows = [[v or None for v in r] for r in rows]
    t = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(headers)
    for r in xlsx_rows:
        ws.append(r)
    wb.save(folder / "bare.xlsx")
    with (folder / "bare.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(rows)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=50_000)
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--json", action="store_true", help="print one machine-readable line (for bench/run.py)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        o, spv = setup(root / "data")
        t = time.perf_counter()
        add_cases(o, args.cases, 0, datetime(2026, 11, 10, 3, tzinfo=UTC))
        add_cases(o, args.small, args.cases, datetime(2026, 12, 10, 3, tzinfo=UTC))
        add_cases(o, args.cases, args.cases + args.small, datetime(2027, 1, 10, 3, tzinfo=UTC))
        print(f"setup: {2 * args.cases + args.small:,} cases in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        after = datetime(2027, 2, 3, 3, tzinfo=UTC)  # every month below has ended
        res = batches.close_batch(o, actor=spv, service_code="jamkesda", period="2026-11", with_letters=False,
                                  now=after)
        t_close = time.perf_counter() - t
        rss_close = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # setup + close, before the baseline
        assert res.batch.record_count == args.cases
        size = Path(res.batch.zip_path).stat().st_size

        cols = batches.columns_for("jamkesda")
        with o.db.read() as s:
            rows = [[it.row[k] for k, _ in cols] for it in
                    s.exec(select(BatchItem).where(BatchItem.batch_id == res.batch.id).order_by(BatchItem.case_id))]
        out = root / "bare"
        out.mkdir()
        t_bare = bare_write(rows, [h for _k, h in cols], out)
        del rows

        peaks = {}
        for period, n in (("2026-12", args.small), ("2027-01", args.cases)):
            tracemalloc.start()
            r = batches.close_batch(o, actor=spv, service_code="jamkesda", period=period, with_letters=False,
                                    now=after)
            peaks[n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert r.batch.record_count == n
        with o.db.read() as s:
            assert s.exec(select(Case.id).where(Case.batch_id.is_(None))).first() is None
        o.close()

    if args.json:
        print("BENCH_JSON " + json.dumps({"cases": args.cases, "loket_s": t_close, "ref_s": t_bare,
                                          "ratio": t_close / t_bare, "maxrss_mb": rss_close,
                                          "zip_mb": size / 1_048_576,
                                          "traced_peak_mb": {str(n): p / 1_048_576 for n, p in peaks.items()}}))
        return
    print(f"close batch of {args.cases:,} cases (freeze + XLSX + CSV + manifest + ZIP + commit): {t_close:.2f} s "
          f"(ZIP {size / 1_048_576:.1f} MB)")
    print(f"bare openpyxl write-only + csv of the same rows: {t_bare:.2f} s")
    print(f"ratio close / bare: {t_close / t_bare:.2f}x")
    for n, peak in peaks.items():
        print(f"peak traced Python memory while closing {n:,} cases: {peak / 1_048_576:.1f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS (whole run, incl. setup): {rss:.0f} MB")
    print(f"target < 15 s: {'OK' if t_close < 15 else 'NOT MET'}")


if __name__ == "__main__":
    main()
