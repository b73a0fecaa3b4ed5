#!/usr/bin/env bash
# What reading and indexing OSV advisories adds to a run: the same scan with and without
# --advisories, in interleaved pairs, medians of wall-clock seconds, CPU seconds (user + system)
# and peak RSS. Usage: benchmarks/advisories.sh [RUNS] [ADVISORY PATH...]
# Defaults: 9 runs; the shared PyPA and Go databases (../shared/data/osv, 6,952 advisories).
# RECSCAN_BENCH_INVENTORIES and RECSCAN_BENCH_CATALOG scan another fleet than the bundled sample
# (e.g. one made by `recscan-bench generate`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-9}"
shift || true
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then paths=(../shared/data/osv/pypa/vulns ../shared/data/osv/go/osv); fi
swift build -c release --product recscan >/dev/null
bin=.build/release/recscan
inputs=(--inventories "${RECSCAN_BENCH_INVENTORIES:-Inventories}")
if [ -n "${RECSCAN_BENCH_CATALOG:-}" ]; then inputs+=(--catalog "$RECSCAN_BENCH_CATALOG"); fi
advisories=()
for path in "${paths[@]}"; do advisories+=(--advisories "$path"); done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795910400
measure() { # label, then the arguments of recscan scan; appends "label wall cpu rssKB"
  local label="$1"; shift
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" scan "${inputs[@]}" --out "$work/out" --format xml \
    --jobs 2 "$@" >/dev/null 2>&1 || true
  read -r wall user system rss < <(tail -1 "$work/time")
  echo "$label $wall $(echo "$user + $system" | bc) $rss" >>"$work/results"
}
for _ in $(seq "$runs"); do
  measure without
  measure with "${advisories[@]}"
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for label in without with; do
  wall=$(awk -v l="$label" '$1 == l { print $2 }' "$work/results" | median)
  cpu=$(awk -v l="$label" '$1 == l { print $3 }' "$work/results" | median)
  rss=$(awk -v l="$label" '$1 == l { print $4 }' "$work/results" | median)
  echo "$label --advisories: wall ${wall} s, cpu ${cpu} s, peak RSS $((rss / 1024)) MB (medians of $runs)"
done
