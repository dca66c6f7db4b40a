// The DataLayout conventions of spec 02 §6.1: the field labels (and types) through which a
// DataLayout block describes the image and audio blocks of its record, or of the stream's later
// records when it is in a Configuration record.
//
//   layout.Add(vrsx::PieceDefinition::Value<uint32_t>(vrsx::conventions::kImageWidth));
//
// A field counts only with its exact label and type: `image_width` as a float, or `image_widht`,
// is ignored by readers. CheckConventionFields catches both before a file is written.
#pragma once

#include <span>
#include <string_view>

#include "vrsx/data_layout.h"
#include "vrsx/status.h"

namespace vrsx::conventions {

// Image spec fields (Value<uint32_t> unless noted).
inline constexpr std::string_view kImageWidth = "image_width";
inline constexpr std::string_view kImageHeight = "image_height";
inline constexpr std::string_view kImageStride = "image_stride";
inline constexpr std::string_view kImageStride2 = "image_stride_2";
inline constexpr std::string_view kImagePixelFormat = "image_pixel_format";  // PixelFormat value
inline constexpr std::string_view kImageCodecName = "image_codec_name";      // String
inline constexpr std::string_view kImageCodecQuality = "image_codec_quality";
// Legacy substitute for the pixel format: Value<uint32_t> or Value<uint8_t>.
inline constexpr std::string_view kImageBytesPerPixel = "image_bytes_per_pixel";
inline constexpr std::string_view kImageKeyFrameTimestamp = "image_key_frame_timestamp";  // double
inline constexpr std::string_view kImageKeyFrameIndex = "image_key_frame_index";

// Audio spec fields (Value<uint8_t> unless noted).
inline constexpr std::string_view kAudioFormat = "audio_format";               // AudioFormat
inline constexpr std::string_view kAudioSampleFormat = "audio_sample_format";  // AudioSampleFormat
inline constexpr std::string_view kAudioSampleStride = "audio_sample_stride";
inline constexpr std::string_view kAudioChannelCount = "audio_channel_count";
inline constexpr std::string_view kAudioSampleRate = "audio_sample_rate";    // uint32_t
inline constexpr std::string_view kAudioSampleCount = "audio_sample_count";  // uint32_t
inline constexpr std::string_view kAudioStereoPairCount = "audio_stereo_pair_count";

// "Next content block" field (uint32_t): the size of the block after this data_layout block.
inline constexpr std::string_view kNextContentBlockSize = "next_content_block_size";

// One conventional (label, kind, type); a label may be listed under two types.
struct Field {
  std::string_view label;
  PieceKind kind;
  ElementType type;
};

// Every conventional field of §6.1.
std::span<const Field> Fields();

// Checks a layout a writer is about to declare (the rule, from the mistakes it is meant to
// catch):
// - a field with a conventional label must have one of that label's kinds and types;
// - a field whose label is not conventional but comes within 2 edits (insertion, deletion,
//   substitution, swap of neighbours) of a conventional one, or equals one once case and the
//   separators `_`, `-`, ` ` are ignored ("imageWidth"), is taken for a misspelling.
// kInvalidArgument names the field and the convention it resembles.
Status CheckConventionFields(const DataLayoutDefinition& layout);

}  // namespace vrsx::conventions
