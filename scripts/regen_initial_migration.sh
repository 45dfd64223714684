#!/usr/bin/env bash
# Regenerate the initial migration from the models. Only while no schema has been released
# (0.1.x); after a release every change is a new migration on top.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f app/db/migrations/versions/0001_initial.py
tmp=$(mktemp -d)
python - "$tmp" <<'PY'
import sys
from pathlib import Path
from alembic import command
from app.db.engine import Database, sqlite_url
from app.db.migrate import _config
db = Database(sqlite_url(Path(sys.argv[1]) / "empty.sqlite3"))
cfg = _config()
with db.write_engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
f=$(ls app/db/migrations/versions/0001_*.py)
mv "$f" app/db/migrations/versions/0001_initial.py
rm -rf "$tmp"
ruff format -q app/db/migrations/versions/0001_initial.py || true
ruff check -q --fix app/db/migrations/versions/0001_initial.py || true
echo "app/db/migrations/versions/0001_initial.py regenerated"
