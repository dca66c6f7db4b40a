// AudioDecoder: PCM blocks unpacked, opus packets through OpusPacketDecoder.
#include <algorithm>
#include <utility>

#include "media/opus_packet_decoder.h"
#include "vrsx/audio.h"

namespace vrsx {

struct AudioDecoder::OpusState {
  media::OpusPacketDecoder decoder;
};

AudioSpec AudioSamples::spec() const {
  AudioSpec spec;
  spec.format = AudioFormat::kPcm;
  spec.sample_format = sample_format;
  spec.channels = channels;
  spec.sample_rate = sample_rate;
  spec.sample_count = frame_count;
  return spec;
}

bool OpusSupported() {
#ifdef VRSX_HAVE_OPUS
  return true;
#else
  return false;
#endif
}

AudioDecoder::AudioDecoder() = default;
AudioDecoder::~AudioDecoder() = default;
AudioDecoder::AudioDecoder(AudioDecoder&&) noexcept = default;
AudioDecoder& AudioDecoder::operator=(AudioDecoder&&) noexcept = default;

namespace {

// Copies `spec.sample_count` frames of `data` without their padding.
Status UnpackPcm(const AudioSpec& spec, std::span<const uint8_t> data, AudioSamples& out) {
  const uint32_t sample_bytes = AudioSampleFormatBytes(spec.sample_format);
  if (sample_bytes == 0 || spec.channels == 0) {
    return {ErrorCode::kInvalidArgument, "audio: PCM block without sample format or channels"};
  }
  const size_t packed = size_t(sample_bytes) * spec.channels;
  const size_t stride = spec.FrameStride();
  if (stride < packed) {
    return {ErrorCode::kCorrupt,
            "audio: frame stride " + std::to_string(stride) + " smaller than a frame's samples"};
  }
  // The last frame may stop right after its samples.
  const size_t frames = spec.sample_count;
  if (frames > 0 && data.size() < (frames - 1) * stride + packed) {
    return {ErrorCode::kTruncated, "audio: block of " + std::to_string(data.size()) +
                                       " bytes holds fewer than " + std::to_string(frames) +
                                       " sample frames"};
  }
  out.bytes.resize(frames * packed);
  if (stride == packed) {
    std::copy(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(frames * packed),
              out.bytes.begin());
  } else {
    for (size_t f = 0; f < frames; ++f) {
      std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(f * stride), packed,
                  out.bytes.begin() + static_cast<std::ptrdiff_t>(f * packed));
    }
  }
  out.frame_count = static_cast<uint32_t>(frames);
  return Status::Ok();
}

}  // namespace

Status AudioDecoder::Decode(const AudioSpec& spec, std::span<const uint8_t> data,
                            AudioSamples& out) {
  out.bytes.clear();
  out.frame_count = 0;
  out.channels = spec.channels;
  out.sample_rate = spec.sample_rate;
  switch (spec.format) {
    case AudioFormat::kPcm:
      out.sample_format = spec.sample_format;
      return UnpackPcm(spec, data, out);
    case AudioFormat::kOpus: {
      out.sample_format = AudioSampleFormat::kInt16Le;
      if (!opus_) opus_ = std::make_unique<OpusState>();
      Status status =
          opus_->decoder.Configure(spec.sample_rate, spec.channels, spec.stereo_pair_count);
      if (!status.ok()) return status;
      return opus_->decoder.Decode(data, out.bytes, out.frame_count);
    }
    case AudioFormat::kUndefined:
      break;
  }
  return {ErrorCode::kUnsupported, "audio: undefined audio format"};
}

Status AudioDecoder::Decode(const DecodedBlock& block, AudioSamples& out) {
  if (block.kind != BlockKind::kAudio) {
    return {ErrorCode::kInvalidArgument,
            std::string("audio: not an audio block but ") + BlockKindName(block.kind)};
  }
  return Decode(block.spec.audio, block.data, out);
}

void AudioDecoder::Reset() {
  if (opus_) opus_->decoder.Reset();
}

}  // namespace vrsx
