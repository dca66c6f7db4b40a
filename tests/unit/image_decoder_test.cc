// vrsx::ImageDecoder: png, jpg and jxl frames written with the Writer and decoded back, compared
// with the pixels encoded and with the codec library's own decode; raw pixel formats normalized
// by the rules of docs/media.md (expected pixels computed by hand); hostile blocks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "media/image_encoders.h"
#include "media/video_decoder.h"
#include "support/temp_dir.h"
#include "vrsx/image.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/writer.h"

namespace {

using vrsx::ErrorCode;
using vrsx::ImageConversion;
using vrsx::ImageDecoder;
using vrsx::ImageFormat;
using vrsx::ImageSpec;
using vrsx::PixelFormat;
using vrsx::Pixels;
using Bytes = std::vector<uint8_t>;

constexpr uint32_t kWidth = 64;
constexpr uint32_t kHeight = 48;

double Psnr(const Bytes& a, const Bytes& b) {
  REQUIRE(a.size() == b.size());
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  if (sum == 0) return 99;
  return 10 * std::log10(255.0 * 255.0 / (sum / double(a.size())));
}

Pixels Decode(const ImageSpec& spec, const Bytes& data, ImageConversion conversion) {
  ImageDecoder decoder;
  Pixels pixels;
  vrsx::Status status = decoder.Decode(spec, data, conversion, pixels);
  INFO(status.message());
  REQUIRE(status.ok());
  return pixels;
}

ImageSpec Raw(const std::string& text) {
  ImageSpec spec = ImageSpec::Parse(text);
  REQUIRE(spec.format == ImageFormat::kRaw);
  return spec;
}

Bytes Normalize(const std::string& spec_text, const Bytes& data, PixelFormat expected_format) {
  Pixels pixels = Decode(Raw(spec_text), data, ImageConversion::kNormalize);
  CHECK(pixels.format == expected_format);
  CHECK(pixels.encoding == ImageFormat::kRaw);
  return pixels.bytes;
}

// One frame of each codec per stream, written with the Writer, read back as DecodedBlocks.
struct CodecFrames {
  std::string format;  // "png", "jpg", "jxl"
  std::vector<Bytes> frames;
};

std::vector<std::pair<std::string, Bytes>> WriteAndReadBack(const std::vector<CodecFrames>& all) {
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("images.vrs");
  vrsx::Writer writer;
  std::vector<vrsx::StreamId> ids(all.size());
  for (size_t s = 0; s < all.size(); ++s) {
    vrsx::StreamDefinition stream(214, "test/" + all[s].format);
    stream.record_formats.push_back(
        {vrsx::RecordType::kData, 1, vrsx::RecordFormat::Parse("image/" + all[s].format), {}});
    REQUIRE(writer.AddStream(stream, ids[s]).ok());
  }
  REQUIRE(writer.Create(path).ok());
  for (size_t s = 0; s < all.size(); ++s) {
    for (size_t f = 0; f < all[s].frames.size(); ++f) {
      REQUIRE(writer
                  .AddRecord(ids[s], {vrsx::RecordType::kData, 1, double(f)},
                             vrsx::Writer::Piece(all[s].frames[f]))
                  .ok());
    }
  }
  REQUIRE(writer.Close().ok());

  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder content_decoder(formats);
  std::map<vrsx::StreamId, ImageDecoder> decoders;
  std::vector<std::pair<std::string, Bytes>> decoded;
  Bytes payload;
  vrsx::RecordContent content;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    REQUIRE(content_decoder.ReadAndDecode(reader, pos, payload, content).ok());
    REQUIRE(content.ok());
    REQUIRE(content.blocks.size() == 1);
    const vrsx::DecodedBlock& block = content.blocks[0];
    Pixels pixels;
    vrsx::Status status =
        decoders[reader.index()[pos].stream].Decode(block, ImageConversion::kDecompress, pixels);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(pixels.width == kWidth);
    CHECK(pixels.height == kHeight);
    decoded.emplace_back(std::string(vrsx::ImageFormatName(block.spec.image.format)) + "/" +
                             vrsx::PixelFormatName(pixels.format),
                         pixels.bytes);
  }
  return decoded;
}

}  // namespace

