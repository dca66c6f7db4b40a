// vrsx_image_bench: image decoding throughput, vrsx::ImageDecoder against the codec library
// called directly on the same frames in the same run, and normalization speed.
//
//   vrsx_image_bench [--frames N] [--width W --height H]
//
// Frames are the tests' synthetic picture (tests/media/image_encoders.h) encoded by the codec
// libraries. Each row runs its loop 3 times and keeps the fastest; MB/s are of decoded pixels.
#include <png.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "media/image_encoders.h"
#include "vrsx/image.h"

#ifdef VRSX_WITH_JPEG
#include <turbojpeg.h>
#endif
#ifdef VRSX_WITH_JXL
#include <jxl/decode.h>
#endif

namespace {

using Bytes = std::vector<uint8_t>;

// Seconds of the fastest of 3 runs of `loop`.
double Fastest(const std::function<void()>& loop) {
  double best = 1e30;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    loop();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds < best) best = seconds;
  }
  return best;
}

void Row(const char* name, double seconds, size_t frames, size_t bytes_per_frame) {
  double mb = double(frames) * double(bytes_per_frame) / 1e6;
  std::printf("| %-34s | %8.1f | %9.1f |\n", name, double(frames) / seconds, mb / seconds);
}

// The libraries alone: the least a decoder can do with each.
bool LibpngDecode(const Bytes& png, Bytes& out) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, png.data(), png.size())) return false;
  image.format = PNG_FORMAT_RGB;
  out.resize(PNG_IMAGE_SIZE(image));
  return png_image_finish_read(&image, nullptr, out.data(), 0, nullptr) != 0;
}

#ifdef VRSX_WITH_JPEG
bool TurboJpegDecode(tjhandle handle, const Bytes& jpg, uint32_t width, uint32_t height,
                     Bytes& out) {
  out.resize(size_t(width) * height * 3);
  return tjDecompress2(handle, jpg.data(), jpg.size(), out.data(), int(width), 0, int(height),
                       TJPF_RGB, 0) == 0;
}
#endif

#ifdef VRSX_WITH_JXL
bool LibjxlDecode(JxlDecoder* decoder, const Bytes& jxl, Bytes& out) {
  JxlDecoderReset(decoder);
  JxlDecoderSubscribeEvents(decoder, JXL_DEC_FULL_IMAGE);
  JxlDecoderSetInput(decoder, jxl.data(), jxl.size());
  JxlDecoderCloseInput(decoder);
  JxlPixelFormat format = {3, JXL_TYPE_UINT8, JXL_LITTLE_ENDIAN, 0};
  for (;;) {
    switch (JxlDecoderProcessInput(decoder)) {
      case JXL_DEC_NEED_IMAGE_OUT_BUFFER: {
        size_t size = 0;
        JxlDecoderImageOutBufferSize(decoder, &format, &size);
        out.resize(size);
        JxlDecoderSetImageOutBuffer(decoder, &format, out.data(), size);
        break;
      }
      case JXL_DEC_FULL_IMAGE:
        return true;
      default:
        return false;
    }
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
  size_t frames = 30;
  uint32_t width = 640;
  uint32_t height = 480;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string arg = argv[i];
    if (arg == "--frames") frames = std::strtoul(argv[i + 1], nullptr, 10);
    if (arg == "--width") width = uint32_t(std::strtoul(argv[i + 1], nullptr, 10));
    if (arg == "--height") height = uint32_t(std::strtoul(argv[i + 1], nullptr, 10));
  }
  const Bytes rgb = vrsx::testing::TestPicture(width, height, 3);
  const size_t rgb_bytes = rgb.size();
  std::printf("%zu frames of %ux%u\n\n", frames, width, height);
  std::printf("| %-34s | %8s | %9s |\n|---|---:|---:|\n", "row", "frames/s", "MB/s out");
  vrsx::ImageDecoder decoder;
  vrsx::Pixels pixels;
  Bytes out;
  auto vrsx_loop = [&](const vrsx::ImageSpec& spec, const Bytes& data,
                       vrsx::ImageConversion conversion) {
    return [&, spec, conversion] {
      for (size_t f = 0; f < frames; ++f) {
        if (!decoder.Decode(spec, data, conversion, pixels).ok()) std::abort();
      }
    };
  };

  Bytes png = vrsx::testing::EncodePng(rgb, width, height, 3);
  if (!png.empty()) {
    Row("png: libpng alone", Fastest([&] {
          for (size_t f = 0; f < frames; ++f) {
            if (!LibpngDecode(png, out)) std::abort();
          }
        }),
        frames, rgb_bytes);
    Row("png: vrsx decompress",
        Fastest(vrsx_loop(vrsx::ImageSpec::Parse("png"), png, vrsx::ImageConversion::kDecompress)),
        frames, rgb_bytes);
  }
#ifdef VRSX_WITH_JPEG
  Bytes jpg = vrsx::testing::EncodeJpeg(rgb, width, height, 3, 90);
  tjhandle handle = tjInitDecompress();
  Row("jpg: libturbojpeg alone", Fastest([&] {
        for (size_t f = 0; f < frames; ++f) {
          if (!TurboJpegDecode(handle, jpg, width, height, out)) std::abort();
        }
      }),
      frames, rgb_bytes);
  tjDestroy(handle);
  Row("jpg: vrsx decompress",
      Fastest(vrsx_loop(vrsx::ImageSpec::Parse("jpg"), jpg, vrsx::ImageConversion::kDecompress)),
      frames, rgb_bytes);
#endif
#ifdef VRSX_WITH_JXL
  Bytes jxl = vrsx::testing::EncodeJxl(rgb, width, height, 3);
  JxlDecoder* jxl_decoder = JxlDecoderCreate(nullptr);
  Row("jxl: libjxl alone", Fastest([&] {
        for (size_t f = 0; f < frames; ++f) {
          if (!LibjxlDecode(jxl_decoder, jxl, out)) std::abort();
        }
      }),
      frames, rgb_bytes);
  JxlDecoderDestroy(jxl_decoder);
  Row("jxl: vrsx decompress",
      Fastest(vrsx_loop(vrsx::ImageSpec::Parse("jxl"), jxl, vrsx::ImageConversion::kDecompress)),
      frames, rgb_bytes);
#endif

  // Raw normalization: output bytes per second.
  const size_t pixels_count = size_t(width) * height;
  auto raw = [&](const char* name, const char* pixel, size_t in_bytes, size_t out_bytes) {
    Bytes data(in_bytes);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 7 + i / 613);
    std::string spec_text =
        "raw/" + std::to_string(width) + "x" + std::to_string(height) + "/pixel=" + pixel;
    Row(name,
        Fastest(
            vrsx_loop(vrsx::ImageSpec::Parse(spec_text), data, vrsx::ImageConversion::kNormalize)),
        frames, out_bytes);
  };
  frames *= 10;
  raw("normalize grey8 -> grey8", "grey8", pixels_count, pixels_count);
  raw("normalize rgb8 -> rgb8", "rgb8", pixels_count * 3, pixels_count * 3);
  raw("normalize bgr8 -> rgb8", "bgr8", pixels_count * 3, pixels_count * 3);
  raw("normalize grey10 -> grey8", "grey10", pixels_count * 2, pixels_count);
  raw("normalize nv12 -> rgb8", "yuv_420_nv12", pixels_count * 3 / 2, pixels_count * 3);
  return 0;
}
