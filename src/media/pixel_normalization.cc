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

uint8_t Clamp8(int v) {
  return static_cast<uint8_t>(std::clamp(v, 0, 255));
}

// BT.601 limited range to rgb8, 16-bit fixed point: 255/219 = 1.164383 (76309), then the
// chroma terms scaled by 255/224 (104597, 25675, 53279, 132201).
void LimitedYuvToRgb(int y, int u, int v, uint8_t* rgb) {
  const int luma = 76309 * (y - 16) + 32768;
  u -= 128;
  v -= 128;
  rgb[0] = Clamp8((luma + 104597 * v) >> 16);
  rgb[1] = Clamp8((luma - 25675 * u - 53279 * v) >> 16);
  rgb[2] = Clamp8((luma + 132201 * u) >> 16);
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

Status NormalizeVideoFrame(bool full_range, std::vector<uint8_t>& scratch, Pixels& pixels) {
  const size_t width = pixels.width;
  const size_t height = pixels.height;
  const size_t chroma_width = (width + 1) / 2;
  const size_t chroma_height = (height + 1) / 2;
  const bool grey = pixels.format == PixelFormat::kGrey8;
  if (!grey && pixels.format != PixelFormat::kYuvI420Split) return Status::Ok();
  // Frame sizes are bounded by the video decoder (8192 x 8192): no overflow.
  const size_t needed = width * height + (grey ? 0 : 2 * chroma_width * chroma_height);
  if (pixels.bytes.size() < needed) {
    return Status(ErrorCode::kCorrupt, "video: the frame has fewer bytes than its planes");
  }
  if (grey) {
    if (!full_range) {
      for (uint8_t& y : pixels.bytes) y = Clamp8((76309 * (int(y) - 16) + 32768) >> 16);
    }
    return Status::Ok();
  }
  if (full_range) {
    ImageSpec spec;
    spec.format = ImageFormat::kRaw;
    spec.width = pixels.width;
    spec.height = pixels.height;
    spec.pixel_format = PixelFormat::kYuvI420Split;
    ConvertedImage image;
    image.pixels = std::move(scratch);
    Status status = ConvertRawImage(spec, pixels.bytes, image);
    if (status.ok()) std::swap(pixels.bytes, image.pixels);
    scratch = std::move(image.pixels);
    if (!status.ok()) return status;
  } else {
    const uint8_t* luma = pixels.bytes.data();
    const uint8_t* u = luma + width * height;
    const uint8_t* v = u + chroma_width * chroma_height;
    scratch.resize(width * height * 3);
    for (size_t y = 0; y < height; ++y) {
      uint8_t* out = scratch.data() + y * width * 3;
      const uint8_t* u_row = u + (y / 2) * chroma_width;
      const uint8_t* v_row = v + (y / 2) * chroma_width;
      for (size_t x = 0; x < width; ++x) {
        LimitedYuvToRgb(luma[y * width + x], u_row[x / 2], v_row[x / 2], out + 3 * x);
      }
    }
    std::swap(pixels.bytes, scratch);
  }
  pixels.format = PixelFormat::kRgb8;
  pixels.stride = static_cast<uint32_t>(width * 3);
  return Status::Ok();
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