TEST_CASE("png, jpg and jxl frames written by the Writer decode back", "[image]") {
  const Bytes rgb = vrsx::testing::TestPicture(kWidth, kHeight, 3);
  const Bytes grey = vrsx::testing::TestPicture(kWidth, kHeight, 1);
  std::vector<CodecFrames> all;
  std::vector<std::pair<std::string, Bytes>> expected;
  if (ImageDecoder::CanDecompress(ImageFormat::kPng)) {
    all.push_back({"png",
                   {vrsx::testing::EncodePng(rgb, kWidth, kHeight, 3),
                    vrsx::testing::EncodePng(grey, kWidth, kHeight, 1)}});
    expected.push_back({"png/rgb8", rgb});
    expected.push_back({"png/grey8", grey});
  }
  Bytes jpg_rgb;
  Bytes jpg_grey;
  if (ImageDecoder::CanDecompress(ImageFormat::kJpg)) {
    jpg_rgb = vrsx::testing::EncodeJpeg(rgb, kWidth, kHeight, 3, 90);
    jpg_grey = vrsx::testing::EncodeJpeg(grey, kWidth, kHeight, 1, 90);
    all.push_back({"jpg", {jpg_rgb, jpg_grey}});
    // Exact: what libturbojpeg alone decodes.
    expected.push_back({"jpg/rgb8", vrsx::testing::DecodeJpegWithLibrary(jpg_rgb, 3)});
    expected.push_back({"jpg/grey8", vrsx::testing::DecodeJpegWithLibrary(jpg_grey, 1)});
  }
  if (ImageDecoder::CanDecompress(ImageFormat::kJxl)) {
    all.push_back({"jxl",
                   {vrsx::testing::EncodeJxl(rgb, kWidth, kHeight, 3),
                    vrsx::testing::EncodeJxl(grey, kWidth, kHeight, 1)}});
    expected.push_back({"jxl/rgb8", rgb});
    expected.push_back({"jxl/grey8", grey});
  }
  for (const CodecFrames& codec : all) {
    for (const Bytes& frame : codec.frames) REQUIRE(!frame.empty());
  }
  auto decoded = WriteAndReadBack(all);
  // The file's order: by timestamp, then stream.
  std::vector<std::pair<std::string, Bytes>> in_file_order;
  for (size_t f = 0; f < 2; ++f) {
    for (size_t s = 0; s < all.size(); ++s) in_file_order.push_back(expected[s * 2 + f]);
  }
  REQUIRE(decoded.size() == in_file_order.size());
  for (size_t i = 0; i < decoded.size(); ++i) {
    INFO(in_file_order[i].first);
    CHECK(decoded[i].first == in_file_order[i].first);
    CHECK(decoded[i].second == in_file_order[i].second);  // lossless, or libturbojpeg's own
  }
  if (!jpg_rgb.empty()) {
    ImageSpec jpg = ImageSpec::Parse("jpg");
    CHECK(Psnr(Decode(jpg, jpg_rgb, ImageConversion::kNormalize).bytes, rgb) > 30);
    CHECK(Psnr(Decode(jpg, jpg_grey, ImageConversion::kNormalize).bytes, grey) > 30);
  }
}

