// Record payloads split into content blocks (spec 02 §2.5, §3, §6), on records built in memory:
// image and audio specs completed from DataLayouts, the last-block rule, unknown sizes, and bad
// content that must end decoding cleanly.
#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "vrsx/data_layout.h"
#include "vrsx/record_content.h"
#include "vrsx/record_format.h"

using namespace vrsx;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const Bytes& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

Bytes Filler(size_t size, uint8_t value = 0xab) {
  return Bytes(size, value);
}

// Builds records of one stream from RF/DL tags, and decodes them in order.
class StreamFixture {
 public:
  StreamId stream{200, 1};

  // A layout that stays alive as long as the fixture.
  DataLayoutDefinition& Layout(std::vector<PieceDefinition> pieces) {
    DataLayoutDefinition& layout = layouts_.emplace_back();
    for (PieceDefinition& piece : pieces) REQUIRE(layout.Add(std::move(piece)).ok());
    return layout;
  }

  // RF:<type>:<version> = rf, and DL:<type>:<version>:<i> for each given layout.
  void Define(RecordType type, const std::string& rf,
              const std::map<size_t, const DataLayoutDefinition*>& layouts = {},
              uint32_t version = 1) {
    tags[RecordFormatTagName(type, version)] = rf;
    for (const auto& [index, layout] : layouts) {
      tags[DataLayoutTagName(type, version, index)] = layout->ToJson();
    }
    decoder_.reset();
  }

  const RecordContent& Decode(RecordType type, double timestamp, Bytes payload,
                              uint32_t version = 1) {
    if (!decoder_) {
      formats_ = std::make_unique<StreamFormats>();
      formats_->AddStream(stream, tags);
      decoder_ = std::make_unique<RecordContentDecoder>(*formats_);
    }
    payloads_.push_back(std::move(payload));  // the blocks point into it
    RecordRef record;
    record.stream = stream;
    record.type = type;
    record.timestamp = timestamp;
    record.format_version = version;
    record.index_position = next_position_++;
    decoder_->Decode(record, payloads_.back(), content_);
    return content_;
  }

  const RecordContentDecoder& decoder() const { return *decoder_; }

  TagMap tags;

 private:
  std::deque<DataLayoutDefinition> layouts_;
  std::unique_ptr<StreamFormats> formats_;
  std::unique_ptr<RecordContentDecoder> decoder_;
  std::deque<Bytes> payloads_;
  RecordContent content_;
  size_t next_position_ = 0;
};

// Encodes one DataLayout block, setting fields by label.
class BlockBuilder {
 public:
  explicit BlockBuilder(const DataLayoutDefinition& layout) : encoder_(layout) {}

  template <typename T>
  BlockBuilder& Set(const std::string& label, T value) {
    std::optional<size_t> index = encoder_.layout().FindValue<T>(label);
    INFO(label);
    REQUIRE(index.has_value());
    REQUIRE(encoder_.SetValue<T>(*index, value).ok());
    return *this;
  }
  BlockBuilder& SetString(const std::string& label, const std::string& value) {
    std::optional<size_t> index =
        encoder_.layout().Find(label, PieceKind::kString, ElementType::kString);
    REQUIRE(index.has_value());
    REQUIRE(encoder_.SetString(*index, value).ok());
    return *this;
  }
  Bytes Encode() const { return encoder_.Encode(); }

 private:
  DataLayoutEncoder encoder_;
};

std::vector<PieceDefinition> ImagePieces(bool with_stride = false) {
  std::vector<PieceDefinition> pieces = {PieceDefinition::Value<uint32_t>("image_width"),
                                         PieceDefinition::Value<uint32_t>("image_height"),
                                         PieceDefinition::Value<uint32_t>("image_pixel_format")};
  if (with_stride) pieces.push_back(PieceDefinition::Value<uint32_t>("image_stride"));
  return pieces;
}

Bytes ImageBlock(const DataLayoutDefinition& layout, uint32_t width, uint32_t height,
                 PixelFormat pixel_format) {
  return BlockBuilder(layout)
      .Set<uint32_t>("image_width", width)
      .Set<uint32_t>("image_height", height)
      .Set<uint32_t>("image_pixel_format", uint32_t(pixel_format))
      .Encode();
}

// "Kind, text, size" of every block but DataLayout and empty ones, as `print` lists them.
std::vector<std::string> Lines(const RecordContent& content) {
  std::vector<std::string> lines;
  for (const DecodedBlock& block : content.blocks) {
    if (block.kind == BlockKind::kDataLayout || block.kind == BlockKind::kEmpty) continue;
    std::string line = BlockKindName(block.kind);
    line += ", ";
    line += block.Text();
    line += ", ";
    line += block.size ? std::to_string(*block.size) : std::string("unknown");
    lines.push_back(line);
  }
  return lines;
}

using Lines_ = std::vector<std::string>;

}  // namespace

