// DataLayout definitions, blocks, mappings and encoding, against the examples of
// spec 02-recordformat-datalayout.md (§4.5, §4.6, §5, §9.6). Expectations come from the spec.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "datalayout/json_number.h"
#include "golden_layout_vector.h"
#include "vrsx/data_layout.h"

using namespace vrsx;

namespace {

using vrsx::testing::FromHex;
using vrsx::testing::kGoldenBlockHex;
using vrsx::testing::kGoldenLayoutJson;
using vrsx::testing::ParseOrFail;

size_t Index(const DataLayoutDefinition& layout, const std::string& label) {
  std::optional<size_t> index = layout.FindLabel(label);
  INFO(label);
  REQUIRE(index.has_value());
  return *index;
}

std::string ElementJson(ElementType type, std::span<const uint8_t> bytes) {
  std::string out;
  AppendElementJson(out, type, bytes.data());
  return out;
}

// Piece-by-piece values of the golden block, checked from any view addressing the golden pieces.
void CheckGoldenValues(const DataLayoutBlock& block, const DataLayoutDefinition& layout) {
  auto at = [&](const char* label) { return Index(layout, label); };
  CHECK(block.value<uint32_t>(at("u32")) == 42);
  CHECK(block.value<int8_t>(at("i8")) == -5);
  CHECK(block.value<bool>(at("flag")) == true);
  CHECK(block.value<char>(at("ch")) == 65);
  CHECK(block.value<float>(at("f")) == 0.1f);
  CHECK(block.value<double>(at("d")) == 1.0 / 3);
  CHECK(block.value<double>(at("ts")) == 1600000000.123456);
  CHECK(block.value<Point3Df>(at("p3")) == Point3Df{1, 2.5f, -3});
  CHECK(block.value<Matrix2Di>(at("m2")) == Matrix2Di{{{1, 2}, {3, 4}}});
  CHECK(block.array<uint16_t>(at("arr")) == std::vector<uint16_t>{10, 20, 0});
  CHECK(block.array<float>(at("farr")) == std::vector<float>{0, 0});  // defaults aren't values
  CHECK(block.string(at("str")) == "hello");
  CHECK(block.vector<int32_t>(at("vec")) == std::vector<int32_t>{1, -2, 3});
  CHECK(block.string_vector(at("svec")) == std::vector<std::string>{"ab", "", "cde"});
  CHECK(block.vector<std::string>(at("svec")) == std::vector<std::string>{"ab", "", "cde"});
  CHECK(block.string_map<int32_t>(at("imap")) ==
        std::map<std::string, int32_t>{{"a", -1}, {"x", 5}});
  CHECK(block.string_map<std::string>(at("smap")) ==
        std::map<std::string, std::string>{{"k0", ""}, {"k1", "v1"}});
  CHECK(block.string(at("empty")).empty());
  CHECK(block.available(at("empty")));
  CHECK(block.vector<Point2Dd>(at("pvec")) == std::vector<Point2Dd>{{1, 2}});
}

// The §4.6 layout built by a writer, piece by piece.
DataLayoutDefinition BuildGoldenLayout() {
  DataLayoutDefinition layout;
  auto add = [&](PieceDefinition piece) { REQUIRE(layout.Add(std::move(piece)).ok()); };
  PieceDefinition u32 = PieceDefinition::Value<uint32_t>("u32");
  u32.tags = {{"unit", "ms"}, {"description", "a u32"}};
  u32.required = true;
  REQUIRE(u32.SetProperty<uint32_t>("min", 1));
  REQUIRE(u32.SetProperty<uint32_t>("max", 100));
  add(u32);
  PieceDefinition i8 = PieceDefinition::Value<int8_t>("i8");
  REQUIRE(i8.SetDefault<int8_t>(-3));
  add(i8);
  add(PieceDefinition::Value<bool>("flag"));
  add(PieceDefinition::Value<char>("ch"));
  PieceDefinition f = PieceDefinition::Value<float>("f");
  REQUIRE(f.SetDefault(0.25f));
  REQUIRE(f.SetProperty("min", -1.0f));
  CHECK_FALSE(f.SetProperty("max", 1.0));  // a double for a float piece
  add(f);
  add(PieceDefinition::Value<double>("d"));
  add(PieceDefinition::Value<double>("ts"));
  add(PieceDefinition::Value<Point3Df>("p3"));
  add(PieceDefinition::Value<Matrix2Di>("m2"));
  add(PieceDefinition::Array<uint16_t>("arr", 3));
  PieceDefinition farr = PieceDefinition::Array<float>("farr", 2);
  REQUIRE(farr.SetDefaultValues(std::vector<float>{1.5f, 2.5f}));
  add(farr);
  PieceDefinition str = PieceDefinition::String("str");
  str.required = true;
  REQUIRE(str.SetDefaultString("dflt"));
  add(str);
  PieceDefinition vec = PieceDefinition::Vector<int32_t>("vec");
  REQUIRE(vec.SetDefaultValues(std::vector<int32_t>{7, 8}));
  add(vec);
  add(PieceDefinition::Vector<std::string>("svec"));
  PieceDefinition imap = PieceDefinition::StringMap<int32_t>("imap");
  REQUIRE(imap.SetDefaultMap(std::map<std::string, int32_t>{{"a", 1}}));
  add(imap);
  add(PieceDefinition::StringMap<std::string>("smap"));
  add(PieceDefinition::String("empty"));
  add(PieceDefinition::Vector<Point2Dd>("pvec"));
  return layout;
}

// Writes the §4.6 values.
std::vector<uint8_t> EncodeGoldenValues(const DataLayoutDefinition& layout) {
  DataLayoutEncoder encoder(layout);
  auto at = [&](const char* label) { return Index(layout, label); };
  CHECK(encoder.SetValue<uint32_t>(at("u32"), 42).ok());
  CHECK(encoder.SetValue<int8_t>(at("i8"), -5).ok());
  CHECK(encoder.SetValue(at("flag"), true).ok());
  CHECK(encoder.SetValue(at("ch"), char(65)).ok());
  CHECK(encoder.SetValue(at("f"), 0.1f).ok());
  CHECK(encoder.SetValue(at("d"), 1.0 / 3).ok());
  CHECK(encoder.SetValue(at("ts"), 1600000000.123456).ok());
  CHECK(encoder.SetValue(at("p3"), Point3Df{1, 2.5f, -3}).ok());
  CHECK(encoder.SetValue(at("m2"), Matrix2Di{{{1, 2}, {3, 4}}}).ok());
  CHECK(encoder.SetArray<uint16_t>(at("arr"), {10, 20}).ok());
  CHECK(encoder.SetString(at("str"), "hello").ok());
  CHECK(encoder.SetVector<int32_t>(at("vec"), {1, -2, 3}).ok());
  CHECK(encoder.SetStringVector(at("svec"), {"ab", "", "cde"}).ok());
  CHECK(encoder.SetStringMap<int32_t>(at("imap"), {{"x", 5}, {"a", -1}}).ok());
  CHECK(encoder.SetStringMap<std::string>(at("smap"), {{"k1", "v1"}, {"k0", ""}}).ok());
  CHECK(encoder.SetString(at("empty"), "").ok());
  CHECK(encoder.SetVector<Point2Dd>(at("pvec"), {{1, 2}}).ok());
  return encoder.Encode();
}

}  // namespace

