// Reads a file through a large window, so that walking a million small record headers, or trying
// a header at every byte of a damaged region, costs a few large reads rather than millions of
// small ones.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "format/chunked_file.h"

namespace vrsx::index {

class WindowReader {
 public:
  explicit WindowReader(const format::ChunkedFile& file) : file_(file) {}

  // Copies up to `size` bytes at `offset` into `bytes`; returns how many the file has there.
  size_t Read(uint64_t offset, size_t size, uint8_t* bytes) {
    if (offset < start_ || offset + size > start_ + window_.size()) {
      window_.resize(kWindowSize);
      size_t got = 0;
      if (!file_.ReadAt(offset, window_.data(), window_.size(), &got).ok()) got = 0;
      window_.resize(got);
      start_ = offset;
    }
    size_t available = size_t(std::min<uint64_t>(size, start_ + window_.size() - offset));
    std::copy_n(window_.data() + (offset - start_), available, bytes);
    return available;
  }

 private:
  static constexpr size_t kWindowSize = 1 << 20;
  const format::ChunkedFile& file_;
  std::vector<uint8_t> window_;
  uint64_t start_ = 0;
};

}  // namespace vrsx::index
