// extract-images, extract-audio and extract-all (spec 03 §8, §13.9), run as a process on the
// golden files: stdout as the reference printed it, and the files' contents checked against the
// records read with the library (PNG pixels, raw bytes, WAV header and samples, metadata.jsons).
// Also the raw image conversions of every pixel format, with padded strides, and the WAV writer.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "media/png_layout_conversion.h"
#include "media/wav_writer.h"
#include "support/raw_image_spec.h"
#include "support/text_lines.h"
#include "tools/media/png_writer.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

namespace fs = std::filesystem;

using vrsx::AudioSampleFormat;
using vrsx::AudioSpec;
using vrsx::BlockKind;
using vrsx::ImageFormat;
using vrsx::ImageSpec;
using vrsx::PixelFormat;
using vrsx::StreamId;
using vrsx::cli::ConvertedImage;
using vrsx::cli::ConvertRawImage;
using vrsx::cli::PngLayout;
using vrsx::testing::CliResult;
using vrsx::testing::GoldenFile;
using vrsx::testing::Lines;
using vrsx::testing::RawImageSpec;
using vrsx::testing::ReadBytes;
using vrsx::testing::ReadTextFile;
using vrsx::testing::RunCli;
using vrsx::testing::ScratchDir;

// One image or audio block of a record, read with the library.
struct Block {
  vrsx::RecordInfo record;
  vrsx::ContentBlock spec;
  std::vector<uint8_t> data;
};

// Every block of `kind` of the file's records, in index order (optionally of one stream).
std::vector<Block> ReadBlocks(const std::string& path, BlockKind kind,
                              std::optional<StreamId> stream = std::nullopt) {
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  std::vector<Block> blocks;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    REQUIRE(decoder.ReadAndDecode(reader, pos, payload, content).ok());
    const vrsx::RecordInfo& record = reader.index()[pos];
    if (stream && record.stream != *stream) continue;
    for (const vrsx::DecodedBlock& block : content.blocks) {
      if (block.kind != kind) continue;
      REQUIRE(block.complete());
      blocks.push_back({record, block.spec, {block.data.begin(), block.data.end()}});
    }
  }
  return blocks;
}

ConvertedImage LoadPng(const std::string& path) {
  ConvertedImage image;
  vrsx::Status status = vrsx::cli::ReadPng(path, image);
  INFO(status.message());
  REQUIRE(status.ok());
  return image;
}

uint16_t Le16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
uint32_t Le32(const uint8_t* p) {
  return uint32_t(Le16(p)) | (uint32_t(Le16(p + 2)) << 16);
}

ConvertedImage Convert(const ImageSpec& spec, const std::vector<uint8_t>& data) {
  ConvertedImage image;
  vrsx::Status status = ConvertRawImage(spec, data, image);
  INFO(status.message());
  REQUIRE(status.ok());
  REQUIRE(image.width == spec.width);
  REQUIRE(image.height == spec.height);
  REQUIRE(image.pixels.size() == image.row_bytes() * image.height);
  return image;
}

// A pseudo-random byte pattern, different for each position.
std::vector<uint8_t> Pattern(size_t size, uint32_t seed = 1) {
  std::vector<uint8_t> bytes(size);
  uint32_t x = seed * 2654435761u + 12345;
  for (uint8_t& b : bytes) {
    x = x * 1664525u + 1013904223u;
    b = static_cast<uint8_t>(x >> 24);
  }
  return bytes;
}

const std::string kWavDetails =
    "WAV file details: 1 channel, 44100 int16le samples/s, 16 bits per sample, 2 bytes sample "
    "frame stride.\n";

}  // namespace

