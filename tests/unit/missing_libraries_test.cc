// Without the optional libraries vrsx loads on first use (libcurl, libjxl, libavcodec), the
// commands that need one fail with what to install, and the rest of the file is still handled.
// The `vrsx` binary runs with tools/block_dlopen.cc preloaded, which makes that library's
// dlopen fail as on a machine without it.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "media/image_encoders.h"
#include "support/temp_dir.h"
#include "unit/video_test_stream.h"
#include "vrsx/image.h"
#include "vrsx/writer.h"

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs `vrsx <args>` with dlopen failing for library names containing `blocked`.
Run RunVrsxWithout(const std::string& blocked, const std::string& args,
                   const vrsx::testing::TempDir& dir) {
  const std::string log = dir.File("vrsx-output.txt");
  // verify_asan_link_order: in sanitizer builds, the preload comes before the runtime.
  const std::string command = "LD_PRELOAD='" + std::string(VRSX_BLOCK_DLOPEN_PATH) +
                              "' VRSX_TEST_BLOCK_DLOPEN='" + blocked +
                              "' ASAN_OPTIONS=\"$ASAN_OPTIONS:verify_asan_link_order=0\" '" +
                              VRSX_CLI_PATH + "' " + args + " > '" + log + "' 2>&1";
  Run run;
  int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status)) run.status = WEXITSTATUS(status);
  std::ifstream in(log);
  run.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return run;
}

size_t FilesIn(const std::string& folder) {
  if (!std::filesystem::is_directory(folder)) return 0;
  auto entries = std::filesystem::directory_iterator(folder);
  return size_t(std::distance(entries, std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("without libcurl, a URL fails with what to install", "[io][cli]") {
  vrsx::testing::TempDir dir;
  // No server is needed: the library is looked for before any connection.
  Run run = RunVrsxWithout("libcurl", "check http://127.0.0.1:9/recording.vrs", dir);
  CHECK(run.status != 0);
  CHECK_THAT(run.output, Catch::Contains("cannot load libcurl.so.4 (install libcurl4)"));
}

TEST_CASE("the preload blocks only the library it names", "[io][cli]") {
  vrsx::testing::TempDir dir;
  // With libcurl there, the same command gets as far as connecting (nothing listens on port 9).
  Run run =
      RunVrsxWithout("libvrsx-no-such-library", "check http://127.0.0.1:9/recording.vrs", dir);
  CHECK(run.status != 0);
  CHECK_THAT(run.output, !Catch::Contains("cannot load"));
}

TEST_CASE("without libjxl, jxl images are not converted, and other images still are",
          "[image][cli]") {
  if (!vrsx::ImageDecoder::CanDecompress(vrsx::ImageFormat::kJxl) ||
      !vrsx::ImageDecoder::CanDecompress(vrsx::ImageFormat::kPng)) {
    return;  // built without libjxl or libpng
  }
  const std::vector<uint8_t> grey = vrsx::testing::TestPicture(32, 16, 1);
  const std::vector<uint8_t> jxl = vrsx::testing::EncodeJxl(grey, 32, 16, 1);
  const std::vector<uint8_t> png = vrsx::testing::EncodePng(grey, 32, 16, 1);
  REQUIRE(!jxl.empty());
  REQUIRE(!png.empty());
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("jxl.vrs");
  {
    vrsx::Writer writer;
    vrsx::StreamId jxl_stream;
    vrsx::StreamId png_stream;
    for (auto [format, id] : {std::pair{"image/jxl", &jxl_stream}, {"image/png", &png_stream}}) {
      vrsx::StreamDefinition stream(214, "test/images");
      stream.record_formats.push_back(
          {vrsx::RecordType::kData, 1, vrsx::RecordFormat::Parse(format), {}});
      REQUIRE(writer.AddStream(stream, *id).ok());
    }
    REQUIRE(writer.Create(path).ok());
    REQUIRE(
        writer.AddRecord(jxl_stream, {vrsx::RecordType::kData, 1, 1.0}, vrsx::Writer::Piece(jxl))
            .ok());
    REQUIRE(
        writer.AddRecord(png_stream, {vrsx::RecordType::kData, 1, 2.0}, vrsx::Writer::Piece(png))
            .ok());
    REQUIRE(writer.Close().ok());
  }
  const std::string out = dir.File("png");
  Run run =
      RunVrsxWithout("libjxl", "extract-images '" + path + "' --to '" + out + "' --to-png", dir);
  INFO(run.output);
  CHECK_THAT(run.output, Catch::Contains("image/jxl: cannot load libjxl.so"));
  CHECK_THAT(run.output, Catch::Contains("(install libjxl)"));
  CHECK(std::filesystem::exists(out + "/214-2-00001-2.000.png"));
  CHECK(FilesIn(out) == 1);
}

#ifdef VRSX_TEST_VIDEO
TEST_CASE("without libavcodec, video frames are not converted", "[video][cli]") {
  constexpr vrsx::testing::VideoShape kShape{64, 48, 6, 3};
  if (!vrsx::testing::HasVideoEncoder(vrsx::media::VideoCodec::kH264)) return;
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("h264.vrs");
  vrsx::testing::WriteVideoFile(
      path, "H.264", vrsx::testing::EncodeVideo(vrsx::media::VideoCodec::kH264, kShape), kShape);
  const std::string out = dir.File("png");
  Run run = RunVrsxWithout("libavcodec",
                           "extract-images '" + path + "' --to '" + out + "' --to-png", dir);
  INFO(run.output);
  CHECK_THAT(run.output, Catch::Contains("video: cannot load libavcodec.so."));
  CHECK_THAT(run.output, Catch::Contains("(install libavcodec"));
  CHECK(FilesIn(out) == 0);
}
#endif
