#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test (the README's second command).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build=${VRSX_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DVRSX_BUILD_TESTS=ON "$@"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
