// vrsx::ImageDecoder: dispatches an image block to its codec, then converts.
#include <string>

#include "media/jpeg_decoding.h"
#include "media/jxl_decoding.h"
#include "media/pixel_normalization.h"
#include "media/png_decoding.h"
#include "media/png_layout_conversion.h"
#include "media/video_decoder.h"
#include "media/video_frame_pixels.h"
#include "vrsx/image.h"

namespace vrsx {

struct ImageDecoder::State {
  media::JpegDecoder jpeg;
  media::JxlImageDecoder jxl;
  media::ConvertedImage scratch;  // raw normalization's intermediate pixels
  // Video: made from the spec's codec name on the first frame, made again when it changes; it
  // holds the frames decoded since the last key frame.
  std::unique_ptr<media::VideoDecoder> video;
  std::string video_codec;
  media::DecodedVideoFrame frame;

  Status DecodeVideo(const ImageSpec& spec, std::span<const uint8_t> data,
                     ImageConversion conversion, Pixels& out);
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

}  // namespace

// The next frame of the stream, converted: key frames are those with key_frame_index 0 (spec
// 02 §7.3). A frame whose picture the decoder holds back (B-frames) gives kUnsupported.
Status ImageDecoder::State::DecodeVideo(const ImageSpec& spec, std::span<const uint8_t> data,
                                        ImageConversion conversion, Pixels& out) {
  auto failed = [&](const Status& status) {
    return Status(status.code(), "image/" + spec.Text() + ": " + status.message());
  };
  if (!video || video_codec != spec.codec_name) {
    video.reset();
    if (Status status = media::VideoDecoder::Create(spec.codec_name, video); !status.ok()) {
      return failed(status);
    }
    video_codec = spec.codec_name;
  }
  if (Status status = video->DecodeFrame(data, spec.key_frame_index == 0, frame); !status.ok()) {
    return failed(status);
  }
  return media::VideoFramePixels(frame, conversion, scratch.pixels, out);
}

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

bool ImageDecoder::KeepsStoredPixels(PixelFormat format, ImageConversion conversion) {
  switch (conversion) {
    case ImageConversion::kOff:
    case ImageConversion::kRawBuffer:
    case ImageConversion::kDecompress:
      return true;
    case ImageConversion::kNormalize:
      if (format == PixelFormat::kRgb8 || format == PixelFormat::kRgba8) return true;
      [[fallthrough]];
    case ImageConversion::kNormalizeGrey8:
      // The formats NormalizeRaw converts to grey8 are the 8-bit ones, copied as they are.
      return media::ConvertedLayout(format) == media::PngLayout::kGrey8;
  }
  return false;
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
      return media::VideoSupported();
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
      // Converted already: normalized video frames are rgb8 or grey8.
      return state_->DecodeVideo(spec, data, conversion, out);
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
