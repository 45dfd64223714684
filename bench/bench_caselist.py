"""Case list with 200,000 cases: first page, a filter change and the count, against bare SQL for the same page.

    python bench/bench_caselist.py [--cases 200000] [--repeat 20]

Data: a fresh SQLite office; people, families and cases are bulk-inserted straight into the real schema
(SQLAlchemy core ``insert`` of the same columns the services fill; seeded, so every run has the same data):
five services, six statuses, opened over about two years, one case per person. This is benchmark data, not
a path the app uses: cases normally come one by one through the intake.

Loket: the calls the case-list screen makes (``ui/views/case_list.py``): ``case_queries.page_cases`` (the
first 200 rows, newest first) and ``case_queries.count_cases`` for the same filters; first with no filter,
then after a filter change (service + status). Reference: the same page and count as bare SQL through the
``sqlite3`` module on the same file (join, WHERE, ORDER BY, LIMIT; rows as tuples, no objects). Each is
repeated; the median is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SERVICES = ["jamkesda", "pbi-baru", "penonaktifan", "reaktivasi-rekom", "reaktivasi-sk"]
STATUSES = ["draft", "baru", "proses", "selesai", "ditolak", "batal"]
PAGE = 200


def populate(office, n: int, seed: int = 20261124) -> None:
    from sqlalchemy import insert, select

    from app.db.models import Case, Family, Person

    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 1, tzinfo=UTC)
    chunk = 10_000
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        people, fams = [], []
        for i in range(lo, hi):
            female = rng.random() < 0.5
            born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 30000))
            day = born.day + (40 if female else 0)
            nik = f"1971{(i // 10000) % 90 + 10:02d}{day:02d}{born:%m%y}{i % 10000 + 1:04d}"
            people.append({"nik": nik, "name": f"Warga {i}", "birth_place": "Pangkalpinang", "birth_date": born,
                           "sex": "P" if female else "L", "marital_status": "Kawin", "address": f"Jl. Melati {i}",
                           "rt": "001", "rw": "002", "kelurahan": "Bukit Intan", "kelurahan_code": "1971041001",
                           "kecamatan": "Bukit Intan", "kecamatan_code": "197104", "postal_code": "33149",
                           "domicile_address": "", "phone": "", "card_number": "", "fktp_code": "", "nik_problem": "",
                           "created_at": start, "updated_at": start})
            fams.append({"no_kk": nik[:6] + "0101" + f"{i:06d}", "address": "", "created_at": start})
        with office.db.write() as s:
            s.execute(insert(Person), people)
            s.execute(insert(Family), fams)
            pids = dict(s.execute(select(Person.nik, Person.id).where(
                Person.nik.in_([p["nik"] for p in people]))).all())
            fids = dict(s.execute(select(Family.no_kk, Family.id).where(
                Family.no_kk.in_([f["no_kk"] for f in fams]))).all())
            rows = []
            for i, p, f in zip(range(lo, hi), people, fams, strict=True):
                opened = start + timedelta(minutes=5 * i + rng.randint(0, 4))
                status = rng.choice(STATUSES)
                closed = opened + timedelta(days=3) if status in ("selesai", "ditolak", "batal") else None
                rows.append({"reg_number": f"REG-{i:07d}", "service_code": rng.choice(SERVICES),
                             "person_id": pids[p["nik"]], "family_id": fids[f["no_kk"]],
                             "family_relation": "Kepala Keluarga", "status": status,
                             "current_step": "intake", "urgent": False, "data": {}, "counter": f"L{i % 4 + 1}",
                             "opened_at": opened, "updated_at": opened, "step_started_at": opened,
                             "closed_at": closed, "due_at": opened + timedelta(days=14), "outcome": "",
                             "outcome_reason": "", "version": 1,
                             "clock": "berjalan" if closed is None else "terpenuhi"})
            s.execute(insert(Case), rows)


REF_PAGE = """SELECT c.id, c.reg_number, c.service_code, p.nik, p.name, c.status, c.current_step, c.urgent,
  c.counter, c.opened_at, c.due_at, c.outcome, c.version
FROM case_file c JOIN person p ON p.id = c.person_id {where}
ORDER BY c.opened_at DESC, c.id DESC LIMIT {page}"""
REF_COUNT = "SELECT count(*) FROM case_file c JOIN person p ON p.id = c.person_id {where}"


def _median(fn, repeat: int) -> tuple[float, object]:
    out = fn()  # warm (page cache, prepared statements)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run(cases: int, repeat: int = 20) -> dict:
    from app.context import open_office
    from app.services import case_queries, setup, users

    with tempfile.TemporaryDirectory(prefix="loket-bench-cases-") as tmp:
        office = open_office(Path(tmp) / "data")
        setup.first_run(office, setup.FirstRun(
            profile={"government": "PEMERINTAH KOTA BENCH", "region_name": "Bench", "city": "Bench"},
            admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123"))
        actor = users.login(office, username="admin", password="rahasia-123")
        t = time.perf_counter()
        populate(office, cases)
        t_setup = time.perf_counter() - t

        filt = case_queries.CaseFilter(service_code="jamkesda", status="proses")

        def loket(f):
            def go():
                page = case_queries.page_cases(office, actor=actor, filters=f, limit=PAGE, offset=0)
                n = case_queries.count_cases(office, actor=actor, filters=f)
                return len(page), n
            return go

        db_file = office.db.url.removeprefix("sqlite:///")
        con = sqlite3.connect(db_file)

        def ref(where: str, args: tuple):
            def go():
                page = con.execute(REF_PAGE.format(where=where, page=PAGE), args).fetchall()
                n = con.execute(REF_COUNT.format(where=where), args).fetchone()[0]
                return len(page), n
            return go

        l_first, l_out1 = _median(loket(case_queries.CaseFilter()), repeat)
        r_first, r_out1 = _median(ref("", ()), repeat)
        l_filter, l_out2 = _median(loket(filt), repeat)
        r_filter, r_out2 = _median(ref("WHERE c.service_code = ? AND c.status = ?", ("jamkesda", "proses")), repeat)
        assert l_out1 == r_out1 and l_out2 == r_out2, (l_out1, r_out1, l_out2, r_out2)
        con.close()
        office.close()
    loket_s, ref_s = l_first + l_filter, r_first + r_filter
    return {"cases": cases, "setup_s": t_setup, "loket_s": loket_s, "ref_s": ref_s, "ratio": loket_s / ref_s,
            "loket_first_s": l_first, "loket_filter_s": l_filter, "ref_first_s": r_first, "ref_filter_s": r_filter,
            "filtered_count": l_out2[1], "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json", action="store_true", help="print one machine-readable line (for bench/run.py)")
    a = ap.parse_args(argv)
    res = run(a.cases, a.repeat)
    if a.json:
        print("BENCH_JSON " + json.dumps(res))
    else:
        print(f"setup: {a.cases:,} cases in {res['setup_s']:.1f} s")
        for k in ("first", "filter"):
            lo, r = res[f"loket_{k}_s"] * 1000, res[f"ref_{k}_s"] * 1000
            print(f"{k:6s} page + count: Loket {lo:.1f} ms, bare SQL {r:.1f} ms, ratio {lo / r:.2f}x")
        print(f"both: ratio {res['ratio']:.2f}x (target <= 3x, each < 100 ms); peak RSS {res['maxrss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
