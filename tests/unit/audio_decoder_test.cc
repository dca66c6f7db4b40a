// AudioDecoder and ExtractAudioTrack: PCM unpacking, opus packets written with the Writer and
// decoded back (compared with libopus's own decode of the same packets and with the source sine),
// the WAV of a whole stream, extract-audio on opus, hostile packets.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "unit/cli_in_process.h"
#include "vrsx/audio.h"
#include "vrsx/conventions.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

#ifdef VRSX_TEST_OPUS
#include <opus_multistream.h>
#endif

namespace {

using vrsx::AudioDecoder;
using vrsx::AudioSampleFormat;
using vrsx::AudioSamples;
using vrsx::AudioSpec;
using vrsx::ErrorCode;

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

uint32_t Le32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
         uint32_t(b[at + 3]) << 24;
}
uint16_t Le16(const std::vector<uint8_t>& b, size_t at) {
  return static_cast<uint16_t>(b[at] | b[at + 1] << 8);
}
int16_t SampleAt(const std::vector<uint8_t>& bytes, size_t i) {
  return static_cast<int16_t>(Le16(bytes, 2 * i));
}

}  // namespace

TEST_CASE("AudioDecoder: PCM frames lose their padding, samples keep their format", "[audio]") {
  AudioSpec spec = AudioSpec::Parse("pcm/int16le/channels=2/rate=8000/samples=3");
  spec.frame_stride = 6;  // 2 bytes of padding per frame
  spec.sample_count = 3;
  const std::vector<uint8_t> block = {1, 2, 3,    4,    0xee, 0xee, 5,  6,
                                      7, 8, 0xee, 0xee, 9,    10,   11, 12};
  AudioDecoder decoder;
  AudioSamples samples;
  REQUIRE(decoder.Decode(spec, block, samples).ok());
  CHECK(samples.sample_format == AudioSampleFormat::kInt16Le);
  CHECK(samples.channels == 2);
  CHECK(samples.sample_rate == 8000);
  CHECK(samples.frame_count == 3);
  CHECK(samples.bytes == std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(samples.spec().Text() == "pcm/int16le/channels=2/rate=8000/samples=3");

  // One byte short of the last frame's samples.
  const std::vector<uint8_t> short_block(block.begin(), block.end() - 1);
  CHECK(decoder.Decode(spec, short_block, samples).code() == ErrorCode::kTruncated);
  spec.frame_stride = 3;  // smaller than the 4 bytes of a frame's samples
  CHECK(decoder.Decode(spec, block, samples).code() == ErrorCode::kCorrupt);
  CHECK(decoder.Decode(AudioSpec{}, block, samples).code() == ErrorCode::kUnsupported);
}

#ifndef VRSX_TEST_OPUS

TEST_CASE("AudioDecoder: opus without libopus is unsupported", "[audio]") {
  CHECK_FALSE(vrsx::OpusSupported());
  AudioDecoder decoder;
  AudioSamples samples;
  const std::vector<uint8_t> packet = {0xfc, 0xff, 0xfe};
  vrsx::Status status =
      decoder.Decode(AudioSpec::Parse("opus/int16le/channels=1/rate=48000"), packet, samples);
  CHECK(status.code() == ErrorCode::kUnsupported);
}

#else

namespace {

constexpr uint32_t kRate = 48000;
constexpr int kChannels = 2;
constexpr int kFrameSize = 960;  // 20 ms
constexpr int kPackets = 25;     // 0.5 s

// Channel c of sample frame i of the source: two sines, one per channel.
double Source(int c, int64_t i) {
  const double hz = c == 0 ? 440.0 : 660.0;
  return 12000.0 * std::sin(2 * M_PI * hz * double(i) / kRate);
}

struct OpusClip {
  std::vector<std::vector<uint8_t> > packets;
  int lookahead = 0;  // encoder delay, in frames
};

// Encodes the source as 2 uncoupled mono streams (no stereo pair) or one coupled stereo stream.
OpusClip EncodeSine(int stereo_pairs) {
  int error = 0;
  const unsigned char mapping[kChannels] = {0, 1};
  OpusMSEncoder* encoder =
      opus_multistream_encoder_create(kRate, kChannels, kChannels - stereo_pairs, stereo_pairs,
                                      mapping, OPUS_APPLICATION_AUDIO, &error);
  REQUIRE(error == OPUS_OK);
  opus_multistream_encoder_ctl(encoder, OPUS_SET_BITRATE(96000));
  OpusClip clip;
  opus_int32 lookahead = 0;
  opus_multistream_encoder_ctl(encoder, OPUS_GET_LOOKAHEAD(&lookahead));
  clip.lookahead = lookahead;
  std::vector<int16_t> pcm(kFrameSize * kChannels);
  for (int p = 0; p < kPackets; ++p) {
    for (int i = 0; i < kFrameSize; ++i) {
      for (int c = 0; c < kChannels; ++c) {
        pcm[i * kChannels + c] = static_cast<int16_t>(std::lround(Source(c, p * kFrameSize + i)));
      }
    }
    std::vector<uint8_t> packet(4000);
    int size = opus_multistream_encode(encoder, pcm.data(), kFrameSize, packet.data(),
                                       static_cast<opus_int32>(packet.size()));
    REQUIRE(size > 0);
    packet.resize(size_t(size));
    clip.packets.push_back(std::move(packet));
  }
  opus_multistream_encoder_destroy(encoder);
  return clip;
}

// libopus alone: the packets decoded as int16, interleaved.
std::vector<int16_t> LibopusDecode(const OpusClip& clip, int stereo_pairs) {
  int error = 0;
  const unsigned char mapping[kChannels] = {0, 1};
  OpusMSDecoder* decoder = opus_multistream_decoder_create(
      kRate, kChannels, kChannels - stereo_pairs, stereo_pairs, mapping, &error);
  REQUIRE(error == OPUS_OK);
  std::vector<int16_t> all;
  std::vector<int16_t> pcm(5760 * kChannels);
  for (const auto& packet : clip.packets) {
    int frames =
        opus_multistream_decode(decoder, packet.data(), int(packet.size()), pcm.data(), 5760, 0);
    REQUIRE(frames > 0);
    all.insert(all.end(), pcm.begin(), pcm.begin() + frames * kChannels);
  }
  opus_multistream_decoder_destroy(decoder);
  return all;
}

// SNR in dB of `decoded` against the source, skipping the encoder delay and the first 100 ms.
double SnrDb(const std::vector<int16_t>& decoded, int lookahead) {
  double signal = 0, noise = 0;
  const int64_t frames = int64_t(decoded.size()) / kChannels;
  for (int64_t i = 4800 + lookahead; i < frames; ++i) {
    for (int c = 0; c < kChannels; ++c) {
      double expected = Source(c, i - lookahead);
      double error = decoded[size_t(i * kChannels + c)] - expected;
      signal += expected * expected;
      noise += error * error;
    }
  }
  return 10 * std::log10(signal / std::max(noise, 1e-9));
}

struct OpusConfig : vrsx::TypedLayout<OpusConfig> {
  vrsx::Field<uint8_t> format{this, vrsx::conventions::kAudioFormat};
  vrsx::Field<uint8_t> sample_format{this, vrsx::conventions::kAudioSampleFormat};
  vrsx::Field<uint8_t> channels{this, vrsx::conventions::kAudioChannelCount};
  vrsx::Field<uint32_t> rate{this, vrsx::conventions::kAudioSampleRate};
  vrsx::Field<uint8_t> stereo_pairs{this, vrsx::conventions::kAudioStereoPairCount};
};

// A file with one opus stream (plus a PCM stream with a few blocks, not to be mixed up). An opus
// spec always comes from a DataLayout (spec 02 §6.5: only PCM specs are complete in a
// RecordFormat), here the configuration record's.
vrsx::StreamId WriteOpusFile(const std::string& path, const OpusClip& clip, int stereo_pairs) {
  vrsx::StreamDefinition audio(100, "test/opus");
  audio.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                  1,
                                  vrsx::RecordFormat::Parse("data_layout"),
                                  {{0, OpusConfig::Definition()}}});
  audio.record_formats.push_back(
      {vrsx::RecordType::kData, 1, vrsx::RecordFormat::Parse("audio"), {}});
  vrsx::StreamDefinition pcm(101, "test/pcm");
  pcm.record_formats.push_back({vrsx::RecordType::kData,
                                1,
                                vrsx::RecordFormat::Parse("audio/pcm/int16le/channels=1/rate=8000"),
                                {}});
  vrsx::Writer writer;
  vrsx::StreamId id, pcm_id;
  vrsx::Status added = writer.AddStream(audio, id);
  REQUIRE(added.message() == "");
  REQUIRE(writer.AddStream(pcm, pcm_id).ok());
  REQUIRE(writer.Create(path).ok());
  {
    OpusConfig config;
    config.format = uint8_t(vrsx::AudioFormat::kOpus);
    config.sample_format = uint8_t(AudioSampleFormat::kInt16Le);
    config.channels = kChannels;
    config.rate = kRate;
    config.stereo_pairs = uint8_t(stereo_pairs);
    std::vector<uint8_t> block;
    REQUIRE(config.Encode(block).ok());
    REQUIRE(writer.AddRecord(id, {vrsx::RecordType::kConfiguration, 1, 0.0}, block).ok());
  }
  const std::vector<uint8_t> pcm_samples = {1, 0, 2, 0, 3, 0, 4, 0};
  for (size_t p = 0; p < clip.packets.size(); ++p) {
    double t = 0.02 * double(p + 1);
    REQUIRE(writer.AddRecord(id, {vrsx::RecordType::kData, 1, t}, clip.packets[p]).ok());
    if (p % 10 == 0)
      REQUIRE(writer.AddRecord(pcm_id, {vrsx::RecordType::kData, 1, t}, pcm_samples).ok());
  }
  REQUIRE(writer.Close().ok());
  return id;
}

