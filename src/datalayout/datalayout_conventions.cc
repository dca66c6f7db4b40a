// The conventional fields of spec 02 §6.1, located once per DataLayout definition by label and
// type, and the "next content block" fields.
#include "datalayout/datalayout_conventions.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "vrsx/conventions.h"
#include "vrsx/record_content.h"

namespace vrsx {

namespace {

// A conventional field: its label, and where ConventionFields keeps its piece index.
struct NamedField {
  std::string_view label;
  std::optional<size_t> ConventionFields::*slot;
};

// The fields read as Value<T>, grouped by T; a label may stand under two types (legacy fields).
constexpr NamedField kU32Fields[] = {
    {conventions::kImageWidth, &ConventionFields::image_width},
    {conventions::kImageHeight, &ConventionFields::image_height},
    {conventions::kImageStride, &ConventionFields::image_stride},
    {conventions::kImageStride2, &ConventionFields::image_stride_2},
    {conventions::kImagePixelFormat, &ConventionFields::image_pixel_format},
    {conventions::kImageCodecQuality, &ConventionFields::image_codec_quality},
    {conventions::kImageBytesPerPixel, &ConventionFields::image_bytes_per_pixel},
    {conventions::kImageKeyFrameIndex, &ConventionFields::image_key_frame_index},
    {conventions::kAudioSampleRate, &ConventionFields::audio_sample_rate},
    {conventions::kAudioSampleCount, &ConventionFields::audio_sample_count},
    {conventions::kNextContentBlockSize, &ConventionFields::next_content_block_size},
};
constexpr NamedField kU8Fields[] = {
    {conventions::kImageBytesPerPixel, &ConventionFields::image_bytes_per_pixel_u8},
    {conventions::kAudioFormat, &ConventionFields::audio_format},
    {conventions::kAudioSampleFormat, &ConventionFields::audio_sample_format},
    {conventions::kAudioSampleStride, &ConventionFields::audio_sample_stride},
    {conventions::kAudioChannelCount, &ConventionFields::audio_channel_count},
    {conventions::kAudioStereoPairCount, &ConventionFields::audio_stereo_pair_count},
};
constexpr NamedField kDoubleFields[] = {
    {conventions::kImageKeyFrameTimestamp, &ConventionFields::image_key_frame_timestamp},
};

template <typename T>
void LocateValues(const DataLayoutDefinition& layout, std::span<const NamedField> fields,
                  ConventionFields& located) {
  for (const NamedField& field : fields) located.*field.slot = layout.FindValue<T>(field.label);
}

}  // namespace

ConventionFields ConventionFields::Locate(const DataLayoutDefinition& layout) {
  ConventionFields f;
  LocateValues<uint32_t>(layout, kU32Fields, f);
  LocateValues<uint8_t>(layout, kU8Fields, f);
  LocateValues<double>(layout, kDoubleFields, f);
  f.image_codec_name =
      layout.Find(conventions::kImageCodecName, PieceKind::kString, ElementType::kString);
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
