// vrsx::ImageDecoder on the golden recordings' images: every image block `print` shows decodes,
// normalized to the format docs/media.md gives its pixel format, with the stored pixels for the
// 8-bit formats.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/image.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

using vrsx::ImageConversion;
using vrsx::PixelFormat;

// How many " - Image block" lines the reference printed for a recording.
size_t PrintedImageBlocks(const std::string& name) {
  std::ifstream in(vrsx::testing::ExpectedDir(name) + "/print-details.txt");
  size_t count = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(" - Image block, ", 0) == 0) ++count;
  }
  return count;
}

PixelFormat NormalizedFormat(PixelFormat stored) {
  if (stored == PixelFormat::kRgba8) return PixelFormat::kRgba8;
  if (stored == PixelFormat::kRgbIr4x4) return PixelFormat::kGrey8;  // a mosaic, one sample a pixel
  return vrsx::PixelFormatChannels(stored) > 1 ? PixelFormat::kRgb8 : PixelFormat::kGrey8;
}

}  // namespace

TEST_CASE("golden: every image block of the golden recordings normalizes", "[image]") {
  for (const std::string& name : vrsx::testing::GoldenRecordings()) {
    INFO(name);
    vrsx::Reader reader;
    vrsx::testing::OpenOrFail(reader, vrsx::testing::GoldenFile(name));
    vrsx::StreamFormats formats(reader);
    vrsx::RecordContentDecoder content_decoder(formats);
    content_decoder.set_auto_read_configuration_records(false);  // in order, like print
    vrsx::ImageDecoder decoder;
    std::vector<uint8_t> payload;
    vrsx::RecordContent content;
    vrsx::Pixels pixels;
    size_t images = 0;
    for (size_t pos = 0; pos < reader.index().size(); ++pos) {
      if (!content_decoder.ReadAndDecode(reader, pos, payload, content).ok()) continue;
      for (const vrsx::DecodedBlock& block : content.blocks) {
        if (block.kind != vrsx::BlockKind::kImage) continue;
        ++images;
        const vrsx::ImageSpec& spec = block.spec.image;
        INFO(block.Text());
        vrsx::Status status = decoder.Decode(block, ImageConversion::kNormalize, pixels);
        INFO(status.message());
        REQUIRE(status.ok());
        CHECK(pixels.width == spec.width);
        CHECK(pixels.height == spec.height);
        CHECK(pixels.format == NormalizedFormat(spec.pixel_format));
        size_t bytes_per_pixel = vrsx::PixelFormatChannels(pixels.format);
        REQUIRE(pixels.bytes.size() == size_t(spec.width) * spec.height * bytes_per_pixel);
        if (spec.pixel_format == PixelFormat::kGrey8 || spec.pixel_format == PixelFormat::kRgb8 ||
            spec.pixel_format == PixelFormat::kBgr8) {
          // Row by row, the stored bytes (bgr8 with its channels swapped).
          const size_t row = size_t(spec.width) * bytes_per_pixel;
          bool same = true;
          for (size_t y = 0; y < spec.height && same; ++y) {
            const uint8_t* stored = block.data.data() + y * spec.PlaneStride(0);
            const uint8_t* normalized = pixels.bytes.data() + y * row;
            for (size_t i = 0; i < row && same; ++i) {
              size_t from = i;
              if (spec.pixel_format == PixelFormat::kBgr8) from = i - i % 3 + (2 - i % 3);
              same = stored[from] == normalized[i];
            }
          }
          CHECK(same);
        }
      }
    }
    CHECK(images == PrintedImageBlocks(name));
  }
}
