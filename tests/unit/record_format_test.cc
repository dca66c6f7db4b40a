// RecordFormat text parsing, canonical text and block sizes, from the examples of spec 02 §2, §7,
// §8.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "support/raw_image_spec.h"
#include "vrsx/record_format.h"

using namespace vrsx;

namespace {

using vrsx::testing::RawImageSpec;

std::string Canonical(const std::string& text) {
  return RecordFormat::Parse(text).Text();
}

std::optional<size_t> OnlyBlockSize(const std::string& text) {
  RecordFormat format = RecordFormat::Parse(text);
  REQUIRE(format.blocks().size() == 1);
  return format.blocks()[0].StaticSize();
}

}  // namespace

TEST_CASE("record_format: the examples (spec 02 2.4)") {
  SECTION("data_layout/size=24+image/raw") {
    RecordFormat format = RecordFormat::Parse("data_layout/size=24+image/raw");
    CHECK(format.Text() == "data_layout/size=24+image/raw");
    REQUIRE(format.blocks().size() == 2);
    CHECK(format.blocks()[0].type == ContentType::kDataLayout);
    CHECK(format.blocks()[0].StaticSize() == 24u);
    CHECK(format.blocks()[1].type == ContentType::kImage);
    CHECK(format.blocks()[1].image.format == ImageFormat::kRaw);
    CHECK_FALSE(format.blocks()[1].StaticSize());
    CHECK(format.UsedBlocks() == 2);
  }
  SECTION("raw images") {
    CHECK(Canonical("image/raw/640x480/pixel=grey8") == "image/raw/640x480/pixel=grey8");
    CHECK(OnlyBlockSize("image/raw/640x480/pixel=grey8") == 307200u);
    CHECK(Canonical("image/raw/640x480/pixel=grey8/stride=700") ==
          "image/raw/640x480/pixel=grey8/stride=700");
    CHECK(OnlyBlockSize("image/raw/640x480/pixel=grey8/stride=700") == 336000u);
    CHECK(Canonical("image/raw/641x481/pixel=yuv_i420_split") ==
          "image/raw/641x481/pixel=yuv_i420_split");
    CHECK(OnlyBlockSize("image/raw/641x481/pixel=yuv_i420_split") == 463043u);
    const std::string nv21 = "image/raw/641x481/pixel=yuv_420_nv21/stride=700/stride_2=800";
    CHECK(Canonical(nv21) == nv21);
    CHECK(OnlyBlockSize(nv21) == 529500u);
  }
  SECTION("video, with key frame data") {
    RecordFormat format = RecordFormat::Parse(
        "image/video/640x480/pixel=grey8/codec=H.265/codec_quality=80/keyframe_timestamp=1.5/"
        "keyframe_index=3");
    CHECK(format.Text() ==
          "image/video/640x480/pixel=grey8/codec=H.265/codec_quality=80/"
          "keyframe_timestamp=1.500000000/keyframe_index=3");
    const ImageSpec& image = format.blocks()[0].image;
    CHECK(image.format == ImageFormat::kVideo);
    CHECK(image.codec_name == "H.265");
    CHECK(image.codec_quality == 80);
    CHECK(image.key_frame_timestamp == 1.5);
    CHECK(image.key_frame_index == 3);
    CHECK_FALSE(format.blocks()[0].StaticSize());
  }
  SECTION("audio") {
    CHECK(Canonical("audio/pcm/int16le/channels=2/rate=48000/samples=256") ==
          "audio/pcm/int16le/channels=2/rate=48000/samples=256");
    CHECK(OnlyBlockSize("audio/pcm/int16le/channels=2/rate=48000/samples=256") == 1024u);
    CHECK(Canonical("audio/pcm/int24le/channels=2/rate=48000/samples=10/stride=8") ==
          "audio/pcm/int24le/channels=2/rate=48000/samples=10/stride=8");
    CHECK(OnlyBlockSize("audio/pcm/int24le/channels=2/rate=48000/samples=10/stride=8") == 80u);
  }
  SECTION("custom") {
    CHECK(Canonical("custom/size=12/format=hello world!") == "custom/size=12/format=hello_world!");
    CHECK(OnlyBlockSize("custom/size=12/format=hello world!") == 12u);
    CHECK(RecordFormat::Parse("custom/size=12/format=hello world!").blocks()[0].custom_format ==
          "hello_world!");
  }
  SECTION("used blocks") {
    RecordFormat trailing = RecordFormat::Parse("data_layout+empty+empty");
    CHECK(trailing.Text() == "data_layout+empty+empty");
    CHECK(trailing.blocks().size() == 3);
    CHECK(trailing.UsedBlocks() == 1);
    RecordFormat empty = RecordFormat::Parse("empty");
    CHECK(empty.Text() == "empty");
    CHECK(empty.UsedBlocks() == 0);
    CHECK(empty.blocks()[0].StaticSize() == 0u);
    CHECK(RecordFormat::Parse("empty+data_layout+empty").UsedBlocks() == 2);
  }
  SECTION("an empty text is one custom block") {
    RecordFormat format = RecordFormat::Parse("");
    REQUIRE(format.blocks().size() == 1);
    CHECK(format.blocks()[0].type == ContentType::kCustom);
    CHECK(format.Text() == "custom");
    CHECK_FALSE(format.blocks()[0].StaticSize());
  }
  SECTION("no block at all prints as empty") {
    CHECK(RecordFormat().Text() == "empty");
    CHECK(RecordFormat().UsedBlocks() == 0);
  }
}

