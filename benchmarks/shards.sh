#!/usr/bin/env bash
# Shards benchmark: one run over a generated fleet against partition + N shard runs (two at a
# time, one job each, report.xml only) + merge, with the default formats; prints the CPU seconds
# (user + system) of each step, the shards' sum against a single report.xml-only run, the whole
# sum against the single run, the wall time, and the merge's peak RSS.
#
#   benchmarks/shards.sh HOSTS SHARDS [PACKAGES]     e.g. benchmarks/shards.sh 20000 20
#
# Workloads (default 200 packages a host, 10,000 rules) are cached in
# ${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}. Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=$1
shards=$2
packages=${3:-200}
work="${RECSCAN_BENCH_DIR:-/tmp/recscan-bench}"
mkdir -p "$work"
swift build -c release --product recscan >/dev/null
swift build -c release --product recscan-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
dir="$work/s$hosts-$packages"
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"
  "$bin/recscan-bench" generate --hosts "$hosts" --packages "$packages" --rules 10000 --seed 42 --out "$dir" >/dev/null
  touch "$dir/.done"
fi
# Every output goes to a fresh folder, removed at the end: ext4 skips recently freed inodes when
# it allocates new ones, so deleting the previous run's 20,000 pages right before the single run
# made its file creation slower (7.9 s of system time against about 3 s run alone in a new folder).
rm -rf "$dir/single" "$dir/single-xml" "$dir/parts" "$dir/shards" "$dir/merged" # earlier layouts
out=$(mktemp -d "$dir/run.XXXXXX")
timed() { # label, command...: appends "label user system elapsed maxrss_kb" to $dir/times
  local label=$1
  shift
  /usr/bin/time -f "$label %U %S %e %M" -a -o "$dir/times" "$@" >/dev/null 2>&1 || true
}
: > "$dir/times"
common=(--catalog "$dir/catalog.xml" --as-of 2026-11-29 --quiet)
timed single "$bin/recscan" scan --inventories "$dir/inventories" --out "$out/single" "${common[@]}"
timed single-xml "$bin/recscan" scan --inventories "$dir/inventories" --out "$out/single-xml" "${common[@]}" --format xml
started=$(date +%s.%N)
# Partition compiles the catalog the shards scan with once for them (.recscan-catalog).
timed partition "$bin/recscan" partition --inventories "$dir/inventories" --shards "$shards" --out "$out/parts" \
  --catalog "$dir/catalog.xml" --quiet
export bin dir out shards
# Two shards at a time on two cores: one job each, as pods with a core each would run them.
seq 1 "$shards" | xargs -P 2 -I K /usr/bin/time -f "shard %U %S %e %M" -a -o "$dir/times" \
  "$bin/recscan" scan --inventories "$out/parts/K" --shard "K/$shards" --out "$out/shards/K" \
  --catalog "$dir/catalog.xml" --as-of 2026-11-29 --quiet --format xml --jobs 1 --allow-empty >/dev/null 2>&1 || true
timed merge "$bin/recscan" merge "$out"/shards/*/latest --inventories "$out/parts/1" --catalog "$dir/catalog.xml" \
  --out "$out/merged"
ended=$(date +%s.%N)
same=no
cmp -s "$out/single/latest/report.xml" "$out/merged/latest/report.xml" && same=yes
awk -v hosts="$hosts" -v shards="$shards" -v wall="$(echo "$ended - $started" | bc)" -v same="$same" '
  { cpu[$1] += $2 + $3; if ($1 == "single") single_wall = $4; if ($1 == "merge") rss = $5 / 1024 }
  END {
    split_total = cpu["partition"] + cpu["shard"] + cpu["merge"]
    printf "| hosts | shards | single CPU s | single report.xml-only CPU s | partition CPU s | shards CPU s | shards / single report.xml-only | merge CPU s | sum / single | single wall s | partition+shards+merge wall s | merge peak RSS MB | report.xml identical |\n"
    printf "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
    printf "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.2fx | %.1f | %.2fx | %.1f | %.1f | %.0f | %s |\n", hosts, shards, \
      cpu["single"], cpu["single-xml"], cpu["partition"], cpu["shard"], cpu["shard"] / cpu["single-xml"], cpu["merge"], \
      split_total / cpu["single"], single_wall, wall, rss, same
  }' "$dir/times"
rm -rf "$out"
