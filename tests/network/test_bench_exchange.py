"""`bench/bench_exchange.py` still runs end to end (tiny size; the timing target is checked by hand at full size,
BENCHMARKS.md)."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import find_bindir

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
def test_tiny_exchange_benchmark_yields_its_figures(tmp_path):
    if find_bindir() is None:
        pytest.skip("PostgreSQL tidak terpasang di mesin ini; .ci/run memasangnya.")
    env = dict(os.environ, HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "bench/bench_exchange.py", "--kelurahan", "2", "--cases", "10", "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    r = json.loads(next(x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")).removeprefix("BENCH_JSON "))
    assert (r["kelurahan"], r["cases"]) == (2, 10)
    for key in ("loket_s", "ref_s", "ratio", "maxrss_mb"):
        assert isinstance(r[key], (int, float)) and math.isfinite(r[key]) and r[key] > 0, (key, r[key])
