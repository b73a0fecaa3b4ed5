#!/usr/bin/env bash
# Regenerates docs/screenshots/ from a scan of the sample with headless Chromium, after a change
# to the pages. Run from the repository root: tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
swift run -c release recscan scan --as-of 2026-11-29 --out "$out" --quiet >/dev/null || [ $? -eq 2 ]
run="$out/latest"
shoot() { # page, file, height, extra flags
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="1280,$3" $4 \
    --screenshot="docs/screenshots/$2" "file://$run/$1" >/dev/null 2>&1
}
shoot index.html dashboard.png 1700 ""
shoot hosts/web01.html host-page.png 1700 ""
shoot rules/1000763.html rule-page-dark.png 1300 "--force-dark-mode --blink-settings=preferredColorScheme=0"
echo "docs/screenshots/ regenerated from $run"
