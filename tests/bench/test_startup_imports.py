"""The start-up path stays light (see BENCHMARKS.md, start to login)."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def test_version_matches_pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert app.__version__ == meta["project"]["version"]


def test_login_path_does_not_import_the_heavy_core():
    code = "import sys, ui.main; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}).stdout.split()
    heavy = [m for m in out if re.match(r"(sqlalchemy|sqlmodel|alembic|docx|docxtpl|openpyxl|importlib\.metadata|"
                                        r"platformdirs|app\.services|app\.db)(\.|$)", m)]
    assert heavy == []
