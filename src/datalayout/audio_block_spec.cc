// Audio specs from a DataLayout block (spec 02 §6.5 step 1).
#include "datalayout/datalayout_conventions.h"
#include "vrsx/record_content.h"

namespace vrsx {

using conventions::Get;

std::optional<AudioSpec> AudioSpecFromDataLayout(const DataLayoutBlock& block,
                                                 const ConventionFields& fields,
                                                 uint32_t fallback_sample_count) {
  AudioSpec spec;
  // No audio_format field means PCM.
  uint8_t format = Get<uint8_t>(block, fields.audio_format).value_or(uint8_t(AudioFormat::kPcm));
  if (format != uint8_t(AudioFormat::kPcm) && format != uint8_t(AudioFormat::kOpus)) {
    return std::nullopt;
  }
  spec.format = static_cast<AudioFormat>(format);
  uint8_t sample_format = Get<uint8_t>(block, fields.audio_sample_format).value_or(0);
  if (sample_format == 0 || sample_format >= kAudioSampleFormatCount) return std::nullopt;
  spec.sample_format = static_cast<AudioSampleFormat>(sample_format);
  spec.channels = Get<uint8_t>(block, fields.audio_channel_count).value_or(0);
  spec.sample_rate = Get<uint32_t>(block, fields.audio_sample_rate).value_or(0);
  if (spec.channels == 0 || spec.sample_rate == 0) return std::nullopt;
  spec.frame_stride = Get<uint8_t>(block, fields.audio_sample_stride).value_or(0);
  if (spec.frame_stride > 0) {
    // Padding of at most 3 bytes per sample.
    uint32_t min_frame = AudioSampleFormatBytes(spec.sample_format) * spec.channels;
    if (spec.frame_stride < min_frame || spec.frame_stride > min_frame + 3u * spec.channels) {
      return std::nullopt;
    }
  }
  spec.sample_count = Get<uint32_t>(block, fields.audio_sample_count).value_or(0);
  if (spec.sample_count == 0) spec.sample_count = fallback_sample_count;
  spec.stereo_pair_count = Get<uint8_t>(block, fields.audio_stereo_pair_count).value_or(0);
  return spec;
}

}  // namespace vrsx
