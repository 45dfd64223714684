"""Figures for RELIABILITY.md: each test records what it tried when ``LOKET_RELIABILITY_FIGURES`` names a folder.

``python -m tests.reliability.report`` runs the suite once with that set and prints the summary.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(name: str, values: dict) -> None:
    folder = os.environ.get("LOKET_RELIABILITY_FIGURES")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"{name}.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for k, v in values.items():
        old[k] = old.get(k, 0) + v if isinstance(v, int) and not isinstance(v, bool) else v
    path.write_text(json.dumps(old, indent=1, ensure_ascii=False), encoding="utf-8")


def long_mode() -> bool:
    return os.environ.get("LOKET_RELIABILITY_LONG") == "1"
