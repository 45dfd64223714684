#!/usr/bin/env bash
# Set up everything on a fresh Debian machine and run the whole test suite (offscreen Qt,
# real SQLite files, a real PostgreSQL server started by the tests, LibreOffice for PDFs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-python.sh test
. .venv/bin/activate
export QT_QPA_PLATFORM=offscreen
HOME="$(mktemp -d)"
export HOME
ruff check app ui tests bench scripts
set +e
python -m pytest -q -p no:xvfb -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "Tidak ada uji yang dijalankan: dianggap gagal." >&2
  exit 1
fi
exit "$rc"
