#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with Playwright (no browser download). Install it when missing
# and we may (root, as on CI); otherwise say how, and those tests skip with the same message.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing: run 'sudo apt-get install chromium' to run the browser tests (they skip now)." >&2
fi
