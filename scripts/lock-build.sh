#!/usr/bin/env bash
# Refresh packaging/requirements-build.lock: every package of the bundle (pyproject's dependencies and the
# `build` extra) pinned with the SHA-256 of each of its files, for Windows and Linux alike (--universal).
# Run after changing dependencies in pyproject.toml; scripts/build-bundle.sh installs only from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null; then
  python3 -m pip install -q uv
fi
UV_SYSTEM_CERTS=1 uv pip compile pyproject.toml --extra build --universal --generate-hashes --python-version 3.11 \
  -o packaging/requirements-build.lock "$@"
