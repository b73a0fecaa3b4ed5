#!/usr/bin/env bash
# test_export.sh - test the Deep Security export tooling without a manager or a network.
#
# Usage: tools/deepsecurity/test_export.sh        (from anywhere; needs python3 with the
#        deep-security-api package, and curl)
#
# 1. The committed sample is what convert_fleet.py writes from the sample fleet, catalog and
#    golden report (Samples/ds-export/api, Samples/ds-exclusions.xml), and the test fixtures
#    are the same files (Tests/RecscanCoreTests/Fixtures/ds-export, ds-exclusions.xml).
# 2. export.sh, pointed at fake_manager.py (a stand-in manager on 127.0.0.1, on a free port,
#    serving Samples/ds-export), writes exactly Samples/ds-export/api: once with jq (where
#    installed) and once with a PATH without jq, so the python3 fallback is tested too.
# Exits non-zero on any difference.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/deepsecurity
tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0

# 1. The committed files are up to date.
python3 "$here/convert_fleet.py" --fleet Inventories/fleet.xml \
  --catalog Sources/RecscanCore/Resources/catalog.xml --out "$tmp/gen" \
  --register "$tmp/gen/ds-exclusions.xml" \
  --recommendations Tests/recscanTests/Golden/sample/report.xml >/dev/null
# The register's comment names the fleet file as given; both runs give the same relative path.
if ! diff -r "$tmp/gen/api" Samples/ds-export/api >"$tmp/diff" \
  || ! diff "$tmp/gen/ds-exclusions.xml" Samples/ds-exclusions.xml >>"$tmp/diff"; then
  echo "test_export: Samples/ds-export is not what convert_fleet.py writes; regenerate it" \
    "(command in Samples/ds-export/README.md):" >&2
  head -40 "$tmp/diff" >&2
  fail=1
fi
if ! diff -r Samples/ds-export Tests/RecscanCoreTests/Fixtures/ds-export >"$tmp/diff" \
  || ! diff Samples/ds-exclusions.xml Tests/RecscanCoreTests/Fixtures/ds-exclusions.xml >>"$tmp/diff"; then
  echo "test_export: the test fixtures differ from Samples/; copy them again:" >&2
  head -40 "$tmp/diff" >&2
  fail=1
fi

# 2. export.sh against the stand-in manager.
python3 "$here/fake_manager.py" --root Samples/ds-export --port-file "$tmp/port" \
  --key test-key --lifetime 30 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
[ -s "$tmp/port" ] || { echo "test_export: the stand-in manager did not start" >&2; exit 1; }
export DS_API_URL="http://127.0.0.1:$(cat "$tmp/port")/api" DS_API_KEY=test-key

# A PATH with what export.sh uses, without jq.
mkdir "$tmp/nojq"
for c in curl mkdir mktemp head rm find wc tr sed; do ln -s "$(command -v "$c")" "$tmp/nojq/$c"; done
ln -s "$(python3 -c 'import sys; print(sys.executable)')" "$tmp/nojq/python3"
bash_path="$(command -v bash)"

runs=("with-path" "without-jq")
for run in "${runs[@]}"; do
  if [ "$run" = with-path ]; then
    "$bash_path" "$here/export.sh" "$tmp/$run" >/dev/null
  else
    PATH="$tmp/nojq" "$bash_path" "$here/export.sh" "$tmp/$run" >/dev/null
  fi
  if ! diff -r "$tmp/$run/api" Samples/ds-export/api >"$tmp/diff"; then
    echo "test_export: export.sh ($run) did not reproduce Samples/ds-export/api:" >&2
    head -40 "$tmp/diff" >&2
    fail=1
  fi
done

# A wrong key must fail the export, not write a partial tree silently.
if DS_API_KEY=wrong "$bash_path" "$here/export.sh" "$tmp/refused" >/dev/null 2>&1; then
  echo "test_export: export.sh succeeded with a wrong API key" >&2
  fail=1
fi

count=$(find Samples/ds-export/api -name '*.json' | wc -l | tr -d ' ')
if [ "$fail" -ne 0 ]; then
  echo "test_export: the stand-in manager refused:" >&2
  grep -v "missing or wrong api-secret-key" "$tmp/server.log" >&2 || true
  echo "test_export: FAILED" >&2
  exit 1
fi
echo "test_export: sample up to date; export.sh reproduced $count responses (jq: $(command -v jq >/dev/null && echo yes || echo no), and without jq)"
