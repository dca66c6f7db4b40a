// image/jpg blocks to pixels, with libturbojpeg (VRSX_WITH_JPEG).
#pragma once

#include <cstdint>
#include <span>

#include "vrsx/image.h"
#include "vrsx/status.h"

namespace vrsx::media {

// Holds a libturbojpeg decompressor, made on first use.
class JpegDecoder {
 public:
  JpegDecoder() = default;
  ~JpegDecoder();
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;

  // Greyscale JPEGs give grey8, the others rgb8. A JPEG that libjpeg-turbo decodes only with a
  // warning (truncated data, corrupt segments) fails: its pixels would be partly made up.
  Status Decode(std::span<const uint8_t> data, Pixels& out);

 private:
  [[maybe_unused]] void* handle_ = nullptr;  // tjhandle (unused without libturbojpeg)
};

}  // namespace vrsx::media