// --- Element types ------------------------------------------------------------------------

TEST_CASE("data_layout: the 123 piece type names, and no others", "[data_layout]") {
  size_t count = 0;
  for (PieceKind kind : {PieceKind::kValue, PieceKind::kArray, PieceKind::kVector,
                         PieceKind::kString, PieceKind::kStringMap}) {
    for (size_t t = 0; t < kElementTypeCount; ++t) {
      std::string name = PieceTypeName(kind, ElementType(t));
      if (name.empty()) continue;
      ++count;
      PieceKind parsed_kind;
      ElementType parsed_type;
      REQUIRE(ParsePieceTypeName(name, &parsed_kind, &parsed_type));
      CHECK(parsed_kind == kind);
      CHECK(parsed_type == ElementType(t));
      CHECK("DataPiece" + ShortPieceTypeName(kind, ElementType(t)) == name);
    }
  }
  // §4.3 says 27 types and 111 names, but its table lists 30 types: 30 x 4 + 3.
  CHECK(count == 123);
  PieceKind kind;
  ElementType type;
  for (const char* bad :
       {"DataPieceValue<string>", "DataPieceArray<string>", "DataPieceString<string>",
        "DataPieceValue<uint128_t>", "DataPieceValue<UINT32_T>", "DataPieceValue<uint32_t",
        "Value<uint32_t>", "DataPieceValue<uint32_t> ", "DataPieceVector<Point2Dx>", ""}) {
    CHECK_FALSE(ParsePieceTypeName(bad, &kind, &type));
  }
  CHECK(PieceTypeName(PieceKind::kString, ElementType::kString) == "DataPieceString");
  CHECK(ShortPieceTypeName(PieceKind::kVector, ElementType::kMatrix3Dd) == "Vector<Matrix3Dd>");
}

TEST_CASE("data_layout: element sizes and shapes of §4.3", "[data_layout]") {
  CHECK(ElementTypeSize(ElementType::kBool) == 1);
  CHECK(ElementTypeSize(ElementType::kUInt64) == 8);
  CHECK(ElementTypeSize(ElementType::kPoint2Dd) == 16);
  CHECK(ElementTypeSize(ElementType::kPoint3Df) == 12);
  CHECK(ElementTypeSize(ElementType::kPoint4Di) == 16);
  CHECK(ElementTypeSize(ElementType::kMatrix2Di) == 16);
  CHECK(ElementTypeSize(ElementType::kMatrix3Dd) == 72);
  CHECK(ElementTypeSize(ElementType::kMatrix4Dd) == 128);
  CHECK(ElementTypeSize(ElementType::kMatrix4Df) == 64);
  CHECK(ElementTypeSize(ElementType::kString) == 0);
  const ElementTypeInfo& m3 = GetElementTypeInfo(ElementType::kMatrix3Df);
  CHECK(m3.scalar == ElementType::kFloat);
  CHECK(m3.components == 9);
  CHECK(m3.dimension == 3);
  CHECK(m3.matrix);
  CHECK(GetElementTypeInfo(ElementType::kInt16).scalar == ElementType::kInt16);
  CHECK(ElementTypeFromName("Point2Di") == ElementType::kPoint2Di);
  CHECK_FALSE(ElementTypeFromName("int").has_value());
  // The C++ value types have the encoded sizes.
  CHECK(EncodedElementSize<Matrix4Dd>() == 128);
  CHECK(EncodedElementSize<bool>() == 1);
  CHECK(kElementTypeOf<char> == ElementType::kChar);
  CHECK(kElementTypeOf<int8_t> == ElementType::kInt8);
}

TEST_CASE("data_layout: element JSON form (§9.5)", "[data_layout]") {
  uint8_t bytes[128] = {};
  StoreElement(0.1f, bytes);
  CHECK(ElementJson(ElementType::kFloat, bytes) == "0.10000000149011612");
  StoreElement(1600000000.123456, bytes);
  CHECK(ElementJson(ElementType::kDouble, bytes) == "1600000000.123456");
  StoreElement(Point3Df{1, 2.5f, -3}, bytes);
  CHECK(ElementJson(ElementType::kPoint3Df, bytes) == "[1.0,2.5,-3.0]");
  StoreElement(Matrix2Di{{{1, 2}, {3, 4}}}, bytes);
  CHECK(ElementJson(ElementType::kMatrix2Di, bytes) == "[[1,2],[3,4]]");
  StoreElement(true, bytes);
  CHECK(ElementJson(ElementType::kBool, bytes) == "true");
  StoreElement(char(-3), bytes);
  CHECK(ElementJson(ElementType::kChar, bytes) == "-3");
  StoreElement(uint64_t(18446744073709551615u), bytes);
  CHECK(ElementJson(ElementType::kUInt64, bytes) == "18446744073709551615");
  StoreElement(int64_t(-9223372036854775807 - 1), bytes);
  CHECK(ElementJson(ElementType::kInt64, bytes) == "-9223372036854775808");
  StoreElement(std::nan(""), bytes);
  CHECK(ElementJson(ElementType::kDouble, bytes) == "NaN");
  StoreElement(-INFINITY, bytes);
  CHECK(ElementJson(ElementType::kFloat, bytes) == "-Infinity");
}

