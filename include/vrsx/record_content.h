// Record content: a record payload split into its content blocks, the way the reference reads it
// (spec 02 §2.5, §3, §6).
//
// StreamFormats parses every stream's `RF:` and `DL:` tags once per file. A RecordContentDecoder
// then decodes records in reading order, remembering per stream the DataLayout blocks of the most
// recent Configuration record, so that image and audio blocks described elsewhere are completed:
//
//   vrsx::StreamFormats formats(reader);
//   vrsx::RecordContentDecoder decoder(formats);
//   vrsx::RecordContent content;
//   std::vector<uint8_t> payload;
//   for (size_t pos = 0; pos < reader.index().size(); ++pos) {
//     if (!decoder.ReadAndDecode(reader, pos, payload, content).ok()) continue;
//     for (const vrsx::DecodedBlock& block : content.blocks) {
//       block.Text();  // "image/raw/640x480/pixel=grey8"
//       block.data;    // the block's bytes in `payload`
//     }
//     if (!content.ok()) report(content.message);
//   }
//
// Everything that depends on tag text (JSON parsing, field lookups by label) is done once per
// definition; decoding a record reads field values by index and allocates nothing once the
// output's vectors have grown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "vrsx/data_layout.h"
#include "vrsx/record.h"
#include "vrsx/record_format.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/tags.h"

namespace vrsx {

class Reader;

// ---------------------------------------------------------------------------------------------
// Datalayout conventions (§6.1): where the image/audio fields of a layout are, found once.

// Piece indexes in one DataLayoutDefinition of the conventional fields, matched by label and
// type exactly (a field with the right label but another type is not there).
struct ConventionFields {
  // Image spec fields (Value<uint32_t> unless noted).
  std::optional<size_t> image_width;
  std::optional<size_t> image_height;
  std::optional<size_t> image_stride;
  std::optional<size_t> image_stride_2;
  std::optional<size_t> image_pixel_format;
  std::optional<size_t> image_codec_name;  // String
  std::optional<size_t> image_codec_quality;
  std::optional<size_t> image_bytes_per_pixel;      // legacy, uint32_t
  std::optional<size_t> image_bytes_per_pixel_u8;   // legacy, uint8_t
  std::optional<size_t> image_key_frame_timestamp;  // double
  std::optional<size_t> image_key_frame_index;
  // Audio spec fields (Value<uint8_t> unless noted).
  std::optional<size_t> audio_format;
  std::optional<size_t> audio_sample_format;
  std::optional<size_t> audio_sample_stride;
  std::optional<size_t> audio_channel_count;
  std::optional<size_t> audio_sample_rate;   // uint32_t
  std::optional<size_t> audio_sample_count;  // uint32_t
  std::optional<size_t> audio_stereo_pair_count;
  // "Next content block" field (uint32_t).
  std::optional<size_t> next_content_block_size;

  static ConventionFields Locate(const DataLayoutDefinition& layout);
};

// The functions below read `block`, a view made from the definition `fields` was located in
// (not a mapped view). A field counts when it is located and available in the block.

// §6.3: the image spec a DataLayout block gives an image block whose RecordFormat spec is
// `base` (raw, video or custom_codec; nullopt for other formats or when the block does not
// complete it). Key-frame fields are not applied (see ApplyKeyFrameFields).
std::optional<ImageSpec> ImageSpecFromDataLayout(const DataLayoutBlock& block,
                                                 const ConventionFields& fields,
                                                 const ImageSpec& base);
// §6.4 step 6: sets the key-frame timestamp and index when the block has both fields.
bool ApplyKeyFrameFields(const DataLayoutBlock& block, const ConventionFields& fields,
                         ImageSpec& spec);
// §6.5: the audio spec a DataLayout block gives, when it has a valid format, sample format,
// channel count and rate (and a sane stride). Its sample count is the block's
// `audio_sample_count` if > 0, else `fallback_sample_count`.
std::optional<AudioSpec> AudioSpecFromDataLayout(const DataLayoutBlock& block,
                                                 const ConventionFields& fields,
                                                 uint32_t fallback_sample_count = 0);
// §6.1 "next content block" fields.
std::optional<uint32_t> NextContentBlockSize(const DataLayoutBlock& block,
                                             const ConventionFields& fields);
std::optional<uint32_t> NextAudioSampleCount(const DataLayoutBlock& block,
                                             const ConventionFields& fields);

// ---------------------------------------------------------------------------------------------
// Definitions of a file's streams, parsed once.

// The definition of one data_layout block of a RecordFormat: its parsed DL tag.
struct DataLayoutSlot {
  std::string tag_name;  // "DL:Data:1:0"
  // Null when the tag is missing or invalid; then `error` says why.
  std::unique_ptr<DataLayoutDefinition> layout;
  std::string error;
  ConventionFields fields;  // located in *layout
};

// A stream's RecordFormat for one (record type, format version), with its DataLayouts.
struct RecordFormatDefinition {
  StreamId stream;
  RecordType type = RecordType::kUndefined;
  uint32_t format_version = 0;
  std::string tag_name;  // "RF:Data:1"
  RecordFormat format;
  std::string text;  // canonical text, what `print` shows: "data_layout/size=24+image/raw"
  size_t used_blocks = 0;
  // One per block of `format`; only data_layout blocks have a tag name, layout or error.
  std::vector<DataLayoutSlot> layouts;

