// Normalization to 8-bit pixels, built on the PNG extraction's conversion.
#include "media/pixel_normalization.h"

#include <algorithm>
#include <utility>

namespace vrsx::media {

namespace {

// Little-endian 16-bit samples to their high byte, in place (the output is never ahead).
void HighBytes(std::vector<uint8_t>& bytes) {
  size_t count = bytes.size() / 2;
  for (size_t i = 0; i < count; ++i) bytes[i] = bytes[2 * i + 1];
  bytes.resize(count);
}

Status CopyRgba8(const ImageSpec& spec, std::span<const uint8_t> data, Pixels& out) {
  const size_t row = size_t(spec.width) * 4;
  const size_t stride = spec.PlaneStride(0);
  size_t needed = 0;
  if (stride < row || __builtin_mul_overflow(stride, size_t(spec.height - 1), &needed) ||
      __builtin_add_overflow(needed, row, &needed) || data.size() < needed) {
    return Status(ErrorCode::kCorrupt, "image/" + spec.Text() + ": the block is too short");
  }
  out.bytes.resize(row * spec.height);
  for (size_t y = 0; y < spec.height; ++y) {
    std::copy_n(data.data() + y * stride, row, out.bytes.data() + y * row);
  }
  out.stride = static_cast<uint32_t>(row);
  out.format = PixelFormat::kRgba8;
  return Status::Ok();
}

}  // namespace

Status NormalizeRaw(const ImageSpec& spec, std::span<const uint8_t> data, ConvertedImage& scratch,
                    Pixels& out) {
  out.width = spec.width;
  out.height = spec.height;
  out.encoding = ImageFormat::kRaw;
  if (spec.format == ImageFormat::kRaw && spec.pixel_format == PixelFormat::kRgba8 &&
      spec.width > 0 && spec.height > 0) {
    return CopyRgba8(spec, data, out);
  }
  if (Status status = ConvertRawImage(spec, data, scratch); !status.ok()) return status;
  std::swap(out.bytes, scratch.pixels);  // both keep their capacity for the next image
  switch (scratch.layout) {
    case PngLayout::kGrey8:
      out.format = PixelFormat::kGrey8;
      break;
    case PngLayout::kGrey16:
      HighBytes(out.bytes);
      out.format = PixelFormat::kGrey8;
      break;
    case PngLayout::kRgb8:
      out.format = PixelFormat::kRgb8;
      break;
    case PngLayout::kRgba8:
      out.format = PixelFormat::kRgba8;
      break;
  }
  out.stride = static_cast<uint32_t>(out.width * PixelFormatChannels(out.format));
  return Status::Ok();
}

void NormalizeDecompressed(Pixels& pixels) {
  if (pixels.format != PixelFormat::kGrey16) return;
  HighBytes(pixels.bytes);
  pixels.format = PixelFormat::kGrey8;
  pixels.stride = pixels.width;
}

void ToGrey8(Pixels& pixels) {
  size_t channels = pixels.format == PixelFormat::kRgb8    ? 3
                    : pixels.format == PixelFormat::kRgba8 ? 4
                                                           : 0;
  if (channels == 0) return;
  size_t count = size_t(pixels.width) * pixels.height;
  uint8_t* bytes = pixels.bytes.data();
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* p = bytes + i * channels;
    bytes[i] = static_cast<uint8_t>((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
  }
  pixels.bytes.resize(count);
  pixels.format = PixelFormat::kGrey8;
  pixels.stride = pixels.width;
}

}  // namespace vrsx::media
