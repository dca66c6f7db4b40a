// Fuzz target: vrsx::ImageDecoder (spec 02 §7). The first byte picks the image: 'J' a jpg, 'P' a
// png, 'X' a jxl, anything else a raw image whose pixel format is that byte (modulo the count),
// 16 x 8 pixels with a stride from the second byte; the rest is the block. Every conversion runs
// on one decoder, which must stay usable after any failure.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "vrsx/image.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  vrsx::ImageSpec spec;
  switch (data[0]) {
    case 'J':
      spec.format = vrsx::ImageFormat::kJpg;
      break;
    case 'P':
      spec.format = vrsx::ImageFormat::kPng;
      break;
    case 'X':
      spec.format = vrsx::ImageFormat::kJxl;
      break;
    default:
      spec.format = vrsx::ImageFormat::kRaw;
      spec.pixel_format = static_cast<vrsx::PixelFormat>(data[0] % vrsx::kPixelFormatCount);
      spec.width = 16;
      spec.height = 8;
      spec.stride = data[1] < 128 ? 0 : data[1];
      spec.stride_2 = data[1] % 16;
      break;
  }
  std::span<const uint8_t> block(data + 2, size - 2);
  static vrsx::ImageDecoder decoder;
  vrsx::Pixels pixels;
  for (vrsx::ImageConversion conversion :
       {vrsx::ImageConversion::kOff, vrsx::ImageConversion::kDecompress,
        vrsx::ImageConversion::kNormalize, vrsx::ImageConversion::kNormalizeGrey8}) {
    if (!decoder.Decode(spec, block, conversion, pixels).ok()) continue;
    if (pixels.encoding != vrsx::ImageFormat::kRaw || conversion == vrsx::ImageConversion::kOff) {
      continue;
    }
    // Decoded pixels fill exactly their rows.
    size_t channels = vrsx::PixelFormatBytesPerPixel(pixels.format).value_or(0);
    if (conversion != vrsx::ImageConversion::kDecompress ||
        spec.format != vrsx::ImageFormat::kRaw) {
      Require(channels > 0);
      Require(pixels.bytes.size() == size_t(pixels.width) * pixels.height * channels);
    }
  }
  return 0;
}
