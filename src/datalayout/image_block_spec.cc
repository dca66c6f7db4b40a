// Image specs completed from a DataLayout block (spec 02 §6.3, §6.4 step 6).
#include "datalayout/datalayout_conventions.h"
#include "vrsx/record_content.h"

namespace vrsx {

namespace {

using conventions::Get;

// The deprecated image_bytes_per_pixel field stands for a few pixel formats.
PixelFormat LegacyPixelFormat(uint32_t bytes_per_pixel) {
  switch (bytes_per_pixel) {
    case 1:
      return PixelFormat::kGrey8;
    case 3:
      return PixelFormat::kRgb8;
    case 4:
      return PixelFormat::kDepth32F;
    case 8:
      return PixelFormat::kScalar64F;
    default:
      return PixelFormat::kUndefined;
  }
}

PixelFormat PixelFormatOf(const DataLayoutBlock& block, const ConventionFields& fields) {
  if (std::optional<uint32_t> value = Get<uint32_t>(block, fields.image_pixel_format)) {
    uint32_t format = *value % 256;  // the enum is 8-bit
    if (format >= 1 && format < kPixelFormatCount) return static_cast<PixelFormat>(format);
  }
  uint32_t bytes_per_pixel = Get<uint32_t>(block, fields.image_bytes_per_pixel).value_or(0);
  if (bytes_per_pixel == 0) {
    bytes_per_pixel = Get<uint8_t>(block, fields.image_bytes_per_pixel_u8).value_or(0);
  }
  return LegacyPixelFormat(bytes_per_pixel);
}

}  // namespace

std::optional<ImageSpec> ImageSpecFromDataLayout(const DataLayoutBlock& block,
                                                 const ConventionFields& fields,
                                                 const ImageSpec& base) {
  if (base.format != ImageFormat::kRaw && base.format != ImageFormat::kVideo &&
      base.format != ImageFormat::kCustomCodec) {
    return std::nullopt;
  }
  ImageSpec spec;
  spec.format = base.format;
  spec.width = Get<uint32_t>(block, fields.image_width).value_or(0);
  spec.height = Get<uint32_t>(block, fields.image_height).value_or(0);
  if (spec.width > 0 && spec.height > 0) spec.pixel_format = PixelFormatOf(block, fields);
  spec.stride = Get<uint32_t>(block, fields.image_stride).value_or(0);
  spec.stride_2 = Get<uint32_t>(block, fields.image_stride_2).value_or(0);
  bool minimal_raw =
      spec.width > 0 && spec.height > 0 && spec.pixel_format != PixelFormat::kUndefined;
  if (base.format == ImageFormat::kRaw) {
    if (!minimal_raw) return std::nullopt;
    return spec;
  }

  // video, custom_codec: the codec name and quality come from the layout, else from the base.
  bool codec_from_layout = false;
  if (fields.image_codec_name && block.available(*fields.image_codec_name)) {
    spec.codec_name = block.string(*fields.image_codec_name);
    codec_from_layout = !spec.codec_name.empty();
  }
  if (!codec_from_layout) spec.codec_name = base.codec_name;
  std::optional<uint32_t> quality = Get<uint32_t>(block, fields.image_codec_quality);
  spec.codec_quality =
      quality && *quality <= 100 ? static_cast<uint8_t>(*quality) : base.codec_quality;
  bool ok = base.format == ImageFormat::kVideo
                ? !spec.codec_name.empty() && minimal_raw
                : codec_from_layout || (!spec.codec_name.empty() && minimal_raw);
  if (!ok) return std::nullopt;
  return spec;
}

bool ApplyKeyFrameFields(const DataLayoutBlock& block, const ConventionFields& fields,
                         ImageSpec& spec) {
  std::optional<double> timestamp = Get<double>(block, fields.image_key_frame_timestamp);
  std::optional<uint32_t> index = Get<uint32_t>(block, fields.image_key_frame_index);
  if (!timestamp || !index) return false;
  spec.key_frame_timestamp = *timestamp;
  spec.key_frame_index = *index;
  return true;
}

}  // namespace vrsx
