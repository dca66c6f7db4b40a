// libopus behind OpusPacketDecoder; without VRSX_HAVE_OPUS every call says "unsupported".
#include "media/opus_packet_decoder.h"

#include <bit>
#include <cstring>
#include <string>

#ifdef VRSX_HAVE_OPUS
#include <opus_multistream.h>
#endif

namespace vrsx::media {

namespace {

bool IsOpusRate(uint32_t rate) {
  return rate == 8000 || rate == 12000 || rate == 16000 || rate == 24000 || rate == 48000;
}

}  // namespace

#ifdef VRSX_HAVE_OPUS

OpusPacketDecoder::~OpusPacketDecoder() {
  if (decoder_) opus_multistream_decoder_destroy(static_cast<OpusMSDecoder*>(decoder_));
}

Status OpusPacketDecoder::Configure(uint32_t sample_rate, uint8_t channels, uint8_t stereo_pairs) {
  if (decoder_ && sample_rate == sample_rate_ && channels == channels_ &&
      stereo_pairs == stereo_pairs_) {
    return Status::Ok();
  }
  if (!IsOpusRate(sample_rate)) {
    return {ErrorCode::kInvalidArgument, "opus: sample rate " + std::to_string(sample_rate) +
                                             " is not one of 8000, 12000, 16000, 24000, 48000"};
  }
  if (channels == 0 || stereo_pairs > channels / 2) {
    return {ErrorCode::kInvalidArgument, "opus: " + std::to_string(channels) + " channels with " +
                                             std::to_string(stereo_pairs) + " stereo pairs"};
  }
  if (decoder_) opus_multistream_decoder_destroy(static_cast<OpusMSDecoder*>(decoder_));
  decoder_ = nullptr;
  std::vector<unsigned char> mapping(channels);
  for (size_t i = 0; i < mapping.size(); ++i) mapping[i] = static_cast<unsigned char>(i);
  int error = OPUS_OK;
  OpusMSDecoder* decoder = opus_multistream_decoder_create(static_cast<opus_int32>(sample_rate),
                                                           channels, channels - stereo_pairs,
                                                           stereo_pairs, mapping.data(), &error);
  if (!decoder || error != OPUS_OK) {
    return {ErrorCode::kInvalidArgument,
            std::string("opus: cannot create the decoder: ") + opus_strerror(error)};
  }
  decoder_ = decoder;
  sample_rate_ = sample_rate;
  channels_ = channels;
  stereo_pairs_ = stereo_pairs;
  scratch_.resize(size_t(MaxFrames(sample_rate)) * channels);
  return Status::Ok();
}

Status OpusPacketDecoder::Decode(std::span<const uint8_t> packet, std::vector<uint8_t>& pcm,
                                 uint32_t& frames) {
  frames = 0;
  pcm.clear();
  if (!decoder_) return {ErrorCode::kInvalidArgument, "opus: decoder not configured"};
  // An empty packet would mean "packet lost" to libopus: not what a block holds.
  if (packet.empty()) return {ErrorCode::kCorrupt, "opus: empty packet"};
  if (packet.size() > 0x7fffffff) return {ErrorCode::kTooLarge, "opus: packet too large"};
  int decoded = opus_multistream_decode(static_cast<OpusMSDecoder*>(decoder_), packet.data(),
                                        static_cast<opus_int32>(packet.size()), scratch_.data(),
                                        static_cast<int>(MaxFrames(sample_rate_)), 0);
  if (decoded < 0) {
    return {ErrorCode::kCorrupt, std::string("opus: invalid packet: ") + opus_strerror(decoded)};
  }
  frames = static_cast<uint32_t>(decoded);
  size_t samples = size_t(frames) * channels_;
  pcm.resize(samples * 2);
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(pcm.data(), scratch_.data(), samples * 2);  // int16 is already int16le
    return Status::Ok();
  }
  for (size_t i = 0; i < samples; ++i) {
    auto value = static_cast<uint16_t>(scratch_[i]);
    pcm[2 * i] = static_cast<uint8_t>(value);
    pcm[2 * i + 1] = static_cast<uint8_t>(value >> 8);
  }
  return Status::Ok();
}

void OpusPacketDecoder::Reset() {
  if (decoder_)
    opus_multistream_decoder_ctl(static_cast<OpusMSDecoder*>(decoder_), OPUS_RESET_STATE);
}

#else  // no libopus

namespace {
Status NoOpus() {
  return {ErrorCode::kUnsupported, "unsupported: built without libopus"};
}
}  // namespace

OpusPacketDecoder::~OpusPacketDecoder() = default;
Status OpusPacketDecoder::Configure(uint32_t sample_rate, uint8_t, uint8_t) {
  (void)IsOpusRate(sample_rate);
  return NoOpus();
}
Status OpusPacketDecoder::Decode(std::span<const uint8_t>, std::vector<uint8_t>& pcm,
                                 uint32_t& frames) {
  pcm.clear();
  frames = 0;
  return NoOpus();
}
void OpusPacketDecoder::Reset() {}

#endif

}  // namespace vrsx::media
