// The largest image the decoders allocate: compressed headers can claim any size, and a
// hostile block must not make the reader allocate gigabytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vrsx::media {

// 1 GiB of decoded pixels: a 16K x 16K rgba8 image.
inline constexpr size_t kMaxDecodedImageBytes = size_t(1) << 30;

// width x height x bytes_per_pixel, or 0 when it is 0 or over kMaxDecodedImageBytes.
inline size_t DecodedImageBytes(uint64_t width, uint64_t height, uint64_t bytes_per_pixel) {
  if (width == 0 || height == 0 || bytes_per_pixel == 0) return 0;
  if (width > kMaxDecodedImageBytes || height > kMaxDecodedImageBytes) return 0;
  uint64_t total = width * height;  // both < 2^30: no overflow
  if (total > kMaxDecodedImageBytes / bytes_per_pixel) return 0;
  return static_cast<size_t>(total * bytes_per_pixel);
}

}  // namespace vrsx::media
