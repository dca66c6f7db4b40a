// image/jxl blocks to pixels, with libjxl (VRSX_WITH_JXL).
#pragma once

#include <cstdint>
#include <span>

#include "vrsx/image.h"
#include "vrsx/status.h"

namespace vrsx::media {

// Holds a libjxl decoder, made on first use and reset between images.
class JxlImageDecoder {
 public:
  JxlImageDecoder() = default;
  ~JxlImageDecoder();
  JxlImageDecoder(const JxlImageDecoder&) = delete;
  JxlImageDecoder& operator=(const JxlImageDecoder&) = delete;

  // Grey images give grey8 (grey16 when deeper than 8 bits, samples little-endian), colour
  // images rgb8, or rgba8 with an alpha channel.
  Status Decode(std::span<const uint8_t> data, Pixels& out);

 private:
  [[maybe_unused]] void* decoder_ = nullptr;  // JxlDecoder* (unused without libjxl)
};

}  // namespace vrsx::media