TEST_CASE("data_layout: JSON numbers of §9.5", "[data_layout]") {
  CHECK(JsonDouble(47390873.0) == "47390873.0");
  CHECK(JsonDouble(1e20) == "100000000000000000000.0");
  CHECK(JsonDouble(23.0f) == "23.0");
  CHECK(JsonDouble(2.5) == "2.5");
  CHECK(JsonDouble(0.5) == "0.5");
  CHECK(JsonDouble(0.001234) == "0.001234");
  CHECK(JsonDouble(1.0 / 3) == "0.3333333333333333");
  CHECK(JsonDouble(1e21) == "1e21");
  CHECK(JsonDouble(1e-300) == "1e-300");
  CHECK(JsonDouble(5e-324) == "5e-324");
  CHECK(JsonDouble(1.5e-7) == "1.5e-7");
  CHECK(JsonDouble(1.7976931348623157e308) == "1.7976931348623157e308");
  CHECK(JsonDouble(123456789012345678.0) == "123456789012345680.0");
  CHECK(JsonDouble(double(1e20f)) == "100000002004087730000.0");
  CHECK(JsonDouble(0.0) == "0.0");
  CHECK(JsonDouble(-0.0) == "-0.0");
  CHECK(JsonDouble(-2.5) == "-2.5");
  CHECK(JsonDouble(INFINITY) == "Infinity");
  CHECK(JsonString(std::string("a\"\\\b\t\n\f\r\x01\x1f/\x7f\xc3\xa9", 14)) ==
        std::string("\"a\\\"\\\\\\b\\t\\n\\f\\r\\u0001\\u001F/\x7f\xc3\xa9\""));
}

// --- §4.6 golden vector ---------------------------------------------------------------------

TEST_CASE("data_layout: golden vector description (§4.6)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  CHECK(layout.warnings().empty());
  REQUIRE(layout.size() == 18);
  CHECK(layout.fixed_piece_count() == 11);
  CHECK(layout.variable_piece_count() == 7);
  CHECK(layout.fixed_values_size() == 69);
  CHECK(layout.fixed_size() == 125);
  CHECK(layout.ToJson() == kGoldenLayoutJson);

  const PieceDefinition& u32 = layout.piece(0);
  CHECK(u32.label == "u32");
  CHECK(u32.kind == PieceKind::kValue);
  CHECK(u32.type == ElementType::kUInt32);
  CHECK(u32.required);
  CHECK(u32.tags == std::map<std::string, std::string>{{"description", "a u32"}, {"unit", "ms"}});
  REQUIRE(u32.properties.size() == 2);
  CHECK(LoadElement<uint32_t>(u32.properties.at("max").data()) == 100);
  CHECK(LoadElement<uint32_t>(u32.properties.at("min").data()) == 1);
  CHECK(LoadElement<int8_t>(layout.piece(Index(layout, "i8")).default_bytes.data()) == -3);
  CHECK(LoadElement<float>(layout.piece(Index(layout, "f")).properties.at("min").data()) == -1);
  const PieceDefinition& arr = layout.piece(Index(layout, "arr"));
  CHECK(arr.position == 55);
  CHECK(arr.array_size == 3);
  CHECK(arr.fixed_size() == 6);
  CHECK(DecodeElements<float>(layout.piece(Index(layout, "farr")).default_bytes) ==
        std::vector<float>{1.5f, 2.5f});
  CHECK(layout.piece(Index(layout, "pvec")).position == 6);
  CHECK(layout.piece(Index(layout, "imap")).default_map.size() == 1);
  CHECK(layout.Find("m2", PieceKind::kValue, ElementType::kMatrix2Di) == 8u);
  CHECK_FALSE(layout.Find("m2", PieceKind::kValue, ElementType::kMatrix2Df).has_value());
  CHECK(layout.Find("arr", PieceKind::kArray, ElementType::kUInt16, 3) == 9u);
  CHECK_FALSE(layout.Find("arr", PieceKind::kArray, ElementType::kUInt16, 4).has_value());
  CHECK(layout.FindValue<double>("ts") == 6u);
}

TEST_CASE("data_layout: golden vector block decodes (§4.6)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  REQUIRE(bytes.size() == 219);
  DataLayoutBlock block(layout);
  size_t block_size = 0;
  // Bytes after the block (an image block...) are not part of it.
  std::vector<uint8_t> payload = bytes;
  payload.resize(300, 0xee);
  REQUIRE(block.Bind(payload.data(), payload.size(), &block_size).ok());
  CHECK(block_size == 219);
  CHECK(block.block_size() == 219);
  CHECK(block.variable_size() == 94);
  CheckGoldenValues(block, layout);

  // Index entries of §4.6: (offset, length) by var index.
  const std::vector<std::pair<uint32_t, size_t>> entries = {{0, 5},   {5, 12}, {17, 21}, {38, 18},
                                                            {56, 22}, {78, 0}, {78, 16}};
  for (size_t k = 0; k < layout.variable_piece_count(); ++k) {
    size_t piece = layout.variable_piece(k);
    CHECK(block.file_position(piece) == k);
    std::span<const uint8_t> data = block.data(piece);
    CHECK(data.size() == entries[k].second);
    if (!data.empty()) CHECK(data.data() == payload.data() + 125 + entries[k].first);
  }
  // The generic walk: every piece available, fixed data at its offset.
  for (size_t i = 0; i < layout.size(); ++i) {
    CHECK(block.matched(i));
    CHECK(block.available(i));
    if (layout.piece(i).is_fixed()) {
      CHECK(block.file_position(i) == layout.piece(i).position);
      CHECK(block.data(i).size() == layout.piece(i).fixed_size());
    }
  }
  CHECK(ElementJson(ElementType::kFloat, block.data(Index(layout, "f"))) == "0.10000000149011612");
  std::vector<RawMapEntry> imap =
      DecodeStringMap(block.data(Index(layout, "imap")), ElementType::kInt32);
  REQUIRE(imap.size() == 2);
  CHECK(imap[0].key == "a");
  CHECK(ElementJson(ElementType::kInt32, imap[0].value) == "-1");

  // Wrong type or kind through the typed getters: zero/empty, never another piece's bytes.
  CHECK(block.value<int32_t>(Index(layout, "u32")) == 0);
  CHECK(block.value<uint32_t>(999) == 0);
  CHECK(block.vector<float>(Index(layout, "vec")).empty());
  CHECK(block.array<uint16_t>(Index(layout, "u32")).empty());
  CHECK(block.string(Index(layout, "svec")).empty());
  CHECK(block.string_map<uint32_t>(Index(layout, "imap")).empty());
  CHECK_FALSE(block.available(999));
  CHECK(block.data(999).empty());
}