// Every audio block of `stream` decoded with AudioDecoder, samples appended.
std::vector<int16_t> DecodeStream(const vrsx::Reader& reader, vrsx::StreamId stream,
                                  AudioSpec* last_spec = nullptr) {
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder content_decoder(formats);
  AudioDecoder decoder;
  AudioSamples samples;
  std::vector<uint8_t> payload;
  vrsx::RecordContent content;
  std::vector<int16_t> all;
  for (uint32_t pos : reader.stream_index(stream)) {
    REQUIRE(content_decoder.ReadAndDecode(reader, pos, payload, content).ok());
    for (const vrsx::DecodedBlock& block : content.blocks) {
      if (block.kind != vrsx::BlockKind::kAudio) continue;
      REQUIRE(block.spec.audio.format == vrsx::AudioFormat::kOpus);
      vrsx::Status status = decoder.Decode(block, samples);
      REQUIRE(status.message() == "");
      CHECK(samples.sample_format == AudioSampleFormat::kInt16Le);
      CHECK(samples.channels == kChannels);
      CHECK(samples.sample_rate == kRate);
      CHECK(samples.frame_count == kFrameSize);
      for (size_t i = 0; i < size_t(samples.frame_count) * kChannels; ++i) {
        all.push_back(SampleAt(samples.bytes, i));
      }
      if (last_spec) *last_spec = block.spec.audio;
    }
  }
  return all;
}

}  // namespace

