// image/png blocks to pixels, with libpng (VRSX_WITH_PNG).
#pragma once

#include <cstdint>
#include <span>

#include "vrsx/image.h"
#include "vrsx/status.h"

namespace vrsx::media {

// Decodes a PNG file's bytes to grey8, grey16 (samples little-endian), rgb8 or rgba8: palettes
// and low bit depths expand to 8 bits, transparency to an alpha channel, grey with alpha to
// rgba8, 16-bit colour to 8 bits. Interlaced images are supported.
Status DecodePng(std::span<const uint8_t> data, Pixels& out);

}  // namespace vrsx::media