TEST_CASE("data_layout: golden vector re-encoded and rebuilt (§4.6)", "[data_layout]") {
  DataLayoutDefinition parsed = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> expected = FromHex(kGoldenBlockHex);
  CHECK(EncodeGoldenValues(parsed) == expected);

  DataLayoutDefinition built = BuildGoldenLayout();
  CHECK(built.ToJson() == kGoldenLayoutJson);
  CHECK(EncodeGoldenValues(built) == expected);

  // A fresh encoder writes zeros and empty pieces; Vector<string> keeps its count.
  DataLayoutEncoder encoder(parsed);
  std::vector<uint8_t> empty = encoder.Encode();
  CHECK(empty.size() == 125 + 4);
  DataLayoutBlock block(parsed);
  size_t size = 0;
  REQUIRE(block.Bind(empty.data(), empty.size(), &size).ok());
  CHECK(size == empty.size());
  CHECK(block.value<int8_t>(Index(parsed, "i8")) == 0);
  CHECK(block.string(Index(parsed, "str")).empty());
  CHECK(block.available(Index(parsed, "svec")));
  CHECK(block.string_vector(Index(parsed, "svec")).empty());

  // Setter checks.
  CHECK(encoder.SetValue<int32_t>(Index(parsed, "u32"), 1).code() == ErrorCode::kInvalidArgument);
  CHECK(encoder.SetValue<uint32_t>(99, 1).code() == ErrorCode::kInvalidArgument);
  CHECK(encoder.SetString(Index(parsed, "vec"), "x").code() == ErrorCode::kInvalidArgument);
  const uint8_t three[3] = {1, 2, 3};
  CHECK(encoder.SetData(Index(parsed, "u32"), three).code() == ErrorCode::kInvalidArgument);
  CHECK(encoder.SetData(Index(parsed, "arr"), std::span(three, 2)).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(encoder.SetData(Index(parsed, "str"), three).ok());
  CHECK(encoder.SetArray<uint16_t>(Index(parsed, "arr"), {1, 2, 3, 4, 5}).ok());  // truncated
  std::vector<uint8_t> out = encoder.Encode();
  REQUIRE(block.Bind(out.data(), out.size()).ok());
  CHECK(block.array<uint16_t>(Index(parsed, "arr")) == std::vector<uint16_t>{1, 2, 3});
  CHECK(block.string(Index(parsed, "str")) == "\x01\x02\x03");
  encoder.Clear();
  CHECK(encoder.Encode() == empty);
}

// --- §4.5 worked examples -------------------------------------------------------------------

TEST_CASE("data_layout: sample_file.vrs 200-1 configuration block (§4.5)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[{"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0},{"name":"image_height","type":"DataPieceValue<uint32_t>","offset":4},{"name":"image_pixel_format","type":"DataPieceValue<uint32_t>","offset":8},{"name":"camera_calibration","type":"DataPieceVector<float>","index":0}]})");
  CHECK(layout.fixed_size() == 20);
  std::vector<uint8_t> bytes = FromHex(
      "80020000e001000001000000000000001800000000"
      "00b841000054420080ab4300004040000040410000"
      "0041");
  REQUIRE(bytes.size() == 44);
  DataLayoutBlock block(layout);
  size_t size = 0;
  REQUIRE(block.Bind(bytes.data(), bytes.size(), &size).ok());
  CHECK(size == 44);
  CHECK(block.variable_size() == 24);
  CHECK(block.value<uint32_t>(*layout.FindValue<uint32_t>("image_width")) == 640);
  CHECK(block.value<uint32_t>(*layout.FindValue<uint32_t>("image_height")) == 480);
  CHECK(block.value<uint32_t>(*layout.FindValue<uint32_t>("image_pixel_format")) == 1);
  CHECK(block.vector<float>(3) == std::vector<float>{23, 53, 343, 3, 12, 8});
}

TEST_CASE("data_layout: sample_file.vrs 200-1 data block and 372-1 motion (§4.5)",
          "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[{"name":"exposure_time","type":"DataPieceValue<uint64_t>","offset":0},{"name":"exposure","type":"DataPieceValue<float>","offset":8},{"name":"frame_counter","type":"DataPieceValue<uint64_t>","offset":12},{"name":"camera_temperature","type":"DataPieceValue<float>","offset":20}]})");
  CHECK(layout.fixed_size() == 24);
  CHECK(layout.variable_piece_count() == 0);
  std::vector<uint8_t> bytes = FromHex("9920d3020000000000002040000000000000000000001a42");
  REQUIRE(bytes.size() == 24);
  bytes.resize(24 + 307200);  // the image block follows
  DataLayoutBlock block(layout);
  size_t size = 0;
  REQUIRE(block.Bind(bytes.data(), bytes.size(), &size).ok());
  CHECK(size == 24);
  CHECK(block.value<uint64_t>(0) == 47390873);
  CHECK(block.value<float>(1) == 2.5f);
  CHECK(block.value<uint64_t>(2) == 0);
  CHECK(block.value<float>(3) == 38.5f);

  DataLayoutDefinition motion = ParseOrFail(
      R"({"data_layout":[{"name":"motion_data","type":"DataPieceVector<Matrix3Dd>","index":0}]})");
  DataLayoutBlock motion_block(motion);
  std::vector<uint8_t> first(8, 0);  // index entry (0, 0): an empty vector
  REQUIRE(motion_block.Bind(first.data(), first.size(), &size).ok());
  CHECK(size == 8);
  CHECK(motion_block.available(0));
  CHECK(motion_block.vector<Matrix3Dd>(0).empty());
  DataLayoutEncoder encoder(motion);
  Matrix3Dd m{{{1, 2, 3}, {4, 5, 6}, {7, 8, 9.5}}};
  REQUIRE(encoder.SetVector<Matrix3Dd>(0, {m}).ok());
  std::vector<uint8_t> second = encoder.Encode();
  CHECK(second.size() == 80);
  REQUIRE(motion_block.Bind(second.data(), second.size(), &size).ok());
  CHECK(motion_block.vector<Matrix3Dd>(0) == std::vector<Matrix3Dd>{m});
}

