#!/usr/bin/env bash
# Install the Debian packages Loket PBI needs (Qt offscreen/X11 libraries, Xvfb for screenshots,
# LibreOffice for PDF, poppler for checking PDFs, metric-compatible fonts, PostgreSQL for the
# multi-counter tests). Skips what is already there; never upgrades what is installed.
set -euo pipefail
PKGS=(
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxkbcommon-x11-0
  libreoffice-writer-nogui poppler-utils
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fonts-dejavu-core
  postgresql
)
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: bukan Debian/Ubuntu; pasang sendiri: ${PKGS[*]}" >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# PostgreSQL binaries may already be on PATH without the Debian package.
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  missing=("${missing[@]/postgresql}")
fi
read -r -a missing <<< "${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-system: memasang ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >/dev/null
