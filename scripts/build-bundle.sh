#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle into dist/LoketPBI and smoke-test the frozen program.
# The build runs in its own venv (.venv-build) installed only from packaging/requirements-build.lock with
# --require-hashes: every package of the bundle is the pinned file whose SHA-256 the lock names (refresh the
# lock with scripts/lock-build.sh). On Windows run the same steps, then iscc (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-build/bin/python ]; then
  python3 -m venv .venv-build
fi
.venv-build/bin/python -m pip install -q --require-hashes -r packaging/requirements-build.lock
.venv-build/bin/python -m pip install -q --no-deps --no-build-isolation .
start=$(date +%s)
.venv-build/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/loket-pbi.spec
echo "bundle: $(du -sh dist/LoketPBI | cut -f1), build $(( $(date +%s) - start )) s"
expected="Loket PBI $(.venv-build/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
actual="$(dist/LoketPBI/loket-pbi --version)"
if [ "$actual" != "$expected" ]; then
  echo "Versi program beku \"$actual\" berbeda dari pyproject.toml (\"$expected\")." >&2
  exit 1
fi
QT_QPA_PLATFORM=offscreen dist/LoketPBI/loket-pbi self-test
