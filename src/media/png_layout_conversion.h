// Raw images of any pixel format turned into pixels a PNG file can hold (spec 03 §8.1): rgb8 for
// multi-channel formats, grey16 for single-channel formats deeper than 8 bits, grey8 for the
// other single-channel formats.
//
//   vrsx::media::ConvertedImage image;
//   vrsx::Status status = vrsx::media::ConvertRawImage(block.spec.image, block.data, image);
//   if (status.ok()) vrsx::media::WritePng(path, image);
//
// Rows are read with the spec's strides (plane 0 `stride`, planes >= 1 `stride_2`, defaults
// when 0). How each pixel format converts:
//
//   grey8, bayer8_rggb/bggr/gbrg, rgb_ir_4x4  -> grey8, bytes as they are (mosaics are not
//                                                demosaiced: the PNG shows the sensor's pattern)
//   grey16                                    -> grey16, values as they are
//   grey10, grey12, bayer10_gbrg              -> grey16, the 10/12 low bits scaled to 16 bits by
//                                                bit replication (v << 6 | v >> 4 for 10 bits),
//                                                so that v == png >> 6; the PNG's sBIT says 10/12
//   raw10, raw10_bayer_rggb/bggr, grey10packed -> grey16, unpacked then scaled like grey10
//   depth32f, scalar64F                       -> grey16, the finite values' [min, max] mapped
//                                                linearly to [0, 65535] (all 0 when min == max);
//                                                NaN and infinities give 0
//   rgb8                                      -> rgb8, bytes as they are
//   bgr8                                      -> rgb8, channels swapped
//   rgba8                                     -> rgb8, alpha dropped
//   rgb10, rgb12                              -> rgb8, each value's 8 high significant bits
//   rgb32F, rgba32F                           -> rgb8 (alpha dropped): values in [0, 1] when all
//                                                finite values are, else the finite values'
//                                                [min, max], mapped to [0, 255] (rounded);
//                                                NaN and infinities give 0
//   yuv_i420_split, yuv_420_nv12/nv21, yuy2   -> rgb8, BT.601 full range ("JPEG") conversion,
//                                                chroma shared by 2x2 (4:2:0) or 2x1 (yuy2)
//                                                pixels
//
// Every defined pixel format converts; `undefined`, images without dimensions, strides smaller
// than a row and blocks shorter than the image fail with a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "vrsx/record_format.h"
#include "vrsx/status.h"

namespace vrsx::media {

// The pixel layouts written to PNG files.
enum class PngLayout : uint8_t {
  kGrey8,   // 1 byte per pixel
  kGrey16,  // 2 bytes per pixel, little-endian in ConvertedImage::pixels
  kRgb8,    // 3 bytes per pixel, R G B
  kRgba8,   // 4 bytes per pixel, R G B A (decoded png/jxl images; raw images never give it)
};
// "grey8", "grey16", "rgb8", "rgba8".
const char* PngLayoutName(PngLayout layout);
size_t PngLayoutBytesPerPixel(PngLayout layout);

struct ConvertedImage {
  PngLayout layout = PngLayout::kGrey8;
  uint32_t width = 0;
  uint32_t height = 0;
  // Significant bits per sample of the source (PNG sBIT): 8 for 8-bit layouts, 10, 12 or 16 for
  // grey16.
  uint8_t significant_bits = 8;
  // Rows top to bottom without padding: width x bytes per pixel each.
  std::vector<uint8_t> pixels;

  size_t row_bytes() const { return size_t(width) * PngLayoutBytesPerPixel(layout); }
};

// The layout a raw image of this pixel format converts to; nullopt for `undefined` and values
// out of range.
std::optional<PngLayout> ConvertedLayout(PixelFormat format);

// Converts a raw image (`spec`: a resolved `raw` image spec with dimensions and pixel format;
// `data`: the block's bytes, at least spec.RawImageSize() of them).
Status ConvertRawImage(const ImageSpec& spec, std::span<const uint8_t> data, ConvertedImage& out);

}  // namespace vrsx::media
