#!/usr/bin/env bash
# The command-line rows of issue 15, timed for several tools in one run: vrsx builds, or the
# reference `vrs` tool when there is one. Each repeat runs every tool in turn (so that a change
# of the machine's load hits them all alike); the table gives the median wall time of each tool
# and its ratio to the first tool's.
#
#   bench/tool_rows.sh [--repeats N] [--dir DIR] [--only REGEX] [--bench VRSX_BENCH]
#                      LABEL=CLI[,RECORDER] ...
#
# CLI is a `vrsx` or `vrs` binary; RECORDER, when given, a `vrsx-demo-record` binary for the
# write rows (a tool without one skips them). The inputs are written once into DIR (default
# /tmp/vrsx-tool-rows) by the first tool's recorder; the 1M-record file is vrsx_bench's
# small-1000000.vrs (bench/README.md), copied from /tmp/vrsx-bench when it is there. With
# --bench (a vrsx_bench binary), the codec bounds on the frames file's payloads follow the table:
# the floors of checksum/check (lz4 decode + XXH64), of copy (zlight) and of writing (fast).
set -euo pipefail

repeats=3
dir=/tmp/vrsx-tool-rows
only=.
bench=
tools=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) repeats=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --bench) bench=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *=*) tools+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#tools[@]} -gt 0 ] || { echo "give at least one LABEL=CLI[,RECORDER]" >&2; exit 2; }
mkdir -p "$dir"

labels=(); clis=(); recorders=()
for t in "${tools[@]}"; do
  labels+=("${t%%=*}")
  paths=${t#*=}
  clis+=("$(realpath "${paths%%,*}")")
  if [[ $paths == *,* ]]; then recorders+=("$(realpath "${paths#*,}")"); else recorders+=(""); fi
done

frames_args=(--frames 1500 --width 640 --height 480 --imu 10 --compression fast)
small_frames_args=(--frames 10000 --width 160 --height 120 --imu 100 --compression zlight)
tiny_frames_args=(--frames 10000 --width 64 --height 48 --imu 100 --compression zlight)
frames=$dir/frames-1500-lz4.vrs
small=$dir/small-1000000.vrs
if [ ! -f "$frames" ]; then
  [ -n "${recorders[0]}" ] || { echo "the first tool needs a recorder to write $frames" >&2; exit 2; }
  "${recorders[0]}" --out "$frames" "${frames_args[@]}" >/dev/null
fi
if [ ! -f "$small" ]; then
  [ -f /tmp/vrsx-bench/small-1000000.vrs ] || {
    echo "no $small: run build/bench/vrsx_bench --only 'open 1000000' once to make it" >&2; exit 2; }
  cp /tmp/vrsx-bench/small-1000000.vrs "$small"
fi

# Row name, then the command with CLI, RECORDER and OUT standing for the tool's binaries and an
# output file.
rows=(
  "write 1500 640x480 frames + IMU, fast|RECORDER --out OUT ${frames_args[*]}"
  "write 10000 160x120 frames + 1M IMU, zlight|RECORDER --out OUT ${small_frames_args[*]}"
  "write 10000 64x48 frames + 1M IMU, zlight|RECORDER --out OUT ${tiny_frames_args[*]}"
  "checksum of the 1500 lz4 frames|CLI checksum $frames"
  "check of the 1500 lz4 frames|CLI check $frames"
  "copy of the 1500 lz4 frames to zlight|CLI copy $frames --to OUT --compression=zlight"
  "overview of 1M records (CLI FILE)|CLI $small"
  "check of 1M records|CLI check $small"
  "checksum of 1M records|CLI checksum $small"
  "copy of 1M records|CLI copy $small --to OUT"
)

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "median of $repeats (wall seconds; cpu = user + sys of the median run)"
echo
header="| row |"; rule="|---|"
for l in "${labels[@]}"; do header+=" $l wall | $l cpu |"; rule+="---|---|"; done
for l in "${labels[@]:1}"; do header+=" $l / ${labels[0]} |"; rule+="---|"; done
echo "$header"; echo "$rule"

out=$dir/out.vrs
for row in "${rows[@]}"; do
  name=${row%%|*}
  [[ $name =~ $only ]] || continue
  template=${row#*|}
  declare -A walls=() cpus=()
  for ((r = 0; r < repeats; ++r)); do
    for i in "${!labels[@]}"; do
      if [[ $template == RECORDER* && -z ${recorders[$i]} ]]; then continue; fi
      command=${template//RECORDER/${recorders[$i]}}
      command=${command//CLI/${clis[$i]}}
      command=${command//OUT/$out}
      rm -f "$out"
      TIMEFORMAT='%R %U %S'
      if ! { time $command >/dev/null 2>"$dir/stderr"; } 2>"$dir/time"; then
        echo "$name: ${labels[$i]} failed: $command" >&2; cat "$dir/stderr" >&2; exit 1
      fi
      read -r real user sys <"$dir/time"
      walls[$i]+="$real "
      cpus[$i]+="$real $(echo "$user + $sys" | bc);"
    done
  done
  line="| $name |"
  declare -A median_wall=()
  for i in "${!labels[@]}"; do
    if [ -z "${walls[$i]:-}" ]; then line+=" - | - |"; continue; fi
    m=$(echo "${walls[$i]}" | tr ' ' '\n' | grep . | median)
    median_wall[$i]=$m
    c=$(echo "${cpus[$i]}" | tr ';' '\n' | awk -v m="$m" '$1 == m {print $2; exit}')
    line+=" $m | ${c:-?} |"
  done
  for i in "${!labels[@]}"; do
    [ "$i" -eq 0 ] && continue
    if [ -n "${median_wall[0]:-}" ] && [ -n "${median_wall[$i]:-}" ]; then
      line+=" $(echo "scale=2; ${median_wall[$i]} / ${median_wall[0]}" | bc) |"
    else
      line+=" - |"
    fi
  done
  echo "$line"
  unset walls cpus median_wall
done
rm -f "$out" "$dir/time" "$dir/stderr"
if [ -n "$bench" ]; then
  echo
  "$bench" --bounds-of "$frames" --repeats "$repeats"
fi
