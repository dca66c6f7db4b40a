// Video frames of records read in any order (spec 02 §7.3): frame N of a group decodes from
// the group's key frame, found with the image spec's keyframe_index (frames since the key frame)
// and Reader::PreviousInStream; reading on in stream order decodes only the next frame.
//
//   media::VideoFrameReader frames(reader);
//   media::DecodedVideoFrame frame;
//   frames.DecodeFrameAt(pos, frame);  // any record of a stream with an image/video block
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/video_decoder.h"
#include "vrsx/record_content.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx {
class Reader;
}

namespace vrsx::media {

class VideoFrameReader {
 public:
  // `reader` must outlive this object. Not thread-safe.
  explicit VideoFrameReader(const Reader& reader);
  ~VideoFrameReader();

  // Decodes the first image/video block of record `pos`, and the frames of its group before it
  // as needed. kNotFound when the record has no video block; a group whose key frame is
  // missing (keyframe_index counting past the stream's start) gives kCorrupt. Without
  // key-frame fields in the stream, a frame counts as a key frame unless it follows the frame
  // decoded last.
  Status DecodeFrameAt(size_t pos, DecodedVideoFrame& out);

  // How many frames the last DecodeFrameAt decoded (1 when going on in order).
  size_t frames_decoded_last() const { return frames_decoded_last_; }

 private:
  struct VideoBlock {
    ImageSpec spec;
    std::span<const uint8_t> data;
  };
  struct StreamState {
    std::unique_ptr<VideoDecoder> decoder;
    std::string codec_name;
    std::optional<size_t> last_pos;  // the frame decoded last, if the decoder holds its group
  };
  // Reads record `pos` into payload_ and finds its video block.
  Status ReadVideoBlock(size_t pos, VideoBlock& block);
  Status DecodeOne(StreamState& state, size_t pos, bool force_key_frame, DecodedVideoFrame& out);

  const Reader& reader_;
  StreamFormats formats_;
  RecordContentDecoder content_decoder_;
  std::vector<uint8_t> payload_;
  RecordContent content_;
  std::map<StreamId, StreamState> streams_;
  size_t frames_decoded_last_ = 0;
};

// One frame, decoding from its key frame: a VideoFrameReader used once.
Status DecodeVideoFrameAt(const Reader& reader, size_t record_pos, DecodedVideoFrame& out);

}  // namespace vrsx::media
