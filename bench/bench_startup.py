"""Start-up: process start to a usable login window, against a bare PySide6 program showing one QMainWindow.

    python bench/bench_startup.py [--runs 7]

Both run offscreen (``QT_QPA_PLATFORM=offscreen``) as fresh processes with the same interpreter and flags.
The clock starts just before the process is spawned and stops when the child prints that its window is
shown *and* exposed (polled from the Qt event loop). Loket goes through its real GUI entry point
(``ui.launcher.gui_main`` → ``ui.main.run``: logging, crash handler, QApplication, icon, login dialog, the
office opening in a worker) on an office that was set up beforehand in a temporary data folder, with a
temporary ``HOME``. The runs alternate between the two programs; the median of each is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The poll is the same in both children: shown and exposed, checked from the event loop.
_POLL = r"""
import os

def _when_shown(widget):
    from PySide6.QtCore import QTimer  # not before the program's own imports: their order is measured

    def poll():
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None and handle.isExposed():
            import resource
            print("SHOWN", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
            os._exit(0)
        QTimer.singleShot(1, poll)
    QTimer.singleShot(0, poll)
"""

BARE = _POLL + r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.setWindowTitle("bare")
w.resize(640, 480)
w.show()
_when_shown(w)
app.exec()
"""

LOKET = _POLL + r"""
import sys
import ui.main as _m
_start = _m.StartController.start
def start(self):
    _start(self)
    _when_shown(self.login)
_m.StartController.start = start
from ui.launcher import gui_main
gui_main(["--data-dir", sys.argv[1]])
"""


def _prepare_office(root: Path) -> None:
    from app.context import open_office
    from app.services import setup

    office = open_office(root)
    setup.first_run(office, setup.FirstRun(
        profile={"government": "PEMERINTAH KOTA BENCH", "region_name": "Bench", "city": "Bench"},
        admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123"))
    office.close()


def _once(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=str(ROOT))
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("SHOWN"):
            took = time.perf_counter() - t
            proc.wait(30)
            return took, int(line.split()[1]) / 1024
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait(30)
    raise RuntimeError(f"the child never showed its window (exit {proc.returncode}):\n{err[-3000:]}")


def run(runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory(prefix="loket-bench-start-") as tmp:
        data = Path(tmp) / "data"
        home = Path(tmp) / "home"
        home.mkdir()
        _prepare_office(data)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), PYTHONPATH=str(ROOT),
                   XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"))
        env.pop("LOKET_PBI_DATA_DIR", None)
        # one warm-up of each (file cache, .pyc), not counted
        _once(BARE, [], env)
        _once(LOKET, [str(data)], env)
        bare, loket, rss = [], [], []
        for _ in range(runs):
            bare.append(_once(BARE, [], env)[0])
            took, maxrss = _once(LOKET, [str(data)], env)
            loket.append(took)
            rss.append(maxrss)
    b, lo = statistics.median(bare), statistics.median(loket)
    return {"runs": runs, "ref_s": b, "loket_s": lo, "ratio": lo / b, "loket_maxrss_mb": max(rss),
            "ref_all": [round(x, 3) for x in bare], "loket_all": [round(x, 3) for x in loket]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print one machine-readable line (for bench/run.py)")
    a = ap.parse_args(argv)
    res = run(a.runs)
    res["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if a.json:
        print("BENCH_JSON " + json.dumps(res))
    else:
        print(f"bare QMainWindow shown: {res['ref_s'] * 1000:.0f} ms (median of {a.runs}: {res['ref_all']})")
        print(f"Loket login shown:      {res['loket_s'] * 1000:.0f} ms (median of {a.runs}: {res['loket_all']})")
        print(f"ratio: {res['ratio']:.2f}x (target <= 1.5x); Loket peak RSS {res['loket_maxrss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
