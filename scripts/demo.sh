#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, then inspects a recording.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DVRSX_BUILD_TESTS=OFF
cmake --build build -j "$(nproc)" --target vrsx_cli
sample=../shared/golden/files/sample_file.vrs
if [ ! -f "$sample" ]; then
  echo "no recording to inspect: $sample is absent" >&2
  exit 1
fi
./build/vrsx "$sample"
./build/vrsx check "$sample"
