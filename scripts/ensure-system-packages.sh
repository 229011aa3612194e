#!/usr/bin/env bash
# The Debian packages Wusong needs outside Python: a Chinese font for PDF documents and
# the Pango libraries WeasyPrint lays them out with. Installs what is missing when run as
# root; otherwise prints the one command to run. Quiet when everything is there.
set -euo pipefail

PACKAGES=(fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "ensure-system-packages: not a Debian system; install the equivalents of: ${PACKAGES[*]}" \
    "(or set WUSONG_PDF_FONT to a Chinese .ttf/.otf/.ttc font)." >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "ensure-system-packages: PDF documents need these Debian packages; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
fi
