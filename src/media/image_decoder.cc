// vrsx::ImageDecoder: dispatches an image block to its codec, then converts.
#include <string>

#include "media/jpeg_decoding.h"
#include "media/jxl_decoding.h"
#include "media/pixel_normalization.h"
#include "media/png_decoding.h"
#include "media/png_layout_conversion.h"
#include "vrsx/image.h"

namespace vrsx {

struct ImageDecoder::State {
  media::JpegDecoder jpeg;
  media::JxlImageDecoder jxl;
  media::ConvertedImage scratch;  // raw normalization's intermediate pixels
  // The seam for video: a media::VideoDecoder (made from the spec's codec name on the first
  // frame, reset when the codec changes) will live here, and DecodeVideo will feed it frames
  // with ImageSpec::key_frame_index == 0 marking key frames.
};

namespace {

// The block's bytes as they are.
void StoredBytes(const ImageSpec& spec, std::span<const uint8_t> data, ImageConversion conversion,
                 Pixels& out) {
  bool raw = spec.format == ImageFormat::kRaw;
  bool image = conversion != ImageConversion::kRawBuffer;
  out.width = image ? spec.width : 0;
  out.height = image ? spec.height : 0;
  out.stride = image && raw ? static_cast<uint32_t>(spec.PlaneStride(0)) : 0;
  out.format = image && raw ? spec.pixel_format : PixelFormat::kUndefined;
  out.encoding = spec.format;
  out.bytes.assign(data.begin(), data.end());
}

Status DecodeVideo(const ImageSpec& spec) {
  return Status(ErrorCode::kUnsupported,
                "image/" + spec.Text() + ": unsupported: video frames are not decoded yet");
}

}  // namespace

const char* ImageConversionName(ImageConversion conversion) {
  switch (conversion) {
    case ImageConversion::kOff:
      return "off";
    case ImageConversion::kRawBuffer:
      return "raw_buffer";
    case ImageConversion::kDecompress:
      return "decompress";
    case ImageConversion::kNormalize:
      return "normalize";
    case ImageConversion::kNormalizeGrey8:
      return "normalize_grey8";
  }
  return "off";
}

ImageDecoder::ImageDecoder() : state_(std::make_unique<State>()) {}
ImageDecoder::~ImageDecoder() = default;
ImageDecoder::ImageDecoder(ImageDecoder&&) noexcept = default;
ImageDecoder& ImageDecoder::operator=(ImageDecoder&&) noexcept = default;

void ImageDecoder::Reset() {
  state_ = std::make_unique<State>();
}

bool ImageDecoder::CanDecompress(ImageFormat format) {
  switch (format) {
    case ImageFormat::kRaw:
      return true;
    case ImageFormat::kJpg:
#ifdef VRSX_WITH_JPEG
      return true;
#else
      return false;
#endif
    case ImageFormat::kPng:
#ifdef VRSX_WITH_PNG
      return true;
#else
      return false;
#endif
    case ImageFormat::kJxl:
#ifdef VRSX_WITH_JXL
      return true;
#else
      return false;
#endif
    case ImageFormat::kVideo:
    case ImageFormat::kCustomCodec:
    case ImageFormat::kUndefined:
      break;
  }
  return false;
}

Status ImageDecoder::Decode(const DecodedBlock& block, ImageConversion conversion, Pixels& out) {
  if (block.kind != BlockKind::kImage) {
    return Status(ErrorCode::kInvalidArgument,
                  std::string("not an image block: ") + BlockKindName(block.kind));
  }
  if (!block.complete()) {
    return Status(ErrorCode::kTruncated, "image/" + block.spec.image.Text() + ": the record has " +
                                             std::to_string(block.data.size()) +
                                             " bytes of the image");
  }
  return Decode(block.spec.image, block.data, conversion, out);
}

Status ImageDecoder::Decode(const ImageSpec& spec, std::span<const uint8_t> data,
                            ImageConversion conversion, Pixels& out) {
  if (state_ == nullptr) state_ = std::make_unique<State>();  // after a move
  if (conversion == ImageConversion::kOff || conversion == ImageConversion::kRawBuffer ||
      (conversion == ImageConversion::kDecompress && spec.format == ImageFormat::kRaw)) {
    StoredBytes(spec, data, conversion, out);
    return Status::Ok();
  }
  Status status;
  switch (spec.format) {
    case ImageFormat::kRaw:
      status = media::NormalizeRaw(spec, data, state_->scratch, out);
      break;
    case ImageFormat::kJpg:
      status = state_->jpeg.Decode(data, out);
      break;
    case ImageFormat::kPng:
      status = media::DecodePng(data, out);
      break;
    case ImageFormat::kJxl:
      status = state_->jxl.Decode(data, out);
      break;
    case ImageFormat::kVideo:
      return DecodeVideo(spec);
    case ImageFormat::kCustomCodec:
      return Status(ErrorCode::kUnsupported,
                    "image/" + spec.Text() + ": unsupported: custom codecs are not decoded");
    case ImageFormat::kUndefined:
      return Status(ErrorCode::kUnsupported, "image: undefined image format");
  }
  if (!status.ok()) return status;
  if (conversion != ImageConversion::kDecompress) media::NormalizeDecompressed(out);
  if (conversion == ImageConversion::kNormalizeGrey8) media::ToGrey8(out);
  return Status::Ok();
}

}  // namespace vrsx
