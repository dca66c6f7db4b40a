// Splitting a record payload into its content blocks (spec 02 §2.5, §3, §6.2, §6.4, §6.5).
//
// Blocks are read in order; each block's size comes from its own description, from the
// DataLayout block before it, from DataLayouts of the same record or of the stream's latest
// Configuration record, or from what the later blocks leave. The first block whose size cannot be
// found, or that does not fit, ends the record.
#include <algorithm>
#include <cstdio>
#include <limits>

#include "vrsx/record_content.h"

namespace vrsx {

namespace {

// Where an image spec was found for a block of a RecordFormat: tried first for later records.
struct ImageLocation {
  const RecordFormatDefinition* format = nullptr;
  size_t block_index = 0;
  bool from_configuration = false;
  size_t layout_block_index = 0;  // the data_layout block's index in its record
};

struct StreamState {
  std::unique_ptr<RecordContentDecoder::Configuration> configuration;
  std::vector<ImageLocation> image_locations;
};

// Raw image size without wrapping around: nullopt when undefined or beyond size_t.
std::optional<size_t> CheckedRawImageSize(const ImageSpec& spec) {
  if (!spec.RawImageSize()) return std::nullopt;
  size_t size = 0;
  for (uint32_t plane = 0; plane < spec.PlaneCount(); ++plane) {
    size_t bytes = 0;
    if (__builtin_mul_overflow(spec.PlaneStride(plane), size_t(spec.PlaneHeight(plane)), &bytes) ||
        __builtin_add_overflow(size, bytes, &size)) {
      return std::nullopt;
    }
  }
  return size;
}

bool IsDefined(AudioSampleFormat format) {
  return format != AudioSampleFormat::kUndefined &&
         static_cast<uint32_t>(format) < kAudioSampleFormatCount;
}

std::string Describe(const RecordRef& record) {
  std::string text = record.stream.NumericName();
  text += ' ';
  text += RecordTypeName(record.type);
  text += " record";
  if (record.index_position != kNoIndexPosition) {
    text += " #";
    text += std::to_string(record.index_position);
  }
  char time[64];
  std::snprintf(time, sizeof(time), " at %.3f", record.timestamp);
  text += time;
  return text;
}

// Decodes one record with one RecordFormat definition.
class BlockReader {
 public:
  BlockReader(const RecordRef& record, std::span<const uint8_t> payload,
              const RecordFormatDefinition& definition,
              const RecordContentDecoder::Configuration* configuration, StreamState& stream,
              RecordContent& out)
      : record_(record),
        payload_(payload),
        definition_(definition),
        blocks_(definition.format.blocks()),
        configuration_(configuration),
        stream_(stream),
        out_(out) {}

  void Run() {
    for (size_t i = 0; i < definition_.used_blocks; ++i) {
      if (!ReadBlock(i)) {
        out_.bytes_left = payload_.size() - pos_;
        return;
      }
    }
    out_.bytes_left = payload_.size() - pos_;
    if (out_.bytes_left == 0) {
      out_.end = ContentEnd::kComplete;
      return;
    }
    out_.end = ContentEnd::kBytesLeft;
    out_.message = Describe(record_);
    out_.message += ": ";
    out_.message += std::to_string(out_.bytes_left);
    out_.message += " bytes left after the last block of \"";
    out_.message += definition_.text;
    out_.message += "\" (";
    out_.message += std::to_string(payload_.size());
    out_.message += " bytes in the record)";
  }

 private:
  size_t Remaining() const { return payload_.size() - pos_; }

  bool ReadBlock(size_t i) {
    switch (blocks_[i].type) {
      case ContentType::kEmpty:
        return Place(Push(i, BlockKind::kEmpty), 0);
      case ContentType::kDataLayout:
        return ReadDataLayout(i);
      case ContentType::kImage:
        return ReadImage(i);
      case ContentType::kAudio:
        return ReadAudio(i);
      case ContentType::kCustom:
        break;
    }
    return ReadCustom(i);
  }

