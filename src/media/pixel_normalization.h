// Pixels normalized to grey8, rgb8 or rgba8 (docs/media.md has each pixel format's rule).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "media/png_layout_conversion.h"
#include "vrsx/image.h"
#include "vrsx/record_format.h"
#include "vrsx/status.h"

namespace vrsx::media {

// A raw image of any pixel format to grey8, rgb8 or rgba8: the conversion of PNG extraction
// (png_layout_conversion.h), then grey16 reduced to its high byte; rgba8 keeps its alpha.
// `scratch` is reused between calls.
Status NormalizeRaw(const ImageSpec& spec, std::span<const uint8_t> data, ConvertedImage& scratch,
                    Pixels& out);

// Decompressed pixels (grey8, grey16, rgb8, rgba8, tightly packed) in place: grey16 to grey8 by
// its high byte, the others kept.
void NormalizeDecompressed(Pixels& pixels);

// A decoded video frame (yuv_i420_split planes back to back, U and V rows of ceil(width/2)
// bytes, or grey8; tightly packed) in place to rgb8 or grey8: BT.601 in 16-bit fixed point,
// limited range (Y 16-235, U and V 16-240, stretched to 0-255) unless `full_range` (then the
// raw images' full-range rule). `scratch` is reused between calls. kCorrupt when the bytes are
// fewer than the planes; other formats are left as they are.
Status NormalizeVideoFrame(bool full_range, std::vector<uint8_t>& scratch, Pixels& pixels);

// Normalized rgb8 or rgba8 pixels to grey8 in place, BT.601 luma (77 R + 150 G + 29 B + 128) >> 8.
void ToGrey8(Pixels& pixels);

}  // namespace vrsx::media
