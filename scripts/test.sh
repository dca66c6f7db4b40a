#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test (the README's second command).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build=${VRSX_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DVRSX_BUILD_TESTS=ON "$@"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
# Then each fuzz target briefly on its seeds, in a clang build of its own (VRSX_FUZZ_SECONDS=0
# skips it).
fuzz_seconds=${VRSX_FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" -gt 0 ]; then
  ./scripts/fuzz.sh "$fuzz_seconds" "$build-fuzz"
fi
