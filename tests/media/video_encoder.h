// Video test streams encoded with libavcodec's own encoders (libx264, libx265): yuv420p source
// frames, a key frame every `group` frames, `bframes` B-frames at most in a row (default none). For
// the video tests, their Python counterpart (tests/tools/encode_test_video.cc) and nothing else;
// only built with libavcodec.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "media/video_decoder.h"

namespace vrsx::testing {

struct VideoShape {
  int width = 64;
  int height = 48;
  int frames = 10;
  int group = 5;
  // B-frames: packets then come in decode order, not the source frames' order (see pts).
  int bframes = 0;

  size_t chroma_size() const { return size_t(width / 2) * size_t(height / 2); }
  size_t frame_size() const { return size_t(width) * size_t(height) + 2 * chroma_size(); }
};

struct VideoPacket {
  std::vector<uint8_t> bytes;
  bool key = false;
  int64_t pts = 0;  // the source frame it encodes (SourceFrame's n)
};

// Source frame n, yuv420p planes back to back: a moving gradient with a bright square.
std::vector<uint8_t> SourceFrame(const VideoShape& shape, int n);

const char* EncoderName(media::VideoCodec codec);
// Whether this libavcodec has the encoder (Debian's has both; others may lack them).
bool HasVideoEncoder(media::VideoCodec codec);

// The frames of `shape` encoded, one packet a frame (Annex B); false with `error` set when the
// encoder is missing or fails.
bool EncodeTestVideo(media::VideoCodec codec, const VideoShape& shape,
                     std::vector<VideoPacket>& packets, std::string& error);

}  // namespace vrsx::testing
