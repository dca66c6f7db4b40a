// Reads of a ChunkedFile through a window that is refilled with one read when a read is not in
// it: walking a million small records then costs a few hundred system calls, not two million.
// Large reads go straight to the file, so that their bytes are copied once, not into the window
// then out of it. After a large read or a random one the window starts small (a record's header
// and a small payload) and doubles with each sequential refill, so that it does not read ahead
// a large record, or a whole window for one record found by time.
#pragma once

#include <cstdint>
#include <vector>

#include "format/chunked_file.h"
#include "vrsx/status.h"

namespace vrsx::reading {

class ReadAhead {
 public:
  explicit ReadAhead(const format::ChunkedFile& file) : file_(file) {}

  // Reads exactly `size` bytes at `offset`, or fails like ChunkedFile::ReadExactly.
  Status Read(uint64_t offset, void* out, size_t size);
  // Copies up to `size` bytes at `offset` and returns how many the file has there (0 after a
  // failed OS read), refilling a whole large window when they are not in it: for walks that
  // read every record header, or try one at every byte of a damaged region.
  size_t ReadUpTo(uint64_t offset, void* out, size_t size);

 private:
  static constexpr size_t kMinWindow = 4 << 10;
  static constexpr size_t kMaxWindow = 1 << 20;
  // From this size on, a read goes to the file for what the window does not hold.
  static constexpr size_t kDirectRead = 64 << 10;

  const format::ChunkedFile& file_;
  std::vector<uint8_t> window_;
  uint64_t window_start_ = 0;
  uint64_t next_offset_ = UINT64_MAX;  // where a sequential reader reads next
  size_t refill_size_ = kMinWindow;    // of the next refill
};

}  // namespace vrsx::reading