  DecodedBlock& Push(size_t i, BlockKind kind) {
    DecodedBlock& block = out_.blocks.emplace_back();
    block.block_index = i;
    block.kind = kind;
    block.spec = blocks_[i];
    block.offset = pos_;
    return block;
  }

  // Gives the block its size and moves past it; false (and the record's end) when the size is
  // unknown or more than what is left.
  bool Place(DecodedBlock& block, std::optional<size_t> size) {
    block.size = size;
    if (!size) {
      return Stop(ContentEnd::kSizeUnknown, block.block_index, "content block size unknown");
    }
    size_t remaining = Remaining();
    block.data = payload_.subspan(pos_, std::min(*size, remaining));
    if (*size > remaining) {
      std::string what = BlockKindName(block.kind);
      what += " block of ";
      what += std::to_string(*size);
      what += " bytes, only ";
      what += std::to_string(remaining);
      what += " bytes left in the record";
      return Stop(
          block.kind == BlockKind::kImage ? ContentEnd::kImageTooLarge : ContentEnd::kBlockTooLarge,
          block.block_index, what);
    }
    pos_ += *size;
    return true;
  }

  bool Stop(ContentEnd end, size_t i, std::string_view what) {
    out_.end = end;
    std::string& message = out_.message;
    message = Describe(record_);
    message += ": block ";
    message += std::to_string(i);
    message += " (";
    message += blocks_[i].Text();
    message += ") of \"";
    message += definition_.text;
    message += "\": ";
    message += what;
    return false;
  }

  // The data_layout block right before block i, if there is one.
  const DecodedBlock* Previous(size_t i) const {
    if (i == 0 || out_.blocks.size() < i) return nullptr;
    const DecodedBlock& previous = out_.blocks[i - 1];
    if (previous.kind != BlockKind::kDataLayout || previous.layout_slot == nullptr) return nullptr;
    return &previous;
  }

  // §6.2: next_content_block_size of the DataLayout before, else the last-block rule.
  std::optional<size_t> FindSize(size_t i) const {
    if (const DecodedBlock* previous = Previous(i)) {
      if (std::optional<uint32_t> size =
              NextContentBlockSize(previous->layout, previous->layout_slot->fields)) {
        return *size;
      }
    }
    return definition_.format.BlockSize(i, Remaining());
  }

  bool Unsupported(size_t i) {
    return Place(Push(i, BlockKind::kUnsupported), blocks_[i].StaticSize());
  }

  bool ReadDataLayout(size_t i) {
    const DataLayoutSlot& slot = definition_.layouts[i];
    DecodedBlock& block = Push(i, BlockKind::kDataLayout);
    block.layout_slot = &slot;
    if (!slot.layout) return Stop(ContentEnd::kMissingDataLayout, i, slot.error);
    block.layout = DataLayoutBlock(*slot.layout);
    size_t size = 0;
    // The RecordFormat's `/size=` is not used: the layout says where the block ends.
    const uint8_t* at = Remaining() > 0 ? payload_.data() + pos_ : nullptr;
    Status status = block.layout.Bind(at, Remaining(), &size);
    if (!status.ok()) {
      block.size = std::max(block.layout.block_size(), slot.layout->fixed_size());
      block.data = payload_.subspan(pos_);
      return Stop(ContentEnd::kDataLayoutTruncated, i, status.message());
    }
    return Place(block, size);
  }

  bool ReadCustom(size_t i) {
    std::optional<size_t> size = FindSize(i);
    DecodedBlock& block = Push(i, BlockKind::kCustom);
    block.spec.size = size;
    return Place(block, size);
  }

