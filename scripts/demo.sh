#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, records a synthetic capture
# (camera, IMU, audio) with the writer, then inspects and checks it with the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DVRSX_BUILD_TESTS=OFF
cmake --build build -j "$(nproc)" --target vrsx_cli vrsx-demo-record
recording=/tmp/vrsx-demo.vrs
./build/vrsx-demo-record --out "$recording" --frames 300
./build/vrsx "$recording"
./build/vrsx check "$recording"