TEST_CASE("record_format: tokenizer quirks (spec 02 2.1)") {
  CHECK(Canonical("data_layout++image/raw") == "data_layout");
  CHECK(Canonical("data_layout+") == "data_layout");
  CHECK(Canonical("+data_layout") == "custom+data_layout");
  CHECK(Canonical("bogus/size=3") == "custom/size=3");
  CHECK(Canonical("IMAGE/RAW") == "custom");
  CHECK(Canonical("image/raw//640x480/pixel=grey8") == "image/raw");
  CHECK(Canonical("image/RAW") == "image");
  CHECK(Canonical("image/RAW/640x480/pixel=grey8") == "image");
  CHECK(Canonical("image") == "image");
  CHECK(Canonical("/size=3") == "custom/size=3");
  // `size=` is only recognised right after the type name.
  CHECK(Canonical("image/raw/size=3") == "image/raw");
  CHECK(Canonical("data_layout/x/size=3") == "data_layout");
  // Unknown tokens are skipped.
  CHECK(Canonical("image/raw/bogus/640x480/pixel=grey8") == "image/raw/640x480/pixel=grey8");
  CHECK(Canonical("data_layout/size=8/whatever") == "data_layout/size=8");
  // An explicit size wins over the image spec.
  CHECK(OnlyBlockSize("image/size=10/raw/640x480/pixel=grey8") == 10u);
  CHECK(Canonical("image/size=10/raw/640x480/pixel=grey8") ==
        "image/size=10/raw/640x480/pixel=grey8");
}

