// Where the golden files are, and the list of them.
#pragma once

#include <string>
#include <vector>

namespace vrsx::testing {

inline std::string GoldenDir() {
  return VRSX_GOLDEN_DIR;
}
inline std::string GoldenFile(const std::string& name) {
  return GoldenDir() + "/files/" + name;
}
inline std::string ExpectedDir(const std::string& name) {
  return GoldenDir() + "/expected/" + name;
}

// The first chunk of every golden recording.
inline const std::vector<std::string>& GoldenRecordings() {
  static const std::vector<std::string> names = {
      "chunks.vrs",   "copy-ztight.vrs",       "gen-chunked.vrs", "gen-lz4fast.vrs",
      "gen-none.vrs", "gen-zmedium-async.vrs", "sample_file.vrs", "sample_raw_pixel_formats.vrs"};
  return names;
}

}  // namespace vrsx::testing
