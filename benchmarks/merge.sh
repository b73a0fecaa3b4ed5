#!/usr/bin/env bash
# Merge benchmark: scans a generated fleet as N shards (report.xml only, two at a time), then
# merges them with the default formats, and prints the merge's time and peak RSS, for each size.
#
#   benchmarks/merge.sh SHARDS HOSTS...        e.g. benchmarks/merge.sh 10 5000 20000
#
# Workloads have 200 packages a host (the merge reads reports, not inventories) and the usual
# 10,000 rules; they are cached in ${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}. Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
shards=$1
shift
work="${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}"
mkdir -p "$work"
swift build -c release --product recscan >/dev/null
swift build -c release --product recscan-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
export SOURCE_DATE_EPOCH=1795910400

echo "| hosts | shards | merge seconds | merge peak RSS MB | report.xml MB |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for hosts in "$@"; do
  dir="$work/m$hosts"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    "$bin/recscan-bench" generate --hosts "$hosts" --packages 200 --rules 10000 --seed 42 --out "$dir" >/dev/null
    touch "$dir/.done"
  fi
  rm -rf "$dir/shards" "$dir/merged"
  seq 1 "$shards" | xargs -P 2 -I K "$bin/recscan" scan --quiet --inventories "$dir/inventories" \
    --catalog "$dir/catalog.xml" --out "$dir/shards/K" --format xml --shard "K/$shards" >/dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$work/merge-time.txt" "$bin/recscan" merge "$dir"/shards/* \
    --inventories "$dir/inventories" --catalog "$dir/catalog.xml" --out "$dir/merged" >/dev/null 2>&1 || true
  read -r seconds rss < "$work/merge-time.txt"
  size=$(du -m "$dir/merged/latest/report.xml" | cut -f1)
  printf "| %d | %d | %.2f | %.0f | %d |\n" "$hosts" "$shards" "$seconds" "$(awk "BEGIN { print $rss / 1024 }")" "$size"
done
