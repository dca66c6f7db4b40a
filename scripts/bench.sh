#!/usr/bin/env bash
# Installs what is missing, builds vrsx_bench in Release, and runs the whole benchmark suite
# (bench/README.md). Arguments go to vrsx_bench: --json, --dir DIR, --only 'A|B', --repeats R...
# The build folder is build-bench (VRSX_BENCH_BUILD_DIR to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build=${VRSX_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DVRSX_BUILD_TESTS=ON -DVRSX_BUILD_BENCH=ON \
  >/dev/null
cmake --build "$build" -j "$(nproc)" --target vrsx_bench
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "./$build/bench/vrsx_bench" "$@"
