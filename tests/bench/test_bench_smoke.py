"""`bench/run.py --size tiny` still runs every benchmark and yields a figure for every row.

Not a timed test: the ratios are not asserted (the targets hold at full size, run by hand; BENCHMARKS.md).
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tiny_benchmark_run_produces_every_row(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "bench/run.py", "--size", "tiny", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH_ROWS "))
    rows = json.loads(line.removeprefix("BENCH_ROWS "))
    names = [r["what"].split(" ")[0:2] for r in rows]
    assert len(rows) == 7, names
    for r in rows:
        for key in ("loket", "ref", "ratio"):
            assert isinstance(r[key], float) and math.isfinite(r[key]) and r[key] > 0, (r["what"], key, r[key])
        assert isinstance(r["ok"], bool)
    assert "memory while doing all of the above" in out.stdout
