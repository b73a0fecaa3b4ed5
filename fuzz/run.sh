#!/usr/bin/env bash
# Fuzzes recscan's parsers and comparators with libFuzzer for a bounded time, on one core, niced.
#
#   fuzz/run.sh [SECONDS]       default 600; the corpus grows in fuzz/corpus (not committed)
#
# Crashes, hangs and property failures are written to fuzz/artifacts/ as crash-*, timeout-* or
# slow-unit-* files. Keep each one as a regression input in
# Tests/RecscanCoreTests/Fixtures/fuzz-regressions/ (FuzzRegressionTests replays them), fix it,
# and note it in fuzz/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
scratch=.build-fuzz

echo "fuzz: building recscan-fuzz with libFuzzer and AddressSanitizer (release)"
nice -n 10 swift build -c release -j 1 --scratch-path "$scratch" --product recscan-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc RECSCAN_LIBFUZZER -Xswiftc -use-ld=lld

mkdir -p fuzz/corpus fuzz/artifacts
binary="$scratch/release/recscan-fuzz"
echo "fuzz: running for ${seconds}s"
# One worker process on one core (-fork=1 keeps going after a crash and saves each one); each
# input gets 10 s and 2 GiB at most (a hang or blow-up is a finding). Swift's own backtracer is
# off: it does not get along with AddressSanitizer, which reports crashes itself. Leak checks are
# off: LeakSanitizer takes the Swift runtime's lasting allocations for leaks.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 nice -n 10 taskset -c 0 "$binary" fuzz/corpus fuzz/seeds \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -detect_leaks=0 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 2>&1 | tee fuzz/last-run.log | grep -v '^#[0-9]*.*\(NEW\|REDUCE\)' || true
