// A decoded video frame as the Pixels of an ImageConversion: shared by ImageDecoder (frames in
// stream order) and ImageReader (frames at random, reordered by their packets' tags).
#pragma once

#include <cstdint>
#include <vector>

#include "media/video_decoder.h"
#include "vrsx/image.h"
#include "vrsx/status.h"

namespace vrsx::media {

// `frame` (its bytes swapped into `out`) converted: kDecompress gives its planes, the
// normalizations rgb8 or grey8 (pixel_normalization.h). `scratch` is reused between calls.
Status VideoFramePixels(DecodedVideoFrame& frame, ImageConversion conversion,
                        std::vector<uint8_t>& scratch, Pixels& out);

}  // namespace vrsx::media