// --- §5.4 mapping, §9.6 mapped example ------------------------------------------------------

TEST_CASE("data_layout: mapped layout with unmatched pieces (§9.6)", "[data_layout]") {
  DataLayoutDefinition file = ParseOrFail(kGoldenLayoutJson);
  DataLayoutDefinition expected;
  PieceDefinition missing = PieceDefinition::Value<uint64_t>("missing");
  REQUIRE(missing.SetDefault<uint64_t>(77));
  missing.required = true;
  REQUIRE(expected.Add(missing).ok());
  REQUIRE(expected.Add(PieceDefinition::Value<int32_t>("u32")).ok());      // wrong type
  REQUIRE(expected.Add(PieceDefinition::Array<uint16_t>("arr", 4)).ok());  // wrong count
  PieceDefinition nostr = PieceDefinition::String("nostr");                // absent
  REQUIRE(nostr.SetDefaultString("zz"));
  REQUIRE(expected.Add(nostr).ok());
  PieceDefinition novec = PieceDefinition::Vector<int32_t>("novec");
  REQUIRE(novec.SetDefaultValues(std::vector<int32_t>{9}));
  REQUIRE(expected.Add(novec).ok());
  REQUIRE(expected.Add(PieceDefinition::Value<double>("d")).ok());  // matched

  LayoutMapping mapping(expected, file);
  CHECK_FALSE(mapping.has_all_required());
  CHECK(mapping.matched_count() == 1);
  for (size_t i = 0; i < 5; ++i) CHECK_FALSE(mapping.file_piece(i).has_value());
  CHECK(mapping.file_piece(5) == Index(file, "d"));

  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  DataLayoutBlock block(mapping);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());
  CHECK(block.size() == 6);
  for (size_t i = 0; i < 5; ++i) {
    CHECK_FALSE(block.matched(i));
    CHECK_FALSE(block.available(i));
    CHECK_FALSE(block.file_position(i).has_value());
    CHECK(block.data(i).empty());
  }
  CHECK(block.value<uint64_t>(0) == 77);
  CHECK(block.value<int32_t>(1) == 0);
  CHECK(block.array<uint16_t>(2).empty());  // no default values
  CHECK(block.string(3) == "zz");
  CHECK(block.vector<int32_t>(4) == std::vector<int32_t>{9});
  // Matched pieces read the file's value at the file's offset.
  CHECK(block.matched(5));
  CHECK(block.file_position(5) == 11u);
  CHECK(block.value<double>(5) == 1.0 / 3);
  CHECK(block.piece(0).label == "missing");
}

TEST_CASE("data_layout: mapping the golden layout onto itself, reordered", "[data_layout]") {
  DataLayoutDefinition file = ParseOrFail(kGoldenLayoutJson);
  // The same pieces, declared in reverse order: every one matches (wrapping around each time).
  DataLayoutDefinition expected;
  for (size_t i = file.size(); i-- > 0;) REQUIRE(expected.Add(file.piece(i)).ok());
  LayoutMapping mapping(expected, file);
  CHECK(mapping.has_all_required());
  CHECK(mapping.matched_count() == 18);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  DataLayoutBlock block(mapping);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());
  CheckGoldenValues(block, expected);
  CHECK(block.file_position(Index(expected, "arr")) == 55u);
  CHECK(block.file_position(Index(expected, "pvec")) == 6u);
}

TEST_CASE("data_layout: mapping search order and duplicate labels (§5.4)", "[data_layout]") {
  auto value = [](const char* label) { return PieceDefinition::Value<uint32_t>(label); };
  DataLayoutDefinition file;
  for (const char* label : {"a", "b", "a", "c", "a"}) REQUIRE(file.Add(value(label)).ok());
  REQUIRE(file.Add(PieceDefinition::String("a")).ok());  // other family: never matched to fixed

  SECTION("duplicates pair up in order, then wrap around") {
    DataLayoutDefinition expected;
    for (const char* label : {"a", "a", "a", "a"}) REQUIRE(expected.Add(value(label)).ok());
    LayoutMapping mapping(expected, file);
    CHECK(mapping.file_piece(0) == 0u);
    CHECK(mapping.file_piece(1) == 2u);
    CHECK(mapping.file_piece(2) == 4u);
    CHECK(mapping.file_piece(3) == 0u);  // searched 5..end, then wrapped to 0
  }
  SECTION("the search starts after the previous match") {
    DataLayoutDefinition expected;
    for (const char* label : {"c", "a", "b", "a"}) REQUIRE(expected.Add(value(label)).ok());
    LayoutMapping mapping(expected, file);
    CHECK(mapping.file_piece(0) == 3u);
    CHECK(mapping.file_piece(1) == 4u);  // after c, not the first a
    CHECK(mapping.file_piece(2) == 1u);  // wrapped
    CHECK(mapping.file_piece(3) == 2u);  // after b
  }
  SECTION("fixed and variable families are searched separately") {
    DataLayoutDefinition expected;
    REQUIRE(expected.Add(PieceDefinition::String("a")).ok());
    REQUIRE(expected.Add(value("c")).ok());
    LayoutMapping mapping(expected, file);
    CHECK(mapping.file_piece(0) == 5u);
    CHECK(mapping.file_piece(1) == 3u);
  }
  SECTION("required pieces") {
    DataLayoutDefinition expected;
    PieceDefinition b = value("b");
    b.required = true;
    REQUIRE(expected.Add(b).ok());
    REQUIRE(expected.Add(value("zzz")).ok());  // optional, absent: still complete
    CHECK(LayoutMapping(expected, file).has_all_required());
    PieceDefinition d = value("d");
    d.required = true;
    REQUIRE(expected.Add(d).ok());
    CHECK_FALSE(LayoutMapping(expected, file).has_all_required());
    // The file's own `required` flags play no part.
    CHECK(LayoutMapping(DataLayoutDefinition(), ParseOrFail(kGoldenLayoutJson)).has_all_required());
  }
}

