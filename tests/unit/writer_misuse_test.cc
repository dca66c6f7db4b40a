// Writer misuse reported when the stream or the record is added (kInvalidArgument, naming the
// stream and the record), not when the file is read: (a) a format version the stream did not
// declare, (b) a misspelled or mistyped convention field, (c) a data record before the
// configuration that describes its image or audio block. The right orders still succeed.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "vrsx/conventions.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/record_format.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

using namespace vrsx;

namespace {

struct CameraConfig : TypedLayout<CameraConfig> {
  Field<uint32_t> width{this, conventions::kImageWidth};
  Field<uint32_t> height{this, conventions::kImageHeight};
  EnumField<PixelFormat, uint32_t> pixel{this, conventions::kImagePixelFormat};
};

struct FrameInfo : TypedLayout<FrameInfo> {
  Field<uint64_t> frame{this, "frame_counter"};
  Field<double> exposure{this, "exposure"};
};

// Frame info that describes its own image.
struct SelfDescribedFrame : TypedLayout<SelfDescribedFrame> {
  Field<uint32_t> width{this, conventions::kImageWidth};
  Field<uint32_t> height{this, conventions::kImageHeight};
  Field<uint32_t> pixel{this, conventions::kImagePixelFormat};
};

struct AudioConfig : TypedLayout<AudioConfig> {
  Field<uint8_t> sample_format{this, conventions::kAudioSampleFormat};
  Field<uint8_t> channels{this, conventions::kAudioChannelCount};
  Field<uint32_t> rate{this, conventions::kAudioSampleRate};
};

DataLayoutDefinition Layout(std::vector<PieceDefinition> pieces) {
  DataLayoutDefinition layout;
  for (PieceDefinition& piece : pieces) REQUIRE(layout.Add(std::move(piece)).ok());
  return layout;
}

StreamDefinition Camera(const std::string& data_format, DataLayoutDefinition data_layout) {
  StreamDefinition camera(214, "test/camera");
  camera.record_formats.push_back({RecordType::kConfiguration,
                                   1,
                                   RecordFormat::Parse("data_layout"),
                                   {{0, CameraConfig::Definition()}}});
  camera.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse(data_format), {{0, std::move(data_layout)}}});
  return camera;
}

std::vector<uint8_t> Encoded(const TypedLayoutBase& layout) {
  std::vector<uint8_t> block;
  REQUIRE(layout.Encode(block).ok());
  return block;
}

bool Mentions(const Status& status, const std::string& text) {
  return status.message().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("conventions: one list, and the constants are the spec's labels") {
  CHECK(conventions::kImageWidth == "image_width");
  CHECK(conventions::kImageStride2 == "image_stride_2");
  CHECK(conventions::kNextContentBlockSize == "next_content_block_size");
  CHECK(conventions::Fields().size() == 19);  // 18 labels, image_bytes_per_pixel twice
  // The reader locates them by the same constants.
  DataLayoutDefinition layout = Layout({PieceDefinition::Value<uint32_t>("image_width"),
                                        PieceDefinition::Value<uint8_t>("audio_channel_count"),
                                        PieceDefinition::String("image_codec_name")});
  ConventionFields fields = ConventionFields::Locate(layout);
  CHECK(fields.image_width == 0u);
  CHECK(fields.audio_channel_count == 1u);
  CHECK(fields.image_codec_name == 2u);
}

TEST_CASE("conventions: the check finds misspelled and mistyped fields") {
  auto check = [](PieceDefinition piece) {
    return conventions::CheckConventionFields(Layout({std::move(piece)}));
  };
  // Right.
  CHECK(check(PieceDefinition::Value<uint32_t>("image_width")).ok());
  CHECK(check(PieceDefinition::Value<uint32_t>("image_stride_2")).ok());
  CHECK(check(PieceDefinition::Value<uint8_t>("image_bytes_per_pixel")).ok());
  CHECK(check(PieceDefinition::Value<uint32_t>("image_bytes_per_pixel")).ok());
  CHECK(check(PieceDefinition::Value<double>("image_key_frame_timestamp")).ok());
  CHECK(check(PieceDefinition::String("image_codec_name")).ok());
  // Not conventions, nor close to one.
  CHECK(check(PieceDefinition::Value<float>("exposure")).ok());
  CHECK(check(PieceDefinition::Value<uint32_t>("image_size")).ok());
  CHECK(check(PieceDefinition::Vector<float>("camera_calibration")).ok());
  CHECK(check(PieceDefinition::Value<uint32_t>("audio_volume")).ok());
  // Wrong type.
  Status status = check(PieceDefinition::Value<float>("image_width"));
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "\"image_width\" is a Value<float>"));
  CHECK(Mentions(status, "Value<uint32_t>"));
  CHECK_FALSE(check(PieceDefinition::Value<uint32_t>("audio_channel_count")).ok());
  CHECK_FALSE(check(PieceDefinition::Value<uint16_t>("image_bytes_per_pixel")).ok());
  CHECK_FALSE(check(PieceDefinition::Array<uint32_t>("image_height", 2)).ok());
  CHECK_FALSE(check(PieceDefinition::Value<float>("image_key_frame_timestamp")).ok());
  // Misspelled: edits, swaps, case and separators.
  for (const char* label : {"image_widht", "image_wdth", "image_widths", "imag_height",
                            "image_pixelformat", "audio_sample_rat", "next_content_blocksize",
                            "ImageWidth", "image-height", "AUDIO_CHANNEL_COUNT"}) {
    INFO(label);
    status = check(PieceDefinition::Value<uint32_t>(label));
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(Mentions(status, "misspelling"));
  }
  CHECK(Mentions(check(PieceDefinition::Value<uint32_t>("image_widht")), "\"image_width\""));
}

