#!/usr/bin/env bash
# Builds the fuzz targets with clang (ASan + UBSan + libFuzzer) and runs each for N seconds on its
# seeds: the committed regression inputs of fuzz/corpus/<target>, the seeds written by
# vrsx_fuzz_seed_maker (builder files, and the golden files when ../shared is there).
#
#   scripts/fuzz.sh [seconds per target, default 60] [build dir, default build-fuzz]
#   FUZZ_TARGETS="fuzz_index fuzz_open_file" scripts/fuzz.sh 600
#
# New inputs go to <build>/fuzz/work/<target>; a crash is saved as <build>/fuzz/artifacts/<target>/
# crash-* and fails the script: copy it into fuzz/corpus/<target>/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${2:-build-fuzz}
targets=${FUZZ_TARGETS:-fuzz_open_file fuzz_data_layout_json fuzz_record_format fuzz_data_layout_block fuzz_index fuzz_opus_decoder fuzz_video_decoder fuzz_image_decoder}

CC=clang CXX=clang++ cmake -S . -B "$build" -DVRSX_FUZZ=ON -DVRSX_BUILD_TESTS=OFF \
  -DVRSX_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_seeds $targets

dictionary() {
  case "$1" in
    fuzz_open_file | fuzz_index) echo fuzz/vrs_file.dict ;;
    fuzz_record_format) echo fuzz/record_format.dict ;;
    fuzz_opus_decoder | fuzz_video_decoder) ;;  # binary codec input: no dictionary
    *) echo fuzz/data_layout.dict ;;
  esac
}

for target in $targets; do
  work="$build/fuzz/work/$target"
  artifacts="$build/fuzz/artifacts/$target"
  log="$build/fuzz/$target.log"
  dict=$(dictionary "$target")
  # Targets the seed maker writes nothing for (the codec decoders) get an empty seeds folder:
  # libFuzzer exits when a corpus folder is missing.
  mkdir -p "$work" "$artifacts" "fuzz/corpus/$target" "$build/fuzz/seeds/$target"
  echo "== $target: $seconds s (log: $log)"
  status=0
  "$build/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 ${dict:+-dict="$dict"} -artifact_prefix="$artifacts/" \
    "$work" "fuzz/corpus/$target" "$build/fuzz/seeds/$target" >"$log" 2>&1 || status=$?
  grep -E "INITED|DONE|stat::number_of_executed_units" "$log" || true
  if [ "$status" -ne 0 ] || ls "$artifacts"/* >/dev/null 2>&1; then
    tail -n 60 "$log" >&2
    echo "$target: findings in $artifacts (exit $status)" >&2
    exit 1
  fi
done