  // §6.4
  bool ReadImage(size_t i) {
    const ContentBlock& description = blocks_[i];
    const ImageSpec& base = description.image;
    switch (base.format) {
      case ImageFormat::kRaw: {
        if (description.size) return Place(Push(i, BlockKind::kImage), description.size);
        if (std::optional<size_t> size = CheckedRawImageSize(base)) {
          return Place(Push(i, BlockKind::kImage), size);
        }
        std::optional<ImageSpec> spec = FindImageSpec(i, base);
        std::optional<size_t> size = spec ? CheckedRawImageSize(*spec) : std::nullopt;
        if (!size) return Unsupported(i);
        DecodedBlock& block = Push(i, BlockKind::kImage);
        block.spec.size.reset();
        block.spec.image = std::move(*spec);
        return Place(block, size);
      }
      case ImageFormat::kVideo:
      case ImageFormat::kCustomCodec: {
        std::optional<size_t> size = FindSize(i);
        if (!size) return Unsupported(i);
        std::optional<ImageSpec> spec = FindImageSpec(i, base);
        if (!spec) return Unsupported(i);
        if (base.format == ImageFormat::kVideo) {
          spec->key_frame_timestamp = base.key_frame_timestamp;
          spec->key_frame_index = base.key_frame_index;
          if (const DecodedBlock* previous = Previous(i)) {
            ApplyKeyFrameFields(previous->layout, previous->layout_slot->fields, *spec);
          }
        }
        DecodedBlock& block = Push(i, BlockKind::kImage);
        block.spec.size = size;
        block.spec.image = std::move(*spec);
        return Place(block, size);
      }
      case ImageFormat::kJpg:
      case ImageFormat::kPng:
      case ImageFormat::kJxl: {
        std::optional<size_t> size = FindSize(i);
        if (!size) return Unsupported(i);
        DecodedBlock& block = Push(i, BlockKind::kImage);
        block.spec.size = size;
        return Place(block, size);
      }
      case ImageFormat::kUndefined:
        break;
    }
    return Unsupported(i);
  }

  std::optional<ImageSpec> TryLocation(const ImageLocation& location, size_t i,
                                       const ImageSpec& base) const {
    if (!location.from_configuration) {
      size_t j = location.layout_block_index;
      if (j >= i || j >= out_.blocks.size()) return std::nullopt;
      const DecodedBlock& block = out_.blocks[j];
      if (block.kind != BlockKind::kDataLayout || block.layout_slot == nullptr) return std::nullopt;
      return ImageSpecFromDataLayout(block.layout, block.layout_slot->fields, base);
    }
    if (configuration_ == nullptr) return std::nullopt;
    for (const auto& layout : configuration_->layouts) {
      if (layout.block_index == location.layout_block_index) {
        return ImageSpecFromDataLayout(layout.block, layout.slot->fields, base);
      }
    }
    return std::nullopt;
  }

  // §6.4 step 3: the same record's DataLayouts before block i, nearest first, then (not for
  // Configuration records) the latest configuration's, last first. The location that worked
  // last time for this block is tried first.
  std::optional<ImageSpec> FindImageSpec(size_t i, const ImageSpec& base) {
    ImageLocation* cached = nullptr;
    for (ImageLocation& location : stream_.image_locations) {
      if (location.format == &definition_ && location.block_index == i) {
        cached = &location;
        if (std::optional<ImageSpec> spec = TryLocation(location, i, base)) return spec;
        break;
      }
    }
    auto found = [&](bool from_configuration, size_t j) {
      if (cached == nullptr) {
        cached = &stream_.image_locations.emplace_back();
        cached->format = &definition_;
        cached->block_index = i;
      }
      cached->from_configuration = from_configuration;
      cached->layout_block_index = j;
    };
    for (size_t j = std::min(i, out_.blocks.size()); j-- > 0;) {
      const DecodedBlock& block = out_.blocks[j];
      if (block.kind != BlockKind::kDataLayout || block.layout_slot == nullptr) continue;
      if (std::optional<ImageSpec> spec =
              ImageSpecFromDataLayout(block.layout, block.layout_slot->fields, base)) {
        found(false, j);
        return spec;
      }
    }
    if (configuration_ != nullptr) {
      for (auto layout = configuration_->layouts.rbegin(); layout != configuration_->layouts.rend();
           ++layout) {
        if (std::optional<ImageSpec> spec =
                ImageSpecFromDataLayout(layout->block, layout->slot->fields, base)) {
          found(true, layout->block_index);
          return spec;
        }
      }
    }
    return std::nullopt;
  }

