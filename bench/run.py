"""Every performance target of issue 8 in one run, each against the fastest reference on the same machine.

    python bench/run.py --size full --write     # by hand: 1,000,000 DTSEN rows, 200,000 cases, 500 letters,
                                                # 50,000 batch cases; updates the headline table of BENCHMARKS.md
    python bench/run.py --size small            # a few minutes
    python bench/run.py --size tiny             # seconds; the test suite runs this so the scripts cannot rot

Each benchmark runs in its own child process (``bench/bench_*.py --json``) so its peak memory (max RSS, which
includes its setup) is its own; start-up spawns a fresh process per measurement. Finer overrides:
``--dtsen-rows``, ``--cases``, ``--letters``, ``--batch``, ``--startup-runs``, ``--only``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"
MEMORY_LIMIT_MB = 400

SIZES = {
    "tiny": {"dtsen_rows": 2_000, "lookups": 200, "cases": 2_000, "letters": 5, "batch": 300, "startup_runs": 3},
    "small": {"dtsen_rows": 100_000, "lookups": 10_000, "cases": 20_000, "letters": 50, "batch": 5_000,
              "startup_runs": 7},
    "full": {"dtsen_rows": 1_000_000, "lookups": 10_000, "cases": 200_000, "letters": 500, "batch": 50_000,
             "startup_runs": 11},
}
BENCHES = ("startup", "dtsen", "caselist", "queue", "letters", "batch")


def _child(args: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=str(ROOT))
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"{' '.join(args)} failed (exit {out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")


def _ms(s: float) -> str:
    if s < 0.001:
        return f"{s * 1_000_000:.0f} µs"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def measure(cfg: dict, only: set[str]) -> list[dict]:
    """Run the benchmarks; one dict per table row."""
    rows: list[dict] = []
    if "startup" in only:
        r = _child(["bench/bench_startup.py", "--json", "--runs", str(cfg["startup_runs"])])
        rows.append({"what": "start to a usable login window (offscreen, median of "
                             f"{r['runs']})", "ref_name": "bare PySide6 QMainWindow shown",
                     "loket": r["loket_s"], "ref": r["ref_s"], "ratio": r["ratio"], "target": "≤ 1.5×",
                     "ok": r["ratio"] <= 1.5, "rss": r["loket_maxrss_mb"]})
    if "dtsen" in only:
        r = _child(["bench/bench_dtsen.py", "--json", "--rows", str(cfg["dtsen_rows"]),
                    "--lookups", str(cfg["lookups"])])
        rows.append({"what": f"import of a {r['rows']:,}-row DTSEN CSV ({r['csv_mb']} MB)",
                     "ref_name": "sqlite3 shell `.import --csv`, same columns, unique index on NIK",
                     "loket": r["loket_import_exact_s"], "ref": r["ref_import_exact_s"],
                     "ratio": r["loket_import_exact_s"] / r["ref_import_exact_s"], "target": "≤ 2×",
                     "ok": r["loket_import_exact_s"] <= 2 * r["ref_import_exact_s"],
                     "rss": r["loket_import_maxrss_mb"]})
        lo, ref = r["loket_find_p99_exact_ms"] / 1000, r["ref_lookup_p99_exact_ms"] / 1000
        rows.append({"what": f"NIK lookup in that table, p99 of {cfg['lookups']:,}",
                     "ref_name": "bare sqlite3 indexed SELECT", "loket": lo, "ref": ref, "ratio": lo / ref,
                     "target": "≤ 2× and < 5 ms", "ok": lo <= 2 * ref and lo < 0.005, "rss": None,
                     "note": f"with permission check + audit entry: p99 {r['loket_lookup_logged_p99_ms']:.2f} ms"})
    if "caselist" in only:
        r = _child(["bench/bench_caselist.py", "--json", "--cases", str(cfg["cases"])])
        slowest = max(r["loket_first_s"], r["loket_filter_s"])
        rows.append({"what": f"case list, first page + a filter change (each with its count), {r['cases']:,} cases",
                     "ref_name": "bare SQL for the same page and count", "loket": r["loket_s"], "ref": r["ref_s"],
                     "ratio": r["ratio"], "target": "≤ 3× and < 100 ms", "ok": r["ratio"] <= 3 and slowest < 0.1,
                     "rss": r["maxrss_mb"],
                     "note": f"first {_ms(r['loket_first_s'])} vs {_ms(r['ref_first_s'])}, filter "
                             f"{_ms(r['loket_filter_s'])} vs {_ms(r['ref_filter_s'])}"})
    if "queue" in only:
        r = _child(["bench/bench_queue.py", "--json", "--cases", str(cfg["cases"])])
        rows.append({"what": f"counter queue, an officer's first page (urgent first, then due) + the count of every "
                             f"view, {r['cases']:,} cases ({r['open']:,} open)",
                     "ref_name": "bare SQL, same plan", "loket": r["loket_s"], "ref": r["ref_s"], "ratio": r["ratio"],
                     "target": "≤ 3× and < 100 ms", "ok": r["ratio"] <= 3 and r["loket_s"] < 0.1, "rss": r["maxrss_mb"],
                     "note": f"page {_ms(r['loket_page_s'])}, counts {_ms(r['loket_counts_s'])}"})
    if "letters" in only:
        r = _child(["bench/bench_letters.py", "--json", "--n", str(cfg["letters"]), "--pdf-n", "0"])
        rows.append({"what": f"render {r['n']} letters to .docx", "ref_name": "docxtpl, same template, in a loop",
                     "loket": r["loket_s"], "ref": r["ref_s"], "ratio": r["ratio"], "target": "≤ 1.3×",
                     "ok": r["ratio"] <= 1.3, "rss": r["maxrss_mb"]})
    if "batch" in only:
        r = _child(["bench/bench_batch.py", "--json", "--cases", str(cfg["batch"]),
                    "--small", str(max(1, cfg["batch"] // 5))])
        rows.append({"what": f"close a batch of {r['cases']:,} cases (data files)",
                     "ref_name": "openpyxl write-only + csv, same rows", "loket": r["loket_s"], "ref": r["ref_s"],
                     "ratio": r["ratio"], "target": "≤ 1.5×", "ok": r["ratio"] <= 1.5, "rss": r["maxrss_mb"]})
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore
        ram = f", {kb / 1_048_576:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    osname = platform.platform()
    with contextlib.suppress(OSError, AttributeError):
        osname = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)  # type: ignore
    import sqlite3

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores{ram}, {osname}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; load average at the end {load}")


def table(rows: list[dict]) -> str:
    lines = ["| measurement | reference | Loket PBI | reference time | ratio | target | met | peak RSS |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        rss = f"{r['rss']:.0f} MB" if r.get("rss") is not None else "—"
        what = r["what"] + (f" ({r['note']})" if r.get("note") else "")
        lines.append(f"| {what} | {r['ref_name']} | {_ms(r['loket'])} | {_ms(r['ref'])} | **{r['ratio']:.2f}×** | "
                     f"{r['target']} | {'yes' if r['ok'] else '**no**'} | {rss} |")
    peak = max((r["rss"] for r in rows if r.get("rss") is not None), default=0.0)
    lines.append(f"| memory while doing all of the above (largest peak RSS of any one benchmark process, "
                 f"setup included) | — | {peak:.0f} MB | — | — | < {MEMORY_LIMIT_MB} MB | "
                 f"{'yes' if peak < MEMORY_LIMIT_MB else '**no**'} | {peak:.0f} MB |")
    return "\n".join(lines)


def write(rows: list[dict], cfg: dict, command: str, took: float) -> None:
    block = (f"{BEGIN}\nOne run of `{command}` on {date.today():%d %b %Y}, {took / 60:.1f} min.  \n"
             f"Machine: {machine()}.  \n"
             f"Sizes: {cfg['dtsen_rows']:,} DTSEN rows ({cfg['lookups']:,} lookups), {cfg['cases']:,} cases, "
             f"{cfg['letters']} letters, a batch of {cfg['batch']:,} cases, {cfg['startup_runs']} start-ups "
             f"of each program.\n\n{table(rows)}\n{END}")
    text = BENCHMARKS.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        head, _, rest = text.partition("\n\n")
        text = f"{head}\n\n{block}\n\n{rest}"
    BENCHMARKS.write_text(text, encoding="utf-8")
    print(f"BENCHMARKS.md updated ({BENCHMARKS})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--dtsen-rows", type=int)
    ap.add_argument("--lookups", type=int)
    ap.add_argument("--cases", type=int)
    ap.add_argument("--letters", type=int)
    ap.add_argument("--batch", type=int)
    ap.add_argument("--startup-runs", type=int)
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHES)}")
    ap.add_argument("--json", action="store_true", help="also print the rows as one JSON line")
    ap.add_argument("--write", action="store_true", help="update the headline table in BENCHMARKS.md")
    a = ap.parse_args(argv)
    cfg = dict(SIZES[a.size])
    for key in cfg:
        if getattr(a, key, None) is not None:
            cfg[key] = getattr(a, key)
    only = set(a.only.split(",")) if a.only else set(BENCHES)
    unknown = only - set(BENCHES)
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    t = time.perf_counter()
    rows = measure(cfg, only)
    took = time.perf_counter() - t
    print(table(rows))
    if a.json:
        print("BENCH_ROWS " + json.dumps(rows))
    if a.write:
        write(rows, cfg, "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]), took)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
