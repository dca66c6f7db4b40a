// Raw image specs, as tests spell them: a pixel format and a size, strides when they matter.
#pragma once

#include <cstdint>

#include "vrsx/record_format.h"

namespace vrsx::testing {

// A raw image; a stride of 0 means the format's natural row size.
inline ImageSpec RawImageSpec(PixelFormat pixel_format, uint32_t width, uint32_t height,
                              uint32_t stride = 0, uint32_t stride_2 = 0) {
  ImageSpec spec;
  spec.format = ImageFormat::kRaw;
  spec.pixel_format = pixel_format;
  spec.width = width;
  spec.height = height;
  spec.stride = stride;
  spec.stride_2 = stride_2;
  return spec;
}

}  // namespace vrsx::testing