TEST_CASE("record_content: raw image spec from the same record (6.3, 6.4)", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& layout = f.Layout(ImagePieces(true));
  f.Define(RecordType::kData, "data_layout+image/raw", {{0, &layout}});
  Bytes dl = BlockBuilder(layout)
                 .Set<uint32_t>("image_width", 4)
                 .Set<uint32_t>("image_height", 3)
                 .Set<uint32_t>("image_pixel_format", 1)
                 .Set<uint32_t>("image_stride", 8)
                 .Encode();
  REQUIRE(dl.size() == 16);
  const RecordContent& content = f.Decode(RecordType::kData, 1, Concat({dl, Filler(24)}));
  INFO(content.message);
  CHECK(content.ok());
  CHECK(content.end == ContentEnd::kComplete);
  CHECK(content.bytes_left == 0);
  CHECK(content.format_text() == "data_layout+image/raw");
  REQUIRE(content.blocks.size() == 2);
  const DecodedBlock& fields = content.blocks[0];
  CHECK(fields.kind == BlockKind::kDataLayout);
  CHECK(fields.offset == 0);
  CHECK(fields.size == 16u);
  CHECK(fields.Text() == "data_layout");
  // Typed access to the decoded fields.
  REQUIRE(fields.layout_slot != nullptr);
  REQUIRE(fields.layout_slot->layout != nullptr);
  std::optional<size_t> width = fields.layout_slot->layout->FindValue<uint32_t>("image_width");
  REQUIRE(width.has_value());
  CHECK(fields.layout.value<uint32_t>(*width) == 4);
  CHECK(fields.layout_slot->fields.image_stride.has_value());

  const DecodedBlock& image = content.blocks[1];
  CHECK(image.kind == BlockKind::kImage);
  CHECK(image.Text() == "image/raw/4x3/pixel=grey8/stride=8");
  CHECK(image.offset == 16);
  CHECK(image.size == 24u);
  CHECK(image.data.size() == 24);
  CHECK(image.complete());
  CHECK(image.spec.image.width == 4);
  CHECK(image.spec.image.pixel_format == PixelFormat::kGrey8);
}

