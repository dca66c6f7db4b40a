// WAV files of PCM audio blocks.
#include "media/wav_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vrsx::media {

namespace {

void Put16(uint8_t* at, uint32_t v) {
  at[0] = static_cast<uint8_t>(v);
  at[1] = static_cast<uint8_t>(v >> 8);
}
void Put32(uint8_t* at, uint32_t v) {
  Put16(at, v);
  Put16(at + 2, v >> 16);
}

}  // namespace

uint16_t WavFormatCode(AudioSampleFormat format) {
  switch (format) {
    case AudioSampleFormat::kFloat32Le:
    case AudioSampleFormat::kFloat32Be:
    case AudioSampleFormat::kFloat64Le:
    case AudioSampleFormat::kFloat64Be:
      return 3;
    case AudioSampleFormat::kUint8Alaw:
      return 6;
    case AudioSampleFormat::kUint8Mulaw:
      return 7;
    default:
      return 1;
  }
}

std::array<uint8_t, kWavHeaderSize> WavHeader(const AudioSpec& spec, uint32_t data_size) {
  std::array<uint8_t, kWavHeaderSize> header{};
  uint8_t* h = header.data();
  const uint32_t bytes_per_sample = AudioSampleFormatBytes(spec.sample_format);
  const uint32_t block_align = bytes_per_sample * spec.channels;
  std::memcpy(h, "RIFF", 4);
  Put32(h + 4, 36 + data_size);
  std::memcpy(h + 8, "WAVE", 4);
  std::memcpy(h + 12, "fmt ", 4);
  Put32(h + 16, 16);
  Put16(h + 20, WavFormatCode(spec.sample_format));
  Put16(h + 22, spec.channels);
  Put32(h + 24, spec.sample_rate);
  Put32(h + 28, spec.sample_rate * block_align);
  Put16(h + 32, block_align);
  Put16(h + 34, AudioSampleFormatBits(spec.sample_format));
  std::memcpy(h + 36, "data", 4);
  Put32(h + 40, data_size);
  return header;
}

bool WavCompatible(const AudioSpec& a, const AudioSpec& b) {
  return a.format == b.format && a.sample_format == b.sample_format && a.channels == b.channels &&
         a.sample_rate == b.sample_rate && a.FrameStride() == b.FrameStride();
}

std::string WavDetailsLine(const AudioSpec& spec) {
  std::string line = "WAV file details: ";
  line += std::to_string(spec.channels);
  line += spec.channels == 1 ? " channel, " : " channels, ";
  line += std::to_string(spec.sample_rate);
  line += ' ';
  line += AudioSampleFormatName(spec.sample_format);
  line += " samples/s, ";
  line += std::to_string(AudioSampleFormatBits(spec.sample_format));
  line += " bits per sample, ";
  line += std::to_string(spec.FrameStride());
  line += " bytes sample frame stride.";
  return line;
}

WavWriter::~WavWriter() {
  Close();
}

Status WavWriter::Open(const std::string& path, const AudioSpec& spec) {
  Status closed = Close();
  if (!closed.ok()) return closed;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return Status(ErrorCode::kIoError, path + ": " + std::strerror(errno));
  path_ = path;
  spec_ = spec;
  data_size_ = 0;
  failed_ = false;
  std::array<uint8_t, kWavHeaderSize> header = WavHeader(spec, 0);
  if (std::fwrite(header.data(), 1, header.size(), file_) != header.size()) failed_ = true;
  if (failed_) return Status(ErrorCode::kIoError, path + ": write failed");
  return Status::Ok();
}

uint64_t WavWriter::SampleBytes(const AudioSpec& spec) {
  return uint64_t(spec.sample_count) * AudioSampleFormatBytes(spec.sample_format) * spec.channels;
}

bool WavWriter::WouldOverflow(const AudioSpec& spec) const {
  return kWavHeaderSize + data_size_ + SampleBytes(spec) >= kMaxFileSize;
}

Status WavWriter::Append(const AudioSpec& spec, std::span<const uint8_t> block) {
  if (file_ == nullptr) return Status(ErrorCode::kInvalidArgument, "no WAV file open");
  const size_t frame_bytes = size_t(AudioSampleFormatBytes(spec.sample_format)) * spec.channels;
  const size_t stride = spec.FrameStride();
  if (spec.sample_count == 0 || frame_bytes == 0) return Status::Ok();
  const size_t needed = (spec.sample_count - size_t{1}) * stride + frame_bytes;
  if (stride < frame_bytes || block.size() < needed) {
    return Status(ErrorCode::kTruncated, "audio block of " + std::to_string(block.size()) +
                                             " bytes, " + std::to_string(needed) + " needed");
  }
  const uint8_t* samples = block.data();
  size_t count = spec.sample_count * frame_bytes;
  if (stride != frame_bytes) {
    buffer_.resize(count);
    for (size_t i = 0; i < spec.sample_count; ++i) {
      std::memcpy(buffer_.data() + i * frame_bytes, block.data() + i * stride, frame_bytes);
    }
    samples = buffer_.data();
  }
  if (std::fwrite(samples, 1, count, file_) != count) {
    failed_ = true;
    return Status(ErrorCode::kIoError, path_ + ": write failed");
  }
  data_size_ += count;
  return Status::Ok();
}

Status WavWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  std::array<uint8_t, kWavHeaderSize> header =
      WavHeader(spec_, static_cast<uint32_t>(std::min<uint64_t>(data_size_, 0xFFFFFFFFu - 36)));
  if (std::fseek(file_, 0, SEEK_SET) != 0 ||
      std::fwrite(header.data(), 1, header.size(), file_) != header.size()) {
    failed_ = true;
  }
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return Status(ErrorCode::kIoError, path_ + ": write failed");
  return Status::Ok();
}

}  // namespace vrsx::media
