// Reads of a ChunkedFile through a window that is refilled with one large read when the reader
// moves forward through the file: walking a million small records then costs a few hundred
// system calls, not two million. Random and large reads go straight to the file.
#pragma once

#include <cstdint>
#include <vector>

#include "format/chunked_file.h"
#include "vrsx/status.h"

namespace vrsx::format {

class ReadAhead {
 public:
  explicit ReadAhead(const ChunkedFile& file) : file_(file) {}

  // Reads exactly `size` bytes at `offset`, or fails like ChunkedFile::ReadExactly.
  Status Read(uint64_t offset, void* out, size_t size);

 private:
  static constexpr size_t kWindowSize = 1 << 20;
  static constexpr size_t kLargeRead = kWindowSize / 4;

  const ChunkedFile& file_;
  std::vector<uint8_t> window_;
  uint64_t window_start_ = 0;
  uint64_t next_offset_ = UINT64_MAX;  // where a sequential reader reads next
};

}  // namespace vrsx::format
