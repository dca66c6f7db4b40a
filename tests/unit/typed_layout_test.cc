// Typed layouts (include/vrsx/typed_layout.h): element types checked at compile time, the
// definition a struct gives, blocks identical to the hand-built ones, and a round trip through
// the writer and the reader's content decoder.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
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

// Only the DataLayout element types make fields.
static_assert(LayoutElement<uint32_t> && LayoutElement<char> && LayoutElement<bool>);
static_assert(LayoutElement<Point3Df> && LayoutElement<Matrix4Dd>);
static_assert(!LayoutElement<std::string_view>);
static_assert(!LayoutElement<std::string>);  // strings are StringField / VectorField<string>
static_assert(!LayoutElement<const char*>);
static_assert(!LayoutElement<long long>);  // not one of the (u)intN_t of the platform
static_assert(!LayoutElement<long double>);
static_assert(!LayoutElement<std::array<float, 5>>);
static_assert(!LayoutElement<const uint32_t>);
static_assert(LayoutElementOrString<std::string> && !LayoutElementOrString<std::string_view>);
static_assert(LayoutEnum<PixelFormat, uint32_t> && LayoutEnum<PixelFormat, uint8_t>);
static_assert(!LayoutEnum<PixelFormat, int8_t>);  // 255 does not fit
static_assert(!LayoutEnum<PixelFormat, bool>);    // not an integer
static_assert(!LayoutEnum<uint32_t, uint32_t>);   // not an enum
static_assert(!LayoutEnum<PixelFormat, float>);
template <typename T>
concept CanMakeField = requires {
  typename Field<T>;
};
static_assert(CanMakeField<double> && !CanMakeField<std::string_view>);

enum class Mode : int16_t { kIdle = -1, kRun = 7 };

// One field of each element type and piece kind.
struct Everything : TypedLayout<Everything> {
  Field<bool> flag{this, "flag"};
  Field<char> letter{this, "letter"};
  Field<int8_t> i8{this, "i8"};
  Field<uint8_t> u8{this, "u8"};
  Field<int16_t> i16{this, "i16"};
  Field<uint16_t> u16{this, "u16"};
  Field<int32_t> i32{this, "i32"};
  Field<uint32_t> u32{this, "u32"};
  Field<int64_t> i64{this, "i64"};
  Field<uint64_t> u64{this, "u64"};
  Field<float> f32{this, "f32"};
  Field<double> f64{this, "f64"};
  Field<Point2Dd> p2d{this, "p2d"};
  Field<Point2Df> p2f{this, "p2f"};
  Field<Point2Di> p2i{this, "p2i"};
  Field<Point3Dd> p3d{this, "p3d"};
  Field<Point3Df> p3f{this, "p3f"};
  Field<Point3Di> p3i{this, "p3i"};
  Field<Point4Dd> p4d{this, "p4d"};
  Field<Point4Df> p4f{this, "p4f"};
  Field<Point4Di> p4i{this, "p4i"};
  Field<Matrix2Dd> m2d{this, "m2d"};
  Field<Matrix2Df> m2f{this, "m2f"};
  Field<Matrix2Di> m2i{this, "m2i"};
  Field<Matrix3Dd> m3d{this, "m3d"};
  Field<Matrix3Df> m3f{this, "m3f"};
  Field<Matrix3Di> m3i{this, "m3i"};
  Field<Matrix4Dd> m4d{this, "m4d"};
  Field<Matrix4Df> m4f{this, "m4f"};
  Field<Matrix4Di> m4i{this, "m4i"};
  ArrayField<float, 3> accel{this, "accel"};
  VectorField<float> gains{this, "gains"};
  VectorField<std::string> names{this, "names"};
  VectorField<Point2Df> corners{this, "corners"};
  StringField model{this, "model"};
  StringMapField<int32_t> ids{this, "ids"};
  StringMapField<std::string> labels{this, "labels"};
  EnumField<Mode> mode{this, "mode"};
  EnumField<PixelFormat, uint32_t> pixel{this, conventions::kImagePixelFormat};

