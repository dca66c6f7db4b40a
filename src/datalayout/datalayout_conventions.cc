// The conventional fields of spec 02 §6.1, located once per DataLayout definition by label and
// type, and the "next content block" fields.
#include "datalayout/datalayout_conventions.h"

#include <cstddef>
#include <optional>
#include <span>

#include "vrsx/record_content.h"

namespace vrsx {

namespace {

// A conventional field: its label, and where ConventionFields keeps its piece index.
struct NamedField {
  const char* label;
  std::optional<size_t> ConventionFields::*slot;
};

// The fields read as Value<T>, grouped by T; a label may stand under two types (legacy fields).
constexpr NamedField kU32Fields[] = {
    {"image_width", &ConventionFields::image_width},
    {"image_height", &ConventionFields::image_height},
    {"image_stride", &ConventionFields::image_stride},
    {"image_stride_2", &ConventionFields::image_stride_2},
    {"image_pixel_format", &ConventionFields::image_pixel_format},
    {"image_codec_quality", &ConventionFields::image_codec_quality},
    {"image_bytes_per_pixel", &ConventionFields::image_bytes_per_pixel},
    {"image_key_frame_index", &ConventionFields::image_key_frame_index},
    {"audio_sample_rate", &ConventionFields::audio_sample_rate},
    {"audio_sample_count", &ConventionFields::audio_sample_count},
    {"next_content_block_size", &ConventionFields::next_content_block_size},
};
constexpr NamedField kU8Fields[] = {
    {"image_bytes_per_pixel", &ConventionFields::image_bytes_per_pixel_u8},
    {"audio_format", &ConventionFields::audio_format},
    {"audio_sample_format", &ConventionFields::audio_sample_format},
    {"audio_sample_stride", &ConventionFields::audio_sample_stride},
    {"audio_channel_count", &ConventionFields::audio_channel_count},
    {"audio_stereo_pair_count", &ConventionFields::audio_stereo_pair_count},
};
constexpr NamedField kDoubleFields[] = {
    {"image_key_frame_timestamp", &ConventionFields::image_key_frame_timestamp},
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
  f.image_codec_name = layout.Find("image_codec_name", PieceKind::kString, ElementType::kString);
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
