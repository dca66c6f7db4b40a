// WAV files of PCM audio blocks (spec 03 §8.2).
//
//   vrsx::media::WavWriter wav;
//   wav.Open("out/101-1-0000-1493865.298.wav", block.spec.audio);
//   wav.Append(block.spec.audio, block.data);  // each block of a compatible format
//   wav.Close();                               // patches the sizes in the header
//
// The file is a 44-byte header — "RIFF", 36 + data size, "WAVE", "fmt ", 16, format code,
// channels, sample rate, byte rate, block align, bits per sample, "data", data size (all
// little-endian) — then the samples: for each sample frame of a block, channels x bytes per
// sample bytes copied from the frame's start (frame stride padding removed). Sample bytes are
// copied as they are (no endianness or signedness change), as the reference does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "vrsx/record_format.h"
#include "vrsx/status.h"

namespace vrsx::media {

inline constexpr size_t kWavHeaderSize = 44;

// 1 (integer PCM), 3 (IEEE float), 6 (A-law) or 7 (µ-law).
uint16_t WavFormatCode(AudioSampleFormat format);

// The header of a file holding `data_size` bytes of samples of `spec`'s format.
std::array<uint8_t, kWavHeaderSize> WavHeader(const AudioSpec& spec, uint32_t data_size);

// Whether blocks of format `b` can go on in a file started with format `a`: same audio format,
// sample format, channel count, sample rate and frame stride.
bool WavCompatible(const AudioSpec& a, const AudioSpec& b);

// The `WAV file details:` line, without "\n":
// "WAV file details: 1 channel, 44100 int16le samples/s, 16 bits per sample, 2 bytes sample frame
// stride."
std::string WavDetailsLine(const AudioSpec& spec);

class WavWriter {
 public:
  // A file stops growing before it reaches this size (4 GiB, the RIFF size limit).
  static constexpr uint64_t kMaxFileSize = uint64_t{1} << 32;

  WavWriter() = default;
  ~WavWriter();  // closes, ignoring errors
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;

  // Closes the current file if any, then creates `path` for samples of `spec`'s format.
  Status Open(const std::string& path, const AudioSpec& spec);
  // The file's sample bytes `spec.sample_count` frames of `block` would add.
  static uint64_t SampleBytes(const AudioSpec& spec);
  // True when appending `spec.sample_count` frames would make the file reach kMaxFileSize.
  bool WouldOverflow(const AudioSpec& spec) const;
  // Appends a block's frames. `block` must hold sample_count x frame stride bytes (the last
  // frame may stop after its samples); otherwise kTruncated and nothing is written.
  Status Append(const AudioSpec& spec, std::span<const uint8_t> block);
  // Patches the header's sizes and closes the file; nothing to do when none is open.
  Status Close();

  bool is_open() const { return file_ != nullptr; }
  const AudioSpec& spec() const { return spec_; }
  const std::string& path() const { return path_; }
  uint64_t data_size() const { return data_size_; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  AudioSpec spec_;
  uint64_t data_size_ = 0;
  bool failed_ = false;
  std::vector<uint8_t> buffer_;
};

}  // namespace vrsx::media
