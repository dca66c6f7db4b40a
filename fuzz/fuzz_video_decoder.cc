// Fuzz target: h264/h265 frames through media::VideoDecoder. The first byte chooses the codec;
// the rest is frames, each preceded by a flags byte (bit 0: key frame) and its 2-byte
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
  while (rest.size() >= 3) {
    const bool key_frame = rest[0] & 1;
    if (rest[0] & 2) decoder->Reset();
    size_t length = size_t(rest[1]) | size_t(rest[2]) << 8;
    rest = rest.subspan(3);
    length = std::min(length, rest.size());
    vrsx::Status status = decoder->DecodeFrame(rest.first(length), key_frame, frame);
    if (status.ok() && frame.bytes.size() < size_t(frame.width) * frame.height) std::abort();
    rest = rest.subspan(length);
  }
  return 0;
}
