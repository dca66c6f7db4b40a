// JPEG XL decoding with libjxl (0.7's API): basic info, then the whole image in one buffer.
#include "media/jxl_decoding.h"

#include <string>

#include "media/decoded_image_limits.h"

#ifdef VRSX_WITH_JXL
#include "media/jxl_library.h"
#endif

namespace vrsx::media {

#ifndef VRSX_WITH_JXL

JxlImageDecoder::~JxlImageDecoder() = default;

Status JxlImageDecoder::Decode(std::span<const uint8_t>, Pixels&) {
  return Status(ErrorCode::kUnsupported, "image/jxl: unsupported: vrsx was built without libjxl");
}

#else

JxlImageDecoder::~JxlImageDecoder() {
  if (decoder_ != nullptr) Jxl()->JxlDecoderDestroy(static_cast<JxlDecoder*>(decoder_));
}

Status JxlImageDecoder::Decode(std::span<const uint8_t> data, Pixels& out) {
  std::string missing;
  const JxlLibrary* jxl = Jxl(&missing);
  if (jxl == nullptr) return Status(ErrorCode::kUnsupported, missing);
  if (decoder_ == nullptr) decoder_ = jxl->JxlDecoderCreate(nullptr);
  auto* decoder = static_cast<JxlDecoder*>(decoder_);
  if (decoder == nullptr) return Status(ErrorCode::kUnsupported, "image/jxl: no decoder");
  jxl->JxlDecoderReset(decoder);
  auto fail = [&](ErrorCode code, const std::string& what) {
    out.bytes.clear();
    return Status(code, "image/jxl: " + what);
  };
  if (jxl->JxlDecoderSubscribeEvents(decoder, JXL_DEC_BASIC_INFO | JXL_DEC_FULL_IMAGE) !=
          JXL_DEC_SUCCESS ||
      jxl->JxlDecoderSetInput(decoder, data.data(), data.size()) != JXL_DEC_SUCCESS) {
    return fail(ErrorCode::kCorrupt, "the decoder refused the input");
  }
  jxl->JxlDecoderCloseInput(decoder);
  JxlPixelFormat format = {1, JXL_TYPE_UINT8, JXL_LITTLE_ENDIAN, 0};
  bool got_image = false;
  for (;;) {
    JxlDecoderStatus status = jxl->JxlDecoderProcessInput(decoder);
    switch (status) {
      case JXL_DEC_BASIC_INFO: {
        JxlBasicInfo info;
        if (jxl->JxlDecoderGetBasicInfo(decoder, &info) != JXL_DEC_SUCCESS) {
          return fail(ErrorCode::kCorrupt, "bad header");
        }
        bool alpha = info.alpha_bits > 0;
        bool grey = info.num_color_channels == 1;
        bool deep_grey = grey && !alpha && info.bits_per_sample > 8;
        // Grey with alpha has no pixel format of its own: rgba8.
        format.num_channels = grey && !alpha ? 1 : alpha ? 4 : 3;
        format.data_type = deep_grey ? JXL_TYPE_UINT16 : JXL_TYPE_UINT8;
        size_t pixel_bytes = deep_grey ? 2 : format.num_channels;
        size_t total = DecodedImageBytes(info.xsize, info.ysize, pixel_bytes);
        if (total == 0) {
          return fail(ErrorCode::kTooLarge, std::to_string(info.xsize) + "x" +
                                                std::to_string(info.ysize) + " is out of range");
        }
        out.width = info.xsize;
        out.height = info.ysize;
        out.stride = static_cast<uint32_t>(size_t(info.xsize) * pixel_bytes);
        out.format = deep_grey                  ? PixelFormat::kGrey16
                     : format.num_channels == 1 ? PixelFormat::kGrey8
                     : alpha                    ? PixelFormat::kRgba8
                                                : PixelFormat::kRgb8;
        out.encoding = ImageFormat::kRaw;
        out.bytes.resize(total);
        break;
      }
      case JXL_DEC_NEED_IMAGE_OUT_BUFFER: {
        size_t size = 0;
        if (jxl->JxlDecoderImageOutBufferSize(decoder, &format, &size) != JXL_DEC_SUCCESS ||
            size != out.bytes.size() ||
            jxl->JxlDecoderSetImageOutBuffer(decoder, &format, out.bytes.data(), size) !=
                JXL_DEC_SUCCESS) {
          return fail(ErrorCode::kCorrupt, "unexpected output buffer size");
        }
        break;
      }
      case JXL_DEC_FULL_IMAGE:
        got_image = true;  // the first frame: the image (animations are not images)
        break;
      case JXL_DEC_SUCCESS:
        if (!got_image) return fail(ErrorCode::kCorrupt, "no image");
        return Status::Ok();
      case JXL_DEC_NEED_MORE_INPUT:
        return fail(ErrorCode::kTruncated, "truncated data");
      case JXL_DEC_ERROR:
        return fail(ErrorCode::kCorrupt, "bad data");
      default:
        return fail(ErrorCode::kCorrupt, "unexpected decoder event " + std::to_string(status));
    }
    if (got_image) return Status::Ok();
  }
}

#endif

}  // namespace vrsx::media
