#!/usr/bin/env bash
# Fleet-scale benchmark: generates deterministic workloads, times the xmllint parse floor and
# recscan end to end with 1 and 2 jobs, and prints a Markdown table of the figures. A last
# row set scans the first size again with hosts exported in every format (CycloneDX, SPDX,
# dpkg/rpm databases, osquery and native, in turn); xmllint cannot parse those, so it has no floor.
#
#   benchmarks/run.sh [HOSTS...]        default: 1000 5000 (1,000 packages each, 10,000 rules)
#
# RECSCAN_BENCH_RUNS (default 3) runs per row; RECSCAN_BENCH_FORMATS (default "xml xml,html") the
# report formats timed; RECSCAN_BENCH_MIXED=0 leaves out the all-formats rows; RECSCAN_BENCH_BIN a
# folder holding another build's recscan and recscan-bench (an earlier commit's, for before/after). More runs of the
# report.xml rows alone: RECSCAN_BENCH_RUNS=9 RECSCAN_BENCH_FORMATS=xml RECSCAN_BENCH_MIXED=0.
#
# Needs xmllint (libxml2-utils) and GNU time (/usr/bin/time). Workloads are cached in
# ${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}; each is about 90 MB per 1,000 hosts.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts_list=("${@:-1000 5000}")
read -r -a hosts_list <<< "${hosts_list[*]}"
work="${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}"
runs="${RECSCAN_BENCH_RUNS:-3}"
formats="${RECSCAN_BENCH_FORMATS:-xml xml,html}"
mkdir -p "$work"

if [ -n "${RECSCAN_BENCH_BIN:-}" ]; then
  bin="$RECSCAN_BENCH_BIN"
else
  swift build -c release --product recscan >/dev/null
  swift build -c release --product recscan-bench >/dev/null
  bin="$(swift build -c release --show-bin-path)"
fi

calc() { awk "BEGIN { print $* }"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Seconds and peak RSS (KB) of one command, measured by GNU time.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  cat "$work/time.txt"
}

# Generates a workload once: $1 folder, $2 hosts, $3 formats.
generate() {
  if [ ! -f "$1/.done" ]; then
    rm -rf "$1"
    "$bin/recscan-bench" generate --hosts "$2" --packages 1000 --rules 10000 --seed 42 --formats "$3" \
      --out "$1" >/dev/null
    touch "$1/.done"
  fi
}

# Seconds of the xmllint floor over workload $1.
floor_seconds() {
  measure sh -c "find '$1/inventories' -name '*.xml' -print0 | xargs -0 xmllint --stream --noout" | cut -d' ' -f1
}

# Prints the rows of recscan over workload $1 ($2 hosts) for formats $3; with $4 = "floor", each
# run is bracketed by xmllint runs, one right before and one right after it (the one after is
# the next run's one before), and the ratio column is the median of each run's time over the
# mean of its two brackets: this VM's speed drifts by a third within minutes, which ratios of
# separate medians would take for the program's, and a single xmllint run before each recscan
# run made the ratio depend on which side of a speed change the pair fell.
scan_rows() {
  local dir=$1 hosts=$2 formats=$3 floor=$4 label=$5
  local megabytes
  megabytes=$(du -sm "$dir/inventories" | cut -f1)
  for format in $formats; do
    for jobs in 1 2; do
      results=$(before=$([ -n "$floor" ] && floor_seconds "$dir" || echo 0)
      for _ in $(seq "$runs"); do
        # A fresh folder per run, all removed at the end: ext4 skips recently freed inodes when
        # it allocates new ones (`recently_deleted` in `perf`), so deleting a run's 6,000 pages
        # right before the next run made that run's file creation several times slower.
        timed=$(SOURCE_DATE_EPOCH=1795910400 measure "$bin/recscan" scan --quiet --inventories "$dir/inventories" \
          --catalog "$dir/catalog.xml" --out "$(mktemp -d "$work/out.XXXXXX")" --jobs "$jobs" --format "$format")
        after=$([ -n "$floor" ] && floor_seconds "$dir" || echo 0)
        echo "$timed $(calc "($before + $after) / 2")"
        before=$after
      done)
      seconds=$(echo "$results" | cut -d' ' -f1 | median)
      rss=$(echo "$results" | cut -d' ' -f2 | sort -n | tail -1)
      ratio=$([ -n "$floor" ] && printf "%.2f" "$(echo "$results" | awk '{ print $1 / $3 }' | median)" || echo "")
      printf "| %d | recscan scan --format %s%s | %d | %.2f | %.0f | %.0f | %.0f | %s |\n" "$hosts" "$format" \
        "$label" "$jobs" "$seconds" "$(calc "$hosts / $seconds")" "$(calc "$megabytes / $seconds")" \
        "$(calc "$rss / 1024")" "$ratio"
    done
  done
}

echo "| hosts | what | jobs | seconds (median of $runs) | hosts/s | input MB/s | peak RSS MB | vs xmllint floor (median of paired runs) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for hosts in "${hosts_list[@]}"; do
  dir="$work/w$hosts"
  generate "$dir" "$hosts" native
  megabytes=$(du -sm "$dir/inventories" | cut -f1)
  floor=$(for _ in $(seq "$runs"); do floor_seconds "$dir"; done | median)
  printf "| %d | xmllint --stream --noout | 1 | %.2f | %.0f | %.0f | | 1.00 |\n" "$hosts" "$floor" \
    "$(calc "$hosts / $floor")" "$(calc "$megabytes / $floor")"
  scan_rows "$dir" "$hosts" "$formats" floor ""
done
if [ "${RECSCAN_BENCH_MIXED:-1}" != 0 ]; then
  first=${hosts_list[0]}
  mixed="$work/w$first-mixed"
  generate "$mixed" "$first" native,cyclonedx-xml,cyclonedx-json,spdx-json,package-db,osquery
  scan_rows "$mixed" "$first" "$formats" "" " (all formats)"
fi
rm -rf "$work"/out.*
