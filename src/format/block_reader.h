// Reads a chunked file block after block, for checksums and comparisons of whole files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "format/chunked_file.h"
#include "vrsx/status.h"

namespace vrsx::format {

class BlockReader {
 public:
  static constexpr size_t kBlockSize = 4 * 1024 * 1024;

  explicit BlockReader(const ChunkedFile& file) : file_(file), buffer_(kBlockSize) {}

  // Reads the next block (short at the end). False when there is nothing left or on error.
  bool Next(const uint8_t*& data, size_t& size);
  const Status& status() const { return status_; }

 private:
  const ChunkedFile& file_;
  std::vector<uint8_t> buffer_;
  uint64_t offset_ = 0;
  Status status_;
};

}  // namespace vrsx::format