TEST_CASE("png variants decode to grey8, grey16, rgb8 and rgba8", "[image]") {
  if (!ImageDecoder::CanDecompress(ImageFormat::kPng)) return;  // built without libpng
  const ImageSpec png = ImageSpec::Parse("png");
  const Bytes rgba = vrsx::testing::TestPicture(kWidth, kHeight, 4);
  Pixels pixels =
      Decode(png, vrsx::testing::EncodePng(rgba, kWidth, kHeight, 4), ImageConversion::kNormalize);
  CHECK(pixels.format == PixelFormat::kRgba8);
  CHECK(pixels.bytes == rgba);
  // 16-bit grey: decompress keeps the samples (little-endian), normalize keeps the high bytes.
  Bytes grey16 = {0x34, 0x12, 0xFF, 0xFF, 0x00, 0x00, 0xCD, 0xAB};
  Bytes encoded = vrsx::testing::EncodePng(grey16, 2, 2, 1, 16);
  pixels = Decode(png, encoded, ImageConversion::kDecompress);
  CHECK(pixels.format == PixelFormat::kGrey16);
  CHECK(pixels.bytes == grey16);
  pixels = Decode(png, encoded, ImageConversion::kNormalize);
  CHECK(pixels.format == PixelFormat::kGrey8);
  CHECK(pixels.bytes == Bytes{0x12, 0xFF, 0x00, 0xAB});
  // normalize_grey8: BT.601 luma (77 R + 150 G + 29 B + 128) >> 8.
  Bytes two = {255, 0, 0, 10, 20, 30};
  pixels = Decode(png, vrsx::testing::EncodePng(two, 2, 1, 3), ImageConversion::kNormalizeGrey8);
  CHECK(pixels.format == PixelFormat::kGrey8);
  CHECK(pixels.bytes == Bytes{77, (77 * 10 + 150 * 20 + 29 * 30 + 128) >> 8});
}

TEST_CASE("conversions off and raw_buffer return the stored bytes", "[image]") {
  Bytes stored = {1, 2, 3, 4, 5, 6, 7, 8};
  Pixels pixels = Decode(Raw("raw/2x2/pixel=grey8/stride=4"), stored, ImageConversion::kOff);
  CHECK(pixels.bytes == stored);
  CHECK(pixels.stride == 4);
  CHECK(pixels.format == PixelFormat::kGrey8);
  pixels = Decode(Raw("raw/2x2/pixel=grey8/stride=4"), stored, ImageConversion::kDecompress);
  CHECK(pixels.bytes == stored);
  pixels = Decode(Raw("raw/2x2/pixel=grey8/stride=4"), stored, ImageConversion::kNormalize);
  CHECK(pixels.bytes == Bytes{1, 2, 5, 6});
  CHECK(pixels.stride == 2);
  pixels = Decode(ImageSpec::Parse("jpg"), stored, ImageConversion::kRawBuffer);
  CHECK(pixels.bytes == stored);
  CHECK(pixels.encoding == ImageFormat::kJpg);
  CHECK(pixels.format == PixelFormat::kUndefined);
  CHECK(std::string(vrsx::ImageConversionName(ImageConversion::kNormalizeGrey8)) ==
        "normalize_grey8");
}

