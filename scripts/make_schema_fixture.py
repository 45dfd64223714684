"""Keep a fixture database of the current (released) schema: tests/fixtures/schemas/<revision>.sqlite3.

Run once per release whose schema is new. The upgrade test opens every fixture with the current app.

    python scripts/make_schema_fixture.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402
from app.context import open_office  # noqa: E402
from app.db.migrate import current_revision  # noqa: E402
from app.demo import build_demo  # noqa: E402

TABLES = ("app_user", "person", "case_file", "step_log", "letter", "batch", "complaint", "dtsen_record",
          "audit_log")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="loket-fixture-")) / "kantor"
    build_demo(work, cases=40, dtsen_rows=200, progress=lambda *_: None)
    office = open_office(work)
    revision = current_revision(office.db)
    office.close()
    out = ROOT / "tests" / "fixtures" / "schemas" / f"{revision}.sqlite3"
    src = sqlite3.connect(work / "loket-pbi.sqlite3")
    dst = sqlite3.connect(out)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=DELETE")
    counts = {t: dst.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    dst.close()
    src.close()
    meta = {"revision": revision, "app_version": __version__, "counts": counts, "admin_password": "demo-loket-2026"}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    print(out, counts)


if __name__ == "__main__":
    main()