TEST_CASE("writer misuse (b): convention typos and duplicate labels refused by AddStream") {
  Writer writer;
  StreamId id;
  auto frame_with = [](PieceDefinition piece) {
    return Camera("data_layout+image/raw",
                  Layout({PieceDefinition::Value<uint64_t>("frame"), std::move(piece)}));
  };
  Status status = writer.AddStream(frame_with(PieceDefinition::Value<uint32_t>("image_widht")), id);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "stream 214 \"test/camera\""));
  CHECK(Mentions(status, "Data v1 record format, block 0"));
  CHECK(Mentions(status, "\"image_widht\""));
  status = writer.AddStream(frame_with(PieceDefinition::Value<float>("image_width")), id);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "Value<float>"));
  status = writer.AddStream(frame_with(PieceDefinition::String("frame")), id);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "two DataLayout fields are labelled \"frame\""));
  // Nothing was added: the next stream is still 214-1.
  REQUIRE(writer.AddStream(frame_with(PieceDefinition::Value<uint32_t>("image_width")), id).ok());
  CHECK(id == StreamId{214, 1});
  // Copied tags (copy tools) are not re-checked: they are the source file's.
  StreamDefinition copied(214, "test/copied");
  copied.copied_vrs_tags = TagMap{{"DL:Data:1:0",
                                   "{\"data_layout\":[{\"name\":\"image_widht\","
                                   "\"type\":\"DataPieceValue<uint32_t>\"}]}"}};
  CHECK(writer.AddStream(copied, id).ok());
}

TEST_CASE("writer misuse (a): a format version the stream did not declare") {
  vrsx::testing::TempDir dir;
  Writer writer;
  StreamId camera, opaque;
  REQUIRE(writer
              .AddStream(Camera("data_layout+image/raw/4x2/pixel=grey8", FrameInfo::Definition()),
                         camera)
              .ok());
  REQUIRE(writer.AddStream(StreamDefinition(241, "test/opaque"), opaque).ok());
  REQUIRE(writer.Create(dir.File("a.vrs")).ok());
  FrameInfo frame;
  std::vector<uint8_t> pixels(8, 1);
  Status status = writer.AddRecord(camera, {RecordType::kData, 2, 1.5}, {Encoded(frame), pixels});
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "stream 214-1 \"test/camera\""));
  CHECK(Mentions(status, "Data v2 record at 1.500000"));
  CHECK(Mentions(status, "unknown format version"));
  CHECK(Mentions(status, "declares Data v1"));
  CHECK(writer.AddRecord(camera, {RecordType::kConfiguration, 3, 0.0}).code() ==
        ErrorCode::kInvalidArgument);
  // Declared versions, record types without record formats, streams without any: accepted.
  CHECK(writer.AddRecord(camera, {RecordType::kData, 1, 1.5}, {Encoded(frame), pixels}).ok());
  CHECK(writer.AddRecord(camera, {RecordType::kState, 7, 1.5}).ok());
  CHECK(writer.AddRecord(opaque, {RecordType::kData, 9, 1.5}, pixels).ok());
  REQUIRE(writer.Close().ok());
  CHECK(writer.stats().records_written == 3);
}

