// extract-images --to-png: jpg, png and jxl images written as PNG files through vrsx::ImageDecoder;
// without it they are written as stored.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "media/image_encoders.h"
#include "support/temp_dir.h"
#include "unit/cli_in_process.h"
#include "vrsx/image.h"
#include "vrsx/writer.h"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("extract-images --to-png writes jpg images as PNG files", "[image][cli]") {
  if (!vrsx::ImageDecoder::CanDecompress(vrsx::ImageFormat::kJpg)) return;  // no libturbojpeg
  const Bytes rgb = vrsx::testing::TestPicture(32, 16, 3);
  const Bytes jpg = vrsx::testing::EncodeJpeg(rgb, 32, 16, 3, 85);
  REQUIRE(!jpg.empty());
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("jpg.vrs");
  {
    vrsx::Writer writer;
    vrsx::StreamDefinition stream(214, "test/jpg");
    stream.record_formats.push_back(
        {vrsx::RecordType::kData, 1, vrsx::RecordFormat::Parse("image/jpg"), {}});
    vrsx::StreamId id;
    REQUIRE(writer.AddStream(stream, id).ok());
    REQUIRE(writer.Create(path).ok());
    REQUIRE(writer.AddRecord(id, {vrsx::RecordType::kData, 1, 1.5}, vrsx::Writer::Piece(jpg)).ok());
    REQUIRE(writer.Close().ok());
  }
  auto as_stored =
      vrsx::testing::RunCliInProcess({"extract-images", path, "--to", dir.File("stored")});
  CHECK(as_stored.status == 0);
  CHECK(ReadFile(dir.File("stored/214-1-00001-1.500.jpg")) == jpg);

  auto png =
      vrsx::testing::RunCliInProcess({"extract-images", path, "--to", dir.File("png"), "--to-png"});
  CHECK(png.status == 0);
  CHECK(png.out.find("214-1-00001-1.500.png") != std::string::npos);
  CHECK(png.out.find("Found 1 image(s).") != std::string::npos);
  Bytes written = ReadFile(dir.File("png/214-1-00001-1.500.png"));
  REQUIRE(!written.empty());
  if (vrsx::ImageDecoder::CanDecompress(vrsx::ImageFormat::kPng)) {
    vrsx::ImageDecoder decoder;
    vrsx::Pixels pixels;
    REQUIRE(decoder
                .Decode(vrsx::ImageSpec::Parse("png"), written, vrsx::ImageConversion::kDecompress,
                        pixels)
                .ok());
    CHECK(pixels.format == vrsx::PixelFormat::kRgb8);
    CHECK(pixels.bytes == vrsx::testing::DecodeJpegWithLibrary(jpg, 3));
  }
}
