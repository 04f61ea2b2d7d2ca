#!/usr/bin/env bash
# Installs Debian's `chromium` (used by the HTML report's browser test, cli/tests/report_chromium.sh)
# when /usr/bin/chromium is missing. No browser download of its own: the distribution's package only.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
install() { "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium; }
if ! install; then
  # A fresh machine may have no package lists yet (or stale ones).
  "${sudo[@]}" apt-get update -q
  install
fi
/usr/bin/chromium --version
