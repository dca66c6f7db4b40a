// ExtractAudioTrack: a stream's audio blocks, decoded, into one WAV file.
#include "media/wav_writer.h"
#include "vrsx/audio.h"
#include "vrsx/reader.h"

namespace vrsx {

namespace {

std::string At(StreamId stream, double timestamp) {
  return " (stream " + stream.NumericName() + ", record at " + std::to_string(timestamp) + ")";
}

}  // namespace

Status ExtractAudioTrack(const Reader& reader, StreamId stream, const std::string& wav_path,
                         ExtractAudioResult* result) {
  ExtractAudioResult local;
  ExtractAudioResult& done = result ? *result : local;
  done = ExtractAudioResult{};
  StreamFormats formats(reader);
  RecordContentDecoder content_decoder(formats);
  AudioDecoder audio_decoder;
  media::WavWriter wav;
  std::vector<uint8_t> payload;
  RecordContent content;
  AudioSamples samples;
  for (uint32_t pos : reader.stream_index(stream)) {
    Status status = content_decoder.ReadAndDecode(reader, pos, payload, content);
    if (!status.ok()) return status;
    const RecordInfo& record = reader.index()[pos];
    for (const DecodedBlock& block : content.blocks) {
      if (block.kind != BlockKind::kAudio) continue;
      if (!block.complete()) {
        return {ErrorCode::kTruncated, "audio block incomplete" + At(stream, record.timestamp)};
      }
      status = audio_decoder.Decode(block, samples);
      if (!status.ok()) {
        return {status.code(), status.message() + At(stream, record.timestamp)};
      }
      const AudioSpec spec = samples.spec();
      if (!wav.is_open()) {
        if (status = wav.Open(wav_path, spec); !status.ok()) return status;
        done.first_timestamp = record.timestamp;
      } else if (!media::WavCompatible(wav.spec(), spec)) {
        Status closed = wav.Close();
        if (!closed.ok()) return closed;
        return {ErrorCode::kUnsupported, "the audio format changes from " + wav.spec().Text() +
                                             " to " + spec.Text() + At(stream, record.timestamp)};
      } else if (wav.WouldOverflow(spec)) {
        Status closed = wav.Close();
        if (!closed.ok()) return closed;
        return {ErrorCode::kTooLarge,
                "the WAV file would reach 4 GiB" + At(stream, record.timestamp)};
      }
      if (status = wav.Append(spec, samples.bytes); !status.ok()) return status;
      ++done.blocks;
      done.spec = spec;
      done.last_timestamp = record.timestamp;
    }
  }
  if (!wav.is_open()) {
    return {ErrorCode::kNotFound, "stream " + stream.NumericName() + " has no audio block"};
  }
  done.data_bytes = wav.data_size();
  const uint64_t frame_bytes =
      uint64_t(AudioSampleFormatBytes(done.spec.sample_format)) * done.spec.channels;
  done.spec.sample_count = static_cast<uint32_t>(done.data_bytes / frame_bytes);
  return wav.Close();
}

}  // namespace vrsx
