#!/usr/bin/env bash
# The HTML report in a real browser: renders the fixture simulation (cli/tests/fixtures/
# simulation.json: 3 runs) with the built `omnistock report`, opens it in headless Chromium
# (Debian's, installed by scripts/install-chromium.sh) and checks the DOM after the page's
# scripts ran: the page marked itself rendered, no script error was recorded, and every chart
# is there (6 KPI bar charts, 2 per-channel, 2 per-day: 10 `svg.chart`; one `svg.map` per run:
# 3). A second page, the same report with a broken script added, must show the error recorded
# (so the first check can fail); and the report of a real simulation (the library's tiny
# retailer) must render all its charts too. Saves the reports and a screenshot of the
# fixture's in target/report-artifacts/.
#
# Usage: bash cli/tests/report_chromium.sh   (from anywhere; CARGO_TARGET_DIR is honoured)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "report_chromium: $chromium is missing: run scripts/install-chromium.sh" >&2
  exit 1
fi
target="${CARGO_TARGET_DIR:-$root/target}"
artifacts="$root/target/report-artifacts"
mkdir -p "$artifacts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cargo build --release -q -p omnistock-cli
"$target/release/omnistock" report cli/tests/fixtures/simulation.json -o "$artifacts/report.html" >"$tmp/table.txt"

browse() { # browse OUT_FLAGS... URL: one headless run with its own throw-away profile
  local profile
  profile="$(mktemp -d -p "$tmp")"
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --virtual-time-budget=5000 "$@" 2>>"$tmp/chromium.log"
}

passed=0
failed=0
check() { # check NAME CONDITION-RESULT(0/1) DETAIL
  if [ "$2" = 0 ]; then
    passed=$((passed + 1))
    echo "ok: $1"
  else
    failed=$((failed + 1))
    echo "FAILED: $1 ($3)"
  fi
}
has() { grep -q -- "$1" "$2" && echo 0 || echo 1; }
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

browse --dump-dom "file://$artifacts/report.html" >"$tmp/dom.html"
body="$(grep -o '<body[^>]*>' "$tmp/dom.html" || true)"
check "the page marked itself rendered" "$(has '<body[^>]*data-rendered="ok"' "$tmp/dom.html")" "$body"
check "every chart has a size and content" "$(has '<body[^>]*data-charts="13" data-drawn="13"' "$tmp/dom.html")" "$body"
clean=0
if grep -q 'data-errors' "$tmp/dom.html" || ! grep -q '<pre id="report-errors" hidden=""></pre>' "$tmp/dom.html"; then
  clean=1
fi
check "no script error recorded" "$clean" "$(grep -o '<pre id="report-errors"[^<]*' "$tmp/dom.html" || true)"
check "10 charts" "$([ "$(count '<svg class="chart"' "$tmp/dom.html")" = 10 ] && echo 0 || echo 1)" \
  "$(count '<svg class="chart"' "$tmp/dom.html") found"
check "3 maps" "$([ "$(count '<svg class="map"' "$tmp/dom.html")" = 3 ] && echo 0 || echo 1)" \
  "$(count '<svg class="map"' "$tmp/dom.html") found"
check "the escaped location id stays text" "$(has 'PARIS-&lt;01&gt;&amp;"Opéra"' "$tmp/dom.html")" "not found"

# The error trap works: the same page with a failing script records it.
sed 's|</body>|<script>undefinedFunction();</script></body>|' "$artifacts/report.html" >"$tmp/broken.html"
browse --dump-dom "file://$tmp/broken.html" >"$tmp/broken-dom.html"
check "a script error is recorded" "$(has '<html[^>]*data-errors="1"' "$tmp/broken-dom.html")" \
  "$(grep -o '<html[^>]*>' "$tmp/broken-dom.html" || true)"

# A real simulation too (the library's tiny retailer under its three rule sets).
"$target/release/omnistock" generate --size tiny --seed 3 -o "$tmp/tiny.json"
"$target/release/omnistock" simulate "$tmp/tiny.json" --report "$artifacts/report-tiny.html" >/dev/null
browse --dump-dom "file://$artifacts/report-tiny.html" >"$tmp/tiny-dom.html"
check "a real simulation renders all 13 charts, no error" \
  "$( (grep -q '<body[^>]*data-charts="13" data-drawn="13" data-rendered="ok"' "$tmp/tiny-dom.html" &&
      ! grep -q 'data-errors' "$tmp/tiny-dom.html") && echo 0 || echo 1)" \
  "$(grep -o '<body[^>]*>' "$tmp/tiny-dom.html" || true)"

rm -f "$artifacts/report.png"
browse --hide-scrollbars --window-size=1400,3000 --screenshot="$artifacts/report.png" "file://$artifacts/report.html" >/dev/null
check "a screenshot was saved" "$([ -s "$artifacts/report.png" ] && echo 0 || echo 1)" "$artifacts/report.png"

if [ "$failed" -ne 0 ]; then
  echo "--- chromium log (tail)"
  tail -20 "$tmp/chromium.log" || true
fi
echo "report and screenshot: $artifacts/report.html, $artifacts/report.png"
echo "report_chromium: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
