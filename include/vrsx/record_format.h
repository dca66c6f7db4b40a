// RecordFormat: how a record payload splits into content blocks (data layouts, images, audio...).
//
// A stream declares one RecordFormat per (record type, format version) in its VRS tag
// `RF:<Type>:<version>`, e.g. "data_layout/size=24+image/raw":
//
//   vrsx::RecordFormat format = vrsx::RecordFormat::Parse("data_layout/size=24+image/raw");
//   format.blocks()[1].image.format;       // ImageFormat::kRaw
//   format.BlockSize(0, payload_size);     // 24
//   format.Text();                         // the canonical text, what writers store
//
// Parsing never fails: like the reference tokenizer, unknown names become `custom` blocks and
// unknown tokens are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vrsx/stream_id.h"

namespace vrsx {

// ---- Enumerations. Names are the on-disk form; numeric values are stored in DataLayout fields.

enum class ContentType : uint8_t {
  kCustom = 0,
  kEmpty = 1,
  kDataLayout = 2,
  kImage = 3,
  kAudio = 4,
};

enum class ImageFormat : uint8_t {
  kUndefined = 0,
  kRaw = 1,
  kJpg = 2,
  kPng = 3,
  kVideo = 4,
  kJxl = 5,
  kCustomCodec = 6,
};

enum class PixelFormat : uint8_t {
  kUndefined = 0,
  kGrey8 = 1,
  kBgr8 = 2,
  kDepth32F = 3,
  kRgb8 = 4,
  kYuvI420Split = 5,
  kYuvI420Planar = 5,  // API alias; the name "yuv_i420_planar" never appears in files
  kRgba8 = 6,
  kRgb10 = 7,
  kRgb12 = 8,
  kGrey10 = 9,
  kGrey12 = 10,
  kGrey16 = 11,
  kRgb32F = 12,
  kScalar64F = 13,
  kYuy2 = 14,
  kRgbIr4x4 = 15,
  kRgba32F = 16,
  kBayer8Rggb = 17,
  kRaw10 = 18,
  kRaw10BayerRggb = 19,
  kRaw10BayerBggr = 20,
  kYuv420Nv21 = 21,
  kYuv420Nv12 = 22,
  kGrey10Packed = 23,
  kBayer8Bggr = 24,
  kBayer10Gbrg = 25,
  kBayer8Gbrg = 26,
};
inline constexpr uint32_t kPixelFormatCount = 27;  // values 0..26

enum class AudioFormat : uint8_t {
  kUndefined = 0,
  kPcm = 1,
  kOpus = 2,
};

enum class AudioSampleFormat : uint8_t {
  kUndefined = 0,
  kInt8 = 1,
  kUint8 = 2,
  kUint8Alaw = 3,
  kUint8Mulaw = 4,
  kInt16Le = 5,
  kUint16Le = 6,
  kInt16Be = 7,
  kUint16Be = 8,
  kInt24Le = 9,
  kUint24Le = 10,
  kInt24Be = 11,
  kUint24Be = 12,
  kInt32Le = 13,
  kUint32Le = 14,
  kInt32Be = 15,
  kUint32Be = 16,
  kFloat32Le = 17,
  kFloat32Be = 18,
  kFloat64Le = 19,
  kFloat64Be = 20,
};
inline constexpr uint32_t kAudioSampleFormatCount = 21;  // values 0..20

// Name of a value ("data_layout", "custom_codec", "yuv_i420_split", "int16le"...); out-of-range
// values give the name of the default value ("custom" or "undefined").
const char* ContentTypeName(ContentType type);
const char* ImageFormatName(ImageFormat format);
const char* PixelFormatName(PixelFormat format);
const char* AudioFormatName(AudioFormat format);
const char* AudioSampleFormatName(AudioSampleFormat format);

// Exact, case-sensitive name lookups; nullopt for unknown names and for "undefined".
std::optional<ContentType> ContentTypeFromName(std::string_view name);
std::optional<ImageFormat> ImageFormatFromName(std::string_view name);
std::optional<PixelFormat> PixelFormatFromName(std::string_view name);
std::optional<AudioFormat> AudioFormatFromName(std::string_view name);
std::optional<AudioSampleFormat> AudioSampleFormatFromName(std::string_view name);

// ---- Pixel format properties (spec 02 §7.1). Undefined or out-of-range formats: 0 channels,
// no bytes per pixel, 1 plane, stride 0.

uint32_t PixelFormatChannels(PixelFormat format);
// Bytes per pixel, for formats that have a whole number of them (not the YUV or packed ones).
std::optional<uint32_t> PixelFormatBytesPerPixel(PixelFormat format);
uint32_t PixelFormatPlaneCount(PixelFormat format);
// Bytes per row of plane 0 for an image `width` pixels wide, without padding.
size_t PixelFormatDefaultStride(PixelFormat format, uint32_t width);

// ---- Audio sample format properties (spec 02 §8.1). Undefined: 0.

uint32_t AudioSampleFormatBits(AudioSampleFormat format);
uint32_t AudioSampleFormatBytes(AudioSampleFormat format);  // ceil(bits / 8)

// ---- Escaping of names inside RecordFormat text (spec 02 §2.4).

// Bytes < 32, >= 127 and `+ / \ % space " '` become %XY (uppercase hex): "H/264 +x" gives
// "H%2F264%20%2Bx".
std::string EscapeCodecName(std::string_view name);
// %XY (hex digits of either case) becomes the byte; any other text is kept as is.
std::string UnescapeCodecName(std::string_view text);
// Every byte that is not ASCII alphanumeric nor one of `_-*.,;:!@~#&|[]{}'` becomes '_'.
std::string SanitizeCustomFormatName(std::string_view name);

// ---- Content block specs.

inline constexpr uint8_t kUndefinedCodecQuality = 255;

// What an `image` block holds. The spec text is "raw/640x480/pixel=grey8" (no "image/" prefix).
struct ImageSpec {
  ImageFormat format = ImageFormat::kUndefined;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t stride = 0;    // bytes per row of plane 0; 0 = the pixel format's default
  uint32_t stride_2 = 0;  // bytes per row of planes >= 1; 0 = default
  PixelFormat pixel_format = PixelFormat::kUndefined;
  std::string codec_name;                          // video, custom_codec (unescaped)
  uint8_t codec_quality = kUndefinedCodecQuality;  // 0..100, else undefined
  std::optional<double> key_frame_timestamp;       // video: timestamp of the group's key frame
  uint32_t key_frame_index = 0;                    // video: frames since the key frame

