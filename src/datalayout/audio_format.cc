// Audio formats, sample formats and the PCM frame layout (spec 02 §8).
#include <array>

#include "vrsx/record_format.h"

namespace vrsx {

namespace {

constexpr std::array<const char*, 3> kAudioFormatNames = {"undefined", "pcm", "opus"};

struct SampleFormatInfo {
  const char* name;
  uint8_t bits;
};

// Indexed by numeric value; the names are the exact on-disk spellings.
constexpr std::array<SampleFormatInfo, kAudioSampleFormatCount> kSampleFormats = {{
    {"undefined", 0},  {"int8", 8},      {"uint8", 8},      {"uint8alaw", 8},  {"uint8mulaw", 8},
    {"int16le", 16},   {"uint16le", 16}, {"int16be", 16},   {"uint16be", 16},  {"int24le", 24},
    {"uint24le", 24},  {"int24be", 24},  {"uint24be", 24},  {"int32le", 32},   {"uint32le", 32},
    {"int32be", 32},   {"uint32be", 32}, {"float32le", 32}, {"float32be", 32}, {"float64le", 64},
    {"float64be", 64},
}};

const SampleFormatInfo& Info(AudioSampleFormat format) {
  auto value = static_cast<size_t>(format);
  return kSampleFormats[value < kSampleFormats.size() ? value : 0];
}

}  // namespace

const char* AudioFormatName(AudioFormat format) {
  auto value = static_cast<size_t>(format);
  return kAudioFormatNames[value < kAudioFormatNames.size() ? value : 0];
}

std::optional<AudioFormat> AudioFormatFromName(std::string_view name) {
  for (size_t i = 1; i < kAudioFormatNames.size(); ++i) {
    if (name == kAudioFormatNames[i]) return static_cast<AudioFormat>(i);
  }
  return std::nullopt;
}

const char* AudioSampleFormatName(AudioSampleFormat format) {
  return Info(format).name;
}

std::optional<AudioSampleFormat> AudioSampleFormatFromName(std::string_view name) {
  for (size_t i = 1; i < kSampleFormats.size(); ++i) {
    if (name == kSampleFormats[i].name) return static_cast<AudioSampleFormat>(i);
  }
  return std::nullopt;
}

uint32_t AudioSampleFormatBits(AudioSampleFormat format) {
  return Info(format).bits;
}

uint32_t AudioSampleFormatBytes(AudioSampleFormat format) {
  return (AudioSampleFormatBits(format) + 7) / 8;
}

uint32_t AudioSpec::FrameStride() const {
  if (frame_stride != 0) return frame_stride;
  return AudioSampleFormatBytes(sample_format) * channels;
}

std::optional<size_t> AudioSpec::BlockSize() const {
  // Only PCM has a size that follows from the spec; Opus packets vary.
  if (format != AudioFormat::kPcm || sample_count == 0 || FrameStride() == 0) return std::nullopt;
  return static_cast<size_t>(FrameStride()) * sample_count;
}

}  // namespace vrsx