  // §6.5
  bool ReadAudio(size_t i) {
    const AudioSpec& base = blocks_[i].audio;
    std::optional<AudioSpec> spec;
    if (base.format == AudioFormat::kPcm && IsDefined(base.sample_format) && base.channels != 0) {
      spec = base;
    } else {
      uint32_t next_count = 0;
      if (const DecodedBlock* previous = Previous(i)) {
        next_count =
            NextAudioSampleCount(previous->layout, previous->layout_slot->fields).value_or(0);
      }
      // Only the nearest DataLayout of the record, then only the configuration's last one.
      for (size_t j = std::min(i, out_.blocks.size()); j-- > 0;) {
        const DecodedBlock& block = out_.blocks[j];
        if (block.kind != BlockKind::kDataLayout || block.layout_slot == nullptr) continue;
        spec = AudioSpecFromDataLayout(block.layout, block.layout_slot->fields, next_count);
        break;
      }
      if (!spec && configuration_ != nullptr && !configuration_->layouts.empty()) {
        const auto& layout = configuration_->layouts.back();
        spec = AudioSpecFromDataLayout(layout.block, layout.slot->fields, next_count);
      }
    }
    if (!spec) return Unsupported(i);

    std::optional<size_t> size = FindSize(i);
    if (spec->format != AudioFormat::kPcm) {
      // Opus packets vary in size: it must come from elsewhere.
      if (!size) return Unsupported(i);
      DecodedBlock& block = Push(i, BlockKind::kAudio);
      block.spec.size = size;
      block.spec.audio = *spec;
      return Place(block, size);
    }
    size_t stride = spec->FrameStride();
    if (spec->sample_count == 0) {
      // The sample count follows from the size, and is printed instead of it.
      if (!size || stride == 0 || *size % stride != 0 ||
          *size / stride > std::numeric_limits<uint32_t>::max()) {
        return Unsupported(i);
      }
      spec->sample_count = static_cast<uint32_t>(*size / stride);
      DecodedBlock& block = Push(i, BlockKind::kAudio);
      block.spec.size.reset();
      block.spec.audio = *spec;
      return Place(block, size);
    }
    size_t needed = stride * spec->sample_count;
    if (stride == 0 || (size && *size != needed)) return Unsupported(i);
    DecodedBlock& block = Push(i, BlockKind::kAudio);
    block.spec.size = needed;
    block.spec.audio = *spec;
    return Place(block, needed);
  }

  const RecordRef& record_;
  std::span<const uint8_t> payload_;
  const RecordFormatDefinition& definition_;
  const std::vector<ContentBlock>& blocks_;
  const RecordContentDecoder::Configuration* configuration_;
  StreamState& stream_;
  RecordContent& out_;
  size_t pos_ = 0;
};

}  // namespace

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kEmpty:
      return "Empty";
    case BlockKind::kDataLayout:
      return "DataLayout";
    case BlockKind::kImage:
      return "Image";
    case BlockKind::kAudio:
      return "Audio";
    case BlockKind::kCustom:
      return "Custom";
    case BlockKind::kUnsupported:
      return "Unsupported";
  }
  return "Unsupported";
}

const char* ContentEndName(ContentEnd end) {
  switch (end) {
    case ContentEnd::kComplete:
      return "complete";
    case ContentEnd::kBytesLeft:
      return "bytes left";
    case ContentEnd::kNoRecordFormat:
      return "no RecordFormat definition";
    case ContentEnd::kMissingDataLayout:
      return "missing DataLayout definition";
    case ContentEnd::kDataLayoutTruncated:
      return "truncated DataLayout block";
    case ContentEnd::kSizeUnknown:
      return "content block size unknown";
    case ContentEnd::kImageTooLarge:
      return "image larger than the record";
    case ContentEnd::kBlockTooLarge:
      return "block larger than the record";
    case ContentEnd::kReadFailed:
      return "read failed";
  }
  return "unknown";
}