TEST_CASE("every raw pixel format normalizes as documented", "[image]") {
  // grey8 and the 8-bit mosaics: bytes as they are.
  for (const char* format : {"grey8", "bayer8_rggb", "bayer8_bggr", "bayer8_gbrg", "rgb_ir_4x4"}) {
    CHECK(Normalize(std::string("raw/2x1/pixel=") + format, {7, 200}, PixelFormat::kGrey8) ==
          Bytes{7, 200});
  }
  // 10, 12 and 16 bits: the 8 high significant bits.
  CHECK(Normalize("raw/2x1/pixel=grey10", {0xFF, 0x03, 0x04, 0x00}, PixelFormat::kGrey8) ==
        Bytes{0xFF, 0x01});
  CHECK(Normalize("raw/2x1/pixel=bayer10_gbrg", {0x00, 0x02, 0x10, 0x00}, PixelFormat::kGrey8) ==
        Bytes{0x80, 0x04});
  CHECK(Normalize("raw/2x1/pixel=grey12", {0xFF, 0x0F, 0x30, 0x01}, PixelFormat::kGrey8) ==
        Bytes{0xFF, 0x13});
  CHECK(Normalize("raw/2x1/pixel=grey16", {0x34, 0x12, 0xFF, 0xAB}, PixelFormat::kGrey8) ==
        Bytes{0x12, 0xAB});
  // raw10 (MIPI): 4 pixels of 8 high bits then a byte of their 2 low bits.
  for (const char* format : {"raw10", "raw10_bayer_rggb", "raw10_bayer_bggr"}) {
    CHECK(Normalize(std::string("raw/4x1/pixel=") + format, {10, 20, 30, 40, 0xFF},
                    PixelFormat::kGrey8) == Bytes{10, 20, 30, 40});
  }
  // grey10packed: 4 pixels in 40 bits, little-endian; values 0x3FF, 0x001, 0x200, 0x155.
  {
    uint64_t bits = 0x3FFull | (0x001ull << 10) | (0x200ull << 20) | (0x155ull << 30);
    Bytes packed(5);
    for (int i = 0; i < 5; ++i) packed[i] = uint8_t(bits >> (8 * i));
    CHECK(Normalize("raw/4x1/pixel=grey10packed", packed, PixelFormat::kGrey8) ==
          Bytes{0xFF, 0x00, 0x80, 0x55});
  }
  // depth32f / scalar64F: finite [min, max] to [0, 65535], rounded, then the high byte; NaN 0.
  {
    Bytes depth(16);
    float values[4] = {1.0f, 3.0f, 2.0f, NAN};
    std::memcpy(depth.data(), values, 16);  // the test machine is little-endian, like the file
    // 2.0 -> round(0.5 * 65535) = 32768 -> 0x80.
    CHECK(Normalize("raw/4x1/pixel=depth32f", depth, PixelFormat::kGrey8) ==
          Bytes{0, 255, 0x80, 0});
    Bytes scalar(16);
    double doubles[2] = {-1.0, 1.0};
    std::memcpy(scalar.data(), doubles, 16);
    CHECK(Normalize("raw/2x1/pixel=scalar64F", scalar, PixelFormat::kGrey8) == Bytes{0, 255});
    // A range wider than the largest double (max - lowest overflows) still stretches.
    double extremes[2] = {std::numeric_limits<double>::lowest(),
                          std::numeric_limits<double>::max()};
    std::memcpy(scalar.data(), extremes, 16);
    CHECK(Normalize("raw/2x1/pixel=scalar64F", scalar, PixelFormat::kGrey8) == Bytes{0, 255});
  }
  // Colour.
  CHECK(Normalize("raw/1x1/pixel=rgb8", {1, 2, 3}, PixelFormat::kRgb8) == Bytes{1, 2, 3});
  CHECK(Normalize("raw/1x1/pixel=bgr8", {1, 2, 3}, PixelFormat::kRgb8) == Bytes{3, 2, 1});
  CHECK(Normalize("raw/1x1/pixel=rgba8", {1, 2, 3, 4}, PixelFormat::kRgba8) == Bytes{1, 2, 3, 4});
  CHECK(Normalize("raw/1x1/pixel=rgb10", {0xFF, 0x03, 0x00, 0x02, 0x04, 0x00},
                  PixelFormat::kRgb8) == Bytes{0xFF, 0x80, 0x01});
  CHECK(Normalize("raw/1x1/pixel=rgb12", {0xFF, 0x0F, 0x00, 0x08, 0x10, 0x00},
                  PixelFormat::kRgb8) == Bytes{0xFF, 0x80, 0x01});
  {
    // rgb32F in [0, 1]: * 255, rounded; rgba32F drops alpha.
    float rgb[3] = {0.0f, 0.5f, 1.0f};
    Bytes data(12);
    std::memcpy(data.data(), rgb, 12);
    CHECK(Normalize("raw/1x1/pixel=rgb32F", data, PixelFormat::kRgb8) == Bytes{0, 128, 255});
    float rgba[4] = {2.0f, 4.0f, 6.0f, 0.5f};  // outside [0, 1]: [min, max] to [0, 255]
    data.resize(16);
    std::memcpy(data.data(), rgba, 16);
    CHECK(Normalize("raw/1x1/pixel=rgba32F", data, PixelFormat::kRgb8) == Bytes{0, 128, 255});
  }
  // YUV, BT.601 full range: grey (u = v = 128) gives r = g = b = y; pure chroma by hand:
  // y 128, u 128, v 255: r = 128 + (91881 * 127 + 32768) >> 16 = 128 + 178 -> 255,
  // g = 128 - (46802 * 127 + 32768) >> 16 = 128 - 91 = 37, b = 128.
  CHECK(Normalize("raw/2x2/pixel=yuv_i420_split", {10, 20, 30, 40, 128, 128}, PixelFormat::kRgb8) ==
        Bytes{10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40});
  CHECK(
      Normalize("raw/2x2/pixel=yuv_420_nv12", {128, 128, 128, 128, 128, 255}, PixelFormat::kRgb8) ==
      Bytes{255, 37, 128, 255, 37, 128, 255, 37, 128, 255, 37, 128});
  CHECK(
      Normalize("raw/2x2/pixel=yuv_420_nv21", {128, 128, 128, 128, 255, 128}, PixelFormat::kRgb8) ==
      Bytes{255, 37, 128, 255, 37, 128, 255, 37, 128, 255, 37, 128});
  CHECK(Normalize("raw/2x1/pixel=yuy2", {50, 128, 60, 128}, PixelFormat::kRgb8) ==
        Bytes{50, 50, 50, 60, 60, 60});
}

