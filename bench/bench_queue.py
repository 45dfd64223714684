"""The counter queue with 200,000 cases: an officer's first page ("can act on now", urgent first, then due time)
and the counts of every view, against bare SQL for the same page and counts.

    python bench/bench_queue.py [--cases 200000] [--repeat 20]

Data: the case-list benchmark's cases (``bench_caselist.populate``: five services, six statuses, about half
open), then each case put at a real step of its service, 2 % urgent, and the paraf steps given 0–2 paraf,
straight into the file (benchmark data, not a path the app uses).

Loket: the calls the queue screen makes (``ui/views/queue_view.py``): ``work_queue.queue_page`` (view
"mine", the first 100 rows) and ``work_queue.queue_counts`` for an officer who is back office (the role
with the most steps) and Kasi Linjamsos (first in two paraf chains). Reference: the same page and counts
as hand-written SQL through the ``sqlite3`` module on the same file with the same plan (the ordered
partial index for the page, one grouped pass over the open cases for the counts; rows as tuples, no
objects). Each is repeated; the median is reported.
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
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAGE = 100
NOW = datetime(2026, 1, 15, 3, tzinfo=UTC)  # the populated cases open over 2025–2026: many late, many not


def place_on_steps(db_file: str, defs, seed: int = 20261125) -> None:
    """Every case at a real step of its service; 2 % urgent; paraf steps with some paraf already given."""
    rng = random.Random(seed)
    con = sqlite3.connect(db_file)
    rows = con.execute("SELECT id, service_code FROM case_file").fetchall()
    updates = []
    for cid, code in rows:
        step = rng.choice(defs[code].steps)
        data = {}
        if step.kind == "paraf":
            data = {"paraf": {step.code: [{"role": r} for r in step.chain[:rng.randint(0, len(step.chain) - 1)]]}}
        updates.append((step.code, rng.random() < 0.02, json.dumps(data), cid))
    con.executemany("UPDATE case_file SET current_step = ?, urgent = ?, data = ? WHERE id = ?", updates)
    con.commit()
    con.execute("ANALYZE")
    con.close()


def reference(con: sqlite3.Connection, defs, roles: set[str], now_db: str) -> tuple[list[int], tuple]:
    """The page and the counts as hand-written SQL (the same plan: the ordered partial index for the page,
    one grouped pass over the open cases for the counts) for an officer holding ``roles``."""
    tasks = {(code, st.code) for code, defn in defs.items() for st in defn.steps
             if st.kind != "paraf" and set(st.roles) & roles}
    paraf = {(code, st.code): [n for n, r in enumerate(st.chain) if r in roles]
             for code, defn in defs.items() for st in defn.steps if st.kind == "paraf"}
    paraf = {k: v for k, v in paraf.items() if v}
    conds, args = [], []
    for code, step in sorted(tasks):
        conds.append("(c.service_code = ? AND c.current_step = ?)")
        args += [code, step]
    for (code, step), turns in paraf.items():
        conds.append(f"(c.service_code = ? AND c.current_step = ? AND coalesce(json_array_length(c.data, "
                     f"'$.paraf.\"{step}\"'), 0) IN ({', '.join('?' * len(turns))}))")
        args += [code, step, *turns]
    mine = "(c.due_at IS NOT NULL AND (" + " OR ".join(conds) + "))"
    page = con.execute(
        f"SELECT c.id, c.reg_number, c.service_code, p.nik, p.name, c.status, c.current_step, c.urgent, c.counter, "
        f"c.opened_at, c.due_at, c.outcome, c.version, c.due_at < ? "
        f"FROM case_file c JOIN person p ON p.id = c.person_id WHERE c.closed_at IS NULL AND {mine} "
        f"ORDER BY c.urgent DESC, c.due_at, c.id LIMIT {PAGE}", [now_db, *args]).fetchall()
    total = mine_n = late = urgent = 0
    for code, step, is_urgent, n, running, n_late in con.execute(
            "SELECT service_code, current_step, urgent, count(*), count(due_at), "
            "sum(due_at < ? AND clock = 'berjalan') FROM case_file WHERE closed_at IS NULL GROUP BY 1, 2, 3", [now_db]):
        total += n
        if (code, step) in tasks:
            mine_n, late, urgent = mine_n + running, late + (n_late or 0), urgent + (running if is_urgent else 0)
    for (code, step), turns in paraf.items():
        for done, is_urgent, running, n_late in con.execute(
                f"SELECT coalesce(json_array_length(data, '$.paraf.\"{step}\"'), 0), urgent, count(due_at), "
                f"sum(due_at < ? AND clock = 'berjalan') FROM case_file WHERE closed_at IS NULL AND service_code = ? "
                f"AND current_step = ? "
                f"GROUP BY 1, 2", [now_db, code, step]):
            if done in turns:
                mine_n, late, urgent = mine_n + running, late + (n_late or 0), urgent + (running if is_urgent else 0)
    return [r[0] for r in page], (total, mine_n, late, urgent)


def _median(fn, repeat: int) -> tuple[float, object]:
    out = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run(cases: int, repeat: int = 20) -> dict:
    from app.context import open_office
    from app.servicedefs import load_all
    from app.services import setup, users, work_queue
    from bench.bench_caselist import populate

    with tempfile.TemporaryDirectory(prefix="loket-bench-queue-") as tmp:
        office = open_office(Path(tmp) / "data")
        setup.first_run(office, setup.FirstRun(
            profile={"government": "PEMERINTAH KOTA BENCH", "region_name": "Bench", "city": "Bench"},
            admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123"))
        admin = users.login(office, username="admin", password="rahasia-123")
        info = users.add_user(office, actor=admin, username="bo", full_name="Back Office", password="rahasia-123",
                              roles=["back_office", "kasi_linjamsos"])
        actor = users.actor_for(info)
        t = time.perf_counter()
        populate(office, cases)
        defs = load_all(office)
        db_file = office.db.url.removeprefix("sqlite:///")
        place_on_steps(db_file, defs)
        t_setup = time.perf_counter() - t

        def page():
            return [r.id for r in work_queue.queue_page(office, actor=actor, view="mine", limit=PAGE, now=NOW)]

        def counts():
            n = work_queue.queue_counts(office, actor=actor, now=NOW)
            return n.all, n.mine, n.late, n.urgent_mine

        def loket():
            return page(), counts()

        con = sqlite3.connect(db_file)
        now_db = NOW.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite format

        def ref():
            return reference(con, defs, set(actor.roles), now_db)

        l_s, l_out = _median(loket, repeat)
        page_s, _ = _median(page, repeat)
        counts_s, _ = _median(counts, repeat)
        r_s, r_out = _median(ref, repeat)
        assert l_out == r_out, (l_out[1], r_out[1], l_out[0][:5], r_out[0][:5])
        con.close()
        office.close()
    return {"cases": cases, "setup_s": t_setup, "loket_s": l_s, "ref_s": r_s, "ratio": l_s / r_s,
            "loket_page_s": page_s, "loket_counts_s": counts_s,
            "open": l_out[1][0], "mine": l_out[1][1], "late": l_out[1][2],
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


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
        print(f"setup: {a.cases:,} cases in {res['setup_s']:.1f} s; open {res['open']:,}, "
              f"mine {res['mine']:,}, late {res['late']:,}")
        print(f"page {res['loket_page_s'] * 1000:.1f} ms, counts {res['loket_counts_s'] * 1000:.1f} ms")
        print(f"queue page + counts: Loket {res['loket_s'] * 1000:.1f} ms, bare SQL {res['ref_s'] * 1000:.1f} ms, "
              f"ratio {res['ratio']:.2f}x (target <= 3x, < 100 ms); peak RSS {res['maxrss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