TEST_CASE("extract-images: sample_file.vrs PNGs are the camera's grey8 images", "[extract][cli]") {
  ScratchDir scratch;
  CliResult r = RunCli(
      {"extract-images", GoldenFile("sample_file.vrs"), "--to", "out/img", "--before", "+0.05"},
      scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "Writing out/img/200-1-00001-1493865.291.png\n"
        "Writing out/img/200-1-00002-1493865.302.png\n"
        "Writing out/img/200-1-00003-1493865.312.png\n"
        "Writing out/img/200-1-00004-1493865.324.png\n"
        "Writing out/img/200-1-00005-1493865.335.png\n"
        "Found 5 image(s).\n");

  std::vector<Block> images =
      ReadBlocks(GoldenFile("sample_file.vrs"), BlockKind::kImage, StreamId{200, 1});
  REQUIRE(images.size() == 101);
  std::vector<std::string> lines = Lines(r.out);
  for (size_t i = 0; i < 5; ++i) {
    std::string path = scratch.path() + "/" + lines[i].substr(std::strlen("Writing "));
    INFO(path);
    ConvertedImage png = LoadPng(path);
    CHECK(png.layout == PngLayout::kGrey8);
    CHECK(png.width == 640);
    CHECK(png.height == 480);
    REQUIRE(images[i].data.size() == 640 * 480);
    CHECK(png.pixels == images[i].data);
  }
  // Nothing else was written.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch.File("out/img"))) {
    ++files;
  }
  CHECK(files == 5);
}

TEST_CASE("extract-images --raw-images: the block's bytes, named with format and size",
          "[extract][cli]") {
  ScratchDir scratch;
  CliResult r = RunCli({"extract-images", GoldenFile("sample_file.vrs"), "--to", "out/imgraw",
                        "--raw-images", "--first-records"},
                       scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "Writing out/imgraw/200-1-00001-1493865.291-grey8-640x480.raw\n"
        "Found 1 image(s).\n");
  std::vector<Block> images =
      ReadBlocks(GoldenFile("sample_file.vrs"), BlockKind::kImage, StreamId{200, 1});
  REQUIRE_FALSE(images.empty());
  CHECK(ReadBytes(scratch.File("out/imgraw/200-1-00001-1493865.291-grey8-640x480.raw")) ==
        images[0].data);
}

TEST_CASE("extract-images: nested --to folders are created; a file in the way is an error",
          "[extract][cli]") {
  ScratchDir scratch;
  CliResult r = RunCli({"extract-images", GoldenFile("sample_file.vrs"), "--to", "a/b/c", "-1"},
                       scratch.path());
  CHECK(r.exit_code == 0);
  CHECK(fs::is_regular_file(scratch.File("a/b/c/200-1-00001-1493865.291.png")));

  scratch.Write("blocker", std::string("not a folder"));
  CliResult blocked =
      RunCli({"extract-audio", GoldenFile("sample_file.vrs"), "--to", "blocker"}, scratch.path());
  CHECK(blocked.exit_code == 0);
  CHECK(blocked.out.empty());
  CHECK_FALSE(blocked.err.empty());
  CHECK(ReadTextFile(scratch.File("blocker")) == "not a folder");

  // Without --to: the current folder.
  CliResult here = RunCli({"extract-images", GoldenFile("sample_file.vrs"), "-1"}, scratch.path());
  CHECK(here.exit_code == 0);
  CHECK(fs::is_regular_file(scratch.File("200-1-00001-1493865.291.png")));
}

TEST_CASE("extract-audio: sample_file.vrs WAV header and samples", "[extract][cli]") {
  ScratchDir scratch;
  CliResult r =
      RunCli({"extract-audio", GoldenFile("sample_file.vrs"), "--to", "out/aud"}, scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Writing out/aud/101-1-0000-1493865.298.wav\n" + kWavDetails +
                     "Wrote 1 audio file(s) from 1 stream(s).\n");
  std::vector<uint8_t> wav = ReadBytes(scratch.File("out/aud/101-1-0000-1493865.298.wav"));
  REQUIRE(wav.size() == 51244);
  const std::vector<uint8_t> header = {
      'R',  'I',  'F',  'F',  0x24, 0xc8, 0x00, 0x00, 'W',  'A',  'V',  'E',  'f',  'm',  't',
      ' ',  0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x44, 0xac, 0x00, 0x00, 0x88, 0x58,
      0x01, 0x00, 0x02, 0x00, 0x10, 0x00, 'd',  'a',  't',  'a',  0x00, 0xc8, 0x00, 0x00};
  CHECK(std::vector<uint8_t>(wav.begin(), wav.begin() + 44) == header);

  std::vector<Block> audio =
      ReadBlocks(GoldenFile("sample_file.vrs"), BlockKind::kAudio, StreamId{101, 1});
  REQUIRE(audio.size() == 100);
  std::vector<uint8_t> samples;
  for (const Block& block : audio)
    samples.insert(samples.end(), block.data.begin(), block.data.end());
  CHECK(std::vector<uint8_t>(wav.begin() + 44, wav.end()) == samples);
}

