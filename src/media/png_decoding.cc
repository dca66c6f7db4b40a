// PNG decoding with libpng's classic API, from memory.
//
// libpng reports errors with longjmp: ReadPng holds no object with a destructor, and everything
// it allocates lives in PngRead, owned by its caller.
#include "media/png_decoding.h"

#include <string>

#include "media/decoded_image_limits.h"

#ifdef VRSX_WITH_PNG
#include <png.h>

#include <cstdio>
#include <cstring>
#include <vector>
#endif

namespace vrsx::media {

#ifndef VRSX_WITH_PNG

Status DecodePng(std::span<const uint8_t>, Pixels&) {
  return Status(ErrorCode::kUnsupported, "image/png: unsupported: vrsx was built without libpng");
}

#else

namespace {

// What ReadPng needs across libpng's callbacks and its longjmp.
struct PngRead {
  std::span<const uint8_t> data;
  size_t offset = 0;
  char message[256] = {};
  std::vector<png_bytep> rows;
};

[[noreturn]] void OnError(png_structp png, png_const_charp message) {
  auto* read = static_cast<PngRead*>(png_get_error_ptr(png));
  std::snprintf(read->message, sizeof read->message, "%s", message);
  png_longjmp(png, 1);
}

void OnWarning(png_structp, png_const_charp) {}

void OnRead(png_structp png, png_bytep out, png_size_t length) {
  auto* read = static_cast<PngRead*>(png_get_io_ptr(png));
  if (length > read->data.size() - read->offset) png_error(png, "truncated PNG data");
  std::memcpy(out, read->data.data() + read->offset, length);
  read->offset += length;
}

// False with read->message set on failure.
bool ReadPng(PngRead* read, Pixels* out) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, read, OnError, OnWarning);
  if (png == nullptr) {
    std::snprintf(read->message, sizeof read->message, "out of memory");
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    std::snprintf(read->message, sizeof read->message, "out of memory");
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  png_set_read_fn(png, read, OnRead);
  png_read_info(png, info);
  png_uint_32 width = png_get_image_width(png, info);
  png_uint_32 height = png_get_image_height(png, info);
  int depth = png_get_bit_depth(png, info);
  int color = png_get_color_type(png, info);
  bool alpha = (color & PNG_COLOR_MASK_ALPHA) != 0 || png_get_valid(png, info, PNG_INFO_tRNS);
  bool grey = (color & PNG_COLOR_MASK_COLOR) == 0;
  png_set_expand(png);  // palettes to rgb, grey < 8 bits to 8, tRNS to alpha
  if (grey && alpha) png_set_gray_to_rgb(png);
  bool grey16 = grey && !alpha && depth == 16;
  if (grey16) {
    png_set_swap(png);  // little-endian samples, like raw grey16
  } else {
    png_set_strip_16(png);
  }
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  PixelFormat format = grey16           ? PixelFormat::kGrey16
                       : grey && !alpha ? PixelFormat::kGrey8
                       : alpha          ? PixelFormat::kRgba8
                                        : PixelFormat::kRgb8;
  size_t row_bytes = png_get_rowbytes(png, info);
  size_t pixel_bytes = grey16 ? 2 : grey && !alpha ? 1 : alpha ? 4 : 3;
  size_t total = DecodedImageBytes(width, height, pixel_bytes);
  if (total == 0 || row_bytes != size_t(width) * pixel_bytes) png_error(png, "image too large");
  out->width = width;
  out->height = height;
  out->stride = static_cast<uint32_t>(row_bytes);
  out->format = format;
  out->encoding = ImageFormat::kRaw;
  out->bytes.resize(total);
  read->rows.resize(height);
  for (size_t y = 0; y < height; ++y) read->rows[y] = out->bytes.data() + y * row_bytes;
  png_read_image(png, read->rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

}  // namespace

Status DecodePng(std::span<const uint8_t> data, Pixels& out) {
  PngRead read;
  read.data = data;
  if (!ReadPng(&read, &out)) {
    out.bytes.clear();
    return Status(ErrorCode::kCorrupt, std::string("image/png: ") + read.message);
  }
  return Status::Ok();
}

#endif

}  // namespace vrsx::media
