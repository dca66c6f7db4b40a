// Image content blocks decoded to pixels (spec 02 §7): raw images of every pixel format, png,
// jpg and jxl images, with pyvrs's conversion vocabulary.
//
//   vrsx::ImageDecoder decoder;  // one per stream: it keeps the codecs' state
//   vrsx::Pixels pixels;
//   for (const vrsx::DecodedBlock& block : content.blocks) {
//     if (block.kind != vrsx::BlockKind::kImage) continue;
//     vrsx::Status status = decoder.Decode(block, vrsx::ImageConversion::kNormalize, pixels);
//     if (status.ok()) show(pixels.width, pixels.height, pixels.format, pixels.bytes);
//   }
//
// Decoding never throws and never reads outside the block: a truncated or hostile block gives a
// Status. A codec vrsx was built without gives kUnsupported, "vrsx was built without libjxl".
// docs/media.md has the normalization rules of each pixel format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "vrsx/record_content.h"
#include "vrsx/record_format.h"
#include "vrsx/status.h"

namespace vrsx {

// What Decode returns (pyvrs's ImageConversion).
enum class ImageConversion : uint8_t {
  // The block's bytes as stored: raw pixels with their stride, or the compressed bytes.
  kOff,
  // The same bytes, for callers that want a buffer and no image: Pixels::format is undefined
  // for compressed images.
  kRawBuffer,
  // Compressed images decoded to their own pixel format (jpg: grey8/rgb8; png and jxl: grey8,
  // grey16, rgb8 or rgba8); raw images as stored.
  kDecompress,
  // Decompressed, then converted to grey8, rgb8 or rgba8 (docs/media.md).
  kNormalize,
  // Normalized, then colour images turned to grey8 (BT.601 luma).
  kNormalizeGrey8,
};
// "off", "raw_buffer", "decompress", "normalize", "normalize_grey8".
const char* ImageConversionName(ImageConversion conversion);

// An image, or an image's stored bytes.
struct Pixels {
  uint32_t width = 0;
  uint32_t height = 0;
  // Bytes per row of plane 0 (rows of planes >= 1 use ImageSpec::stride_2 rules); 0 for
  // compressed bytes.
  uint32_t stride = 0;
  PixelFormat format = PixelFormat::kUndefined;
  // kRaw when `bytes` are pixels; jpg, png, jxl, video or custom_codec when they are that
  // image's compressed bytes (conversions kOff and kRawBuffer).
  ImageFormat encoding = ImageFormat::kRaw;
  std::vector<uint8_t> bytes;
};

class ImageDecoder {
 public:
  ImageDecoder();
  ~ImageDecoder();
  ImageDecoder(ImageDecoder&&) noexcept;
  ImageDecoder& operator=(ImageDecoder&&) noexcept;
  ImageDecoder(const ImageDecoder&) = delete;
  ImageDecoder& operator=(const ImageDecoder&) = delete;

  // Decodes an image block of a RecordContent (kind kImage, complete).
  Status Decode(const DecodedBlock& block, ImageConversion conversion, Pixels& out);
  // Decodes `data`, an image of that spec (a raw spec gives dimensions and pixel format; the
  // compressed formats carry their own). Video frames come in stream (decode) order; a frame
  // whose picture the decoder holds back for frame reordering (streams with B-frames) gives
  // kUnsupported: vrsx::ImageReader decodes those, feeding the frames after it.
  Status Decode(const ImageSpec& spec, std::span<const uint8_t> data, ImageConversion conversion,
                Pixels& out);
  // Forgets codec state (video: the frames decoded so far), before decoding from elsewhere.
  void Reset();

  // Whether this build decodes that format to pixels (raw: always; video: with libavcodec).
  static bool CanDecompress(ImageFormat format);
  // Whether `conversion` gives a raw image of this pixel format with its pixels as stored
  // (docs/media.md): every format but for kNormalize and kNormalizeGrey8, which keep grey8 and
  // the 8-bit mosaics, and kNormalize rgb8 and rgba8. A caller may then view the stored bytes
  // rather than decode them.
  static bool KeepsStoredPixels(PixelFormat format, ImageConversion conversion);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vrsx