TEST_CASE("extract-audio: gen-none.vrs stereo int16 48 kHz", "[extract][cli]") {
  ScratchDir scratch;
  CliResult r =
      RunCli({"extract-audio", GoldenFile("gen-none.vrs"), "--to", "aud"}, scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<Block> audio = ReadBlocks(GoldenFile("gen-none.vrs"), BlockKind::kAudio);
  REQUIRE_FALSE(audio.empty());
  const Block& first = audio.front();
  REQUIRE(first.spec.audio.channels == 2);
  std::set<StreamId> streams;
  for (const Block& block : audio) streams.insert(block.record.stream);
  REQUIRE(streams.size() == 1);
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%.3f", first.record.timestamp);
  std::string name = first.record.stream.NumericName() + "-0000-" + stamp + ".wav";
  CHECK(r.out ==
        "Writing aud/" + name +
            "\nWAV file details: 2 channels, 48000 int16le samples/s, 16 bits per sample, 4 "
            "bytes sample frame stride.\nWrote 1 audio file(s) from 1 stream(s).\n");
  std::vector<uint8_t> wav = ReadBytes(scratch.File("aud/" + name));
  REQUIRE(wav.size() >= 44);
  std::vector<uint8_t> samples;
  for (const Block& block : audio)
    samples.insert(samples.end(), block.data.begin(), block.data.end());
  CHECK(Le32(&wav[4]) == 36 + samples.size());
  CHECK(Le16(&wav[20]) == 1);
  CHECK(Le16(&wav[22]) == 2);
  CHECK(Le32(&wav[24]) == 48000);
  CHECK(Le32(&wav[28]) == 192000);
  CHECK(Le16(&wav[32]) == 4);
  CHECK(Le16(&wav[34]) == 16);
  CHECK(Le32(&wav[40]) == samples.size());
  CHECK(std::vector<uint8_t>(wav.begin() + 44, wav.end()) == samples);
}

TEST_CASE("extract-all: sample_file.vrs with --first-records", "[extract][cli]") {
  ScratchDir scratch;
  CliResult r =
      RunCli({"extract-all", GoldenFile("sample_file.vrs"), "--to", "out/all", "--first-records"},
             scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "Writing out/all/200-1/200-1-00001-1493865.291.png\n"
        "Writing out/all/101-1/101-1-0000-1493865.298.wav\n" +
            kWavDetails);

  std::vector<std::string> lines = Lines(ReadTextFile(scratch.File("out/all/metadata.jsons")));
  REQUIRE(lines.size() == 11);
  CHECK(lines[0].starts_with("{\"file_name\":"));
  CHECK(lines[0].find("\"device_name\":") != std::string::npos);
  CHECK(lines[0].find("\"device_type_id\":") != std::string::npos);
  CHECK(lines[0].find("\"device_instance_id\":") != std::string::npos);
  CHECK(lines[0].find("\"device_flavor\":") != std::string::npos);
  const std::vector<std::string> expected = {
      R"({"stream":"372-1","type":"Configuration","timestamp":1493865.286102026})",
      R"({"content":[{"metadata":[{"value":25.0,"name":"some_motion_stream_param"}]}]})",
      R"({"stream":"200-1","type":"Configuration","timestamp":1493865.286118163})",
      R"({"content":[{"metadata":[{"value":640,"name":"image_width"},{"value":480,"name":"image_height"},{"value":1,"name":"image_pixel_format"},{"value":[23.0,53.0,343.0,3.0,12.0,8.0],"name":"camera_calibration"}]}]})",
      R"({"stream":"200-1","type":"Data","timestamp":1493865.291049316})",
      R"({"content":[{"metadata":[{"value":47390873,"name":"exposure_time"},{"value":2.5,"name":"exposure"},{"value":0,"name":"frame_counter"},{"value":38.5,"name":"camera_temperature"}]},{"image":"200-1-00001-1493865.291.png"}]})",
      R"({"stream":"372-1","type":"Data","timestamp":1493865.297490512})",
      R"({"content":[{"metadata":[{"name":"motion_data"}]}]})",
      R"({"stream":"101-1","type":"Data","timestamp":1493865.297510391})",
      R"({"content":[]})",
  };
  CHECK(std::vector<std::string>(lines.begin() + 1, lines.end()) == expected);

  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(scratch.File("out/all"))) {
    if (entry.is_regular_file()) {
      files.insert(fs::relative(entry.path(), scratch.File("out/all")).string());
    }
  }
  CHECK(files == std::set<std::string>{"ReadMe.md", "metadata.jsons",
                                       "101-1/101-1-0000-1493865.298.wav",
                                       "200-1/200-1-00001-1493865.291.png"});

  std::vector<std::string> readme = Lines(ReadTextFile(scratch.File("out/all/ReadMe.md")));
  REQUIRE(readme.size() > 6);
  CHECK(readme.front() == "# VRS File Extraction Data Format");
  CHECK(readme.back() == "```");
  CHECK(readme[readme.size() - 2].empty());
  auto heading =
      std::find(readme.begin(), readme.end(), "## VRS File Metadata (human readable form)");
  REQUIRE(heading != readme.end());
  CHECK(heading[1].empty());
  CHECK(heading[2] == "```");
  CHECK(heading[3].starts_with("VRS file: '"));
  for (auto it = heading + 1; it != readme.end(); ++it) CHECK_FALSE(it->starts_with("#"));

  std::vector<Block> images =
      ReadBlocks(GoldenFile("sample_file.vrs"), BlockKind::kImage, StreamId{200, 1});
  REQUIRE_FALSE(images.empty());
  CHECK(LoadPng(scratch.File("out/all/200-1/200-1-00001-1493865.291.png")).pixels ==
        images[0].data);
  // --first-records: the first audio block only.
  std::vector<uint8_t> wav = ReadBytes(scratch.File("out/all/101-1/101-1-0000-1493865.298.wav"));
  REQUIRE(wav.size() == 44 + 512);
  CHECK(Le32(&wav[40]) == 512);
}