  // No used block: records are opaque, as without a definition.
  bool opaque() const { return used_blocks == 0; }
};

class StreamFormats {
 public:
  StreamFormats() = default;
  // The definitions of every stream of an open file.
  explicit StreamFormats(const Reader& reader);

  StreamFormats(StreamFormats&&) noexcept = default;
  StreamFormats& operator=(StreamFormats&&) noexcept = default;

  // (Re)defines a stream's formats from its VRS tags: every `RF:` tag that parses (§1), with
  // the `DL:` tags of its data_layout blocks. A canonical tag name wins over a non-canonical
  // one for the same (type, version) ("RF:Data:1" over "RF:Data:01").
  void AddStream(StreamId stream, const TagMap& vrs_tags);

  // The definition used to read records of that kind, or null.
  const RecordFormatDefinition* Find(StreamId stream, RecordType type,
                                     uint32_t format_version) const;
  // A stream's definitions, by record type then format version.
  std::vector<const RecordFormatDefinition*> StreamDefinitions(StreamId stream) const;
  size_t size() const { return formats_.size(); }

 private:
  using Key = std::tuple<StreamId, RecordType, uint32_t>;
  // unique_ptr: definitions keep their address, DataLayoutBlock views point into them.
  std::map<Key, std::unique_ptr<RecordFormatDefinition>> formats_;
};

// ---------------------------------------------------------------------------------------------
// Decoded records

// What a decoded block is, as `print` names it (" - Image block, ...").
enum class BlockKind : uint8_t {
  kEmpty,
  kDataLayout,
  kImage,
  kAudio,
  kCustom,
  kUnsupported,  // an image or audio block that nothing describes well enough
};
// "Empty", "DataLayout", "Image", "Audio", "Custom", "Unsupported".
const char* BlockKindName(BlockKind kind);

struct DecodedBlock {
  size_t block_index = 0;  // in the RecordFormat
  BlockKind kind = BlockKind::kCustom;
  // The resolved spec: an image or audio spec completed from DataLayouts, with the explicit
  // size the reference shows (`image/size=1234/jpg`); unsupported blocks keep the RecordFormat's.
  ContentBlock spec;
  size_t offset = 0;           // in the payload
  std::optional<size_t> size;  // nullopt: unknown (decoding stopped here)
  // The block's bytes that are in the payload: `size` bytes, fewer only for the block that
  // stopped decoding (an image larger than what is left, a truncated DataLayout...).
  std::span<const uint8_t> data;
  // kDataLayout: the definition and a view bound to `data` (typed field access). The view
  // points into the payload and into the StreamFormats.
  const DataLayoutSlot* layout_slot = nullptr;
  DataLayoutBlock layout;