TEST_CASE("the formats said to keep their stored pixels are given back as stored", "[image]") {
  // docs/media.md: normalizing keeps grey8 and the 8-bit mosaics, and rgb8 and rgba8 unless
  // turned to grey8.
  const std::vector<PixelFormat> kept_by_both = {PixelFormat::kGrey8, PixelFormat::kBayer8Rggb,
                                                 PixelFormat::kBayer8Bggr, PixelFormat::kBayer8Gbrg,
                                                 PixelFormat::kRgbIr4x4};
  for (uint32_t value = 1; value < vrsx::kPixelFormatCount; ++value) {
    const auto format = PixelFormat(value);
    INFO("pixel format " << value);
    const bool colour_kept = format == PixelFormat::kRgb8 || format == PixelFormat::kRgba8;
    const bool grey_kept =
        std::find(kept_by_both.begin(), kept_by_both.end(), format) != kept_by_both.end();
    CHECK(ImageDecoder::KeepsStoredPixels(format, ImageConversion::kNormalize) ==
          (grey_kept || colour_kept));
    CHECK(ImageDecoder::KeepsStoredPixels(format, ImageConversion::kNormalizeGrey8) == grey_kept);
    for (ImageConversion conversion :
         {ImageConversion::kOff, ImageConversion::kRawBuffer, ImageConversion::kDecompress}) {
      CHECK(ImageDecoder::KeepsStoredPixels(format, conversion));
    }
    // Where it says so, decoding gives the stored bytes back.
    ImageSpec spec;
    spec.format = ImageFormat::kRaw;
    spec.pixel_format = format;
    spec.width = 4;
    spec.height = 4;
    Bytes data(spec.RawImageSize().value());
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    for (ImageConversion conversion :
         {ImageConversion::kNormalize, ImageConversion::kNormalizeGrey8}) {
      if (ImageDecoder::KeepsStoredPixels(format, conversion)) {
        CHECK(Decode(spec, data, conversion).bytes == data);
      }
    }
  }
}