TEST_CASE("writer misuse (c): an image described by the configuration, before it") {
  vrsx::testing::TempDir dir;
  std::string path = dir.File("c.vrs");
  {
    Writer writer;
    StreamId camera, self, complete;
    // Data records whose raw image needs the configuration's size and pixel format.
    REQUIRE(
        writer.AddStream(Camera("data_layout+image/raw", FrameInfo::Definition()), camera).ok());
    // Data records that describe their image themselves, or whose format does.
    REQUIRE(
        writer.AddStream(Camera("data_layout+image/raw", SelfDescribedFrame::Definition()), self)
            .ok());
    REQUIRE(writer
                .AddStream(Camera("data_layout+image/raw/4x2/pixel=grey8", FrameInfo::Definition()),
                           complete)
                .ok());
    REQUIRE(writer.Create(path).ok());
    FrameInfo frame;
    std::vector<uint8_t> pixels(8, 1);
    Status status = writer.AddRecord(camera, {RecordType::kData, 1, 1.0}, {Encoded(frame), pixels});
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(Mentions(status, "stream 214-1 \"test/camera\": Data v1 record at 1.000000"));
    CHECK(Mentions(status, "Configuration record"));

    CameraConfig config;
    config.width = 4;
    config.height = 2;
    config.pixel = PixelFormat::kGrey8;
    REQUIRE(writer.AddRecord(camera, {RecordType::kConfiguration, 1, 2.0}, Encoded(config)).ok());
    // Still before the configuration in time: the reader would not use it.
    CHECK(writer.AddRecord(camera, {RecordType::kData, 1, 1.0}, {Encoded(frame), pixels}).code() ==
          ErrorCode::kInvalidArgument);
    CHECK(writer.AddRecord(camera, {RecordType::kData, 1, 2.0}, {Encoded(frame), pixels}).ok());
    CHECK(writer.AddRecord(camera, {RecordType::kData, 1, 3.0}, {Encoded(frame), pixels}).ok());

    SelfDescribedFrame described;
    described.width = 4;
    described.height = 2;
    described.pixel = uint32_t(PixelFormat::kGrey8);
    CHECK(writer.AddRecord(self, {RecordType::kData, 1, 1.0}, {Encoded(described), pixels}).ok());
    CHECK(writer.AddRecord(complete, {RecordType::kData, 1, 1.0}, {Encoded(frame), pixels}).ok());
    REQUIRE(writer.Close().ok());
  }
  // What was accepted decodes completely.
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == 5);
  StreamFormats formats(reader);
  RecordContentDecoder decoder(formats);
  RecordContent content;
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    INFO("record " << i);
    REQUIRE(decoder.ReadAndDecode(reader, i, payload, content).ok());
    CHECK(content.message.empty());
    CHECK(content.ok());
  }
}

TEST_CASE("writer misuse (c): an image that needs a configuration the stream can't have") {
  Writer writer;
  StreamDefinition camera(214, "test/camera");
  camera.record_formats.push_back({RecordType::kData,
                                   1,
                                   RecordFormat::Parse("data_layout+image/raw"),
                                   {{0, FrameInfo::Definition()}}});
  StreamId id;
  Status status = writer.AddStream(camera, id);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(Mentions(status, "stream 214 \"test/camera\", Data v1 record format"));
  CHECK(Mentions(status, "no Configuration record format"));
  camera.record_formats[0].format = RecordFormat::Parse("data_layout+image/raw/4x2/pixel=grey8");
  CHECK(writer.AddStream(camera, id).ok());
}

TEST_CASE("writer misuse (c): audio described by the configuration, before it") {
  vrsx::testing::TempDir dir;
  Writer writer;
  StreamDefinition microphone(101);
  microphone.record_formats.push_back({RecordType::kConfiguration,
                                       1,
                                       RecordFormat::Parse("data_layout"),
                                       {{0, AudioConfig::Definition()}}});
  microphone.record_formats.push_back({RecordType::kData, 1, RecordFormat::Parse("audio/pcm"), {}});
  StreamDefinition self_described(101);
  self_described.record_formats.push_back({RecordType::kData,
                                           1,
                                           RecordFormat::Parse("data_layout+audio/pcm"),
                                           {{0, AudioConfig::Definition()}}});
  StreamDefinition complete(101);
  complete.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"), {}});
  StreamId mic, self, full;
  REQUIRE(writer.AddStream(microphone, mic).ok());
  REQUIRE(writer.AddStream(self_described, self).ok());
  REQUIRE(writer.AddStream(complete, full).ok());
  REQUIRE(writer.Create(dir.File("audio.vrs")).ok());
  std::vector<uint8_t> samples(64, 3);
  CHECK(writer.AddRecord(mic, {RecordType::kData, 1, 0.5}, samples).code() ==
        ErrorCode::kInvalidArgument);
  AudioConfig config;
  config.sample_format = uint8_t(AudioSampleFormat::kInt16Le);
  config.channels = 2;
  config.rate = 48000;
  REQUIRE(writer.AddRecord(mic, {RecordType::kConfiguration, 1, 0.0}, Encoded(config)).ok());
  CHECK(writer.AddRecord(mic, {RecordType::kData, 1, 0.5}, samples).ok());
  CHECK(writer.AddRecord(self, {RecordType::kData, 1, 0.5}, {Encoded(config), samples}).ok());
  CHECK(writer.AddRecord(full, {RecordType::kData, 1, 0.5}, samples).ok());
  REQUIRE(writer.Close().ok());
}