TEST_CASE("data_layout: matched pieces whose data is missing (§5.4)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  // Entry 0 (str) and entry 3 (imap) point past the var data.
  StoreElement(uint32_t(90), bytes.data() + 69);
  StoreElement(uint32_t(100), bytes.data() + 69 + 3 * 8 + 4);
  DataLayoutBlock block(layout);
  size_t size = 0;
  REQUIRE(block.Bind(bytes.data(), bytes.size(), &size).ok());  // V comes from the last entry
  CHECK(size == 219);
  size_t str = Index(layout, "str");
  size_t imap = Index(layout, "imap");
  CHECK(block.matched(str));
  CHECK_FALSE(block.available(str));
  CHECK(block.data(str).empty());
  CHECK(block.string(str).empty());  // empty, not the default "dflt"
  CHECK_FALSE(block.available(imap));
  CHECK(block.string_map<int32_t>(imap).empty());
  CHECK(block.vector<int32_t>(Index(layout, "vec")) == std::vector<int32_t>{1, -2, 3});

  // An unbound view: fixed pieces read their defaults, variable ones nothing.
  DataLayoutBlock unbound(layout);
  CHECK(unbound.value<int8_t>(Index(layout, "i8")) == -3);
  CHECK(unbound.value<float>(Index(layout, "f")) == 0.25f);
  CHECK(unbound.array<float>(Index(layout, "farr")) == std::vector<float>{1.5f, 2.5f});
  CHECK(unbound.vector<int32_t>(Index(layout, "vec")).empty());
  CHECK_FALSE(unbound.available(0));
  DataLayoutBlock nothing;
  CHECK(nothing.Bind(bytes.data(), bytes.size()).code() == ErrorCode::kInvalidArgument);
  CHECK(nothing.size() == 0);
  CHECK(nothing.value<uint32_t>(0) == 0);
}

// --- Robustness -----------------------------------------------------------------------------

TEST_CASE("data_layout: every truncation of the golden block", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  const std::vector<uint8_t> full = FromHex(kGoldenBlockHex);
  for (size_t n = 0; n < full.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    // A copy of exactly n bytes, so that reading past it would be caught by the sanitizers.
    std::vector<uint8_t> bytes(full.begin(), full.begin() + long(n));
    DataLayoutBlock block(layout);
    size_t size = 12345;
    Status status = block.Bind(bytes.data(), bytes.size(), &size);
    CHECK(status.code() == ErrorCode::kTruncated);
    CHECK_FALSE(status.message().empty());
    CHECK(size == 12345);
    for (size_t i = 0; i < layout.size(); ++i) {
      const PieceDefinition& piece = layout.piece(i);
      bool inside = false;
      if (piece.is_fixed()) {
        inside = piece.position + piece.fixed_size() <= n;
      } else if (n >= 125) {
        uint32_t offset = LoadElement<uint32_t>(full.data() + 69 + 8 * piece.position);
        uint32_t length = LoadElement<uint32_t>(full.data() + 69 + 8 * piece.position + 4);
        inside = 125 + offset + length <= n;
      }
      CHECK(block.available(i) == inside);
      CHECK(block.data(i).size() <= n);
    }
    // Reads never fail: file values where present, defaults/empties elsewhere.
    CHECK(block.value<int8_t>(1) == (n >= 5 ? -5 : -3));
    CHECK(block.string(Index(layout, "str")) == (n >= 130 ? "hello" : ""));
    (void)block.string_vector(Index(layout, "svec"));
    (void)block.string_map<std::string>(Index(layout, "smap"));
    (void)block.vector<Point2Dd>(Index(layout, "pvec"));
  }
  DataLayoutBlock block(layout);
  CHECK(block.Bind(nullptr, 0).code() == ErrorCode::kTruncated);
}

TEST_CASE("data_layout: index entries out of range", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  DataLayoutBlock block(layout);
  SECTION("a huge last entry: the block claims more than the payload has") {
    StoreElement(uint32_t(0xffffffff), bytes.data() + 69 + 6 * 8);
    StoreElement(uint32_t(0xffffffff), bytes.data() + 69 + 6 * 8 + 4);
    Status status = block.Bind(bytes.data(), bytes.size());
    CHECK(status.code() == ErrorCode::kTruncated);
    CHECK(block.variable_size() == 0x1fffffffeu);
    CHECK_FALSE(block.available(Index(layout, "pvec")));
    CHECK(block.string(Index(layout, "str")) == "hello");  // still inside what there is
  }
  SECTION("an entry whose offset + length overflows 32 bits") {
    StoreElement(uint32_t(0xfffffff0), bytes.data() + 69 + 1 * 8);
    StoreElement(uint32_t(0x20), bytes.data() + 69 + 1 * 8 + 4);
    REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());
    CHECK_FALSE(block.available(Index(layout, "vec")));
    CHECK(block.vector<int32_t>(Index(layout, "vec")).empty());
  }
  SECTION("malformed Vector<string> reads as its default and unavailable") {
    DataLayoutDefinition with_default = ParseOrFail(
        R"({"data_layout":[{"name":"s","type":"DataPieceVector<string>","index":0,"default":["d"]}]})");
    CHECK(
        with_default.ToJson() ==
        R"({"data_layout":[{"name":"s","type":"DataPieceVector<string>","index":0,"default":["d"]}]})");
    DataLayoutBlock strings(with_default);
    for (std::string hex : {"0000000000000000",                       // shorter than 4
                            "000000000400000002000000",               // count 2 can't fit
                            "00000000080000000100000005000000",       // string overruns
                            "000000000c000000010000000100000061"}) {  // index past the end
      std::vector<uint8_t> block_bytes = FromHex(hex);
      (void)strings.Bind(block_bytes.data(), block_bytes.size());
      INFO(hex);
      CHECK_FALSE(strings.available(0));
      std::vector<std::string> got = strings.string_vector(0);
      bool index_ok = hex != "000000000c000000010000000100000061";
      CHECK(got == (index_ok ? std::vector<std::string>{"d"} : std::vector<std::string>{}));
    }
  }
  SECTION("a truncated string map keeps its first entries; later duplicates win") {
    std::vector<uint8_t> data = FromHex(
        "0100000061"
        "05000000"  // a = 5
        "0100000062"
        "06000000"  // b = 6
        "0100000061"
        "07000000"  // a = 7 (again)
        "0100000063"
        "0800");  // c: truncated value
    std::vector<RawMapEntry> entries = DecodeStringMap(data, ElementType::kInt32);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].key == "a");
    CHECK(LoadElement<int32_t>(entries[0].value.data()) == 7);
    CHECK(entries[1].key == "b");
    CHECK(DecodeStringMap(data, ElementType::kString).size() == 1);  // "a" -> 4 bytes, then junk
  }
}

