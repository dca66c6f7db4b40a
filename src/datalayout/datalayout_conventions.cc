// The conventional fields of spec 02 §6.1: their list, located once per DataLayout definition by
// label and type, and the "next content block" fields.
#include "datalayout/datalayout_conventions.h"

#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "vrsx/conventions.h"
#include "vrsx/record_content.h"

namespace vrsx {

namespace {

using conventions::Field;
constexpr PieceKind kValue = PieceKind::kValue;

// The one list of conventional fields (label, kind, type), with where ConventionFields keeps
// each one's piece index. A label may stand under two types (legacy fields).
struct LocatedField {
  Field field;
  std::optional<size_t> ConventionFields::*slot;
};
constexpr LocatedField kLocatedFields[] = {
    {{conventions::kImageWidth, kValue, ElementType::kUInt32}, &ConventionFields::image_width},
    {{conventions::kImageHeight, kValue, ElementType::kUInt32}, &ConventionFields::image_height},
    {{conventions::kImageStride, kValue, ElementType::kUInt32}, &ConventionFields::image_stride},
    {{conventions::kImageStride2, kValue, ElementType::kUInt32}, &ConventionFields::image_stride_2},
    {{conventions::kImagePixelFormat, kValue, ElementType::kUInt32},
     &ConventionFields::image_pixel_format},
    {{conventions::kImageCodecName, PieceKind::kString, ElementType::kString},
     &ConventionFields::image_codec_name},
    {{conventions::kImageCodecQuality, kValue, ElementType::kUInt32},
     &ConventionFields::image_codec_quality},
    {{conventions::kImageBytesPerPixel, kValue, ElementType::kUInt32},
     &ConventionFields::image_bytes_per_pixel},
    {{conventions::kImageBytesPerPixel, kValue, ElementType::kUInt8},
     &ConventionFields::image_bytes_per_pixel_u8},
    {{conventions::kImageKeyFrameTimestamp, kValue, ElementType::kDouble},
     &ConventionFields::image_key_frame_timestamp},
    {{conventions::kImageKeyFrameIndex, kValue, ElementType::kUInt32},
     &ConventionFields::image_key_frame_index},
    {{conventions::kAudioFormat, kValue, ElementType::kUInt8}, &ConventionFields::audio_format},
    {{conventions::kAudioSampleFormat, kValue, ElementType::kUInt8},
     &ConventionFields::audio_sample_format},
    {{conventions::kAudioSampleStride, kValue, ElementType::kUInt8},
     &ConventionFields::audio_sample_stride},
    {{conventions::kAudioChannelCount, kValue, ElementType::kUInt8},
     &ConventionFields::audio_channel_count},
    {{conventions::kAudioSampleRate, kValue, ElementType::kUInt32},
     &ConventionFields::audio_sample_rate},
    {{conventions::kAudioSampleCount, kValue, ElementType::kUInt32},
     &ConventionFields::audio_sample_count},
    {{conventions::kAudioStereoPairCount, kValue, ElementType::kUInt8},
     &ConventionFields::audio_stereo_pair_count},
    {{conventions::kNextContentBlockSize, kValue, ElementType::kUInt32},
     &ConventionFields::next_content_block_size},
};

// The same fields without their slots, for conventions::Fields().
constexpr auto kFields = [] {
  std::array<Field, std::size(kLocatedFields)> fields{};
  for (size_t i = 0; i < fields.size(); ++i) fields[i] = kLocatedFields[i].field;
  return fields;
}();

}  // namespace

std::span<const conventions::Field> conventions::Fields() {
  return kFields;
}

ConventionFields ConventionFields::Locate(const DataLayoutDefinition& layout) {
  ConventionFields f;
  for (const LocatedField& located : kLocatedFields) {
    f.*located.slot = layout.Find(located.field.label, located.field.kind, located.field.type);
  }
  return f;
}

std::optional<uint32_t> NextContentBlockSize(const DataLayoutBlock& block,
                                             const ConventionFields& fields) {
  return conventions::Get<uint32_t>(block, fields.next_content_block_size);
}

std::optional<uint32_t> NextAudioSampleCount(const DataLayoutBlock& block,
                                             const ConventionFields& fields) {
  return conventions::Get<uint32_t>(block, fields.audio_sample_count);
}

}  // namespace vrsx