  void Fill(int k) {
    flag = k % 2 == 1;
    letter = char('a' + k);
    i8 = int8_t(-100 + k);
    u8 = uint8_t(200 + k);
    i16 = int16_t(-30000 + k);
    u16 = uint16_t(60000 + k);
    i32 = -2000000000 + k;
    u32 = 4000000000u + uint32_t(k);
    i64 = -(int64_t(1) << 60) + k;
    u64 = (uint64_t(1) << 63) + uint64_t(k);
    f32 = 1.5f + float(k);
    f64 = 1e-300 * (k + 1);
    p2d = {1.25, double(k)};
    p2f = {-2.5f, float(k)};
    p2i = {-3, k};
    p3d = {1, 2, double(k)};
    p3f = {3, 4, float(k)};
    p3i = {5, 6, k};
    p4d = {1, 2, 3, double(k)};
    p4f = {4, 5, 6, float(k)};
    p4i = {7, 8, 9, k};
    m2d = Matrix2Dd{{{1, 2}, {3, double(k)}}};
    m2f = Matrix2Df{{{1, 2}, {3, float(k)}}};
    m2i = Matrix2Di{{{1, 2}, {3, k}}};
    m3d = Matrix3Dd{{{1, 2, 3}, {4, 5, 6}, {7, 8, double(k)}}};
    m3f = Matrix3Df{{{1, 2, 3}, {4, 5, 6}, {7, 8, float(k)}}};
    m3i = Matrix3Di{{{1, 2, 3}, {4, 5, 6}, {7, 8, k}}};
    m4d = Matrix4Dd{{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, double(k)}}};
    m4f = Matrix4Df{{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, float(k)}}};
    m4i = Matrix4Di{{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, k}}};
    accel = {0.5f, -9.81f, float(k)};
    gains = std::vector<float>(size_t(k), 0.25f);
    names = {"n" + std::to_string(k), "", "third"};
    corners = {{1, 2}, {3, float(k)}};
    model = k == 0 ? "" : "model " + std::to_string(k);
    ids = {{"a", k}, {"b", -k}};
    labels = {{"x", "ex"}, {"k", std::to_string(k)}};
    mode = k % 2 == 0 ? Mode::kIdle : Mode::kRun;
    pixel = PixelFormat(k % 27);
  }
};

// The values of `a` and `b` agree, field by field.
void CheckSame(const Everything& a, const Everything& b) {
  CHECK(a.flag.value() == b.flag.value());
  CHECK(a.letter.value() == b.letter.value());
  CHECK(a.i8.value() == b.i8.value());
  CHECK(a.u8.value() == b.u8.value());
  CHECK(a.i16.value() == b.i16.value());
  CHECK(a.u16.value() == b.u16.value());
  CHECK(a.i32.value() == b.i32.value());
  CHECK(a.u32.value() == b.u32.value());
  CHECK(a.i64.value() == b.i64.value());
  CHECK(a.u64.value() == b.u64.value());
  CHECK(a.f32.value() == b.f32.value());
  CHECK(a.f64.value() == b.f64.value());
  CHECK(a.p2d.value() == b.p2d.value());
  CHECK(a.p2f.value() == b.p2f.value());
  CHECK(a.p2i.value() == b.p2i.value());
  CHECK(a.p3d.value() == b.p3d.value());
  CHECK(a.p3f.value() == b.p3f.value());
  CHECK(a.p3i.value() == b.p3i.value());
  CHECK(a.p4d.value() == b.p4d.value());
  CHECK(a.p4f.value() == b.p4f.value());
  CHECK(a.p4i.value() == b.p4i.value());
  CHECK(a.m2d.value() == b.m2d.value());
  CHECK(a.m2f.value() == b.m2f.value());
  CHECK(a.m2i.value() == b.m2i.value());
  CHECK(a.m3d.value() == b.m3d.value());
  CHECK(a.m3f.value() == b.m3f.value());
  CHECK(a.m3i.value() == b.m3i.value());
  CHECK(a.m4d.value() == b.m4d.value());
  CHECK(a.m4f.value() == b.m4f.value());
  CHECK(a.m4i.value() == b.m4i.value());
  CHECK(a.accel.value() == b.accel.value());
  CHECK(a.gains.value() == b.gains.value());
  CHECK(a.names.value() == b.names.value());
  CHECK(a.corners.value() == b.corners.value());
  CHECK(a.model.value() == b.model.value());
  CHECK(a.ids.value() == b.ids.value());
  CHECK(a.labels.value() == b.labels.value());
  CHECK(a.mode.value() == b.mode.value());
  CHECK(a.pixel.value() == b.pixel.value());
}