TEST_CASE("data_layout: definitions that are not JSON or not layouts", "[data_layout]") {
  DataLayoutDefinition layout;
  for (std::string bad :
       {std::string(""), std::string("{"), std::string("[]"), std::string("{\"data_layout\":5}"),
        std::string("{\"layout\":[]}"), std::string("{\"data_layout\":[{\"name\":\"a\"}"),
        std::string("{\"data_layout\":[]} x"), std::string("nul"),
        std::string("{\"data_layout\":[],\"k\":\"\xff\"}"), std::string(100000, '[')}) {
    INFO(bad.substr(0, 40));
    Status status = DataLayoutDefinition::Parse(bad, layout);
    CHECK(status.code() == ErrorCode::kCorrupt);
    CHECK_FALSE(status.message().empty());
    CHECK(layout.empty());
  }
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  CHECK(DataLayoutDefinition::Parse(deep, layout).code() == ErrorCode::kCorrupt);
  // An array too large for a record payload.
  Status huge = DataLayoutDefinition::Parse(
      R"({"data_layout":[{"name":"a","type":"DataPieceArray<Matrix4Dd>","offset":0,"size":4000000000}]})",
      layout);
  CHECK(huge.code() == ErrorCode::kTooLarge);
  CHECK(DataLayoutDefinition::Parse(R"({"data_layout":[]})", layout).ok());
  CHECK(layout.fixed_size() == 0);
  CHECK(layout.ToJson() == R"({"data_layout":[]})");
}

TEST_CASE("data_layout: pieces with unknown types are skipped (§5.2)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[{"name":"a","type":"DataPieceValue<uint32_t>","offset":0},{"name":"x","type":"DataPieceValue<uint128_t>","offset":4},{"name":"b","type":"DataPieceValue<uint16_t>","offset":20},7,{"type":"DataPieceString"},{"name":"s","type":"DataPieceString<string>"},{"name":5,"type":"DataPieceString"},{"name":"c","type":"DataPieceString","index":3,"unknown_member":[1,2]}]})");
  REQUIRE(layout.size() == 3);
  CHECK(layout.warnings().size() == 5);
  CHECK(layout.warnings()[0].find("uint128_t") != std::string::npos);
  // Later offsets shift: the JSON offsets are not used.
  CHECK(layout.piece(1).label == "b");
  CHECK(layout.piece(1).position == 4);
  CHECK(layout.piece(2).position == 0);
  CHECK(layout.fixed_size() == 14);
  CHECK(
      layout.ToJson() ==
      R"({"data_layout":[{"name":"a","type":"DataPieceValue<uint32_t>","offset":0},{"name":"b","type":"DataPieceValue<uint16_t>","offset":4},{"name":"c","type":"DataPieceString","index":0}]})");
}

