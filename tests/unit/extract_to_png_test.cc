// extract-images --to-png: jpg, png and jxl images written as PNG files through vrsx::ImageDecoder,
// h264 video frames through vrsx::ImageReader (in order, and with filters skipping frames);
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
#include "unit/video_test_stream.h"
#include "vrsx/image.h"
#include "vrsx/image_reader.h"
#include "vrsx/reader.h"
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

#ifdef VRSX_TEST_VIDEO

// 14 frames, a key frame every 4.
constexpr vrsx::testing::VideoShape kVideoShape{64, 48, 14, 4};

TEST_CASE("extract-images --to-png writes video frames as PNG files", "[image][video][cli]") {
  if (!vrsx::testing::HasVideoEncoder(vrsx::media::VideoCodec::kH264)) {
    WARN("no libx264 encoder: skipped");
    return;
  }
  const std::vector<vrsx::testing::VideoPacket> packets =
      vrsx::testing::EncodeVideo(vrsx::media::VideoCodec::kH264, kVideoShape);
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("video.vrs");
  vrsx::testing::WriteVideoFile(path, "H.264", packets, kVideoShape);

  // Without --to-png: frames need --raw-images, and come out as stored.
  auto stored = vrsx::testing::RunCliInProcess(
      {"extract-images", path, "--to", dir.File("stored"), "--raw-images"});
  CHECK(stored.status == 0);
  CHECK(ReadFile(dir.File("stored/214-1-00002-1.000#1.H.264")) == packets[1].bytes);

  auto png =
      vrsx::testing::RunCliInProcess({"extract-images", path, "--to", dir.File("png"), "--to-png"});
  CHECK(png.status == 0);
  CHECK(png.err == "");
  CHECK(png.out.find("Found 14 image(s).") != std::string::npos);
  size_t written = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File("png"))) {
    written += entry.path().extension() == ".png";
  }
  CHECK(written == packets.size());
  const std::vector<uint8_t> file = ReadFile(dir.File("png/214-1-00007-6.000.png"));
  REQUIRE_FALSE(file.empty());
  vrsx::testing::PngFile decoded = vrsx::testing::DecodePngWithLibrary(file);
  if (vrsx::ImageDecoder::CanDecompress(vrsx::ImageFormat::kPng)) {
    CHECK(decoded.width == uint32_t(kVideoShape.width));
    CHECK(decoded.height == uint32_t(kVideoShape.height));
    CHECK(decoded.channels == 3);
    CHECK(decoded.bit_depth == 8);
    // The frame as ImageReader normalizes it.
    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    vrsx::ImageReader images(reader);
    vrsx::Pixels pixels;
    const size_t pos = reader.stream_index(reader.FindStreams(214).at(0)).at(6);
    REQUIRE(images.ReadImage(pos, vrsx::ImageConversion::kNormalize, pixels).ok());
    CHECK(decoded.pixels == pixels.bytes);
  }

  // Filters that skip frames: each written frame still decodes from its group's key frame.
  auto decimated = vrsx::testing::RunCliInProcess(
      {"extract-images", path, "--to", dir.File("after"), "--to-png", "--after", "5.5"});
  CHECK(decimated.status == 0);
  CHECK(decimated.err == "");
  const std::vector<uint8_t> late = ReadFile(dir.File("after/214-1-00001-6.000.png"));
  CHECK(late == file);
}

#endif