TEST_CASE("extract-images: sample_raw_pixel_formats.vrs, every stream's first frame converts",
          "[extract][cli]") {
  ScratchDir scratch;
  const std::string file = GoldenFile("sample_raw_pixel_formats.vrs");
  CliResult r = RunCli({"extract-images", file, "--to", "img", "--first-records"}, scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("could not be extracted") == std::string::npos);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 27);
  CHECK(lines.back() == "Found 26 image(s).");

  // The first image block of each stream, by stream.
  std::map<StreamId, Block> firsts;
  for (Block& block : ReadBlocks(file, BlockKind::kImage)) {
    firsts.try_emplace(block.record.stream, std::move(block));
  }
  REQUIRE(firsts.size() == 26);
  std::set<PixelFormat> formats;
  // The frames show the same bright shape on black in every pixel format: each PNG's
  // "bright pixels" must be the grey8 stream's.
  auto bright = [](const ConvertedImage& image) {
    std::vector<bool> mask(size_t(image.width) * image.height);
    for (size_t i = 0; i < mask.size(); ++i) {
      if (image.layout == PngLayout::kGrey16) {
        mask[i] = Le16(&image.pixels[2 * i]) > 0x7FFF;
      } else {
        size_t channels = image.layout == PngLayout::kRgb8 ? 3 : 1;
        bool all = true;
        for (size_t c = 0; c < channels; ++c) all = all && image.pixels[i * channels + c] > 127;
        mask[i] = all;
      }
    }
    return mask;
  };
  std::optional<std::vector<bool>> reference_mask;
  for (const auto& [stream, block] : firsts) {
    const ImageSpec& spec = block.spec.image;
    INFO(stream.NumericName() << " " << block.spec.Text());
    formats.insert(spec.pixel_format);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%.3f", block.record.timestamp);
    std::string name = "img/" + stream.NumericName() + "-00001-" + stamp + ".png";
    CHECK(std::find(lines.begin(), lines.end(), "Writing " + name) != lines.end());
    ConvertedImage png = LoadPng(scratch.File(name));
    REQUIRE(png.width == spec.width);
    REQUIRE(png.height == spec.height);
    REQUIRE(vrsx::cli::ConvertedLayout(spec.pixel_format) == png.layout);
    // What the PNG holds is what the conversion gives.
    ConvertedImage converted = Convert(spec, block.data);
    CHECK(png.pixels == converted.pixels);
    CHECK(png.significant_bits == converted.significant_bits);
    std::vector<bool> mask = bright(png);
    if (!reference_mask) {
      REQUIRE(spec.pixel_format == PixelFormat::kGrey8);  // 100-1 comes first
      REQUIRE(std::count(mask.begin(), mask.end(), true) > 0);
      reference_mask = mask;
    }
    // Except rgb_ir_4x4, 1 byte per pixel, where the file's generator drew the shape 3 times
    // wider (as if 3 bytes per pixel: bytes 9..44 of the rows where grey8 has pixels 3..14).
    if (spec.pixel_format != PixelFormat::kRgbIr4x4) CHECK(mask == *reference_mask);

    // grey8, grey16 and rgb8: the pixels are the raw bytes, row by row at the stride.
    size_t stride = spec.PlaneStride(0);
    size_t row = 0;
    if (spec.pixel_format == PixelFormat::kGrey8) row = spec.width;
    if (spec.pixel_format == PixelFormat::kGrey16) row = 2 * size_t(spec.width);
    if (spec.pixel_format == PixelFormat::kRgb8) row = 3 * size_t(spec.width);
    if (row == 0) continue;
    REQUIRE(stride >= row);
    REQUIRE(png.row_bytes() == row);
    bool same = true;
    for (size_t y = 0; y < spec.height; ++y) {
      same = same && std::memcmp(&png.pixels[y * row], &block.data[y * stride], row) == 0;
    }
    CHECK(same);
  }
  CHECK(formats.size() == 26);
}

