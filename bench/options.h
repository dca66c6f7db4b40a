// The command line of vrsx_bench.
#pragma once

#include <cstdint>
#include <string>

namespace vrsx::bench {

struct Options {
  std::string dir = "/tmp/vrsx-bench";  // inputs, generated once and reused; written files
  uint64_t records = 1'000'000;         // small-record files
  uint64_t image_mb = 500;              // image files, MiB of 640x480 grey8 frames
  int repeats = 3;                      // runs per measurement, the fastest is kept
  std::string only;                     // substrings of the rows to run, separated by |
  bool json = false;
  std::string bounds_of;  // a VRS file: only the codec bounds on its payloads (bench/tool_rows.sh)
};

}  // namespace vrsx::bench
