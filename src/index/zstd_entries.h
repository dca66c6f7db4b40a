// The entries of a zstd-compressed classic index (spec 01 §7.3), decoded a block of whole
// entries at a time, and placed on a second thread for large indexes: decoding and placing a
// million entries take about the same time, so the two overlap.
#pragma once

#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "vrsx/status.h"

namespace vrsx::index {

class ZstdEntryStream {
 public:
  // `count` entries of 19 bytes are expected from the frame(s) in `data`.
  ZstdEntryStream(const uint8_t* data, size_t size, uint64_t count);

  // Decodes up to `capacity` whole entries into `out` (room for capacity x 19 bytes), filling it
  // unless the entries end; `entries` is 0 once all are decoded.
  Status Next(uint8_t* out, size_t capacity, size_t& entries);

 private:
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context_;
  ZSTD_inBuffer in_;
  uint64_t total_;
  uint64_t decoded_ = 0;
  uint8_t carry_[32] = {};  // the start of an entry cut by the end of the last block
  size_t carried_ = 0;
};

}  // namespace vrsx::index
