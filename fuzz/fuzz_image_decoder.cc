// Fuzz target: vrsx::ImageDecoder (spec 02 §7). The first byte picks the image: 'J' a jpg, 'P' a
// png, 'X' a jxl, 'V' video frames, anything else a raw image whose pixel format is that byte
// (modulo the count), 16 x 8 pixels with a stride from the second byte; the rest is the block.
// Every conversion runs on one decoder, which must stay usable after any failure. Video: the
// second byte's bit 0 picks h265 over h264; the rest is frames, each a key_frame_index byte and
// a 2-byte little-endian length before its bytes, decoded in turn with each conversion.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "vrsx/image.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

// Decoded pixels fill exactly their rows (yuv_i420_split: its three planes).
void CheckPixels(const vrsx::Pixels& pixels) {
  if (pixels.format == vrsx::PixelFormat::kYuvI420Split) {
    vrsx::ImageSpec planes;
    planes.format = vrsx::ImageFormat::kRaw;
    planes.width = pixels.width;
    planes.height = pixels.height;
    planes.pixel_format = pixels.format;
    Require(planes.RawImageSize() == pixels.bytes.size());
    return;
  }
  size_t channels = vrsx::PixelFormatBytesPerPixel(pixels.format).value_or(0);
  Require(channels > 0);
  Require(pixels.bytes.size() == size_t(pixels.width) * pixels.height * channels);
}

void DecodeVideoFrames(std::span<const uint8_t> rest, bool h265) {
  static vrsx::ImageDecoder decoder;  // keeps its frames from input to input, as in a stream
  vrsx::ImageSpec spec = vrsx::ImageSpec::Parse(h265 ? "video/codec=H.265" : "video/codec=H.264");
  spec.key_frame_timestamp = 0;
  vrsx::Pixels pixels;
  size_t frame = 0;
  while (rest.size() >= 3) {
    spec.key_frame_index = rest[0];
    size_t length = std::min(size_t(rest[1]) | size_t(rest[2]) << 8, rest.size() - 3);
    std::span<const uint8_t> bytes = rest.subspan(3, length);
    rest = rest.subspan(3 + length);
    const auto conversion = static_cast<vrsx::ImageConversion>(frame++ % 5);
    if (!decoder.Decode(spec, bytes, conversion, pixels).ok()) continue;
    if (pixels.encoding == vrsx::ImageFormat::kRaw) CheckPixels(pixels);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  if (data[0] == 'V') {
    DecodeVideoFrames(std::span<const uint8_t>(data + 2, size - 2), data[1] & 1);
    return 0;
  }
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
    if (conversion != vrsx::ImageConversion::kDecompress ||
        spec.format != vrsx::ImageFormat::kRaw) {
      CheckPixels(pixels);
    }
  }
  return 0;
}
