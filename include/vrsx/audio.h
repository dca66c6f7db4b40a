// Audio blocks decoded to PCM samples, and a stream's audio written to one WAV file.
//
//   vrsx::AudioDecoder decoder;  // one per stream: opus packets depend on the previous ones
//   vrsx::AudioSamples samples;
//   for (const vrsx::DecodedBlock& block : content.blocks) {
//     if (block.kind != vrsx::BlockKind::kAudio) continue;
//     if (decoder.Decode(block, samples).ok()) play(samples.bytes, samples.spec());
//   }
//
//   vrsx::ExtractAudioResult result;
//   vrsx::Status status = vrsx::ExtractAudioTrack(reader, stream, "out.wav", &result);
//
// Samples are interleaved, packed (no frame padding) and little or big endian as their sample
// format says: PCM blocks keep their stored sample format (int16le, float32le, uint8mulaw...),
// opus packets decode to int16le (spec 02 §8.3). Opus needs libopus (CMake option
// VRSX_WITH_OPUS); without it opus blocks give ErrorCode::kUnsupported.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vrsx/record_content.h"
#include "vrsx/record_format.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx {

class Reader;

struct AudioSamples {
  AudioSampleFormat sample_format = AudioSampleFormat::kUndefined;
  uint8_t channels = 0;
  uint32_t sample_rate = 0;
  uint32_t frame_count = 0;    // sample frames (one sample per channel each)
  std::vector<uint8_t> bytes;  // frame_count x channels x bytes per sample
  // The PCM spec of these samples: "pcm/<format>/channels=<c>/rate=<r>", sample_count set.
  AudioSpec spec() const;
};

// Whether this build decodes opus (it was built with libopus).
bool OpusSupported();

// Decodes the audio blocks of one stream, in order. Not thread-safe; one per stream.
class AudioDecoder {
 public:
  AudioDecoder();
  ~AudioDecoder();
  AudioDecoder(AudioDecoder&&) noexcept;
  AudioDecoder& operator=(AudioDecoder&&) noexcept;

  // PCM: the block's frames with their padding removed (kTruncated when the block holds fewer
  // than sample_count frames). Opus: one multistream packet decoded (kCorrupt when libopus
  // refuses it, kInvalidArgument for a rate or channel layout opus does not have). `out`'s
  // vector is reused.
  Status Decode(const AudioSpec& spec, std::span<const uint8_t> data, AudioSamples& out);
  // The same for a decoded record's audio block (kInvalidArgument for another kind of block).
  Status Decode(const DecodedBlock& block, AudioSamples& out);
  // Forgets the opus decoder's state (before decoding from another place in the stream).
  void Reset();

 private:
  struct OpusState;
  std::unique_ptr<OpusState> opus_;
};

// What ExtractAudioTrack wrote.
struct ExtractAudioResult {
  AudioSpec spec;              // the WAV's format: PCM, sample_count = frames written
  uint64_t blocks = 0;         // audio blocks written
  uint64_t data_bytes = 0;     // sample bytes after the 44-byte header
  double first_timestamp = 0;  // of the first and last records written
  double last_timestamp = 0;
};

// pyvrs's extract_audio_track: every audio block of `stream`'s records, in index order, decoded
// (opus to int16le) and appended to one WAV file at `wav_path` (spec 03 §8.2 layout). Fails
// with kNotFound when the stream has no audio block, and with kUnsupported when its audio
// format changes (the file then holds the blocks before the change); undecodable blocks fail.
// `result` may be null.
Status ExtractAudioTrack(const Reader& reader, StreamId stream, const std::string& wav_path,
                         ExtractAudioResult* result);

}  // namespace vrsx
