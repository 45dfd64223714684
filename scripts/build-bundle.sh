#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle into dist/LoketPBI and smoke-test the frozen program.
# On Windows run the same pyinstaller command, then iscc (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
python -m pip install -q "pyinstaller>=6.5,<7"
start=$(date +%s)
pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/loket-pbi.spec
echo "bundle: $(du -sh dist/LoketPBI | cut -f1), build $(( $(date +%s) - start )) s"
QT_QPA_PLATFORM=offscreen dist/LoketPBI/loket-pbi self-test