TEST_CASE("AudioDecoder: opus written with the Writer decodes as libopus decodes it", "[audio]") {
  REQUIRE(vrsx::OpusSupported());
  for (int stereo_pairs : {0, 1}) {
    CAPTURE(stereo_pairs);
    OpusClip clip = EncodeSine(stereo_pairs);
    vrsx::testing::TempDir dir;
    vrsx::StreamId id = WriteOpusFile(dir.File("opus.vrs"), clip, stereo_pairs);
    vrsx::Reader reader;
    REQUIRE(reader.Open(dir.File("opus.vrs")).ok());
    AudioSpec spec;
    std::vector<int16_t> ours = DecodeStream(reader, id, &spec);
    CHECK(spec.stereo_pair_count == stereo_pairs);
    std::vector<int16_t> reference = LibopusDecode(clip, stereo_pairs);
    REQUIRE(ours.size() == size_t(kPackets) * kFrameSize * kChannels);
    CHECK(ours == reference);
    double snr = SnrDb(ours, clip.lookahead);
    INFO("SNR " << snr << " dB");
    CHECK(snr > 30.0);  // 41 dB measured at 96 kbit/s
  }
}

TEST_CASE("ExtractAudioTrack: one WAV of a whole opus stream", "[audio]") {
  OpusClip clip = EncodeSine(1);
  vrsx::testing::TempDir dir;
  vrsx::StreamId id = WriteOpusFile(dir.File("opus.vrs"), clip, 1);
  vrsx::Reader reader;
  REQUIRE(reader.Open(dir.File("opus.vrs")).ok());
  vrsx::ExtractAudioResult result;
  vrsx::Status status = vrsx::ExtractAudioTrack(reader, id, dir.File("track.wav"), &result);
  REQUIRE(status.message() == "");
  const uint32_t frames = kPackets * kFrameSize;
  CHECK(result.blocks == kPackets);
  CHECK(result.spec.Text() == "pcm/int16le/channels=2/rate=48000/samples=24000");
  CHECK(result.spec.sample_count == frames);
  CHECK(result.data_bytes == frames * 4u);
  CHECK(result.first_timestamp == Approx(0.02));
  CHECK(result.last_timestamp == Approx(0.02 * kPackets));

  std::vector<uint8_t> wav = ReadFile(dir.File("track.wav"));
  REQUIRE(wav.size() == 44 + frames * 4u);
  CHECK(std::string(wav.begin(), wav.begin() + 4) == "RIFF");
  CHECK(Le32(wav, 4) == 36 + frames * 4u);
  CHECK(std::string(wav.begin() + 8, wav.begin() + 16) == "WAVEfmt ");
  CHECK(Le32(wav, 16) == 16);
  CHECK(Le16(wav, 20) == 1);          // integer PCM
  CHECK(Le16(wav, 22) == 2);          // channels
  CHECK(Le32(wav, 24) == kRate);      // sample rate
  CHECK(Le32(wav, 28) == kRate * 4);  // byte rate
  CHECK(Le16(wav, 32) == 4);          // block align
  CHECK(Le16(wav, 34) == 16);         // bits per sample
  CHECK(std::string(wav.begin() + 36, wav.begin() + 40) == "data");
  CHECK(Le32(wav, 40) == frames * 4u);
  std::vector<int16_t> reference = LibopusDecode(clip, 1);
  std::vector<int16_t> samples;
  for (size_t i = 0; i < reference.size(); ++i) {
    samples.push_back(static_cast<int16_t>(Le16(wav, 44 + 2 * i)));
  }
  CHECK(samples == reference);

  // The PCM stream, as stored; a stream without audio.
  vrsx::StreamId pcm_id = reader.streams()[1];
  REQUIRE(vrsx::ExtractAudioTrack(reader, pcm_id, dir.File("pcm.wav"), &result).ok());
  CHECK(result.blocks == 3);
  CHECK(result.spec.sample_count == 12);
  std::vector<uint8_t> pcm = ReadFile(dir.File("pcm.wav"));
  REQUIRE(pcm.size() == 44 + 24);
  CHECK(pcm[44] == 1);
  CHECK(pcm[50] == 4);
  CHECK(vrsx::ExtractAudioTrack(reader, vrsx::StreamId(), dir.File("none.wav"), nullptr).code() ==
        ErrorCode::kNotFound);
}

