// JPEG decoding with libturbojpeg's 2.x API.
#include "media/jpeg_decoding.h"

#include <string>

#include "media/decoded_image_limits.h"

#ifdef VRSX_WITH_JPEG
#include <turbojpeg.h>
#endif

namespace vrsx::media {

#ifndef VRSX_WITH_JPEG

JpegDecoder::~JpegDecoder() = default;

Status JpegDecoder::Decode(std::span<const uint8_t>, Pixels&) {
  return Status(ErrorCode::kUnsupported,
                "image/jpg: unsupported: vrsx was built without libjpeg-turbo");
}

#else

JpegDecoder::~JpegDecoder() {
  if (handle_ != nullptr) tjDestroy(handle_);
}

Status JpegDecoder::Decode(std::span<const uint8_t> data, Pixels& out) {
  if (handle_ == nullptr) handle_ = tjInitDecompress();
  if (handle_ == nullptr)
    return Status(ErrorCode::kUnsupported, "image/jpg: " + std::string(tjGetErrorStr()));
  auto fail = [&](const char* what) {
    out.bytes.clear();
    Status status(ErrorCode::kCorrupt,
                  std::string("image/jpg: ") + what + ": " + tjGetErrorStr2(handle_));
    // After some errors the handle keeps a half-read stream: the next image needs a fresh one.
    tjDestroy(handle_);
    handle_ = nullptr;
    return status;
  };
  if (data.empty()) return Status(ErrorCode::kCorrupt, "image/jpg: empty block");
  // libturbojpeg takes a non-const pointer in its 2.x API but does not write through it.
  auto* bytes = const_cast<unsigned char*>(data.data());
  int width = 0;
  int height = 0;
  int subsampling = 0;
  int colorspace = 0;
  if (tjDecompressHeader3(handle_, bytes, data.size(), &width, &height, &subsampling,
                          &colorspace) != 0) {
    return fail("bad header");
  }
  bool grey = colorspace == TJCS_GRAY;
  size_t pixel_bytes = grey ? 1 : 3;
  size_t total = DecodedImageBytes(uint64_t(width), uint64_t(height), pixel_bytes);
  if (width <= 0 || height <= 0 || total == 0) {
    return Status(ErrorCode::kTooLarge, "image/jpg: " + std::to_string(width) + "x" +
                                            std::to_string(height) + " is out of range");
  }
  out.width = static_cast<uint32_t>(width);
  out.height = static_cast<uint32_t>(height);
  out.stride = static_cast<uint32_t>(size_t(width) * pixel_bytes);
  out.format = grey ? PixelFormat::kGrey8 : PixelFormat::kRgb8;
  out.encoding = ImageFormat::kRaw;
  out.bytes.resize(total);
  if (tjDecompress2(handle_, bytes, data.size(), out.bytes.data(), width, int(out.stride), height,
                    grey ? TJPF_GRAY : TJPF_RGB, TJFLAG_STOPONWARNING) != 0) {
    return fail("bad data");
  }
  return Status::Ok();
}

#endif

}  // namespace vrsx::media
