// Frames of an `image/video` stream (spec 02 §7.3) decoded to pixels with libavcodec, hidden
// here. Frames must come in stream order from a key frame; a frame decodes to its pixels at
// once (no frame reordering delay: streams with B-frames that need one are refused).
//
//   std::unique_ptr<VideoDecoder> decoder;
//   if (VideoDecoder::Create(spec.codec_name, decoder).ok())
//     decoder->DecodeFrame(block.data, spec.key_frame_index == 0, frame);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "vrsx/record_format.h"
#include "vrsx/status.h"

namespace vrsx::media {

// A decoded frame, planes back to back without padding: grey8 (one plane), yuv_i420_split (Y
// `stride` = width, then U and V of ceil(width/2) x ceil(height/2)), rgb8 or rgba8.
struct DecodedVideoFrame {
  uint32_t width = 0;
  uint32_t height = 0;
  PixelFormat pixel_format = PixelFormat::kUndefined;
  uint32_t stride = 0;    // bytes per row of plane 0
  uint32_t stride_2 = 0;  // bytes per row of planes 1 and 2 (yuv_i420_split), else 0
  // yuv_i420_split: whether the stream says its samples use the full 0-255 range (JPEG range);
  // otherwise they use the limited range (Y 16-235, U and V 16-240), the h264/h265 default.
  bool full_range = false;
  std::vector<uint8_t> bytes;
};

// Which codec a spec's free-text name means: "H.264", "h264", "AVC" or "H.265", "h265", "HEVC"
// (case-insensitive). Unknown names: kUnknown.
enum class VideoCodec : uint8_t { kUnknown, kH264, kH265 };
VideoCodec VideoCodecFromName(std::string_view codec_name);

// Whether this build decodes video (it was built with libavcodec).
bool VideoSupported();

class VideoDecoder {
 public:
  virtual ~VideoDecoder() = default;

  // A decoder for `codec_name` as stored in image/video specs. kUnsupported for unknown codecs
  // or when built without libavcodec.
  static Status Create(std::string_view codec_name, std::unique_ptr<VideoDecoder>& out);

  // Decodes the next frame of the stream. A frame that is not a key frame needs the frames
  // since its key frame decoded before it (kInvalidArgument when no key frame was).
  // Garbage gives kCorrupt; a valid frame of an unsupported pixel layout kUnsupported.
  virtual Status DecodeFrame(std::span<const uint8_t> data, bool key_frame,
                             DecodedVideoFrame& out) = 0;
  // Forgets the frames decoded (before decoding from another key frame).
  virtual void Reset() = 0;
};

}  // namespace vrsx::media