TEST_CASE("extract-audio decodes opus blocks into WAV files", "[audio][cli]") {
  OpusClip clip = EncodeSine(0);
  vrsx::testing::TempDir dir;
  WriteOpusFile(dir.File("opus.vrs"), clip, 0);
  auto r = vrsx::testing::RunCliInProcess(
      {"extract-audio", dir.File("opus.vrs"), "--to", dir.File("out")});
  REQUIRE(r.status == 0);
  CHECK(r.err == "");
  CHECK(r.out.find("WAV file details: 2 channels, 48000 int16le samples/s, 16 bits per sample, "
                   "4 bytes sample frame stride.") != std::string::npos);
  CHECK(r.out.find("Wrote 2 audio file(s) from 2 stream(s).") != std::string::npos);
  CHECK(r.out.find("Skipping") == std::string::npos);
  INFO(r.out);
  std::vector<uint8_t> wav = ReadFile(dir.File("out/100-1-0000-0.020.wav"));
  std::vector<int16_t> reference = LibopusDecode(clip, 0);
  REQUIRE(wav.size() == 44 + reference.size() * 2);
  bool same = true;
  for (size_t i = 0; i < reference.size(); ++i) {
    same = same && static_cast<int16_t>(Le16(wav, 44 + 2 * i)) == reference[i];
  }
  CHECK(same);
}

