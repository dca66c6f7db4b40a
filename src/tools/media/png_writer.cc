// PNG encoding and decoding with libpng's classic API.
//
// libpng reports errors with longjmp: the functions that call setjmp below hold no object with a
// destructor, and do not modify after setjmp the locals they use after a longjmp.
#include "tools/media/png_writer.h"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace vrsx::cli {

namespace {

struct PngError {
  char message[256] = {};
};

[[noreturn]] void OnPngError(png_structp png, png_const_charp message) {
  auto* error = static_cast<PngError*>(png_get_error_ptr(png));
  std::snprintf(error->message, sizeof error->message, "%s", message);
  png_longjmp(png, 1);
}

void OnPngWarning(png_structp, png_const_charp) {}

int ColorType(PngLayout layout) {
  return layout == PngLayout::kRgb8    ? PNG_COLOR_TYPE_RGB
         : layout == PngLayout::kRgba8 ? PNG_COLOR_TYPE_RGB_ALPHA
                                       : PNG_COLOR_TYPE_GRAY;
}

// False with error->message set on failure.
bool Encode(std::FILE* file, const ConvertedImage& image, PngError* error) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, error, OnPngError, OnPngWarning);
  if (png == nullptr) {
    std::snprintf(error->message, sizeof error->message, "out of memory");
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    std::snprintf(error->message, sizeof error->message, "out of memory");
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, file);
  int depth = image.layout == PngLayout::kGrey16 ? 16 : 8;
  png_set_IHDR(png, info, image.width, image.height, depth, ColorType(image.layout),
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (image.significant_bits < depth) {
    png_color_8 bits = {};
    bits.gray = image.significant_bits;
    png_set_sBIT(png, info, &bits);
  }
  png_write_info(png, info);
  if (depth == 16) png_set_swap(png);  // our samples are little-endian, PNG's big-endian
  const size_t row_bytes = image.row_bytes();
  for (size_t y = 0; y < image.height; ++y) {
    png_write_row(png, image.pixels.data() + y * row_bytes);
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

bool Decode(std::FILE* file, ConvertedImage& image, PngError* error) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, error, OnPngError, OnPngWarning);
  if (png == nullptr) {
    std::snprintf(error->message, sizeof error->message, "out of memory");
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    std::snprintf(error->message, sizeof error->message, "out of memory");
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  png_init_io(png, file);
  png_read_info(png, info);
  png_uint_32 width = 0;
  png_uint_32 height = 0;
  int depth = 0;
  int color_type = 0;
  int interlace = 0;
  png_get_IHDR(png, info, &width, &height, &depth, &color_type, &interlace, nullptr, nullptr);
  bool supported = interlace == PNG_INTERLACE_NONE &&
                   ((color_type == PNG_COLOR_TYPE_GRAY && (depth == 8 || depth == 16)) ||
                    (color_type == PNG_COLOR_TYPE_RGB && depth == 8));
  if (!supported) {
    std::snprintf(error->message, sizeof error->message,
                  "unsupported PNG kind (color type %d, bit depth %d, interlace %d)", color_type,
                  depth, interlace);
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  image.layout = color_type == PNG_COLOR_TYPE_RGB ? PngLayout::kRgb8
                 : depth == 16                    ? PngLayout::kGrey16
                                                  : PngLayout::kGrey8;
  image.width = width;
  image.height = height;
  image.significant_bits = static_cast<uint8_t>(depth);
  png_color_8p bits = nullptr;
  if (png_get_sBIT(png, info, &bits) != 0 && bits != nullptr && bits->gray > 0 &&
      color_type == PNG_COLOR_TYPE_GRAY) {
    image.significant_bits = bits->gray;
  }
  if (depth == 16) png_set_swap(png);
  png_read_update_info(png, info);
  const size_t row_bytes = image.row_bytes();
  image.pixels.resize(row_bytes * height);
  for (size_t y = 0; y < height; ++y)
    png_read_row(png, image.pixels.data() + y * row_bytes, nullptr);
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

}  // namespace

Status WritePng(const std::string& path, const ConvertedImage& image) {
  if (image.width == 0 || image.height == 0 ||
      image.pixels.size() < image.row_bytes() * image.height) {
    return Status(ErrorCode::kInvalidArgument, path + ": no image to write");
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return Status(ErrorCode::kIoError, path + ": " + std::strerror(errno));
  }
  PngError error;
  bool encoded = Encode(file, image, &error);
  bool written = std::ferror(file) == 0;
  if (std::fclose(file) != 0) written = false;
  if (!encoded) return Status(ErrorCode::kIoError, path + ": " + error.message);
  if (!written) return Status(ErrorCode::kIoError, path + ": write failed");
  return Status::Ok();
}

Status ReadPng(const std::string& path, ConvertedImage& image) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status(ErrorCode::kNotFound, path + ": " + std::strerror(errno));
  }
  PngError error;
  bool decoded = Decode(file, image, &error);
  std::fclose(file);
  if (!decoded) return Status(ErrorCode::kUnsupported, path + ": " + error.message);
  return Status::Ok();
}

}  // namespace vrsx::cli
