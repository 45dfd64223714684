"""Run the reliability suite once and print the figures for RELIABILITY.md.

    python -m tests.reliability.report            # normal run (20 kills)
    LOKET_RELIABILITY_LONG=1 python -m tests.reliability.report   # long run (200 kills)
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="loket-reliability-") as tmp:
        env = dict(os.environ, LOKET_RELIABILITY_FIGURES=tmp)
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reliability"],
                              cwd=REPO, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - started
        figures = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(tmp).glob("*.json"))}
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "(no output)"
    out = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                 text=True).stdout.strip(),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
                   f"{os.cpu_count()} CPU",
        "long_mode": os.environ.get("LOKET_RELIABILITY_LONG") == "1",
        "pytest": summary,
        "seconds": round(seconds, 1),
        "figures": figures,
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))
    if proc.returncode != 0:
        print(proc.stdout[-6000:], file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