TEST_CASE("hostile image blocks give a status, never a crash", "[image]") {
  const Bytes rgb = vrsx::testing::TestPicture(kWidth, kHeight, 3);
  std::vector<std::pair<ImageSpec, Bytes>> valid;
  if (ImageDecoder::CanDecompress(ImageFormat::kPng)) {
    valid.push_back({ImageSpec::Parse("png"), vrsx::testing::EncodePng(rgb, kWidth, kHeight, 3)});
  }
  if (ImageDecoder::CanDecompress(ImageFormat::kJpg)) {
    valid.push_back(
        {ImageSpec::Parse("jpg"), vrsx::testing::EncodeJpeg(rgb, kWidth, kHeight, 3, 80)});
  }
  if (ImageDecoder::CanDecompress(ImageFormat::kJxl)) {
    valid.push_back({ImageSpec::Parse("jxl"), vrsx::testing::EncodeJxl(rgb, kWidth, kHeight, 3)});
  }
  ImageDecoder decoder;  // one decoder through every failure: it must stay usable
  Pixels pixels;
  for (const auto& [spec, data] : valid) {
    INFO(spec.Text());
    for (size_t cut :
         {size_t(0), size_t(1), size_t(8), data.size() / 3, data.size() / 2, data.size() - 2}) {
      Bytes truncated(data.begin(), data.begin() + ptrdiff_t(cut));
      CHECK_FALSE(decoder.Decode(spec, truncated, ImageConversion::kNormalize, pixels).ok());
    }
    Bytes garbage = data;
    for (size_t i = data.size() / 4; i < data.size(); i += 7) garbage[i] ^= 0x5A;
    (void)decoder.Decode(spec, garbage, ImageConversion::kNormalize, pixels);  // any status
    Bytes noise(1000);
    for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t(i * 131 + 7);
    CHECK_FALSE(decoder.Decode(spec, noise, ImageConversion::kNormalize, pixels).ok());
    vrsx::Status again = decoder.Decode(spec, data, ImageConversion::kNormalize, pixels);
    INFO(again.message());
    REQUIRE(again.ok());
    CHECK(pixels.width == kWidth);
  }
  // Raw images shorter than their spec, or without a usable pixel format.
  CHECK(decoder.Decode(Raw("raw/4x4/pixel=rgb8"), Bytes(47), ImageConversion::kNormalize, pixels)
            .code() == ErrorCode::kUnsupported);
  CHECK_FALSE(
      decoder.Decode(Raw("raw/4x4/pixel=rgba8"), Bytes(63), ImageConversion::kNormalize, pixels)
          .ok());
  CHECK_FALSE(decoder.Decode(Raw("raw/4x4"), Bytes(64), ImageConversion::kNormalize, pixels).ok());
}

TEST_CASE("custom codec images are not decoded; video without libavcodec neither", "[image]") {
  ImageDecoder decoder;
  Pixels pixels;
  vrsx::Status status = decoder.Decode(ImageSpec::Parse("video/codec=H.264"), Bytes(100, 0),
                                       ImageConversion::kNormalize, pixels);
  CHECK_FALSE(status.ok());
  if (!ImageDecoder::CanDecompress(ImageFormat::kVideo)) {
    CHECK(status.code() == ErrorCode::kUnsupported);
    CHECK(status.message().find("unsupported: built without libavcodec") != std::string::npos);
  }
  CHECK(decoder
            .Decode(ImageSpec::Parse("custom_codec/codec=x"), Bytes(10, 0),
                    ImageConversion::kDecompress, pixels)
            .code() == ErrorCode::kUnsupported);
  // Their bytes are still there as stored.
  CHECK(decoder
            .Decode(ImageSpec::Parse("video/codec=H.264"), Bytes(100, 1), ImageConversion::kOff,
                    pixels)
            .ok());
  CHECK(pixels.encoding == ImageFormat::kVideo);
  CHECK(pixels.bytes == Bytes(100, 1));
}

TEST_CASE("a codec vrsx was built without is unsupported, and says so", "[image]") {
  for (const char* format : {"png", "jpg", "jxl"}) {
    ImageSpec spec = ImageSpec::Parse(format);
    if (ImageDecoder::CanDecompress(spec.format)) continue;
    ImageDecoder decoder;
    Pixels pixels;
    vrsx::Status status = decoder.Decode(spec, Bytes(10), ImageConversion::kDecompress, pixels);
    CHECK(status.code() == ErrorCode::kUnsupported);
    CHECK(status.message().find("vrsx was built without") != std::string::npos);
  }
  CHECK(ImageDecoder::CanDecompress(ImageFormat::kRaw));
  CHECK(ImageDecoder::CanDecompress(ImageFormat::kVideo) == vrsx::media::VideoSupported());
}