  // Parses spec tokens ("raw/640x480/pixel=grey8"); see RecordFormat::Parse for the rules.
  static ImageSpec Parse(std::string_view spec_text);
  // Canonical spec text; empty when the format is undefined.
  std::string Text() const;

  // Planes of a raw image: count, bytes per row (explicit or default stride) and rows.
  uint32_t PlaneCount() const;
  size_t PlaneStride(uint32_t plane) const;
  uint32_t PlaneHeight(uint32_t plane) const;
  // Byte size of a raw image with these dimensions and pixel format, planes back to back;
  // nullopt when the pixel format is undefined, a dimension is 0, or the size would be 0.
  std::optional<size_t> RawImageSize() const;
};

// What an `audio` block holds. The spec text is "pcm/int16le/channels=1/rate=44100".
struct AudioSpec {
  AudioFormat format = AudioFormat::kUndefined;
  AudioSampleFormat sample_format = AudioSampleFormat::kUndefined;
  uint8_t channels = 0;
  uint32_t sample_rate = 0;       // frames per second
  uint32_t sample_count = 0;      // frames in the block; 0 = unknown
  uint8_t frame_stride = 0;       // bytes per frame including padding; 0 = packed
  uint8_t stereo_pair_count = 0;  // opus only; never in the text

  static AudioSpec Parse(std::string_view spec_text);
  std::string Text() const;

  // The explicit frame stride, else bytes per sample x channels.
  uint32_t FrameStride() const;
  // PCM with a sample count and a frame stride: stride x samples; otherwise nullopt.
  std::optional<size_t> BlockSize() const;
};

// One block of a RecordFormat: "image/raw/640x480/pixel=grey8", "data_layout/size=24"...
struct ContentBlock {
  ContentType type = ContentType::kCustom;
  std::optional<size_t> size;  // explicit `/size=N`
  ImageSpec image;             // type kImage
  AudioSpec audio;             // type kAudio
  std::string custom_format;   // type kCustom: `/format=<name>` (sanitised by Text())

  static ContentBlock Parse(std::string_view text);
  // Canonical text: type name, then `/size=N`, then `/` + the spec text if not empty.
  std::string Text() const;
  // The size of the block known from its description alone (spec 02 §2.5), nullopt if unknown.
  std::optional<size_t> StaticSize() const;
};

class RecordFormat {
 public:
  RecordFormat() = default;
  explicit RecordFormat(std::vector<ContentBlock> blocks) : blocks_(std::move(blocks)) {}

  // Never fails; an empty text gives one `custom` block. See spec 02 §2.1.
  static RecordFormat Parse(std::string_view text);
  // Blocks' texts joined with '+'; "empty" when there is no block.
  std::string Text() const;

  const std::vector<ContentBlock>& blocks() const { return blocks_; }
  void AddBlock(ContentBlock block) { blocks_.push_back(std::move(block)); }

  // Blocks up to and including the last one that is not `empty`.
  size_t UsedBlocks() const;
  // Size of block `index` when `remaining` payload bytes are still unread: its static size if
  // it fits, else what remains after the later blocks if they all have static sizes (the
  // "last block" rule), else nullopt.
  std::optional<size_t> BlockSize(size_t index, size_t remaining) const;

 private:
  std::vector<ContentBlock> blocks_;
};

// ---- Stream tag names holding the definitions (spec 02 §1).

// "RF:Data:1"
std::string RecordFormatTagName(RecordType type, uint32_t format_version);
// "DL:Data:1:0"
std::string DataLayoutTagName(RecordType type, uint32_t format_version, size_t block_index);

struct RecordFormatTag {
  RecordType type = RecordType::kUndefined;
  uint32_t format_version = 0;
  bool operator==(const RecordFormatTag&) const = default;
};
// "RF:" + State|Configuration|Data + ":" + a decimal u32 ending the text; nullopt otherwise.
std::optional<RecordFormatTag> ParseRecordFormatTagName(std::string_view tag_name);

}  // namespace vrsx
