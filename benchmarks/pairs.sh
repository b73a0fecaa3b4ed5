#!/usr/bin/env bash
# Paired timing of two recscan builds: runs BASE then NEW back to back, PAIRS times, over the
# workload folder W (made by `recscan-bench generate`, as run.sh makes them), and prints each
# pair's seconds and the median of the ratios NEW/BASE. This VM's speed drifts by a fifth within
# minutes, so separate sittings of two builds cannot resolve a change of a few percent; a pair
# run back to back sees the same speed.
#
#   benchmarks/pairs.sh BASE/recscan NEW/recscan W [JOBS=2] [PAIRS=5] [FORMATS=xml,html,json,csv]
set -euo pipefail
base=$1 new=$2 work=$3 jobs=${4:-2} pairs=${5:-5} formats=${6:-xml,html,json,csv}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/recscan-pairs.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
seconds() {
  /usr/bin/time -f "%e" -o "$scratch/time" "$1" scan --quiet --inventories "$work/inventories" \
    --catalog "$work/catalog.xml" --out "$(mktemp -d "$scratch/out.XXXXXX")" --jobs "$jobs" \
    --format "$formats" >/dev/null 2>&1 || true
  cat "$scratch/time"
}
for _ in $(seq "$pairs"); do
  echo "$(seconds "$base") $(seconds "$new")"
done | awk '{ print; ratios[NR] = $2 / $1 }
  END {
    # Median of the ratios (insertion sort: a handful of pairs).
    for (i = 2; i <= NR; i++) { v = ratios[i]; j = i - 1; while (j > 0 && ratios[j] > v) { ratios[j + 1] = ratios[j]; j-- } ratios[j + 1] = v }
    median = NR % 2 ? ratios[(NR + 1) / 2] : (ratios[NR / 2] + ratios[NR / 2 + 1]) / 2
    printf "median new/base over %d pairs: %.3f\n", NR, median
  }'
