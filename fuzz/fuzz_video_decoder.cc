// Fuzz target: h264/h265 frames through media::VideoDecoder. The first byte chooses the codec;
// the rest is frames, each preceded by a flags byte (bit 0: key frame, bit 1: Reset first,
// bit 2: Feed tagged then Take instead of DecodeFrame, bit 3: Drain after) and its 2-byte
// little-endian length. Decoding returns a Status, whatever the bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>

#include "media/video_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::unique_ptr<vrsx::media::VideoDecoder> decoder;
  if (!vrsx::media::VideoDecoder::Create(data[0] % 2 ? "H.265" : "H.264", decoder).ok()) return 0;
  std::span<const uint8_t> rest(data + 1, size - 1);
  vrsx::media::DecodedVideoFrame frame;
  auto check = [&frame] {
    if (frame.bytes.size() < size_t(frame.width) * frame.height) std::abort();
  };
  uint64_t tag = 0;
  while (rest.size() >= 3) {
    const uint8_t flags = rest[0];
    const bool key_frame = flags & 1;
    if (flags & 2) decoder->Reset();
    size_t length = size_t(rest[1]) | size_t(rest[2]) << 8;
    rest = rest.subspan(3);
    length = std::min(length, rest.size());
    if (flags & 4) {
      (void)decoder->Feed(rest.first(length), key_frame, ++tag);
      // Pictures of this frame or of earlier ones (held back by reordering).
      for (uint64_t t = tag >= 4 ? tag - 4 : 0; t <= tag; ++t) {
        if (decoder->Take(t, frame)) check();
      }
    } else if (decoder->DecodeFrame(rest.first(length), key_frame, frame).ok()) {
      check();
    }
    if (flags & 8 && decoder->Drain().ok() && decoder->Take(tag, frame)) check();
    rest = rest.subspan(length);
  }
  return 0;
}
