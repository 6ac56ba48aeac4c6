#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing. As root it
# runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail
missing=()
for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "[ensure-apt] installing ${missing[*]}" >&2
timeout 300 apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