TEST_CASE("data_layout: reading defaults, properties, tags (§5.2)", "[data_layout]") {
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[)"
      R"({"name":"u","type":"DataPieceValue<uint32_t>","default":-1,"properties":{"min":-2,"max":7,"bad":1.5}},)"
      R"({"name":"i","type":"DataPieceValue<int32_t>","default":1.0,"tags":{"unit":"m","n":5},"required":"yes"},)"
      R"({"name":"b","type":"DataPieceValue<Bool>","default":2},)"
      R"({"name":"c","type":"DataPieceValue<int8_t>","default":300},)"
      R"({"name":"big","type":"DataPieceValue<uint64_t>","default":18446744073709551615},)"
      R"({"name":"f","type":"DataPieceValue<float>","default":0.1},)"
      R"({"name":"nan","type":"DataPieceValue<double>","default":NaN,"properties":{"max":Infinity,"min":-Infinity}},)"
      R"({"name":"nz","type":"DataPieceValue<double>","default":-0.0},)"
      R"({"name":"p","type":"DataPieceValue<Point2Di>","default":[1,2.7]},)"
      R"({"name":"q","type":"DataPieceValue<Point2Df>","default":[1,2,3]},)"
      R"({"name":"m","type":"DataPieceValue<Matrix2Dd>","default":[[1,2],[3,4]]},)"
      R"({"name":"a","type":"DataPieceArray<uint8_t>","size":-1,"default":[1,"x",300,3]},)"
      R"({"name":"s","type":"DataPieceString","default":"a\"\n\u0001"},)"
      R"({"name":"sm","type":"DataPieceStringMap<string>","default":{"k":"v","n":1}},)"
      R"({"name":"sv","type":"DataPieceVector<string>","default":["x",1,"y"],"properties":{"min":1}})"
      R"(]})");
  REQUIRE(layout.size() == 15);
  CHECK(layout.warnings().empty());
  auto piece = [&](const char* label) { return layout.piece(Index(layout, label)); };
  CHECK(LoadElement<uint32_t>(piece("u").default_bytes.data()) == 0);  // negative: ignored
  CHECK(piece("u").properties.size() == 1);                            // only max fits
  CHECK(LoadElement<int32_t>(piece("i").default_bytes.data()) == 0);   // 1.0 is not an integer
  CHECK(piece("i").tags == std::map<std::string, std::string>{{"unit", "m"}});
  CHECK_FALSE(piece("i").required);
  CHECK(piece("b").default_bytes == std::vector<uint8_t>{1});
  CHECK(LoadElement<int8_t>(piece("c").default_bytes.data()) == 44);  // 300 narrowed, like a cast
  CHECK(LoadElement<uint64_t>(piece("big").default_bytes.data()) == 18446744073709551615u);
  CHECK(LoadElement<float>(piece("f").default_bytes.data()) == 0.1f);
  CHECK(std::isnan(LoadElement<double>(piece("nan").default_bytes.data())));
  CHECK(LoadElement<Point2Di>(piece("p").default_bytes.data()) == Point2Di{1, 2});
  CHECK(LoadElement<Point2Df>(piece("q").default_bytes.data()) == Point2Df{0, 0});  // 3 numbers
  CHECK(LoadElement<Matrix2Dd>(piece("m").default_bytes.data()) == Matrix2Dd{{{1, 2}, {3, 4}}});
  CHECK(piece("a").array_size == 0);
  CHECK(piece("a").default_bytes == std::vector<uint8_t>{1, 44, 3});  // "x" left out
  CHECK(piece("s").default_bytes == std::vector<uint8_t>{'a', '"', '\n', 1});
  CHECK(piece("sm").default_map.size() == 1);
  CHECK(piece("sv").default_strings == std::vector<std::string>{"x", "y"});
  CHECK(piece("sv").properties.empty());
  // Written back the way the reference writes what it read.
  CHECK(
      layout.ToJson() ==
      R"({"data_layout":[)"
      R"({"name":"u","type":"DataPieceValue<uint32_t>","offset":0,"properties":{"max":7}},)"
      R"({"name":"i","type":"DataPieceValue<int32_t>","offset":4,"tags":{"unit":"m"}},)"
      R"({"name":"b","type":"DataPieceValue<Bool>","offset":8,"default":true},)"
      R"({"name":"c","type":"DataPieceValue<int8_t>","offset":9,"default":44},)"
      R"({"name":"big","type":"DataPieceValue<uint64_t>","offset":10,"default":18446744073709551615},)"
      R"({"name":"f","type":"DataPieceValue<float>","offset":18,"default":0.10000000149011612},)"
      R"({"name":"nan","type":"DataPieceValue<double>","offset":22,"default":NaN,"properties":{"max":Infinity,"min":-Infinity}},)"
      R"({"name":"nz","type":"DataPieceValue<double>","offset":30},)"
      R"({"name":"p","type":"DataPieceValue<Point2Di>","offset":38,"default":[1,2]},)"
      R"({"name":"q","type":"DataPieceValue<Point2Df>","offset":46},)"
      R"({"name":"m","type":"DataPieceValue<Matrix2Dd>","offset":54,"default":[[1.0,2.0],[3.0,4.0]]},)"
      R"({"name":"a","type":"DataPieceArray<uint8_t>","offset":86,"size":0,"default":[1,44,3]},)"
      R"({"name":"s","type":"DataPieceString","index":0,"default":"a\"\n\u0001"},)"
      R"({"name":"sm","type":"DataPieceStringMap<string>","index":1,"default":{"k":"v"}},)"
      R"({"name":"sv","type":"DataPieceVector<string>","index":2,"default":["x","y"]})"
      R"(]})");
  // Strings that look like the non-finite stand-ins are still strings.
  DataLayoutDefinition strings = ParseOrFail(
      R"({"data_layout":[{"name":"NaN","type":"DataPieceString","index":0,"tags":{"Infinity":"-Inf"},"default":"NaN"}]})");
  CHECK(strings.piece(0).label == "NaN");
  CHECK(
      strings.ToJson() ==
      R"({"data_layout":[{"name":"NaN","type":"DataPieceString","index":0,"tags":{"Infinity":"-Inf"},"default":"NaN"}]})");
  // A number where a string is expected is not a string, even NaN.
  DataLayoutDefinition not_string = ParseOrFail(
      R"({"data_layout":[{"name":"s","type":"DataPieceString","default":NaN},{"name":-Inf,"type":"DataPieceString"}]})");
  CHECK(not_string.size() == 1);
  CHECK(not_string.piece(0).default_bytes.empty());
}

TEST_CASE("data_layout: writers' definitions are checked", "[data_layout]") {
  DataLayoutDefinition layout;
  PieceDefinition bad = PieceDefinition::Value<uint32_t>("x");
  bad.type = ElementType::kString;
  CHECK(layout.Add(bad).code() == ErrorCode::kInvalidArgument);
  PieceDefinition wrong_default = PieceDefinition::Value<uint32_t>("x");
  CHECK_FALSE(wrong_default.SetDefault(1));  // int, not uint32_t
  CHECK_FALSE(wrong_default.SetDefaultString("1"));
  wrong_default.default_bytes = {1, 2};
  CHECK(layout.Add(wrong_default).code() == ErrorCode::kInvalidArgument);
  PieceDefinition properties = PieceDefinition::Vector<float>("v");
  CHECK_FALSE(properties.SetProperty("min", 1.0f));
  properties.properties["min"] = {0, 0, 0, 0};
  CHECK(layout.Add(properties).code() == ErrorCode::kInvalidArgument);
  CHECK(layout.empty());
  size_t index = 99;
  REQUIRE(layout.Add(PieceDefinition::String("s"), &index).ok());
  CHECK(index == 0);
  REQUIRE(layout.Add(PieceDefinition::Value<uint16_t>("v"), &index).ok());
  CHECK(index == 1);
  // Declared after a variable piece, written first (§5.1).
  CHECK(
      layout.ToJson() ==
      R"({"data_layout":[{"name":"v","type":"DataPieceValue<uint16_t>","offset":0},{"name":"s","type":"DataPieceString","index":0}]})");
  CHECK(layout.fixed_size() == 10);
  CHECK(layout.piece(1).default_bytes.size() == 2);  // normalised to one zero element
}