TEST_CASE("record_format: image spec tokens") {
  // The first occurrence wins for dimensions, pixel format, strides and codec.
  CHECK(Canonical("image/raw/640x480/320x240/pixel=grey8/pixel=rgb8") ==
        "image/raw/640x480/pixel=grey8");
  CHECK(Canonical("image/raw/10x10/pixel=bogus/pixel=rgb8") == "image/raw/10x10/pixel=rgb8");
  CHECK(Canonical("image/raw/10x10/pixel=grey8/stride=12/stride=13/stride_2=5/stride_2=6") ==
        "image/raw/10x10/pixel=grey8/stride=12/stride_2=5");
  // Tokens in any order; printed in the canonical order.
  CHECK(Canonical("image/raw/pixel=rgb8/stride=30/8x2") == "image/raw/8x2/pixel=rgb8/stride=30");
  // Names are case-sensitive.
  CHECK(Canonical("image/raw/8x2/pixel=RGB8") == "image/raw/8x2");
  CHECK(Canonical("image/raw/8x2/pixel=rgb32F") == "image/raw/8x2/pixel=rgb32F");
  // No dimensions printed unless both are > 0.
  CHECK(Canonical("image/raw/0x480/pixel=grey8") == "image/raw/pixel=grey8");
  // jpg/png/jxl parse strides but never print them.
  CHECK(Canonical("image/png/640x480/pixel=rgb8/stride=9999") == "image/png/640x480/pixel=rgb8");
  CHECK(Canonical("image/jpg/stride=3/codec=x/codec_quality=5") == "image/jpg");
  // codec_quality: the last occurrence wins, out of range means undefined.
  CHECK(Canonical("image/video/codec=a/codec_quality=80/codec_quality=101") ==
        "image/video/codec=a");
  CHECK(Canonical("image/video/codec_quality=101/codec_quality=0") ==
        "image/video/codec_quality=0");
  CHECK(Canonical("image/custom_codec/codec=a/codec=b/codec_quality=100/stride=4") ==
        "image/custom_codec/stride=4/codec=a/codec_quality=100");
  // Key frame data is video only.
  CHECK(Canonical("image/custom_codec/keyframe_timestamp=2/keyframe_index=1") ==
        "image/custom_codec");
  CHECK(Canonical("image/video/keyframe_index=4/keyframe_timestamp=2/keyframe_timestamp=3.25") ==
        "image/video/keyframe_timestamp=3.250000000/keyframe_index=4");
  CHECK(Canonical("image/video/keyframe_index=4") == "image/video");
  // Sizes of non-raw images are not static.
  CHECK_FALSE(OnlyBlockSize("image/jpg/640x480/pixel=grey8"));
  CHECK_FALSE(OnlyBlockSize("image/raw/640x480"));
  CHECK_FALSE(OnlyBlockSize("image/raw/pixel=grey8"));
}

TEST_CASE("record_format: audio spec tokens") {
  CHECK(Canonical("audio/pcm/int16le/channels=1/rate=44100") ==
        "audio/pcm/int16le/channels=1/rate=44100");
  CHECK(Canonical("audio/rate=48000/pcm") == "audio");
  CHECK(Canonical("audio/PCM/int16le") == "audio");
  CHECK(Canonical("audio/pcm/samples=4/rate=8000/channels=2/float32le") ==
        "audio/pcm/float32le/channels=2/rate=8000/samples=4");
  // First sample format and first non-zero values win.
  CHECK(Canonical("audio/pcm/int8/int16le/channels=0/channels=3/channels=4") ==
        "audio/pcm/int8/channels=3");
  CHECK(Canonical("audio/pcm/bogus/uint24be/channels=1") == "audio/pcm/uint24be/channels=1");
  // The stride is printed only when it is not the packed frame size.
  CHECK(Canonical("audio/pcm/int16le/channels=2/stride=4") == "audio/pcm/int16le/channels=2");
  CHECK(Canonical("audio/pcm/int16le/channels=2/stride=6") ==
        "audio/pcm/int16le/channels=2/stride=6");
  CHECK(Canonical("audio/opus/int16le/channels=2/rate=48000") ==
        "audio/opus/int16le/channels=2/rate=48000");
  // Sizes: PCM with a sample count only.
  CHECK_FALSE(OnlyBlockSize("audio/pcm/int16le/channels=1/rate=44100"));
  CHECK_FALSE(OnlyBlockSize("audio/opus/int16le/channels=2/samples=960"));
  CHECK(OnlyBlockSize("audio/pcm/float64be/channels=3/samples=2") == 48u);

  AudioSpec spec = AudioSpec::Parse("pcm/int24le/channels=2");
  CHECK(spec.FrameStride() == 6);
  spec.frame_stride = 8;
  CHECK(spec.FrameStride() == 8);
  CHECK_FALSE(spec.BlockSize());
  spec.sample_count = 10;
  CHECK(spec.BlockSize() == 80u);
}

