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
basedpyright   # type check of app/ (pyproject [tool.basedpyright]; node comes in a wheel, no other network)
set +e
python -m pytest -q -p no:xvfb -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "Tidak ada uji yang dijalankan: dianggap gagal." >&2
  exit 1
fi
[ "$rc" -eq 0 ] || exit "$rc"
# No test may depend on the day it runs. The run above was on the real date; the tests that read the clock
# (marker "clock") run again with the whole session's clock pinned (tests/conftest.py --pinned-now): a
# Saturday, New Year's Eve at 23:30 office time (WIB), and a cuti bersama day of Idul Fitri 2027
# (Friday 12 March; 10-11 March are the holiday itself, 9, 12 and 15 March joint leave).
if [ "$#" -eq 0 ]; then
  for moment in 2026-12-05T10:00+07:00 2026-12-31T23:30+07:00 2027-03-12T10:00+07:00; do
    echo "== uji bertanda clock dengan jam disematkan pada $moment"
    set +e
    python -m pytest -q -p no:xvfb -p no:cacheprovider -m clock --pinned-now="$moment"
    rc=$?
    set -e
    if [ "$rc" -eq 5 ]; then
      echo "Tidak ada uji bertanda clock: dianggap gagal." >&2
      exit 1
    fi
    [ "$rc" -eq 0 ] || exit "$rc"
  done
fi
# The frozen program: build the PyInstaller bundle and run its self-test (a missing resource fails here).
# Set LOKET_SKIP_BUNDLE=1 to skip it in quick local runs (CI never sets it).
if [ "$#" -eq 0 ] && [ -z "${LOKET_SKIP_BUNDLE:-}" ]; then
  bash scripts/build-bundle.sh
fi