TEST_CASE("extract image conversion: strides, planes and packings", "[extract]") {
  SECTION("grey8, grey16 and rgb8 rows are read at their stride") {
    for (auto [format, bytes] :
         {std::pair{PixelFormat::kGrey8, 1}, {PixelFormat::kGrey16, 2}, {PixelFormat::kRgb8, 3}}) {
      const uint32_t w = 7, h = 5, stride = 7 * bytes + 5;
      std::vector<uint8_t> data = Pattern(size_t(stride) * h);
      ConvertedImage image = Convert(RawImageSpec(format, w, h, stride), data);
      for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t i = 0; i < w * uint32_t(bytes); ++i) {
          REQUIRE(image.pixels[y * w * bytes + i] == data[y * stride + i]);
        }
      }
    }
  }
  SECTION("bgr8 swaps, rgba8 drops alpha") {
    std::vector<uint8_t> bgr = {1, 2, 3, 4, 5, 6, 0, 0};
    CHECK(Convert(RawImageSpec(PixelFormat::kBgr8, 2, 1, 8), bgr).pixels ==
          std::vector<uint8_t>{3, 2, 1, 6, 5, 4});
    std::vector<uint8_t> rgba = {1, 2, 3, 255, 4, 5, 6, 128};
    CHECK(Convert(RawImageSpec(PixelFormat::kRgba8, 2, 1), rgba).pixels ==
          std::vector<uint8_t>{1, 2, 3, 4, 5, 6});
  }
  SECTION("grey10 / grey12 scale to 16 bits, reversibly") {
    std::vector<uint8_t> grey10 = {0xFF, 0x03, 0x00, 0x00, 0x01, 0x02, 0xAA, 0xAA};
    std::vector<uint8_t> row(grey10.begin(), grey10.begin() + 4);
    ConvertedImage image = Convert(RawImageSpec(PixelFormat::kGrey10, 2, 1), row);
    CHECK(image.layout == PngLayout::kGrey16);
    CHECK(image.significant_bits == 10);
    CHECK(Le16(&image.pixels[0]) == 0xFFFF);
    CHECK(Le16(&image.pixels[2]) == 0);
    image = Convert(RawImageSpec(PixelFormat::kGrey12, 1, 2, 4), grey10);
    CHECK(image.significant_bits == 12);
    CHECK(Le16(&image.pixels[0]) >> 4 == 0x3FF);
    CHECK(Le16(&image.pixels[2]) >> 4 == 0x201);
  }
  SECTION("raw10 and grey10packed unpack 4 pixels from 5 bytes") {
    // Pixels 0x3FF, 0x001, 0x200, 0x155.
    const uint32_t values[4] = {0x3FF, 0x001, 0x200, 0x155};
    std::vector<uint8_t> raw10(5);
    uint64_t packed = 0;
    for (int k = 0; k < 4; ++k) {
      raw10[k] = static_cast<uint8_t>(values[k] >> 2);
      raw10[4] |= static_cast<uint8_t>((values[k] & 3) << (2 * k));
      packed |= uint64_t(values[k]) << (10 * k);
    }
    std::vector<uint8_t> grey10packed(5);
    for (int i = 0; i < 5; ++i) grey10packed[i] = static_cast<uint8_t>(packed >> (8 * i));
    for (auto [format, data] : {std::pair{PixelFormat::kRaw10, raw10},
                                {PixelFormat::kRaw10BayerBggr, raw10},
                                {PixelFormat::kGrey10Packed, grey10packed}}) {
      // Two rows, padded stride: the second row repeats the first.
      std::vector<uint8_t> rows = data;
      rows.resize(8);
      rows.insert(rows.end(), data.begin(), data.end());
      rows.resize(16);
      ConvertedImage image = Convert(RawImageSpec(format, 4, 2, 8), rows);
      for (int y = 0; y < 2; ++y) {
        for (int k = 0; k < 4; ++k) CHECK(Le16(&image.pixels[(4 * y + k) * 2]) >> 6 == values[k]);
      }
    }
  }
  SECTION("yuv_i420_split, nv12, nv21 and yuy2 agree on the same colours") {
    // A 4x2 image: left half one colour (Y 100, U 90, V 200), right half another (Y 200, U 160,
    // V 60); i420 with padded strides.
    std::vector<uint8_t> i420 = {100, 100, 200, 200, 0, 0,  // Y, stride 6
                                 100, 100, 200, 200, 0, 0,  //
                                 90,  160, 0,               // U, stride_2 3
                                 200, 60,  0};              // V
    ConvertedImage a = Convert(RawImageSpec(PixelFormat::kYuvI420Split, 4, 2, 6, 3), i420);
    std::vector<uint8_t> nv12 = {100, 100, 200, 200, 100, 100, 200, 200, 90, 200, 160, 60};
    std::vector<uint8_t> nv21 = {100, 100, 200, 200, 100, 100, 200, 200, 200, 90, 60, 160};
    std::vector<uint8_t> yuy2 = {100, 90, 100, 200, 200, 160, 200, 60,
                                 100, 90, 100, 200, 200, 160, 200, 60};
    CHECK(Convert(RawImageSpec(PixelFormat::kYuv420Nv12, 4, 2), nv12).pixels == a.pixels);
    CHECK(Convert(RawImageSpec(PixelFormat::kYuv420Nv21, 4, 2), nv21).pixels == a.pixels);
    CHECK(Convert(RawImageSpec(PixelFormat::kYuy2, 4, 2), yuy2).pixels == a.pixels);
    // BT.601 full range: Y 100 U 90 V 200 -> R 201, G 61, B 33.
    CHECK(std::abs(int(a.pixels[0]) - 201) <= 1);
    CHECK(std::abs(int(a.pixels[1]) - 61) <= 1);
    CHECK(std::abs(int(a.pixels[2]) - 33) <= 1);
    // Grey: U = V = 128.
    std::vector<uint8_t> grey = {77, 128, 77, 128};
    CHECK(Convert(RawImageSpec(PixelFormat::kYuy2, 2, 1), grey).pixels ==
          std::vector<uint8_t>{77, 77, 77, 77, 77, 77});
  }
  SECTION("floating point images are normalised") {
    std::vector<uint8_t> depth(4 * 4);
    const float values[4] = {2.0f, 4.0f, NAN, 3.0f};
    std::memcpy(depth.data(), values, sizeof values);
    ConvertedImage image = Convert(RawImageSpec(PixelFormat::kDepth32F, 2, 2), depth);
    CHECK(image.layout == PngLayout::kGrey16);
    CHECK(Le16(&image.pixels[0]) == 0);
    CHECK(Le16(&image.pixels[2]) == 65535);
    CHECK(Le16(&image.pixels[4]) == 0);
    CHECK(Le16(&image.pixels[6]) == 32768);
    std::vector<uint8_t> rgb(12);
    const float unit[3] = {0.0f, 0.5f, 1.0f};
    std::memcpy(rgb.data(), unit, sizeof unit);
    CHECK(Convert(RawImageSpec(PixelFormat::kRgb32F, 1, 1), rgb).pixels ==
          std::vector<uint8_t>{0, 128, 255});
  }
  SECTION("what can't convert says why") {
    ConvertedImage image;
    std::vector<uint8_t> data(100);
    CHECK_FALSE(ConvertRawImage(RawImageSpec(PixelFormat::kUndefined, 4, 4), data, image).ok());
    CHECK_FALSE(ConvertRawImage(RawImageSpec(PixelFormat::kGrey8, 0, 4), data, image).ok());
    CHECK_FALSE(ConvertRawImage(RawImageSpec(PixelFormat::kGrey8, 20, 20), data, image).ok());
    CHECK_FALSE(ConvertRawImage(RawImageSpec(PixelFormat::kGrey16, 4, 4, 6), data, image).ok());
  }
  SECTION("every defined pixel format converts and round-trips through PNG") {
    ScratchDir scratch;
    for (uint32_t value = 1; value < vrsx::kPixelFormatCount; ++value) {
      auto format = static_cast<PixelFormat>(value);
      INFO(vrsx::PixelFormatName(format));
      ImageSpec spec = RawImageSpec(format, 13, 7);
      spec.stride = static_cast<uint32_t>(vrsx::PixelFormatDefaultStride(format, 13) + 3);
      std::vector<uint8_t> data = Pattern(*spec.RawImageSize(), value);
      ConvertedImage image = Convert(spec, data);
      CHECK(image.layout == *vrsx::cli::ConvertedLayout(format));
      std::string path = scratch.File(std::to_string(value) + ".png");
      REQUIRE(vrsx::cli::WritePng(path, image).ok());
      ConvertedImage back = LoadPng(path);
      CHECK(back.layout == image.layout);
      CHECK(back.significant_bits == image.significant_bits);
      CHECK(back.pixels == image.pixels);
    }
  }
}