TEST_CASE("record_format: codec names and custom format names") {
  CHECK(EscapeCodecName("H/264 +x") == "H%2F264%20%2Bx");
  CHECK(EscapeCodecName("a%b\"c'd\\e\x01\x7f\xc3") == "a%25b%22c%27d%5Ce%01%7F%C3");
  CHECK(EscapeCodecName("H.265") == "H.265");
  CHECK(UnescapeCodecName("H%2F264%20%2Bx") == "H/264 +x");
  CHECK(UnescapeCodecName("%2f%2F%zz%4") == "//%zz%4");

  ImageSpec spec;
  spec.format = ImageFormat::kVideo;
  spec.codec_name = "H/264 +x";
  CHECK(spec.Text() == "video/codec=H%2F264%20%2Bx");
  RecordFormat format = RecordFormat::Parse("image/" + spec.Text());
  CHECK(format.blocks()[0].image.codec_name == "H/264 +x");
  CHECK(format.Text() == "image/video/codec=H%2F264%20%2Bx");

  // A codec token of 200 characters or more is ignored.
  std::string name199(199 - 6, 'c');
  CHECK(ImageSpec::Parse("video/codec=" + name199).codec_name == name199);
  CHECK(ImageSpec::Parse("video/codec=" + name199 + "c").codec_name.empty());

  CHECK(SanitizeCustomFormatName("hello world!") == "hello_world!");
  CHECK(SanitizeCustomFormatName("a_-*.,;:!@~#&|[]{}'z") == "a_-*.,;:!@~#&|[]{}'z");
  CHECK(SanitizeCustomFormatName("a$b%c\"d") == "a_b_c_d");
  // Only the first token after the size is looked at.
  CHECK(Canonical("custom/format=abc") == "custom/format=abc");
  CHECK(Canonical("custom/x/format=abc") == "custom");
  CHECK(Canonical("custom/size=4/format=") == "custom/size=4");
  ContentBlock block;
  block.custom_format = "my format";
  CHECK(block.Text() == "custom/format=my_format");
}

TEST_CASE("record_format: raw image sizes (spec 02 7.2)") {
  CHECK(RawImageSpec(PixelFormat::kGrey8, 7, 5).RawImageSize() == 35u);
  CHECK(RawImageSpec(PixelFormat::kYuvI420Split, 7, 5).RawImageSize() == 59u);
  CHECK(RawImageSpec(PixelFormat::kYuv420Nv21, 7, 5).RawImageSize() == 59u);
  CHECK(RawImageSpec(PixelFormat::kYuv420Nv12, 7, 5).RawImageSize() == 59u);
  CHECK(RawImageSpec(PixelFormat::kRaw10, 7, 5).RawImageSize() == 50u);
  CHECK(RawImageSpec(PixelFormat::kGrey10Packed, 7, 5).RawImageSize() == 50u);
  CHECK(RawImageSpec(PixelFormat::kYuy2, 7, 5).RawImageSize() == 80u);
  CHECK(RawImageSpec(PixelFormat::kRgb32F, 7, 5).RawImageSize() == 420u);
  CHECK(RawImageSpec(PixelFormat::kRgba32F, 7, 5).RawImageSize() == 560u);
  CHECK(RawImageSpec(PixelFormat::kYuvI420Split, 641, 481).RawImageSize() == 463043u);
  CHECK(RawImageSpec(PixelFormat::kYuv420Nv21, 641, 481, 700, 800).RawImageSize() == 529500u);
  // stride_2 only matters to multi-plane formats.
  CHECK(RawImageSpec(PixelFormat::kGrey8, 7, 5, 8, 100).RawImageSize() == 40u);
  CHECK(RawImageSpec(PixelFormat::kYuvI420Split, 7, 5, 8, 6).RawImageSize() == 40u + 2 * 6 * 3);
  // Unknown sizes.
  CHECK_FALSE(RawImageSpec(PixelFormat::kUndefined, 7, 5).RawImageSize());
  CHECK_FALSE(RawImageSpec(PixelFormat::kGrey8, 0, 5).RawImageSize());
  CHECK_FALSE(RawImageSpec(PixelFormat::kGrey8, 7, 0).RawImageSize());
  CHECK_FALSE(RawImageSpec(static_cast<PixelFormat>(27), 7, 5).RawImageSize());

  ImageSpec nv12 = RawImageSpec(PixelFormat::kYuv420Nv12, 7, 5);
  CHECK(nv12.PlaneCount() == 2);
  CHECK(nv12.PlaneStride(0) == 7);
  CHECK(nv12.PlaneStride(1) == 8);
  CHECK(nv12.PlaneHeight(1) == 3);
  CHECK(nv12.PlaneStride(2) == 0);
}