TEST_CASE("record_content: raw image spec from the configuration record (3, 6.4)", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& config = f.Layout(ImagePieces());
  DataLayoutDefinition& data = f.Layout({PieceDefinition::Value<uint32_t>("counter")});
  f.Define(RecordType::kConfiguration, "data_layout", {{0, &config}});
  f.Define(RecordType::kData, "data_layout/size=4+image/raw", {{0, &data}});
  Bytes counter = BlockBuilder(data).Set<uint32_t>("counter", 7).Encode();

  SECTION("the latest configuration describes the image") {
    const RecordContent& c1 =
        f.Decode(RecordType::kConfiguration, 1, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    CHECK(c1.ok());
    const RecordContentDecoder::Configuration* kept = f.decoder().configuration(f.stream);
    REQUIRE(kept != nullptr);
    CHECK(kept->timestamp == 1);
    CHECK(kept->layouts.size() == 1);

    const RecordContent& c2 = f.Decode(RecordType::kData, 2, Concat({counter, Filler(96)}));
    INFO(c2.message);
    CHECK(c2.ok());
    CHECK(Lines(c2) == Lines_{"Image, image/raw/8x4/pixel=rgb8, 96"});
    // State records may use it too.
    f.Define(RecordType::kState, "data_layout/size=4+image/raw", {{0, &data}});
    f.Decode(RecordType::kConfiguration, 1, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    const RecordContent& c3 = f.Decode(RecordType::kState, 3, Concat({counter, Filler(96)}));
    CHECK(c3.ok());
  }
  SECTION("a later configuration replaces it") {
    f.Decode(RecordType::kConfiguration, 1, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    f.Decode(RecordType::kConfiguration, 2, ImageBlock(config, 2, 2, PixelFormat::kGrey8));
    const RecordContent& c = f.Decode(RecordType::kData, 3, Concat({counter, Filler(4)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/raw/2x2/pixel=grey8, 4"});
  }
  SECTION("no configuration yet: unsupported, size unknown") {
    const RecordContent& c = f.Decode(RecordType::kData, 2, Concat({counter, Filler(96)}));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, image/raw, unknown"});
    CHECK(c.bytes_left == 96);
    CHECK(c.message.find("200-1 Data record #0") != std::string::npos);
  }
  SECTION("a configuration from the record's future is not used") {
    f.Decode(RecordType::kConfiguration, 5, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    const RecordContent& c = f.Decode(RecordType::kData, 2, Concat({counter, Filler(96)}));
    CHECK(c.end == ContentEnd::kSizeUnknown);
  }
  SECTION("the record's own layout comes first") {
    DataLayoutDefinition& own = f.Layout(ImagePieces());
    f.Define(RecordType::kData, "data_layout+image/raw", {{0, &own}});
    f.Decode(RecordType::kConfiguration, 1, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    const RecordContent& c = f.Decode(
        RecordType::kData, 2, Concat({ImageBlock(own, 2, 3, PixelFormat::kGrey8), Filler(6)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/raw/2x3/pixel=grey8, 6"});
  }
  SECTION("a configuration record does not use the previous configuration") {
    DataLayoutDefinition& plain = f.Layout({PieceDefinition::Value<uint32_t>("counter")});
    f.Define(RecordType::kConfiguration, "data_layout", {{0, &config}}, 1);
    f.Define(RecordType::kConfiguration, "data_layout/size=4+image/raw", {{0, &plain}}, 2);
    f.Decode(RecordType::kConfiguration, 1, ImageBlock(config, 8, 4, PixelFormat::kRgb8));
    const RecordContent& c =
        f.Decode(RecordType::kConfiguration, 2, Concat({counter, Filler(96)}), 2);
    CHECK(c.end == ContentEnd::kSizeUnknown);
  }
}

TEST_CASE("record_content: the location that worked is tried first (6.4 step 3)", "[content]") {
  // Like the reference, the DataLayout that completed a block last time is tried first, even
  // when a nearer one would complete it now.
  StreamFixture f;
  DataLayoutDefinition& layout = f.Layout(ImagePieces());
  f.Define(RecordType::kData, "data_layout+data_layout+image/raw", {{0, &layout}, {1, &layout}});
  auto record = [&](uint32_t far_width, uint32_t near_width) {
    Bytes far = ImageBlock(layout, far_width, 1, PixelFormat::kGrey8);
    Bytes near = ImageBlock(layout, near_width, 1, PixelFormat::kGrey8);
    return Concat({far, near});
  };
  const RecordContent& a = f.Decode(RecordType::kData, 1, Concat({record(2, 4), Filler(4)}));
  CHECK(a.ok());
  CHECK(Lines(a) == Lines_{"Image, image/raw/4x1/pixel=grey8, 4"});  // nearest first
  const RecordContent& b = f.Decode(RecordType::kData, 2, Concat({record(2, 0), Filler(2)}));
  CHECK(b.ok());
  CHECK(Lines(b) == Lines_{"Image, image/raw/2x1/pixel=grey8, 2"});  // the far one
  const RecordContent& c = f.Decode(RecordType::kData, 3, Concat({record(3, 4), Filler(3)}));
  CHECK(c.ok());
  CHECK(Lines(c) == Lines_{"Image, image/raw/3x1/pixel=grey8, 3"});  // cached: the far one
}

TEST_CASE("record_content: pixel formats and the legacy image_bytes_per_pixel (6.3)", "[content]") {
  StreamFixture f;
  std::vector<PieceDefinition> pieces = ImagePieces();
  pieces.push_back(PieceDefinition::Value<uint32_t>("image_bytes_per_pixel"));
  pieces.push_back(PieceDefinition::Value<uint8_t>("image_bytes_per_pixel"));
  DataLayoutDefinition& layout = f.Layout(pieces);
  f.Define(RecordType::kData, "data_layout+image/raw", {{0, &layout}});
  auto decode = [&](uint32_t pixel_format, uint32_t bpp32, uint8_t bpp8, size_t image_size) {
    Bytes dl = BlockBuilder(layout)
                   .Set<uint32_t>("image_width", 4)
                   .Set<uint32_t>("image_height", 2)
                   .Set<uint32_t>("image_pixel_format", pixel_format)
                   .Set<uint32_t>("image_bytes_per_pixel", bpp32)
                   .Set<uint8_t>("image_bytes_per_pixel", bpp8)
                   .Encode();
    return Lines(f.Decode(RecordType::kData, 1, Concat({dl, Filler(image_size)})));
  };
  CHECK(decode(0, 3, 0, 24) == Lines_{"Image, image/raw/4x2/pixel=rgb8, 24"});
  CHECK(decode(0, 0, 4, 32) == Lines_{"Image, image/raw/4x2/pixel=depth32f, 32"});
  CHECK(decode(0, 8, 1, 64) == Lines_{"Image, image/raw/4x2/pixel=scalar64F, 64"});
  CHECK(decode(0, 0, 1, 8) == Lines_{"Image, image/raw/4x2/pixel=grey8, 8"});
  // The pixel format wins over the legacy field; its value is taken modulo 256.
  CHECK(decode(4, 1, 0, 24) == Lines_{"Image, image/raw/4x2/pixel=rgb8, 24"});
  CHECK(decode(257, 0, 0, 8) == Lines_{"Image, image/raw/4x2/pixel=grey8, 8"});
  // An invalid pixel format falls back to the legacy field...
  CHECK(decode(99, 1, 0, 8) == Lines_{"Image, image/raw/4x2/pixel=grey8, 8"});
  // ...and without it the image cannot be read.
  CHECK(decode(99, 0, 0, 8) == Lines_{"Unsupported, image/raw, unknown"});
  CHECK(decode(0, 2, 0, 8) == Lines_{"Unsupported, image/raw, unknown"});
}

TEST_CASE("record_content: video with codec name and key frames (6.3, 6.4)", "[content]") {
  StreamFixture f;
  std::vector<PieceDefinition> pieces = ImagePieces();
  pieces.push_back(PieceDefinition::String("image_codec_name"));
  pieces.push_back(PieceDefinition::Value<uint32_t>("image_codec_quality"));
  pieces.push_back(PieceDefinition::Value<double>("image_key_frame_timestamp"));
  pieces.push_back(PieceDefinition::Value<uint32_t>("image_key_frame_index"));
  DataLayoutDefinition& full = f.Layout(pieces);
  DataLayoutDefinition& dims = f.Layout(ImagePieces());

  SECTION("everything from the DataLayout") {
    f.Define(RecordType::kData, "data_layout+image/video", {{0, &full}});
    Bytes dl = BlockBuilder(full)
                   .Set<uint32_t>("image_width", 8)
                   .Set<uint32_t>("image_height", 4)
                   .Set<uint32_t>("image_pixel_format", 1)
                   .SetString("image_codec_name", "H.264")
                   .Set<uint32_t>("image_codec_quality", 80)
                   .Set<double>("image_key_frame_timestamp", 1.5)
                   .Set<uint32_t>("image_key_frame_index", 3)
                   .Encode();
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({dl, Filler(10)}));
    INFO(c.message);
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/size=10/video/8x4/pixel=grey8/codec=H.264/"
                             "codec_quality=80/keyframe_timestamp=1.500000000/keyframe_index=3, "
                             "10"});
  }
  SECTION("codec name and quality from the RecordFormat") {
    f.Define(RecordType::kData, "data_layout+image/video/codec=H%2F265/codec_quality=50",
             {{0, &dims}});
    const RecordContent& c = f.Decode(
        RecordType::kData, 1, Concat({ImageBlock(dims, 8, 4, PixelFormat::kGrey8), Filler(7)}));
    CHECK(c.ok());
    CHECK(Lines(c) ==
          Lines_{"Image, image/size=7/video/8x4/pixel=grey8/codec=H%2F265/codec_quality=50, 7"});
  }
  SECTION("no codec name: unsupported") {
    f.Define(RecordType::kData, "data_layout+image/video", {{0, &dims}});
    const RecordContent& c = f.Decode(
        RecordType::kData, 1, Concat({ImageBlock(dims, 8, 4, PixelFormat::kGrey8), Filler(7)}));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, image/video, unknown"});
  }
  SECTION("an unsupported block with a static size is skipped") {
    f.Define(RecordType::kData, "data_layout+image/size=7/video+custom", {{0, &dims}});
    const RecordContent& c =
        f.Decode(RecordType::kData, 1,
                 Concat({ImageBlock(dims, 8, 4, PixelFormat::kGrey8), Filler(7), Filler(2)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Unsupported, image/size=7/video, 7", "Custom, custom/size=2, 2"});
  }
  SECTION("custom_codec: a codec name from the DataLayout is enough") {
    DataLayoutDefinition& codec = f.Layout({PieceDefinition::String("image_codec_name")});
    f.Define(RecordType::kData, "data_layout+image/custom_codec", {{0, &codec}});
    Bytes dl = BlockBuilder(codec).SetString("image_codec_name", "my codec").Encode();
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({dl, Filler(5)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/size=5/custom_codec/codec=my%20codec, 5"});
  }
}

TEST_CASE("record_content: jpg and png sizes from next_content_block_size (6.2, 6.4)",
          "[content]") {
  StreamFixture f;
  DataLayoutDefinition& next =
      f.Layout({PieceDefinition::Value<uint32_t>("next_content_block_size")});
  Bytes ten = BlockBuilder(next).Set<uint32_t>("next_content_block_size", 10).Encode();

  SECTION("the size from the layout, then the last-block rule") {
    f.Define(RecordType::kData, "data_layout+image/jpg+image/png", {{0, &next}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({ten, Filler(10), Filler(7)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/size=10/jpg, 10", "Image, image/size=7/png, 7"});
    CHECK(c.blocks[1].offset == 4);
    CHECK(c.blocks[2].offset == 14);
  }
  SECTION("jxl as the last block") {
    f.Define(RecordType::kData, "image/jxl/64x48/pixel=rgb8/stride=9999");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(12));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/size=12/jxl/64x48/pixel=rgb8, 12"});
  }
  SECTION("two images without sizes") {
    f.Define(RecordType::kData, "image/jpg+image/png");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(17));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, image/jpg, unknown"});
    CHECK(c.bytes_left == 17);
  }
  SECTION("a jpg larger than the record") {
    f.Define(RecordType::kData, "data_layout+image/jpg", {{0, &next}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({ten, Filler(6)}));
    CHECK(c.end == ContentEnd::kImageTooLarge);
    REQUIRE(c.blocks.size() == 2);
    CHECK(c.blocks[1].size == 10u);
    CHECK(c.blocks[1].data.size() == 6);
    CHECK_FALSE(c.blocks[1].complete());
    CHECK(c.bytes_left == 6);
  }
}

TEST_CASE("record_content: custom blocks (3)", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& next =
      f.Layout({PieceDefinition::Value<uint32_t>("next_content_block_size")});

  SECTION("static size, size from the layout, format name") {
    f.Define(RecordType::kData, "custom/size=3+data_layout+custom/format=my data+custom",
             {{1, &next}});
    Bytes five = BlockBuilder(next).Set<uint32_t>("next_content_block_size", 5).Encode();
    const RecordContent& c =
        f.Decode(RecordType::kData, 1, Concat({Filler(3), five, Filler(5), Filler(1)}));
    INFO(c.message);
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Custom, custom/size=3, 3", "Custom, custom/size=5/format=my_data, 5",
                             "Custom, custom/size=1, 1"});
  }
  SECTION("a size from the layout larger than the record") {
    f.Define(RecordType::kData, "data_layout+custom", {{0, &next}});
    Bytes big = BlockBuilder(next).Set<uint32_t>("next_content_block_size", 1000).Encode();
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({big, Filler(5)}));
    CHECK(c.end == ContentEnd::kBlockTooLarge);
    CHECK(c.bytes_left == 5);
  }
  SECTION("a static size larger than the record is unknown") {
    f.Define(RecordType::kData, "custom/size=100");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    REQUIRE(c.blocks.size() == 1);
    CHECK_FALSE(c.blocks[0].size);
  }
  SECTION("unknown content type names are custom") {
    f.Define(RecordType::kData, "bogus/size=3+custom");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(5));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Custom, custom/size=3, 3", "Custom, custom/size=2, 2"});
  }
}

TEST_CASE("record_content: PCM audio (6.5)", "[content]") {
  StreamFixture f;
  SECTION("sample count from the size, printed without the size") {
    f.Define(RecordType::kData, "audio/pcm/int16le/channels=1/rate=44100");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(512));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Audio, audio/pcm/int16le/channels=1/rate=44100/samples=256, 512"});
    CHECK(c.blocks[0].spec.audio.sample_count == 256);
  }
  SECTION("a size that is not whole frames") {
    f.Define(RecordType::kData, "audio/pcm/int16le/channels=1/rate=44100");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(511));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, audio/pcm/int16le/channels=1/rate=44100, unknown"});
  }
  SECTION("sample count in the RecordFormat: printed with the size") {
    f.Define(RecordType::kData, "audio/pcm/int16le/channels=2/rate=48000/samples=4");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(16));
    CHECK(c.ok());
    CHECK(Lines(c) ==
          Lines_{"Audio, audio/size=16/pcm/int16le/channels=2/rate=48000/samples=4, 16"});
  }
  SECTION("a static PCM block larger than the record") {
    f.Define(RecordType::kData, "audio/pcm/int16le/channels=2/rate=48000/samples=4");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.end == ContentEnd::kBlockTooLarge);
  }

  DataLayoutDefinition& audio = f.Layout({PieceDefinition::Value<uint8_t>("audio_sample_format"),
                                          PieceDefinition::Value<uint8_t>("audio_channel_count"),
                                          PieceDefinition::Value<uint32_t>("audio_sample_rate"),
                                          PieceDefinition::Value<uint32_t>("audio_sample_count"),
                                          PieceDefinition::Value<uint8_t>("audio_sample_stride")});
  auto audio_block = [&](uint32_t count, uint8_t stride = 0) {
    return BlockBuilder(audio)
        .Set<uint8_t>("audio_sample_format", uint8_t(AudioSampleFormat::kInt16Le))
        .Set<uint8_t>("audio_channel_count", 2)
        .Set<uint32_t>("audio_sample_rate", 48000)
        .Set<uint32_t>("audio_sample_count", count)
        .Set<uint8_t>("audio_sample_stride", stride)
        .Encode();
  };
  SECTION("spec and sample count from the record's DataLayout") {
    f.Define(RecordType::kData, "data_layout+audio/pcm", {{0, &audio}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({audio_block(3), Filler(12)}));
    CHECK(c.ok());
    CHECK(Lines(c) ==
          Lines_{"Audio, audio/size=12/pcm/int16le/channels=2/rate=48000/samples=3, 12"});
  }
  SECTION("spec from the DataLayout, sample count from the size") {
    f.Define(RecordType::kData, "data_layout+audio/pcm", {{0, &audio}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({audio_block(0), Filler(16)}));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Audio, audio/pcm/int16le/channels=2/rate=48000/samples=4, 16"});
  }
  SECTION("a padded frame stride") {
    f.Define(RecordType::kData, "data_layout+audio/pcm", {{0, &audio}});
    const RecordContent& c =
        f.Decode(RecordType::kData, 1, Concat({audio_block(2, 6), Filler(12)}));
    CHECK(c.ok());
    CHECK(Lines(c) ==
          Lines_{"Audio, audio/size=12/pcm/int16le/channels=2/rate=48000/samples=2/stride=6, 12"});
    // A stride smaller than a frame is not a spec.
    const RecordContent& bad =
        f.Decode(RecordType::kData, 2, Concat({audio_block(2, 3), Filler(12)}));
    CHECK(bad.end == ContentEnd::kSizeUnknown);
  }
  SECTION("spec from the configuration, sample count from the block before") {
    DataLayoutDefinition& count =
        f.Layout({PieceDefinition::Value<uint32_t>("audio_sample_count")});
    f.Define(RecordType::kConfiguration, "data_layout", {{0, &audio}});
    f.Define(RecordType::kData, "data_layout/size=4+audio/pcm", {{0, &count}});
    f.Decode(RecordType::kConfiguration, 1, audio_block(0));
    Bytes five = BlockBuilder(count).Set<uint32_t>("audio_sample_count", 5).Encode();
    const RecordContent& c = f.Decode(RecordType::kData, 2, Concat({five, Filler(20)}));
    INFO(c.message);
    CHECK(c.ok());
    CHECK(Lines(c) ==
          Lines_{"Audio, audio/size=20/pcm/int16le/channels=2/rate=48000/samples=5, 20"});
  }
  SECTION("only the nearest DataLayout of the record is tried") {
    DataLayoutDefinition& other = f.Layout({PieceDefinition::Value<uint32_t>("counter")});
    f.Define(RecordType::kData, "data_layout+data_layout+audio/pcm", {{0, &audio}, {1, &other}});
    const RecordContent& c =
        f.Decode(RecordType::kData, 1, Concat({audio_block(3), Filler(4), Filler(12)}));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, audio/pcm, unknown"});
  }
  SECTION("a sample count that contradicts next_content_block_size") {
    DataLayoutDefinition& both =
        f.Layout({PieceDefinition::Value<uint8_t>("audio_sample_format"),
                  PieceDefinition::Value<uint8_t>("audio_channel_count"),
                  PieceDefinition::Value<uint32_t>("audio_sample_rate"),
                  PieceDefinition::Value<uint32_t>("audio_sample_count"),
                  PieceDefinition::Value<uint32_t>("next_content_block_size")});
    f.Define(RecordType::kData, "data_layout+audio/pcm", {{0, &both}});
    Bytes dl = BlockBuilder(both)
                   .Set<uint8_t>("audio_sample_format", uint8_t(AudioSampleFormat::kInt16Le))
                   .Set<uint8_t>("audio_channel_count", 2)
                   .Set<uint32_t>("audio_sample_rate", 48000)
                   .Set<uint32_t>("audio_sample_count", 3)
                   .Set<uint32_t>("next_content_block_size", 10)
                   .Encode();
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({dl, Filler(10)}));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(c) == Lines_{"Unsupported, audio/pcm, unknown"});
  }
}

TEST_CASE("record_content: Opus audio (6.5)", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& opus =
      f.Layout({PieceDefinition::Value<uint8_t>("audio_format"),
                PieceDefinition::Value<uint8_t>("audio_sample_format"),
                PieceDefinition::Value<uint8_t>("audio_channel_count"),
                PieceDefinition::Value<uint32_t>("audio_sample_rate"),
                PieceDefinition::Value<uint8_t>("audio_stereo_pair_count"),
                PieceDefinition::Value<uint32_t>("next_content_block_size")});
  f.Define(RecordType::kData, "data_layout+audio/opus+custom", {{0, &opus}});
  Bytes dl = BlockBuilder(opus)
                 .Set<uint8_t>("audio_format", uint8_t(AudioFormat::kOpus))
                 .Set<uint8_t>("audio_sample_format", uint8_t(AudioSampleFormat::kInt16Le))
                 .Set<uint8_t>("audio_channel_count", 2)
                 .Set<uint32_t>("audio_sample_rate", 48000)
                 .Set<uint8_t>("audio_stereo_pair_count", 1)
                 .Set<uint32_t>("next_content_block_size", 20)
                 .Encode();
  const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({dl, Filler(20), Filler(3)}));
  INFO(c.message);
  CHECK(c.ok());
  CHECK(Lines(c) == Lines_{"Audio, audio/size=20/opus/int16le/channels=2/rate=48000, 20",
                           "Custom, custom/size=3, 3"});
  CHECK(c.blocks[1].spec.audio.stereo_pair_count == 1);

  SECTION("an invalid audio format is not a spec") {
    Bytes bad = BlockBuilder(opus)
                    .Set<uint8_t>("audio_format", 7)
                    .Set<uint8_t>("audio_sample_format", uint8_t(AudioSampleFormat::kInt16Le))
                    .Set<uint8_t>("audio_channel_count", 2)
                    .Set<uint32_t>("audio_sample_rate", 48000)
                    .Set<uint32_t>("next_content_block_size", 20)
                    .Encode();
    const RecordContent& b = f.Decode(RecordType::kData, 2, Concat({bad, Filler(23)}));
    CHECK(b.end == ContentEnd::kSizeUnknown);
  }
  SECTION("Opus described by the RecordFormat alone is not 'sample block format defined'") {
    // §6.5 step 1 only takes PCM specs as they are; Opus needs a DataLayout.
    f.Define(RecordType::kData, "audio/opus/int16le/channels=2/rate=48000");
    const RecordContent& b = f.Decode(RecordType::kData, 2, Filler(20));
    CHECK(b.end == ContentEnd::kSizeUnknown);
    CHECK(Lines(b) == Lines_{"Unsupported, audio/opus/int16le/channels=2/rate=48000, unknown"});
  }
}

TEST_CASE("record_content: the last-block rule and empty blocks (2.5)", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& eight = f.Layout({PieceDefinition::Value<uint64_t>("counter")});
  SECTION("a block before statically sized ones") {
    f.Define(RecordType::kData, "image/jpg+data_layout/size=8+empty", {{1, &eight}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(20));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Image, image/size=12/jpg, 12"});
    REQUIRE(c.blocks.size() == 2);  // the trailing empty block is not used
    CHECK(c.blocks[1].offset == 12);
  }
  SECTION("custom before a static audio block") {
    f.Define(RecordType::kData, "custom+audio/pcm/uint8/channels=1/rate=8000/samples=4");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.ok());
    CHECK(Lines(c) == Lines_{"Custom, custom/size=6, 6",
                             "Audio, audio/size=4/pcm/uint8/channels=1/rate=8000/samples=4, 4"});
  }
  SECTION("two blocks of unknown size") {
    f.Define(RecordType::kData, "custom+custom");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.end == ContentEnd::kSizeUnknown);
    CHECK(c.message.find("content block size unknown") != std::string::npos);
  }
  SECTION("empty blocks in the middle") {
    f.Define(RecordType::kData, "data_layout+empty+custom", {{0, &eight}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(11));
    CHECK(c.ok());
    REQUIRE(c.blocks.size() == 3);
    CHECK(c.blocks[1].kind == BlockKind::kEmpty);
    CHECK(c.blocks[1].size == 0u);
    CHECK(Lines(c) == Lines_{"Custom, custom/size=3, 3"});
  }
  SECTION("only empty blocks: opaque") {
    f.Define(RecordType::kData, "empty+empty");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(3));
    CHECK(c.end == ContentEnd::kNoRecordFormat);
    CHECK(c.format_text() == "<no RecordFormat definition>");
    CHECK(c.bytes_left == 3);
  }
  SECTION("bytes left after the last block") {
    f.Define(RecordType::kData, "data_layout/size=8", {{0, &eight}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.end == ContentEnd::kBytesLeft);
    CHECK(c.bytes_left == 2);
    CHECK(c.message.find("2 bytes left") != std::string::npos);
  }
}

TEST_CASE("record_content: missing definitions (1, 3)", "[content]") {
  StreamFixture f;
  SECTION("no RecordFormat") {
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(4));
    CHECK(c.end == ContentEnd::kNoRecordFormat);
    CHECK(c.format == nullptr);
    CHECK(c.format_text() == "<no RecordFormat definition>");
    CHECK(c.blocks.empty());
    CHECK(c.bytes_left == 4);
    CHECK(c.message.find("200-1 Data record #0") != std::string::npos);
    CHECK(c.message.find("RF:Data:1") != std::string::npos);
  }
  SECTION("another format version") {
    f.Define(RecordType::kData, "custom", {}, 2);
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(4), 1);
    CHECK(c.end == ContentEnd::kNoRecordFormat);
    const RecordContent& d = f.Decode(RecordType::kData, 1, Filler(4), 2);
    CHECK(d.ok());
  }
  SECTION("no DL tag") {
    f.Define(RecordType::kData, "data_layout+custom");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(4));
    CHECK(c.end == ContentEnd::kMissingDataLayout);
    REQUIRE(c.blocks.size() == 1);
    CHECK_FALSE(c.blocks[0].size);
    CHECK(c.message.find("no DL:Data:1:0 tag") != std::string::npos);
  }
  SECTION("unparsable DL JSON") {
    f.Define(RecordType::kData, "data_layout+custom");
    f.tags["DL:Data:1:0"] = "{\"data_layout\":[{\"name\":";
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(4));
    CHECK(c.end == ContentEnd::kMissingDataLayout);
    CHECK(c.message.find("DL:Data:1:0") != std::string::npos);
  }
  SECTION("unknown piece types are skipped") {
    f.Define(RecordType::kData, "data_layout+image/raw");
    f.tags["DL:Data:1:0"] =
        R"({"data_layout":[{"name":"x","type":"DataPieceValue<bogus>","offset":0},)"
        R"({"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0},)"
        R"({"name":"image_height","type":"DataPieceValue<uint32_t>","offset":4},)"
        R"({"name":"image_pixel_format","type":"DataPieceValue<uint32_t>","offset":8}]})";
    DataLayoutDefinition& layout = f.Layout(ImagePieces());
    const RecordContent& c = f.Decode(
        RecordType::kData, 1, Concat({ImageBlock(layout, 2, 2, PixelFormat::kGrey8), Filler(4)}));
    CHECK(c.ok());
    REQUIRE(c.blocks[0].layout_slot != nullptr);
    CHECK(c.blocks[0].layout_slot->layout->warnings().size() == 1);
  }
}

TEST_CASE("record_content: bad content ends decoding cleanly", "[content]") {
  StreamFixture f;
  DataLayoutDefinition& image = f.Layout(ImagePieces());
  DataLayoutDefinition& strings =
      f.Layout({PieceDefinition::String("a"), PieceDefinition::String("b")});
  SECTION("a DataLayout block shorter than its fixed part") {
    f.Define(RecordType::kData, "data_layout+image/raw", {{0, &image}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(5));
    CHECK(c.end == ContentEnd::kDataLayoutTruncated);
    REQUIRE(c.blocks.size() == 1);
    CHECK(c.blocks[0].size == 12u);
    CHECK(c.blocks[0].data.size() == 5);
    CHECK(c.bytes_left == 5);
  }
  SECTION("an empty payload") {
    f.Define(RecordType::kData, "data_layout", {{0, &image}});
    const RecordContent& c = f.Decode(RecordType::kData, 1, {});
    CHECK(c.end == ContentEnd::kDataLayoutTruncated);
  }
  SECTION("var data running past the end") {
    f.Define(RecordType::kData, "data_layout", {{0, &strings}});
    // Index: a = (0, 2), b = (2, 100); only 4 bytes of var data.
    Bytes block = {0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 100, 0, 0, 0, 'x', 'y', 'z', 'w'};
    const RecordContent& c = f.Decode(RecordType::kData, 1, block);
    CHECK(c.end == ContentEnd::kDataLayoutTruncated);
    CHECK(c.blocks[0].size == 118u);
  }
  SECTION("an index entry outside the var data") {
    f.Define(RecordType::kData, "data_layout+custom", {{0, &strings}});
    // a = (50, 4) points outside; b = (0, 2) ends the var data at 2 bytes.
    Bytes block = {50, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'o', 'k'};
    const RecordContent& c = f.Decode(RecordType::kData, 1, Concat({block, Filler(3)}));
    CHECK(c.ok());
    REQUIRE(c.blocks.size() == 2);
    CHECK(c.blocks[0].size == 18u);
    CHECK_FALSE(c.blocks[0].layout.available(0));
    CHECK(c.blocks[0].layout.string(0).empty());
    CHECK(c.blocks[0].layout.string(1) == "ok");
    CHECK(Lines(c) == Lines_{"Custom, custom/size=3, 3"});
  }
  SECTION("an image larger than the record") {
    f.Define(RecordType::kData, "image/raw/8x8/pixel=grey8");
    const RecordContent& c = f.Decode(RecordType::kData, 1, Filler(10));
    CHECK(c.end == ContentEnd::kImageTooLarge);
    REQUIRE(c.blocks.size() == 1);
    CHECK(c.blocks[0].Text() == "image/raw/8x8/pixel=grey8");
    CHECK(c.blocks[0].size == 64u);
    CHECK(c.blocks[0].data.size() == 10);
    CHECK(c.bytes_left == 10);
    CHECK(c.message.find("only 10 bytes left") != std::string::npos);
  }
  SECTION("an image from a DataLayout larger than the record") {
    f.Define(RecordType::kData, "data_layout+image/raw", {{0, &image}});
    const RecordContent& c =
        f.Decode(RecordType::kData, 1,
                 Concat({ImageBlock(image, 640, 480, PixelFormat::kGrey8), Filler(9)}));
    CHECK(c.end == ContentEnd::kImageTooLarge);
    CHECK(c.blocks[1].Text() == "image/raw/640x480/pixel=grey8");
    CHECK(c.blocks[1].size == 307200u);
  }
  SECTION("huge dimensions do not wrap around") {
    f.Define(RecordType::kData, "data_layout+image/raw", {{0, &image}});
    const RecordContent& c = f.Decode(
        RecordType::kData, 1,
        Concat({ImageBlock(image, 0xffffffff, 0xffffffff, PixelFormat::kRgba32F), Filler(9)}));
    CHECK_FALSE(c.ok());
  }
  SECTION("random payloads never crash") {
    DataLayoutDefinition& mixed = f.Layout(
        {PieceDefinition::Value<uint32_t>("image_width"),
         PieceDefinition::Value<uint32_t>("image_height"),
         PieceDefinition::Value<uint32_t>("image_pixel_format"),
         PieceDefinition::Value<uint32_t>("next_content_block_size"),
         PieceDefinition::String("image_codec_name"), PieceDefinition::Vector<float>("v")});
    f.Define(RecordType::kData,
             "data_layout+image/raw+data_layout+image/video+data_layout+audio/pcm+custom",
             {{0, &mixed}, {2, &mixed}, {4, &mixed}});
    std::mt19937 random(42);
    for (int round = 0; round < 2000; ++round) {
      Bytes payload(random() % 96);
      for (uint8_t& byte : payload) byte = uint8_t(random() % 4 == 0 ? random() : random() % 8);
      const RecordContent& c = f.Decode(RecordType::kData, round, payload);
      size_t end = 0;
      for (const DecodedBlock& block : c.blocks) {
        CHECK(block.offset == end);
        CHECK(block.offset + block.data.size() <= payload.size());
        if (block.complete()) end += *block.size;
      }
    }
  }
}

TEST_CASE("record_content: StreamFormats parses each definition once (1)", "[content]") {
  TagMap tags;
  tags["RF:Data:1"] = "data_layout+image/raw";
  tags["RF:Data:01"] = "custom";
  tags["RF:Configuration:2"] = "empty";
  tags["RF:State:1"] = "custom";
  tags["RF:Bogus:1"] = "custom";
  tags["DL:Data:1:0"] =
      R"({"data_layout":[{"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0}]})";
  StreamFormats formats;
  StreamId stream{100, 2};
  formats.AddStream(stream, tags);
  CHECK(formats.size() == 3);
  const RecordFormatDefinition* data = formats.Find(stream, RecordType::kData, 1);
  REQUIRE(data != nullptr);
  CHECK(data->tag_name == "RF:Data:1");  // the canonical name wins
  CHECK(data->text == "data_layout+image/raw");
  CHECK(data->used_blocks == 2);
  REQUIRE(data->layouts.size() == 2);
  REQUIRE(data->layouts[0].layout != nullptr);
  CHECK(data->layouts[0].tag_name == "DL:Data:1:0");
  CHECK(data->layouts[0].fields.image_width == 0u);
  CHECK_FALSE(data->layouts[0].fields.image_height);
  CHECK(data->layouts[1].layout == nullptr);
  CHECK(data->layouts[1].tag_name.empty());
  CHECK(formats.Find(stream, RecordType::kConfiguration, 2)->opaque());
  CHECK(formats.Find(stream, RecordType::kData, 2) == nullptr);
  CHECK(formats.Find(StreamId{100, 1}, RecordType::kData, 1) == nullptr);
  std::vector<const RecordFormatDefinition*> all = formats.StreamDefinitions(stream);
  REQUIRE(all.size() == 3);
  CHECK(all[0]->type == RecordType::kState);
  CHECK(all[1]->type == RecordType::kConfiguration);
  CHECK(all[2]->type == RecordType::kData);

  // Redefining a stream replaces its definitions.
  formats.AddStream(stream, {{"RF:Data:3", "custom"}});
  CHECK(formats.size() == 1);
  CHECK(formats.Find(stream, RecordType::kData, 3) != nullptr);
}

TEST_CASE("record_content: names", "[content]") {
  CHECK(std::string(BlockKindName(BlockKind::kImage)) == "Image");
  CHECK(std::string(BlockKindName(BlockKind::kUnsupported)) == "Unsupported");
  CHECK(std::string(ContentEndName(ContentEnd::kSizeUnknown)) == "content block size unknown");
}
