// One opus multistream decoder (spec 02 §8.3), hiding libopus: the layout is `channels -
// stereo_pairs` streams of which `stereo_pairs` are coupled, channel mapping identity.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "vrsx/status.h"

namespace vrsx::media {

class OpusPacketDecoder {
 public:
  OpusPacketDecoder() = default;
  ~OpusPacketDecoder();
  OpusPacketDecoder(const OpusPacketDecoder&) = delete;
  OpusPacketDecoder& operator=(const OpusPacketDecoder&) = delete;

  // (Re)creates the decoder when the layout differs from the current one. kUnsupported when
  // built without libopus; kInvalidArgument for a rate opus does not have (8, 12, 16, 24, 48
  // kHz) or a layout (1..255 channels, stereo pairs <= channels / 2).
  Status Configure(uint32_t sample_rate, uint8_t channels, uint8_t stereo_pairs);
  // Decodes one packet into `pcm` (interleaved int16le bytes), `frames` sample frames.
  Status Decode(std::span<const uint8_t> packet, std::vector<uint8_t>& pcm, uint32_t& frames);
  // Forgets the state carried from packet to packet.
  void Reset();

  // The most frames one packet decodes to: 120 ms.
  static uint32_t MaxFrames(uint32_t sample_rate) { return sample_rate / 1000 * 120; }

 private:
  void* decoder_ = nullptr;  // OpusMSDecoder*
  uint32_t sample_rate_ = 0;
  uint8_t channels_ = 0;
  uint8_t stereo_pairs_ = 0;
  std::vector<int16_t> scratch_;
};

}  // namespace vrsx::media