TEST_CASE("record_format: pixel formats (spec 02 7.1)") {
  struct Row {
    uint32_t value;
    const char* name;
    uint32_t channels;
    uint32_t bytes_per_pixel;  // 0: none
    uint32_t planes;
    size_t stride_for_7;
  };
  const Row rows[] = {
      {0, "undefined", 0, 0, 1, 0},
      {1, "grey8", 1, 1, 1, 7},
      {2, "bgr8", 3, 3, 1, 21},
      {3, "depth32f", 1, 4, 1, 28},
      {4, "rgb8", 3, 3, 1, 21},
      {5, "yuv_i420_split", 3, 0, 3, 7},
      {6, "rgba8", 4, 4, 1, 28},
      {7, "rgb10", 3, 6, 1, 42},
      {8, "rgb12", 3, 6, 1, 42},
      {9, "grey10", 1, 2, 1, 14},
      {10, "grey12", 1, 2, 1, 14},
      {11, "grey16", 1, 2, 1, 14},
      {12, "rgb32F", 3, 12, 1, 84},
      {13, "scalar64F", 1, 8, 1, 56},
      {14, "yuy2", 3, 0, 1, 16},
      {15, "rgb_ir_4x4", 3, 1, 1, 7},
      {16, "rgba32F", 4, 16, 1, 112},
      {17, "bayer8_rggb", 1, 1, 1, 7},
      {18, "raw10", 1, 0, 1, 10},
      {19, "raw10_bayer_rggb", 1, 0, 1, 10},
      {20, "raw10_bayer_bggr", 1, 0, 1, 10},
      {21, "yuv_420_nv21", 3, 0, 2, 7},
      {22, "yuv_420_nv12", 3, 0, 2, 7},
      {23, "grey10packed", 1, 0, 1, 10},
      {24, "bayer8_bggr", 1, 1, 1, 7},
      {25, "bayer10_gbrg", 1, 2, 1, 14},
      {26, "bayer8_gbrg", 1, 1, 1, 7},
  };
  STATIC_REQUIRE(sizeof(rows) / sizeof(rows[0]) == kPixelFormatCount);
  for (const Row& row : rows) {
    INFO(row.name);
    auto format = static_cast<PixelFormat>(row.value);
    CHECK(std::string(PixelFormatName(format)) == row.name);
    if (row.value == 0) {
      CHECK_FALSE(PixelFormatFromName(row.name));
    } else {
      CHECK(PixelFormatFromName(row.name) == format);
    }
    CHECK(PixelFormatChannels(format) == row.channels);
    CHECK(PixelFormatBytesPerPixel(format).value_or(0) == row.bytes_per_pixel);
    CHECK(PixelFormatPlaneCount(format) == row.planes);
    CHECK(PixelFormatDefaultStride(format, 7) == row.stride_for_7);
  }
  CHECK(PixelFormat::kYuvI420Planar == PixelFormat::kYuvI420Split);
  CHECK_FALSE(PixelFormatFromName("yuv_i420_planar"));
  CHECK_FALSE(PixelFormatFromName("GREY8"));
  CHECK(std::string(PixelFormatName(static_cast<PixelFormat>(200))) == "undefined");
}

TEST_CASE("record_format: audio formats (spec 02 8.1)") {
  const char* names[] = {
      "undefined", "int8",     "uint8",    "uint8alaw", "uint8mulaw", "int16le",   "uint16le",
      "int16be",   "uint16be", "int24le",  "uint24le",  "int24be",    "uint24be",  "int32le",
      "uint32le",  "int32be",  "uint32be", "float32le", "float32be",  "float64le", "float64be"};
  const uint32_t bits[] = {0,  8,  8,  8,  8,  16, 16, 16, 16, 24, 24,
                           24, 24, 32, 32, 32, 32, 32, 32, 64, 64};
  STATIC_REQUIRE(sizeof(names) / sizeof(names[0]) == kAudioSampleFormatCount);
  for (uint32_t value = 0; value < kAudioSampleFormatCount; ++value) {
    auto format = static_cast<AudioSampleFormat>(value);
    INFO(names[value]);
    CHECK(std::string(AudioSampleFormatName(format)) == names[value]);
    CHECK(AudioSampleFormatFromName(names[value]) ==
          (value == 0 ? std::nullopt : std::optional(format)));
    CHECK(AudioSampleFormatBits(format) == bits[value]);
    CHECK(AudioSampleFormatBytes(format) == bits[value] / 8);
  }
  CHECK(std::string(AudioFormatName(AudioFormat::kPcm)) == "pcm");
  CHECK(std::string(AudioFormatName(AudioFormat::kOpus)) == "opus");
  CHECK(AudioFormatFromName("opus") == AudioFormat::kOpus);
  CHECK_FALSE(AudioFormatFromName("undefined"));
}

