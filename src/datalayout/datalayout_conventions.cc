// The conventional fields of spec 02 §6.1, located once per DataLayout definition by label and
// type, and the "next content block" fields.
#include "datalayout/datalayout_conventions.h"

#include "vrsx/record_content.h"

namespace vrsx {

ConventionFields ConventionFields::Locate(const DataLayoutDefinition& layout) {
  ConventionFields f;
  f.image_width = layout.FindValue<uint32_t>("image_width");
  f.image_height = layout.FindValue<uint32_t>("image_height");
  f.image_stride = layout.FindValue<uint32_t>("image_stride");
  f.image_stride_2 = layout.FindValue<uint32_t>("image_stride_2");
  f.image_pixel_format = layout.FindValue<uint32_t>("image_pixel_format");
  f.image_codec_name = layout.Find("image_codec_name", PieceKind::kString, ElementType::kString);
  f.image_codec_quality = layout.FindValue<uint32_t>("image_codec_quality");
  f.image_bytes_per_pixel = layout.FindValue<uint32_t>("image_bytes_per_pixel");
  f.image_bytes_per_pixel_u8 = layout.FindValue<uint8_t>("image_bytes_per_pixel");
  f.image_key_frame_timestamp = layout.FindValue<double>("image_key_frame_timestamp");
  f.image_key_frame_index = layout.FindValue<uint32_t>("image_key_frame_index");
  f.audio_format = layout.FindValue<uint8_t>("audio_format");
  f.audio_sample_format = layout.FindValue<uint8_t>("audio_sample_format");
  f.audio_sample_stride = layout.FindValue<uint8_t>("audio_sample_stride");
  f.audio_channel_count = layout.FindValue<uint8_t>("audio_channel_count");
  f.audio_sample_rate = layout.FindValue<uint32_t>("audio_sample_rate");
  f.audio_sample_count = layout.FindValue<uint32_t>("audio_sample_count");
  f.audio_stereo_pair_count = layout.FindValue<uint8_t>("audio_stereo_pair_count");
  f.next_content_block_size = layout.FindValue<uint32_t>("next_content_block_size");
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
