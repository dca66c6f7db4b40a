#include "media_decoding.h"

#include <utility>

namespace vrsx::python {

namespace {

// Opus's decoder state takes a while to converge after a reset: 4 packets of 20 ms (the 80 ms
// RFC 7845 suggests) left a sine within 18 dB SNR of the in-order decode, 8 within 42 dB, 12 within
// 66 dB. 10 records keep seeks cheap and the output close.
constexpr size_t kAudioPreRollRecords = 10;

bool IsVideo(const DecodedBlock& block) {
  return block.spec.image.format == ImageFormat::kVideo;
}

}  // namespace

bool NeedsImageDecoder(const DecodedBlock& block, ImageConversion conversion) {
  const ImageSpec& spec = block.spec.image;
  switch (conversion) {
    case ImageConversion::kOff:
    case ImageConversion::kRawBuffer:
      return false;
    case ImageConversion::kDecompress:
      return spec.format != ImageFormat::kRaw;
    case ImageConversion::kNormalize:
    case ImageConversion::kNormalizeGrey8:
      return spec.format != ImageFormat::kRaw ||
             !ImageDecoder::KeepsStoredPixels(spec.pixel_format, conversion);
  }
  return false;
}

bool NeedsAudioDecoder(const DecodedBlock& block) {
  return block.spec.audio.format == AudioFormat::kOpus;
}

void FileMediaDecoders::Decode(const Reader& reader, RecordContentDecoder& records, size_t position,
                               const RecordContent& content, ImageConversion conversion,
                               std::vector<DecodedMedia>& out) {
  out.clear();
  out.resize(content.blocks.size());
  const RecordInfo& info = reader.index()[position];
  StreamDecoders* stream = nullptr;
  std::optional<size_t> previous;  // the stream's record (of this type) before this one
  bool audio = false;
  size_t image_blocks = 0;
  for (size_t k = 0; k < content.blocks.size(); ++k) {
    const DecodedBlock& block = content.blocks[k];
    const size_t image_index = image_blocks;  // ImageReader counts a record's image blocks
    if (block.kind == BlockKind::kImage) ++image_blocks;
    bool image = block.kind == BlockKind::kImage && NeedsImageDecoder(block, conversion);
    bool sound = block.kind == BlockKind::kAudio && NeedsAudioDecoder(block);
    if (!image && !sound) continue;
    if (stream == nullptr) {
      stream = &streams_[info.stream];
      previous = reader.PreviousInStream(position, info.type);
    }
    if (image && IsVideo(block)) {
      // Video frames depend on the frames before them: ImageReader decodes a frame read out of
      // order from its group's key frame, and one frame a record going on in order.
      if (!video_) video_ = std::make_unique<ImageReader>(reader);
      out[k].decoded = true;
      out[k].status = video_->ReadImage(position, conversion, out[k].pixels, image_index);
    } else if (image) {
      out[k].decoded = true;
      out[k].status = stream->image.Decode(block, conversion, out[k].pixels);
    } else {
      if (!audio && stream->last_audio != previous) {
        stream->audio.Reset();
        if (previous) PreRollAudio(reader, records, position, *stream);
      }
      audio = true;
      out[k].decoded = true;
      out[k].status = stream->audio.Decode(block, out[k].samples);
    }
  }
  if (audio) stream->last_audio = position;
}

void FileMediaDecoders::PreRollAudio(const Reader& reader, RecordContentDecoder& records,
                                     size_t position, StreamDecoders& stream) {
  RecordType type = reader.index()[position].type;
  std::vector<size_t> earlier;
  std::optional<size_t> p = position;
  while (earlier.size() < kAudioPreRollRecords && (p = reader.PreviousInStream(*p, type))) {
    earlier.push_back(*p);
  }
  std::vector<uint8_t> payload;
  RecordContent content;
  AudioSamples samples;
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
    // A record that fails to read or decode only leaves the state less warm.
    if (!records.ReadAndDecode(reader, *it, payload, content).ok()) continue;
    for (const DecodedBlock& block : content.blocks) {
      if (block.kind == BlockKind::kAudio && NeedsAudioDecoder(block)) {
        (void)stream.audio.Decode(block, samples);
      }
    }
  }
}

}  // namespace vrsx::python
