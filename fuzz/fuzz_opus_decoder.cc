// Fuzz target: opus packets through AudioDecoder (spec 02 §8.3). The first 3 bytes choose the
// layout (rate, channels, stereo pairs, some invalid on purpose); the rest is packets, each
// preceded by its 2-byte little-endian length. Decoding returns a Status, whatever the bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "vrsx/audio.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  static constexpr uint32_t kRates[] = {8000, 12000, 16000, 24000, 48000, 44100};
  vrsx::AudioSpec spec;
  spec.format = vrsx::AudioFormat::kOpus;
  spec.sample_format = vrsx::AudioSampleFormat::kInt16Le;
  spec.sample_rate = kRates[data[0] % 6];
  spec.channels = static_cast<uint8_t>(data[1] % 9);  // 0 (invalid) to 8
  spec.stereo_pair_count = static_cast<uint8_t>(data[2] % 5);
  std::span<const uint8_t> rest(data + 3, size - 3);
  vrsx::AudioDecoder decoder;
  vrsx::AudioSamples samples;
  while (rest.size() >= 2) {
    size_t length = size_t(rest[0]) | size_t(rest[1]) << 8;
    rest = rest.subspan(2);
    length = std::min(length, rest.size());
    vrsx::Status status = decoder.Decode(spec, rest.first(length), samples);
    if (status.ok() && samples.bytes.size() != size_t(samples.frame_count) * spec.channels * 2) {
      std::abort();  // the sample count and the bytes disagree
    }
    rest = rest.subspan(length);
  }
  return 0;
}
