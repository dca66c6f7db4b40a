// Pixel formats and the geometry of raw images (spec 02 §7.1, §7.2).
#include <array>

#include "vrsx/record_format.h"

namespace vrsx {

namespace {

// How the default stride of plane 0 follows from the width: bytes per `group` pixels.
struct PixelFormatInfo {
  const char* name;
  uint8_t channels;
  uint8_t bytes_per_pixel;  // 0: not a whole number of bytes per pixel
  uint8_t planes;
  uint8_t group_pixels;  // default stride = ceil(width / group_pixels) * group_bytes
  uint8_t group_bytes;
};

// Indexed by numeric value; the names are the exact on-disk spellings.
constexpr std::array<PixelFormatInfo, kPixelFormatCount> kPixelFormats = {{
    {"undefined", 0, 0, 1, 1, 0},
    {"grey8", 1, 1, 1, 1, 1},
    {"bgr8", 3, 3, 1, 1, 3},
    {"depth32f", 1, 4, 1, 1, 4},
    {"rgb8", 3, 3, 1, 1, 3},
    {"yuv_i420_split", 3, 0, 3, 1, 1},
    {"rgba8", 4, 4, 1, 1, 4},
    {"rgb10", 3, 6, 1, 1, 6},
    {"rgb12", 3, 6, 1, 1, 6},
    {"grey10", 1, 2, 1, 1, 2},
    {"grey12", 1, 2, 1, 1, 2},
    {"grey16", 1, 2, 1, 1, 2},
    {"rgb32F", 3, 12, 1, 1, 12},
    {"scalar64F", 1, 8, 1, 1, 8},
    {"yuy2", 3, 0, 1, 2, 4},
    {"rgb_ir_4x4", 3, 1, 1, 1, 1},
    {"rgba32F", 4, 16, 1, 1, 16},
    {"bayer8_rggb", 1, 1, 1, 1, 1},
    {"raw10", 1, 0, 1, 4, 5},
    {"raw10_bayer_rggb", 1, 0, 1, 4, 5},
    {"raw10_bayer_bggr", 1, 0, 1, 4, 5},
    {"yuv_420_nv21", 3, 0, 2, 1, 1},
    {"yuv_420_nv12", 3, 0, 2, 1, 1},
    {"grey10packed", 1, 0, 1, 4, 5},
    {"bayer8_bggr", 1, 1, 1, 1, 1},
    {"bayer10_gbrg", 1, 2, 1, 1, 2},
    {"bayer8_gbrg", 1, 1, 1, 1, 1},
}};

const PixelFormatInfo& Info(PixelFormat format) {
  auto value = static_cast<size_t>(format);
  return kPixelFormats[value < kPixelFormats.size() ? value : 0];
}

size_t CeilDiv(size_t a, size_t b) {
  return (a + b - 1) / b;
}

}  // namespace

const char* PixelFormatName(PixelFormat format) {
  return Info(format).name;
}

std::optional<PixelFormat> PixelFormatFromName(std::string_view name) {
  for (size_t i = 1; i < kPixelFormats.size(); ++i) {
    if (name == kPixelFormats[i].name) return static_cast<PixelFormat>(i);
  }
  return std::nullopt;
}

uint32_t PixelFormatChannels(PixelFormat format) {
  return Info(format).channels;
}

std::optional<uint32_t> PixelFormatBytesPerPixel(PixelFormat format) {
  uint32_t bytes = Info(format).bytes_per_pixel;
  if (bytes == 0) return std::nullopt;
  return bytes;
}

uint32_t PixelFormatPlaneCount(PixelFormat format) {
  return Info(format).planes;
}

size_t PixelFormatDefaultStride(PixelFormat format, uint32_t width) {
  const PixelFormatInfo& info = Info(format);
  return CeilDiv(width, info.group_pixels) * info.group_bytes;
}

uint32_t ImageSpec::PlaneCount() const {
  return PixelFormatPlaneCount(pixel_format);
}

size_t ImageSpec::PlaneStride(uint32_t plane) const {
  if (plane == 0) return stride > 0 ? stride : PixelFormatDefaultStride(pixel_format, width);
  if (plane >= PlaneCount()) return 0;
  if (stride_2 > 0) return stride_2;
  // The chroma planes are subsampled 2x horizontally: I420 has one byte per 2 pixels per
  // plane, NV12/NV21 interleave U and V, so a row holds the width rounded up to even.
  if (pixel_format == PixelFormat::kYuvI420Split) return CeilDiv(width, 2);
  return CeilDiv(width, 2) * 2;
}

uint32_t ImageSpec::PlaneHeight(uint32_t plane) const {
  if (plane == 0) return height;
  if (plane >= PlaneCount()) return 0;
  return static_cast<uint32_t>(CeilDiv(height, 2));  // 4:2:0 chroma: half the rows
}

std::optional<size_t> ImageSpec::RawImageSize() const {
  if (pixel_format == PixelFormat::kUndefined || width == 0 || height == 0) return std::nullopt;
  if (static_cast<uint32_t>(pixel_format) >= kPixelFormatCount) return std::nullopt;
  size_t size = 0;
  for (uint32_t plane = 0; plane < PlaneCount(); ++plane) {
    size += PlaneStride(plane) * PlaneHeight(plane);
  }
  if (size == 0) return std::nullopt;
  return size;
}

}  // namespace vrsx