struct CameraConfig : TypedLayout<CameraConfig> {
  Field<uint32_t> width{this, conventions::kImageWidth};
  Field<uint32_t> height{this, conventions::kImageHeight};
  EnumField<PixelFormat, uint32_t> pixel{this, conventions::kImagePixelFormat};
  VectorField<float> calibration{this, "camera_calibration"};
};

struct Twice : TypedLayout<Twice> {
  Field<uint32_t> a{this, "same"};
  StringField b{this, "same"};
};

}  // namespace

TEST_CASE("typed layout: the definition lists the fields in declaration order") {
  DataLayoutDefinition layout = Everything::Definition();
  REQUIRE(layout.size() == 39);
  CHECK(layout.piece(0).type_name() == "DataPieceValue<Bool>");
  CHECK(layout.piece(1).type_name() == "DataPieceValue<char>");
  CHECK(layout.piece(29).type_name() == "DataPieceValue<Matrix4Di>");
  CHECK(layout.piece(30).type_name() == "DataPieceArray<float>");
  CHECK(layout.piece(30).array_size == 3);
  CHECK(layout.piece(32).type_name() == "DataPieceVector<string>");
  CHECK(layout.piece(34).type_name() == "DataPieceString");
  CHECK(layout.piece(36).type_name() == "DataPieceStringMap<string>");
  CHECK(layout.piece(37).type_name() == "DataPieceValue<int16_t>");  // Mode's own type
  CHECK(layout.piece(38).type_name() == "DataPieceValue<uint32_t>");
  CHECK(layout.variable_piece_count() == 6);
  CHECK(conventions::CheckConventionFields(layout).ok());
}

TEST_CASE("typed layout: blocks are the encoder's, byte for byte") {
  CameraConfig config;
  config.width = 640;
  config.height = 480;
  config.pixel = PixelFormat::kGrey8;
  config.calibration = {1.5f, 2.5f};
  std::vector<uint8_t> typed;
  REQUIRE(config.Encode(typed).ok());

  DataLayoutDefinition layout;
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_width")).ok());
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_height")).ok());
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_pixel_format")).ok());
  REQUIRE(layout.Add(PieceDefinition::Vector<float>("camera_calibration")).ok());
  CHECK(CameraConfig::Definition().ToJson() == layout.ToJson());
  DataLayoutEncoder encoder(layout);
  REQUIRE(encoder.SetValue<uint32_t>(0, 640).ok());
  REQUIRE(encoder.SetValue<uint32_t>(1, 480).ok());
  REQUIRE(encoder.SetValue<uint32_t>(2, uint32_t(PixelFormat::kGrey8)).ok());
  REQUIRE(encoder.SetVector<float>(3, {1.5f, 2.5f}).ok());
  CHECK(typed == encoder.Encode());

  // Encode appends, and encodes the current values each time.
  config.calibration.value().clear();
  REQUIRE(config.Encode(typed).ok());
  CHECK(typed.size() == 2 * encoder.Encode().size() - 8);
}

TEST_CASE("typed layout: two fields of one label are refused") {
  Twice twice;
  std::vector<uint8_t> block;
  Status status = twice.Encode(block);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(status.message().find("\"same\"") != std::string::npos);
  CHECK(block.empty());
}

TEST_CASE("typed layout: decoding reads a file layout by label and type") {
  Everything written;
  written.Fill(5);
  std::vector<uint8_t> block;
  REQUIRE(written.Encode(block).ok());
  Everything read;
  REQUIRE(read.Decode(written.definition(), block).ok());
  CheckSame(written, read);

  // A file layout without some fields: they read as zero/empty.
  CameraConfig camera;
  camera.width = 32;
  std::vector<uint8_t> camera_block;
  REQUIRE(camera.Encode(camera_block).ok());
  Everything partial;
  partial.Fill(3);
  REQUIRE(partial.Decode(camera.definition(), camera_block).ok());
  CHECK(partial.u32.value() == 0);
  CHECK(partial.model.value().empty());
  CHECK(partial.pixel.value() == PixelFormat::kUndefined);
}

