#!/usr/bin/env bash
# Set up everything on a fresh Debian machine and start Loket PBI on the embedded SQLite default.
# Extra arguments go to the app (e.g. --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-python.sh
. .venv/bin/activate
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Tidak ada layar grafis: Loket PBI dijalankan pada layar virtual (Xvfb)." >&2
  exec xvfb-run -a loket-pbi "$@"
fi
exec loket-pbi "$@"