TEST_CASE("record_format: content type and image format names") {
  const char* types[] = {"custom", "empty", "data_layout", "image", "audio"};
  for (uint32_t value = 0; value < 5; ++value) {
    CHECK(std::string(ContentTypeName(static_cast<ContentType>(value))) == types[value]);
    CHECK(ContentTypeFromName(types[value]) == static_cast<ContentType>(value));
  }
  CHECK_FALSE(ContentTypeFromName("Image"));
  const char* formats[] = {"undefined", "raw", "jpg", "png", "video", "jxl", "custom_codec"};
  for (uint32_t value = 0; value < 7; ++value) {
    CHECK(std::string(ImageFormatName(static_cast<ImageFormat>(value))) == formats[value]);
  }
  CHECK(ImageFormatFromName("custom_codec") == ImageFormat::kCustomCodec);
  CHECK_FALSE(ImageFormatFromName("undefined"));
}

TEST_CASE("record_format: the last-block rule (spec 02 2.5)") {
  RecordFormat format = RecordFormat::Parse("data_layout/size=24+image/raw");
  CHECK(format.BlockSize(0, 307224) == 24u);
  CHECK(format.BlockSize(1, 307200) == 307200u);
  CHECK_FALSE(format.BlockSize(0, 23));  // a static size larger than what remains
  CHECK_FALSE(format.BlockSize(2, 100));

  // The unknown block is inferred when every block after it has a static size.
  RecordFormat middle = RecordFormat::Parse(
      "custom+custom/size=10+empty+audio/pcm/int8/"
      "channels=2/samples=3");
  CHECK(middle.BlockSize(0, 100) == 84u);
  CHECK(middle.BlockSize(0, 16) == 0u);
  CHECK_FALSE(middle.BlockSize(0, 15));
  CHECK(middle.BlockSize(1, 16) == 10u);
  CHECK(middle.BlockSize(2, 6) == 0u);
  CHECK(middle.BlockSize(3, 6) == 6u);
  CHECK_FALSE(middle.BlockSize(3, 5));

  // Two blocks of unknown size: only the last one can be inferred.
  RecordFormat two = RecordFormat::Parse("data_layout+image/jpg");
  CHECK_FALSE(two.BlockSize(0, 100));
  CHECK(two.BlockSize(1, 100) == 100u);

  // Trailing empty blocks count as known (0 bytes).
  RecordFormat trailing = RecordFormat::Parse("custom+empty+empty");
  CHECK(trailing.BlockSize(0, 7) == 7u);
  CHECK(trailing.UsedBlocks() == 1);
}

TEST_CASE("record_format: RF and DL tag names (spec 02 1)") {
  CHECK(RecordFormatTagName(RecordType::kData, 1) == "RF:Data:1");
  CHECK(RecordFormatTagName(RecordType::kConfiguration, 12) == "RF:Configuration:12");
  CHECK(DataLayoutTagName(RecordType::kData, 1, 0) == "DL:Data:1:0");
  CHECK(DataLayoutTagName(RecordType::kState, 3, 2) == "DL:State:3:2");

  CHECK(ParseRecordFormatTagName("RF:Data:1") == RecordFormatTag{RecordType::kData, 1});
  CHECK(ParseRecordFormatTagName("RF:State:0") == RecordFormatTag{RecordType::kState, 0});
  CHECK(ParseRecordFormatTagName("RF:Configuration:4294967295") ==
        RecordFormatTag{RecordType::kConfiguration, 4294967295u});
  CHECK_FALSE(ParseRecordFormatTagName("RF:Configuration:4294967296"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data:"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data:1x"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data:+1"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data:-1"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:data:1"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Tags:1"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data1"));
  CHECK_FALSE(ParseRecordFormatTagName("DL:Data:1:0"));
  CHECK_FALSE(ParseRecordFormatTagName("RF:Data:1:0"));
}