TEST_CASE("AudioDecoder: hostile opus packets give a status", "[audio]") {
  OpusClip clip = EncodeSine(1);
  AudioSpec spec = AudioSpec::Parse("opus/int16le/channels=2/rate=48000");
  spec.stereo_pair_count = 1;
  AudioDecoder decoder;
  AudioSamples samples;
  CHECK(decoder.Decode(spec, {}, samples).code() == ErrorCode::kCorrupt);
  // Truncated packets: decoded or refused, never read past their end (ASan builds check).
  for (const auto& packet : clip.packets) {
    for (size_t keep : {size_t(1), packet.size() / 3, packet.size() - 1}) {
      std::vector<uint8_t> cut(packet.begin(), packet.begin() + std::ptrdiff_t(keep));
      vrsx::Status status = decoder.Decode(spec, cut, samples);
      CHECK((status.ok() || status.code() == ErrorCode::kCorrupt));
      if (status.ok()) CHECK(samples.bytes.size() == samples.frame_count * 4u);
    }
  }
  // Code 3 packet announcing 0 frames: invalid (RFC 6716 §3.2.5).
  CHECK(decoder.Decode(spec, std::vector<uint8_t>{0xfb, 0x00}, samples).code() ==
        ErrorCode::kCorrupt);
  std::mt19937 random(12);
  for (int i = 0; i < 500; ++i) {
    std::vector<uint8_t> garbage(1 + random() % 300);
    for (uint8_t& b : garbage) b = uint8_t(random());
    vrsx::Status status = decoder.Decode(spec, garbage, samples);
    CHECK((status.ok() || status.code() == ErrorCode::kCorrupt));
  }
  // Layouts opus does not have.
  AudioSpec bad = spec;
  bad.sample_rate = 44100;
  CHECK(decoder.Decode(bad, clip.packets[0], samples).code() == ErrorCode::kInvalidArgument);
  bad = spec;
  bad.stereo_pair_count = 2;
  CHECK(decoder.Decode(bad, clip.packets[0], samples).code() == ErrorCode::kInvalidArgument);
  bad = spec;
  bad.channels = 0;
  CHECK(decoder.Decode(bad, clip.packets[0], samples).code() == ErrorCode::kInvalidArgument);
  // And it still decodes good packets after a reset.
  decoder.Reset();
  CHECK(decoder.Decode(spec, clip.packets[0], samples).ok());
}

#endif
