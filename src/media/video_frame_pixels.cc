#include "media/video_frame_pixels.h"

#include <utility>

#include "media/pixel_normalization.h"

namespace vrsx::media {

Status VideoFramePixels(DecodedVideoFrame& frame, ImageConversion conversion,
                        std::vector<uint8_t>& scratch, Pixels& out) {
  out.width = frame.width;
  out.height = frame.height;
  out.stride = frame.stride;
  out.format = frame.pixel_format;
  out.encoding = ImageFormat::kRaw;
  std::swap(out.bytes, frame.bytes);  // the frame's buffer gets out's, for the next frame
  if (conversion == ImageConversion::kDecompress) return Status::Ok();
  if (Status status = NormalizeVideoFrame(frame.full_range, scratch, out); !status.ok()) {
    return status;
  }
  NormalizeDecompressed(out);
  if (conversion == ImageConversion::kNormalizeGrey8) ToGrey8(out);
  return Status::Ok();
}

}  // namespace vrsx::media
