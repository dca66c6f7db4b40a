// Encoders for the image tests: the codec libraries used directly, independently of src/media.
#include "media/image_encoders.h"

#include <cmath>
#include <cstring>

#ifdef VRSX_WITH_PNG
#include <png.h>
#endif
#ifdef VRSX_WITH_JPEG
#include <turbojpeg.h>
#endif
#ifdef VRSX_WITH_JXL
#include <jxl/encode.h>
#endif

namespace vrsx::testing {

std::vector<uint8_t> TestPicture(uint32_t width, uint32_t height, int channels) {
  std::vector<uint8_t> pixels(size_t(width) * height * channels);
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      uint8_t* p = pixels.data() + (size_t(y) * width + x) * channels;
      double wave = 128 + 100 * std::sin(x / 5.0) * std::cos(y / 7.0);
      p[0] = static_cast<uint8_t>(x * 255 / (width > 1 ? width - 1 : 1));
      if (channels == 1) p[0] = static_cast<uint8_t>((p[0] + wave) / 2);
      if (channels >= 3) {
        p[1] = static_cast<uint8_t>(y * 255 / (height > 1 ? height - 1 : 1));
        p[2] = static_cast<uint8_t>(wave);
      }
      if (channels == 4) p[3] = static_cast<uint8_t>(255 - (x + y) % 256);
    }
  }
  return pixels;
}

#ifdef VRSX_WITH_PNG
namespace {
void AppendPng(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + length);
}
void NoFlush(png_structp) {}
}  // namespace
#endif

std::vector<uint8_t> EncodePng(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                               int channels, int bits) {
  std::vector<uint8_t> out;
#ifdef VRSX_WITH_PNG
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  int color = channels == 1   ? PNG_COLOR_TYPE_GRAY
              : channels == 3 ? PNG_COLOR_TYPE_RGB
                              : PNG_COLOR_TYPE_RGB_ALPHA;
  png_set_write_fn(png, &out, AppendPng, NoFlush);
  png_set_IHDR(png, info, width, height, bits, color, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  if (bits == 16) png_set_swap(png);
  size_t row = size_t(width) * channels * (bits / 8);
  for (uint32_t y = 0; y < height; ++y) {
    png_write_row(png, const_cast<uint8_t*>(pixels.data()) + y * row);
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
#else
  (void)pixels, (void)width, (void)height, (void)channels, (void)bits;
#endif
  return out;
}

std::vector<uint8_t> EncodeJpeg(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                                int channels, int quality) {
  std::vector<uint8_t> out;
#ifdef VRSX_WITH_JPEG
  tjhandle handle = tjInitCompress();
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  if (tjCompress2(handle, pixels.data(), int(width), 0, int(height),
                  channels == 1 ? TJPF_GRAY : TJPF_RGB, &jpeg, &size,
                  channels == 1 ? TJSAMP_GRAY : TJSAMP_420, quality, 0) == 0) {
    out.assign(jpeg, jpeg + size);
  }
  tjFree(jpeg);
  tjDestroy(handle);
#else
  (void)pixels, (void)width, (void)height, (void)channels, (void)quality;
#endif
  return out;
}

std::vector<uint8_t> DecodeJpegWithLibrary(const std::vector<uint8_t>& jpeg, int channels) {
  std::vector<uint8_t> out;
#ifdef VRSX_WITH_JPEG
  tjhandle handle = tjInitDecompress();
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  auto* data = const_cast<unsigned char*>(jpeg.data());
  if (tjDecompressHeader3(handle, data, jpeg.size(), &width, &height, &subsampling, &colorspace) ==
      0) {
    out.resize(size_t(width) * height * channels);
    if (tjDecompress2(handle, data, jpeg.size(), out.data(), width, 0, height,
                      channels == 1 ? TJPF_GRAY : TJPF_RGB, 0) != 0) {
      out.clear();
    }
  }
  tjDestroy(handle);
#else
  (void)jpeg, (void)channels;
#endif
  return out;
}

PngFile DecodePngWithLibrary(const std::vector<uint8_t>& png) {
  PngFile out;
#ifdef VRSX_WITH_PNG
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, png.data(), png.size()) == 0) return out;
  // The file's own layout: 8-bit grey or rgb here (what the tests write).
  out.width = image.width;
  out.height = image.height;
  out.bit_depth = (image.format & PNG_FORMAT_FLAG_LINEAR) ? 16 : 8;
  out.channels = int(PNG_IMAGE_SAMPLE_CHANNELS(image.format));
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr) == 0) out = {};
  png_image_free(&image);
#else
  (void)png;
#endif
  return out;
}

std::vector<uint8_t> EncodeJxl(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                               int channels) {
  std::vector<uint8_t> out;
#ifdef VRSX_WITH_JXL
  JxlEncoder* encoder = JxlEncoderCreate(nullptr);
  JxlBasicInfo info;
  JxlEncoderInitBasicInfo(&info);
  info.xsize = width;
  info.ysize = height;
  info.bits_per_sample = 8;
  info.num_color_channels = uint32_t(channels);
  info.uses_original_profile = JXL_TRUE;  // lossless needs it
  JxlColorEncoding color;
  JxlColorEncodingSetToSRGB(&color, channels == 1 ? JXL_TRUE : JXL_FALSE);
  JxlEncoderFrameSettings* settings = nullptr;
  JxlPixelFormat format = {uint32_t(channels), JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, 0};
  bool ok =
      JxlEncoderSetBasicInfo(encoder, &info) == JXL_ENC_SUCCESS &&
      JxlEncoderSetColorEncoding(encoder, &color) == JXL_ENC_SUCCESS &&
      (settings = JxlEncoderFrameSettingsCreate(encoder, nullptr)) != nullptr &&
      JxlEncoderSetFrameLossless(settings, JXL_TRUE) == JXL_ENC_SUCCESS &&
      JxlEncoderFrameSettingsSetOption(settings, JXL_ENC_FRAME_SETTING_EFFORT, 1) ==
          JXL_ENC_SUCCESS &&
      JxlEncoderAddImageFrame(settings, &format, pixels.data(), pixels.size()) == JXL_ENC_SUCCESS;
  JxlEncoderCloseInput(encoder);
  if (ok) {
    out.resize(4096);
    uint8_t* next = out.data();
    size_t available = out.size();
    JxlEncoderStatus status;
    while ((status = JxlEncoderProcessOutput(encoder, &next, &available)) ==
           JXL_ENC_NEED_MORE_OUTPUT) {
      size_t used = size_t(next - out.data());
      out.resize(out.size() * 2);
      next = out.data() + used;
      available = out.size() - used;
    }
    out.resize(status == JXL_ENC_SUCCESS ? size_t(next - out.data()) : 0);
  }
  JxlEncoderDestroy(encoder);
#else
  (void)pixels, (void)width, (void)height, (void)channels;
#endif
  return out;
}

}  // namespace vrsx::testing