TEST_CASE("extract WAV writer: strides, format changes, header", "[extract]") {
  ScratchDir scratch;
  AudioSpec spec;
  spec.format = vrsx::AudioFormat::kPcm;
  spec.sample_format = AudioSampleFormat::kInt24Le;
  spec.channels = 2;
  spec.sample_rate = 16000;
  spec.frame_stride = 8;  // 2 x 3 bytes + 2 bytes of padding
  spec.sample_count = 3;
  CHECK(vrsx::media::WavDetailsLine(spec) ==
        "WAV file details: 2 channels, 16000 int24le samples/s, 24 bits per sample, 8 bytes "
        "sample frame stride.");
  std::vector<uint8_t> block = Pattern(24);
  vrsx::media::WavWriter wav;
  REQUIRE(wav.Open(scratch.File("a.wav"), spec).ok());
  REQUIRE(wav.Append(spec, block).ok());
  CHECK_FALSE(wav.Append(spec, std::span<const uint8_t>(block).first(20)).ok());  // too short
  REQUIRE(wav.Close().ok());
  std::vector<uint8_t> file = ReadBytes(scratch.File("a.wav"));
  REQUIRE(file.size() == 44 + 18);
  CHECK(Le32(&file[4]) == 36 + 18);
  CHECK(Le16(&file[20]) == 1);
  CHECK(Le32(&file[28]) == 16000 * 6);
  CHECK(Le16(&file[32]) == 6);
  CHECK(Le16(&file[34]) == 24);
  CHECK(Le32(&file[40]) == 18);
  for (size_t frame = 0; frame < 3; ++frame) {
    CHECK(std::memcmp(&file[44 + 6 * frame], &block[8 * frame], 6) == 0);
  }

  AudioSpec other = spec;
  CHECK(vrsx::media::WavCompatible(spec, other));
  other.sample_count = 99;
  CHECK(vrsx::media::WavCompatible(spec, other));
  other.sample_rate = 48000;
  CHECK_FALSE(vrsx::media::WavCompatible(spec, other));
  other = spec;
  other.channels = 1;
  CHECK_FALSE(vrsx::media::WavCompatible(spec, other));
  other = spec;
  other.sample_format = AudioSampleFormat::kFloat32Le;
  CHECK_FALSE(vrsx::media::WavCompatible(spec, other));
  CHECK(vrsx::media::WavFormatCode(AudioSampleFormat::kFloat32Le) == 3);
  CHECK(vrsx::media::WavFormatCode(AudioSampleFormat::kFloat64Be) == 3);
  CHECK(vrsx::media::WavFormatCode(AudioSampleFormat::kUint8Alaw) == 6);
  CHECK(vrsx::media::WavFormatCode(AudioSampleFormat::kUint8Mulaw) == 7);
  CHECK(vrsx::media::WavFormatCode(AudioSampleFormat::kInt16Be) == 1);
}
