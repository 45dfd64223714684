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
[ "$rc" -eq 0 ] || exit "$rc"
# The frozen program: build the PyInstaller bundle and run its self-test (a missing resource fails here).
# Set LOKET_SKIP_BUNDLE=1 to skip it in quick local runs (CI never sets it).
if [ "$#" -eq 0 ] && [ -z "${LOKET_SKIP_BUNDLE:-}" ]; then
  bash scripts/build-bundle.sh
fi