std::string_view RecordContent::format_text() const {
  if (format == nullptr || format->opaque()) return "<no RecordFormat definition>";
  return format->text;
}

void RecordContent::Clear() {
  format = nullptr;
  blocks.clear();
  end = ContentEnd::kNoRecordFormat;
  bytes_left = 0;
  message.clear();
}

struct RecordContentDecoder::State {
  std::map<StreamId, StreamState> streams;
};

RecordContentDecoder::RecordContentDecoder(const StreamFormats& formats)
    : formats_(&formats), state_(std::make_unique<State>()) {}
RecordContentDecoder::~RecordContentDecoder() = default;
RecordContentDecoder::RecordContentDecoder(RecordContentDecoder&&) noexcept = default;
RecordContentDecoder& RecordContentDecoder::operator=(RecordContentDecoder&&) noexcept = default;

void RecordContentDecoder::Reset() {
  state_->streams.clear();
}

void RecordContentDecoder::ForgetStream(StreamId stream) {
  state_->streams.erase(stream);
}

const RecordContentDecoder::Configuration* RecordContentDecoder::configuration(
    StreamId stream) const {
  auto found = state_->streams.find(stream);
  return found == state_->streams.end() ? nullptr : found->second.configuration.get();
}

void RecordContentDecoder::Decode(const RecordRef& record, std::span<const uint8_t> payload,
                                  RecordContent& out) {
  out.Clear();
  out.bytes_left = payload.size();
  const RecordFormatDefinition* definition =
      formats_->Find(record.stream, record.type, record.format_version);
  out.format = definition;
  if (definition == nullptr || definition->opaque()) {
    out.end = ContentEnd::kNoRecordFormat;
    out.message = Describe(record);
    if (definition == nullptr) {
      out.message += ": no RecordFormat definition (no ";
      out.message += RecordFormatTagName(record.type, record.format_version);
      out.message += " tag)";
    } else {
      out.message += ": no RecordFormat definition (";
      out.message += definition->tag_name;
      out.message += " has no used block)";
    }
    return;
  }

  StreamState& stream = state_->streams[record.stream];
  // Data and State records may use the latest configuration, if it is not from their future.
  const Configuration* configuration = stream.configuration.get();
  if (record.type == RecordType::kConfiguration ||
      (configuration != nullptr && configuration->timestamp > record.timestamp)) {
    configuration = nullptr;
  }
  BlockReader(record, payload, *definition, configuration, stream, out).Run();

  if (record.type != RecordType::kConfiguration) return;
  // Keep this configuration's DataLayout blocks, on our own copy of the payload.
  if (!stream.configuration) stream.configuration = std::make_unique<Configuration>();
  Configuration& kept = *stream.configuration;
  kept.timestamp = record.timestamp;
  kept.index_position = record.index_position;
  kept.format = definition;
  if (payload.data() != kept.payload.data()) kept.payload.assign(payload.begin(), payload.end());
  kept.layouts.clear();
  for (const DecodedBlock& block : out.blocks) {
    if (block.kind != BlockKind::kDataLayout || !block.complete() || block.layout_slot == nullptr ||
        !block.layout_slot->layout) {
      continue;
    }
    Configuration::Layout& layout = kept.layouts.emplace_back();
    layout.block_index = block.block_index;
    layout.slot = block.layout_slot;
    layout.block = DataLayoutBlock(*block.layout_slot->layout);
    layout.block.Bind(kept.payload.data() + block.offset, *block.size);
  }
}

void RecordContentDecoder::Decode(const RecordInfo& info, const RecordDetails& details,
                                  std::span<const uint8_t> payload, RecordContent& out,
                                  size_t index_position) {
  RecordRef record;
  record.stream = info.stream;
  record.type = info.type;
  record.timestamp = info.timestamp;
  record.format_version = details.format_version;
  record.index_position = index_position;
  Decode(record, payload, out);
}

}  // namespace vrsx