  // The canonical text `print` shows: "image/raw/640x480/pixel=grey8".
  std::string Text() const { return spec.Text(); }
  bool complete() const { return size && data.size() == *size; }
};

// How decoding a record ended.
enum class ContentEnd : uint8_t {
  kComplete,             // every used block read, payload consumed exactly
  kBytesLeft,            // every used block read, some payload bytes not
  kNoRecordFormat,       // no RF definition, or one without used blocks: opaque payload
  kMissingDataLayout,    // a data_layout block whose DL definition is missing or invalid
  kDataLayoutTruncated,  // a data_layout block running past the end of the payload
  kSizeUnknown,          // a block whose size cannot be determined ("Content block size unknown")
  kImageTooLarge,        // an image block larger than the bytes left
  kBlockTooLarge,        // another block larger than the bytes left
  kReadFailed,           // ReadAndDecode could not read the record
};
const char* ContentEndName(ContentEnd end);

struct RecordContent {
  // The definition for the record's (stream, type, version); null when there is none. An opaque
  // one (no used block) is set too, with end kNoRecordFormat.
  const RecordFormatDefinition* format = nullptr;
  // The blocks read, in order; when decoding stopped early, the last one is the block it
  // stopped at (if it could be identified), incomplete.
  std::vector<DecodedBlock> blocks;
  ContentEnd end = ContentEnd::kNoRecordFormat;
  size_t bytes_left = 0;  // payload bytes after the last complete block
  // Empty when complete; otherwise names the stream, the record and what is wrong.
  std::string message;

  bool ok() const { return end == ContentEnd::kComplete; }
  // The header text of `print`: the RecordFormat's text, or "<no RecordFormat definition>".
  std::string_view format_text() const;
  void Clear();
};

inline constexpr size_t kNoIndexPosition = static_cast<size_t>(-1);

// The record being decoded.
struct RecordRef {
  StreamId stream;
  RecordType type = RecordType::kUndefined;
  double timestamp = 0;
  uint32_t format_version = 0;
  size_t index_position = kNoIndexPosition;  // in Reader::index(), for messages
};

// Decodes records in reading order. Keeps, per stream, the data_layout blocks of the most
// recently decoded Configuration record (a copy of its payload), used to complete image and audio
// specs of later Data and State records (§3, §6.4, §6.5), and where an image spec was found.
// Not thread-safe; `formats` must outlive the decoder.
class RecordContentDecoder {
 public:
  explicit RecordContentDecoder(const StreamFormats& formats);
  ~RecordContentDecoder();
  RecordContentDecoder(RecordContentDecoder&&) noexcept;
  RecordContentDecoder& operator=(RecordContentDecoder&&) noexcept;

  // Decodes `payload` into `out` (whose vectors are reused). The blocks point into `payload`.
  void Decode(const RecordRef& record, std::span<const uint8_t> payload, RecordContent& out);
  void Decode(const RecordInfo& info, const RecordDetails& details,
              std::span<const uint8_t> payload, RecordContent& out,
              size_t index_position = kNoIndexPosition);
  // `pos` is the record's index position, `details` what ReadRecord returned with `payload`.
  void Decode(const Reader& reader, size_t pos, const RecordDetails& details,
              std::span<const uint8_t> payload, RecordContent& out);
  // Reads record `pos` into `payload` and decodes it; the status is the read's. With automatic
  // configuration reading (the default), a record of a stream first gets that stream's latest
  // Configuration record before it read and decoded, unless it is the one the decoder holds:
  // records read in any order (by index, by time, nearest) decode as they do in order.
  Status ReadAndDecode(const Reader& reader, size_t pos, std::vector<uint8_t>& payload,
                       RecordContent& out);
  // pyvrs's auto_read_configuration_records. The CLI turns it off: like the reference, it
  // decodes with the configuration records it visited, and pre-rolls them itself.
  void set_auto_read_configuration_records(bool on) { auto_read_configuration_ = on; }

  // The latest Configuration record's data_layout blocks of a stream, or null.
  struct Configuration {
    double timestamp = 0;
    size_t index_position = kNoIndexPosition;
    const RecordFormatDefinition* format = nullptr;
    std::vector<uint8_t> payload;
    struct Layout {
      size_t block_index = 0;
      const DataLayoutSlot* slot = nullptr;
      DataLayoutBlock block;  // bound to `payload`
    };
    std::vector<Layout> layouts;  // in block order
  };
  const Configuration* configuration(StreamId stream) const;

  // Forgets every stream's configuration and cached locations (before reading from elsewhere).
  void Reset();
  // The same for one stream.
  void ForgetStream(StreamId stream);

 private:
  struct State;
  // Reads and decodes the latest Configuration record of pos's stream before pos, if needed.
  void ReadLatestConfiguration(const Reader& reader, size_t pos);

  const StreamFormats* formats_;
  std::unique_ptr<State> state_;
  bool auto_read_configuration_ = true;
};

}  // namespace vrsx