TEST_CASE("typed layout: round trip through the writer and the content decoder") {
  vrsx::testing::TempDir dir;
  std::string path = dir.File("typed.vrs");
  constexpr uint32_t kWidth = 8, kHeight = 4;
  {
    Writer writer;
    StreamDefinition camera(214, "test/typed");
    camera.record_formats.push_back({RecordType::kConfiguration,
                                     1,
                                     RecordFormat::Parse("data_layout"),
                                     {{0, CameraConfig::Definition()}}});
    camera.record_formats.push_back({RecordType::kData,
                                     1,
                                     RecordFormat::Parse("data_layout+image/raw"),
                                     {{0, Everything::Definition()}}});
    StreamId id;
    REQUIRE(writer.AddStream(camera, id).ok());
    REQUIRE(writer.Create(path).ok());
    CameraConfig config;
    config.width = kWidth;
    config.height = kHeight;
    config.pixel = PixelFormat::kGrey8;
    config.calibration = {0.5f};
    std::vector<uint8_t> block;
    REQUIRE(config.Encode(block).ok());
    REQUIRE(writer.AddRecord(id, {RecordType::kConfiguration, 1, 0.0}, block).ok());
    Everything frame;  // reused, as a producer would
    std::vector<uint8_t> pixels(kWidth * kHeight, 7);
    for (int k = 0; k < 4; ++k) {
      frame.Fill(k);
      block.clear();
      REQUIRE(frame.Encode(block).ok());
      REQUIRE(writer.AddRecord(id, {RecordType::kData, 1, 1.0 + k}, {block, pixels}).ok());
    }
    REQUIRE(writer.Close().ok());
  }

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == 5);
  StreamFormats formats(reader);
  RecordContentDecoder decoder(formats);
  RecordContent content;
  std::vector<uint8_t> payload;
  REQUIRE(decoder.ReadAndDecode(reader, 0, payload, content).ok());
  REQUIRE(content.ok());
  REQUIRE(content.blocks.size() == 1);
  CameraConfig config;
  REQUIRE(config.Decode(*content.blocks[0].layout_slot->layout, content.blocks[0].data).ok());
  CHECK(config.width.value() == kWidth);
  CHECK(config.pixel.value() == PixelFormat::kGrey8);
  CHECK(config.calibration.value() == std::vector<float>{0.5f});
  for (int k = 0; k < 4; ++k) {
    INFO("frame " << k);
    REQUIRE(decoder.ReadAndDecode(reader, size_t(1 + k), payload, content).ok());
    CHECK(content.message.empty());
    REQUIRE(content.ok());  // what `vrsx check` wants: every block, every byte
    REQUIRE(content.blocks.size() == 2);
    CHECK(content.blocks[1].Text() == "image/raw/8x4/pixel=grey8");  // from the configuration
    const DataLayoutBlock& view = content.blocks[0].layout;
    const DataLayoutDefinition& file = *content.blocks[0].layout_slot->layout;
    // Independently of the typed reader: by label, with the untyped view.
    CHECK(view.value<uint32_t>(*file.FindValue<uint32_t>("u32")) == 4000000000u + uint32_t(k));
    CHECK(view.value<Matrix3Df>(*file.FindValue<Matrix3Df>("m3f"))[2][2] == float(k));
    CHECK(view.value<int16_t>(*file.FindValue<int16_t>("mode")) == (k % 2 == 0 ? -1 : 7));
    CHECK(view.string(*file.FindLabel("model")) == (k == 0 ? "" : "model " + std::to_string(k)));
    // Every field, typed.
    Everything expected, read;
    expected.Fill(k);
    REQUIRE(read.Decode(file, content.blocks[0].data).ok());
    CheckSame(expected, read);
  }
}
