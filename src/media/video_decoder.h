// Frames of an `image/video` stream (spec 02 §7.3) decoded to pixels with libavcodec, hidden
// here. Frames (packets) come in decode order from a key frame, each tagged; a frame's picture
// comes out under its tag, at once without B-frames, or after the frames that follow it (frame
// reordering) or a Drain() with them.
//
//   std::unique_ptr<VideoDecoder> decoder;
//   if (VideoDecoder::Create(spec.codec_name, decoder).ok()) {
//     decoder->Feed(block.data, spec.key_frame_index == 0, record_pos);
//     if (!decoder->Take(record_pos, frame)) ...feed the next frames, or Drain()
//   }
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

// Whether video decodes here: vrsx was built with libavcodec, and it loads.
bool VideoSupported();

class VideoDecoder {
 public:
  virtual ~VideoDecoder() = default;

  // A decoder for `codec_name` as stored in image/video specs. kUnsupported for unknown codecs,
  // and without libavcodec (not built with it, or it doesn't load), saying which.
  static Status Create(std::string_view codec_name, std::unique_ptr<VideoDecoder>& out);

  // How many pictures decoded ahead are kept (the oldest tags are dropped first): more than
  // h264's and h265's 16-picture buffers.
  static constexpr size_t kMaxPictures = 32;

  // Sends the next frame of the stream in decode order, tagged `tag` (distinct from the tags of
  // the other frames since Reset), and keeps the pictures that come out. A frame that is not a
  // key frame needs the frames since its key frame fed before it (kInvalidArgument when no key
  // frame was). Garbage gives kCorrupt; a picture of an unsupported pixel layout kUnsupported.
  virtual Status Feed(std::span<const uint8_t> data, bool key_frame, uint64_t tag) = 0;
  // The picture of the frame tagged `tag`, if out (it is then forgotten).
  virtual bool Take(uint64_t tag, DecodedVideoFrame& out) = 0;
  // Whether the frame tagged `tag` was fed and its picture is held back (reordering).
  virtual bool Pending(uint64_t tag) const = 0;
  // Forgets the pictures of tags below `tag`.
  virtual void DropBefore(uint64_t tag) = 0;
  // Every picture held back comes out (end of the stream or of the group); the next frame fed
  // must then be a key frame.
  virtual Status Drain() = 0;

  // Feed and Take for a caller with no frames ahead: the frame's picture, or kUnsupported when
  // the decoder holds it back for frame reordering (B-frames; ImageReader decodes those), or
  // kCorrupt when no picture came out of it. Pictures of earlier frames are dropped.
  Status DecodeFrame(std::span<const uint8_t> data, bool key_frame, DecodedVideoFrame& out);
  // Forgets the frames and pictures decoded (before decoding from another key frame).
  virtual void Reset() = 0;
  // Whether the stream makes the decoder reorder frames (pictures come out after later frames).
  virtual bool Reordering() const = 0;

 private:
  uint64_t next_tag_ = 0;  // DecodeFrame's tags
};

}  // namespace vrsx::media
