// DataLayout renderings of the print commands (spec 02 §9): the golden vector of §9.6 byte for
// byte, the mapped-layout example, the §9.3 width rules, §9.1 value text and §9.2 enum labels.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "golden_layout_vector.h"
#include "support/text_lines.h"
#include "tools/rendering/layout_printer.h"
#include "tools/rendering/text_fit.h"
#include "tools/rendering/value_text.h"
#include "vrsx/data_layout.h"

using namespace vrsx;
using namespace vrsx::cli;
using namespace std::string_literals;  // "lit"s + text: g++ 12 -O3 warns on "lit" + text

namespace {

using vrsx::testing::FromHex;
using vrsx::testing::kGoldenBlockHex;
using vrsx::testing::kGoldenLayoutJson;
using vrsx::testing::Lines;
using vrsx::testing::ParseOrFail;

const char* const kGoldenCompact = R"(     u32: 42
     i8: -5
     flag: 1
     ch: 65
     f: 0.1
     d: 0.333333
     ts: 1600000000.123
     p3: [1, 2.5, -3]
     m2: [[1, 2], [3, 4]]
     arr[3]: 10, 20, 0
     farr[2]: 0, 0
     str: "hello"
     vec[3]: 1, -2, 3
     svec[3]: "ab", "", "cde"
     imap[2]:
         "a": -1
         "x": 5
     smap[2]:
         "k0": ""
         "k1": "v1"
     empty: ""
     pvec[1]: [1, 2]
)";

const char* const kGoldenDetailed = R"(   11 fixed size pieces, total 125 bytes.
     u32 (uint32_t) @ 0+4 required: 42
       max: 100
       min: 1
     i8 (int8_t) @ 4+1: -5
     flag (Bool) @ 5+1: 1
     ch (char) @ 6+1: 65
     f (float) @ 7+4: 0.1
       min: -1
     d (double) @ 11+8: 0.333333
     ts (double) @ 19+8: 1600000000.123
     p3 (Point3Df) @ 27+12: [1, 2.5, -3]
     m2 (Matrix2Di) @ 39+16: [[1, 2], [3, 4]]
     arr (uint16_t[3]) @ 55+6: 10, 20, 0
     farr (float[2]) @ 61+8: 0, 0
   7 variable size pieces, total 94 bytes.
     str (string) @ 0 required = "hello"
     vec (vector<int32_t>) @ 1x3: 1, -2, 3
     svec (vector<string>) @ 2x3:
         "ab", "", "cde"
     imap (stringMap<int32_t>) @ 3x2:
         "a": -1
         "x": 5
     smap (stringMap<string>) @ 4x2:
         "k0": ""
         "k1": "v1"
     empty (string) @ 5 = ""
     pvec (vector<Point2Dd>) @ 6x1: [1, 2]
)";

const char* const kGoldenPrintJson =
    R"({"data_layout":[{"value":42,"name":"u32","type":"Value<uint32_t>"},{"value":-5,"name":"i8","type":"Value<int8_t>"},{"value":true,"name":"flag","type":"Value<Bool>"},{"value":65,"name":"ch","type":"Value<char>"},{"value":0.10000000149011612,"name":"f","type":"Value<float>"},{"value":0.3333333333333333,"name":"d","type":"Value<double>"},{"value":1600000000.123456,"name":"ts","type":"Value<double>"},{"value":[1.0,2.5,-3.0],"name":"p3","type":"Value<Point3Df>"},{"value":[[1,2],[3,4]],"name":"m2","type":"Value<Matrix2Di>"},{"value":[10,20,0],"name":"arr","type":"Array<uint16_t>"},{"value":[0.0,0.0],"name":"farr","type":"Array<float>"},{"name":"str","type":"String","value":"hello"},{"value":[1,-2,3],"name":"vec","type":"Vector<int32_t>"},{"value":["ab","","cde"],"name":"svec","type":"Vector<string>"},{"value":{"a":-1,"x":5},"name":"imap","type":"StringMap<int32_t>"},{"value":{"k0":"","k1":"v1"},"name":"smap","type":"StringMap<string>"},{"name":"empty","type":"String","value":""},{"value":[[1.0,2.0]],"name":"pvec","type":"Vector<Point2Dd>"}]})";

std::string Compact(const DataLayoutBlock& block, size_t width = kDefaultPrintWidth) {
  std::ostringstream out;
  PrintLayoutCompact(block, out, width);
  return out.str();
}

std::string Detailed(const DataLayoutBlock& block, size_t width = kDefaultPrintWidth,
                     PropertyTextState* state = nullptr) {
  std::ostringstream out;
  PrintLayoutDetailed(block, out, width, state);
  return out.str();
}

// A layout and its encoded block, for synthetic cases.
struct Built {
  DataLayoutDefinition layout;
  std::vector<uint8_t> bytes;
  DataLayoutBlock block;
};

template <typename Fill>
void Build(Built& built, std::vector<PieceDefinition> pieces, Fill fill) {
  for (PieceDefinition& piece : pieces) REQUIRE(built.layout.Add(std::move(piece)).ok());
  DataLayoutEncoder encoder(built.layout);
  fill(encoder);
  built.bytes = encoder.Encode();
  built.block = DataLayoutBlock(built.layout);
  REQUIRE(built.block.Bind(built.bytes.data(), built.bytes.size()).ok());
}

template <typename T>
std::string Text(const T& value) {
  uint8_t bytes[EncodedElementSize<T>()];
  StoreElement(value, bytes);
  return ElementText(kElementTypeOf<T>, bytes);
}

template <typename T>
std::string Labeled(const char* label, const T& value) {
  uint8_t bytes[EncodedElementSize<T>()];
  StoreElement(value, bytes);
  return LabeledElementText(label, kElementTypeOf<T>, bytes);
}

template <typename T>
std::string List(const std::vector<T>& values, bool quirk) {
  std::vector<uint8_t> bytes = EncodeElements(values);
  return ElementListText(kElementTypeOf<T>, bytes, SIZE_MAX, quirk);
}

std::string Digits(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += char('0' + i % 10);
  return text;
}

}  // namespace

// ---- §9.6 golden vector

TEST_CASE("layout_printer: golden vector renderings (§9.6)", "[layout_printer]") {
  DataLayoutDefinition layout = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  REQUIRE(bytes.size() == 219);
  DataLayoutBlock block(layout);
  size_t size = 0;
  REQUIRE(block.Bind(bytes.data(), bytes.size(), &size).ok());
  REQUIRE(size == 219);

  CHECK(Compact(block) == kGoldenCompact);
  CHECK(Detailed(block) == kGoldenDetailed);
  CHECK(LayoutJson(block, LayoutJsonProfile::kPrint) == kGoldenPrintJson);
  CHECK(
      LayoutJson(block, LayoutJsonProfile::kPublic) ==
      R"({"metadata":[{"value":42,"name":"u32"},{"value":-5,"name":"i8"},{"value":true,"name":"flag"},{"value":65,"name":"ch"},{"value":0.10000000149011612,"name":"f"},{"value":0.3333333333333333,"name":"d"},{"value":1600000000.123456,"name":"ts"},{"value":[1.0,2.5,-3.0],"name":"p3"},{"value":[[1,2],[3,4]],"name":"m2"},{"value":[10,20,0],"name":"arr"},{"value":[0.0,0.0],"name":"farr"},{"name":"str","value":"hello"},{"value":[1,-2,3],"name":"vec"},{"value":["ab","","cde"],"name":"svec"},{"value":{"a":-1,"x":5},"name":"imap"},{"value":{"k0":"","k1":"v1"},"name":"smap"},{"name":"empty","value":""},{"value":[[1.0,2.0]],"name":"pvec"}]})");
}

TEST_CASE("layout_printer: print-json-pretty and record-formats JSON (§9.5)", "[layout_printer]") {
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[{"name":"some_motion_stream_param","type":"DataPieceValue<double>","offset":0},{"name":"v","type":"DataPieceVector<Point2Di>","index":0},{"name":"s","type":"DataPieceString","index":1}]})");
  std::vector<uint8_t> bytes = FromHex(
      "0000000000003940"
      "0000000008000000"
      "0800000000000000"
      "0100000002000000");
  DataLayoutBlock block(layout);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());
  CHECK(LayoutJson(block, LayoutJsonProfile::kPrint, true) == R"({
    "data_layout": [
        {
            "value": 25.0,
            "name": "some_motion_stream_param",
            "type": "Value<double>"
        },
        {
            "value": [
                [
                    1,
                    2
                ]
            ],
            "name": "v",
            "type": "Vector<Point2Di>"
        },
        {
            "name": "s",
            "type": "String",
            "value": ""
        }
    ]
})");
  CHECK(LayoutDefinitionJson(layout) == R"({
    "data_layout": [
        {
            "name": "some_motion_stream_param",
            "type": "Value<double>"
        },
        {
            "name": "v",
            "type": "Vector<Point2Di>"
        },
        {
            "name": "s",
            "type": "String"
        }
    ]
})");
}

TEST_CASE("layout_printer: empty containers and JSON value omission (§9.5)", "[layout_printer]") {
  // 372-1 data records of sample_file.vrs: an empty Vector<Matrix3Dd>.
  DataLayoutDefinition layout = ParseOrFail(
      R"({"data_layout":[{"name":"motion_data","type":"DataPieceVector<Matrix3Dd>","index":0}]})");
  std::vector<uint8_t> bytes(8, 0);
  DataLayoutBlock block(layout);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());
  CHECK(Compact(block) == "     motion_data[0]: \n");
  CHECK(Detailed(block) ==
        "   1 variable size pieces, total 0 bytes.\n"
        "     motion_data (vector<Matrix3Dd>) @ 0x0: \n");
  CHECK(LayoutJson(block, LayoutJsonProfile::kPrint) ==
        R"({"data_layout":[{"name":"motion_data","type":"Vector<Matrix3Dd>"}]})");
  CHECK(LayoutJson(block, LayoutJsonProfile::kPublic) ==
        R"({"metadata":[{"name":"motion_data"}]})");

  Built maps;
  Build(maps,
        {PieceDefinition::StringMap<int32_t>("m"), PieceDefinition::Vector<std::string>("sv"),
         PieceDefinition::Array<float>("none", 0)},
        [](DataLayoutEncoder&) {});
  CHECK(Compact(maps.block) == "     none[0]: \n     m[0]:\n     sv[0]: \n");
  CHECK(Detailed(maps.block) ==
        "   1 fixed size pieces, total 16 bytes.\n"
        "     none (float[0]) @ 0+0: \n"
        "   2 variable size pieces, total 4 bytes.\n"
        "     m (stringMap<int32_t>) @ 0x0\n"
        "     sv (vector<string>) @ 1x0:\n");
  CHECK(
      LayoutJson(maps.block, LayoutJsonProfile::kPrint) ==
      R"({"data_layout":[{"name":"none","type":"Array<float>"},{"name":"m","type":"StringMap<int32_t>"},{"name":"sv","type":"Vector<string>"}]})");
}

// ---- §9.6 mapped layout

TEST_CASE("layout_printer: mapped layout with unmatched pieces (§9.6)", "[layout_printer]") {
  DataLayoutDefinition file = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);

  DataLayoutDefinition expected;
  PieceDefinition missing = PieceDefinition::Value<uint64_t>("missing");
  REQUIRE(missing.SetDefault<uint64_t>(77));
  missing.required = true;
  PieceDefinition nostr = PieceDefinition::String("nostr");
  REQUIRE(nostr.SetDefaultString("zz"));
  PieceDefinition novec = PieceDefinition::Vector<int32_t>("novec");
  REQUIRE(novec.SetDefaultValues(std::vector<int32_t>{9}));
  REQUIRE(expected.Add(std::move(missing)).ok());
  REQUIRE(expected.Add(PieceDefinition::Value<int32_t>("u32")).ok());
  REQUIRE(expected.Add(PieceDefinition::Array<uint16_t>("arr", 4)).ok());
  REQUIRE(expected.Add(PieceDefinition::Value<double>("d")).ok());
  REQUIRE(expected.Add(std::move(nostr)).ok());
  REQUIRE(expected.Add(std::move(novec)).ok());
  REQUIRE(expected.Add(PieceDefinition::Vector<int32_t>("vec")).ok());

  LayoutMapping mapping(expected, file);
  DataLayoutBlock block(mapping);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());

  std::vector<std::string> detailed;
  for (const std::string& line : Lines(Detailed(block))) {
    if (line.starts_with("     ")) detailed.push_back(line);
  }
  CHECK(detailed == std::vector<std::string>{
                        "     missing (uint64_t) @ <unavailable>+8 required (default): 77",
                        "     u32 (int32_t) @ <unavailable>+4 (default): 0",
                        "     arr (uint16_t[4]) @ <unavailable>+8: ",
                        "     d (double) @ 11+8: 0.333333",
                        "     nostr (string) @ <unavailable> (default) = \"zz\"",
                        "     novec (vector<int32_t>) @ <unavailable> (default): 9",
                        "     vec (vector<int32_t>) @ 1x3: 1, -2, 3",
                    });
  CHECK(Lines(Compact(block)) == std::vector<std::string>{
                                     "     missing: 77 *",
                                     "     u32: 0 *",
                                     "     arr[4]:  *",
                                     "     d: 0.333333",
                                     "     nostr: \"zz\"<unavailable>",
                                     "     novec: <unavailable>",
                                     "     vec[3]: 1, -2, 3",
                                 });
  CHECK(
      LayoutJson(block, LayoutJsonProfile::kPrint) ==
      R"({"data_layout":[{"name":"missing","type":"Value<uint64_t>"},{"name":"u32","type":"Value<int32_t>"},{"name":"arr","type":"Array<uint16_t>"},{"value":0.3333333333333333,"name":"d","type":"Value<double>"},{"name":"nostr","type":"String"},{"name":"novec","type":"Vector<int32_t>"},{"value":[1,-2,3],"name":"vec","type":"Vector<int32_t>"}]})");
}

TEST_CASE("layout_printer: unmatched pieces with defaults of every kind", "[layout_printer]") {
  DataLayoutDefinition file = ParseOrFail(kGoldenLayoutJson);
  std::vector<uint8_t> bytes = FromHex(kGoldenBlockHex);
  DataLayoutDefinition expected;
  PieceDefinition arr = PieceDefinition::Array<float>("farr2", 2);
  REQUIRE(arr.SetDefaultValues(std::vector<float>{1.5f, 2.5f}));
  PieceDefinition svec = PieceDefinition::Vector<std::string>("names");
  REQUIRE(svec.SetDefaultValues(std::vector<std::string>{"a", "b"}));
  PieceDefinition map = PieceDefinition::StringMap<int32_t>("counts");
  REQUIRE(map.SetDefaultMap(std::map<std::string, int32_t>{{"k", 3}}));
  REQUIRE(expected.Add(std::move(arr)).ok());
  REQUIRE(expected.Add(std::move(svec)).ok());
  REQUIRE(expected.Add(std::move(map)).ok());
  REQUIRE(expected.Add(PieceDefinition::StringMap<std::string>("nomap")).ok());
  LayoutMapping mapping(expected, file);
  DataLayoutBlock block(mapping);
  REQUIRE(block.Bind(bytes.data(), bytes.size()).ok());

  CHECK(Lines(Compact(block)) == std::vector<std::string>{
                                     "     farr2[2]: 1.5, 2.5 *",
                                     "     names: <unavailable>",
                                     "     counts[1] default:",
                                     "         \"k\": 3",
                                     "     nomap[0] default:",
                                 });
  std::vector<std::string> detailed = Lines(Detailed(block));
  CHECK(detailed == std::vector<std::string>{
                        "   1 fixed size pieces, total 32 bytes.",
                        "     farr2 (float[2]) @ <unavailable>+8 (default): ",
                        "   3 variable size pieces, total 94 bytes.",
                        "     names (vector<string>) @ <unavailable> (default):",
                        "         \"a\", \"b\"",
                        "     counts (stringMap<int32_t>) @ <unavailable> (default):",
                        "         \"k\": 3",
                        "     nomap (stringMap<string>) @ <unavailable>",
                    });
}

// ---- §9.1 value text

TEST_CASE("layout_printer: text of every element type (§9.1)", "[layout_printer]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(Text(true) == "1");
  CHECK(Text(false) == "0");
  CHECK(Text(char(65)) == "65");
  CHECK(Text(char(-1)) == "-1");
  CHECK(Text(int8_t(-128)) == "-128");
  CHECK(Text(uint8_t(255)) == "255");
  CHECK(Text(int16_t(-32768)) == "-32768");
  CHECK(Text(uint16_t(65535)) == "65535");
  CHECK(Text(int32_t(-2147483647 - 1)) == "-2147483648");
  CHECK(Text(uint32_t(4294967295u)) == "4294967295");
  CHECK(Text(std::numeric_limits<int64_t>::min()) == "-9223372036854775808");
  CHECK(Text(std::numeric_limits<uint64_t>::max()) == "18446744073709551615");

  CHECK(Text(0.1f) == "0.1");
  CHECK(Text(2.5f) == "2.5");
  CHECK(Text(1e20f) == "1e+20");
  CHECK(Text(1234567.0f) == "1.23457e+06");
  CHECK(Text(float(nan)) == "nan");
  CHECK(Text(float(inf)) == "inf");
  CHECK(Text(float(-inf)) == "-inf");
  CHECK(Text(-0.0f) == "-0");
  // No epoch rule for floats.
  CHECK(Text(1.6e9f) == "1.6e+09");

  CHECK(Text(1.0 / 3) == "0.333333");
  CHECK(Text(nan) == "nan");
  CHECK(Text(inf) == "inf");
  CHECK(Text(-inf) == "-inf");
  CHECK(Text(-0.0) == "-0");
  CHECK(Text(-1e-5) == "-1e-05");
  CHECK(Text(1e300) == "1e+300");
  // Epoch-like doubles: [1420070400, 2051222400).
  CHECK(Text(1600000000.123456) == "1600000000.123");
  CHECK(Text(1420070400.0) == "1420070400.000");
  CHECK(Text(1420070399.5) == "1.42007e+09");
  CHECK(Text(2051222399.9996) == "2051222400.000");
  CHECK(Text(2051222400.0) == "2.05122e+09");

  CHECK(Text(Point2Dd{1, 2}) == "[1, 2]");
  CHECK(Text(Point2Df{0.5f, -0.0f}) == "[0.5, -0]");
  CHECK(Text(Point2Di{-1, 7}) == "[-1, 7]");
  CHECK(Text(Point3Dd{1600000000.5, 0, nan}) == "[1.6e+09, 0, nan]");  // no epoch rule
  CHECK(Text(Point3Df{1, 2.5f, -3}) == "[1, 2.5, -3]");
  CHECK(Text(Point3Di{1, 2, 3}) == "[1, 2, 3]");
  CHECK(Text(Point4Dd{1, 2, 3, 4}) == "[1, 2, 3, 4]");
  CHECK(Text(Point4Df{0.25f, 1e-7f, 3, 4}) == "[0.25, 1e-07, 3, 4]");
  CHECK(Text(Point4Di{1, 2, 3, -4}) == "[1, 2, 3, -4]");
  CHECK(Text(Matrix2Dd{{{1, 2}, {3, 4}}}) == "[[1, 2], [3, 4]]");
  CHECK(Text(Matrix2Df{{{1, 2}, {3, 4.5f}}}) == "[[1, 2], [3, 4.5]]");
  CHECK(Text(Matrix2Di{{{1, 2}, {3, 4}}}) == "[[1, 2], [3, 4]]");
  CHECK(Text(Matrix3Dd{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}) == "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]");
  CHECK(Text(Matrix3Df{{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}) == "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]");
  CHECK(Text(Matrix3Di{{{1, 2, 3}, {4, 5, 6}, {7, 8, -9}}}) ==
        "[[1, 2, 3], [4, 5, 6], [7, 8, -9]]");
  CHECK(Text(Matrix4Dd{{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}}}) ==
        "[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]");
  CHECK(Text(Matrix4Df{{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}}) ==
        "[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]");
  CHECK(Text(Matrix4Di{{{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}}}) ==
        "[[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]");
}

TEST_CASE("layout_printer: epoch stream-state quirk inside one list (§9.1)", "[layout_printer]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> values = {0.5, 1700000000.75, 0.123456, 2.0 / 3, -1e-5, nan, -inf};
  // Compact form: after the epoch-like value, doubles keep a precision of 3.
  CHECK(List(values, true) == "0.5, 1700000000.750, 0.123, 0.667, -1e-05, nan, -inf");
  // Detailed form: each value afresh.
  CHECK(List(values, false) == "0.5, 1700000000.750, 0.123456, 0.666667, -1e-05, nan, -inf");
  CHECK(List(std::vector<double>{1.23456789, 1.6e9, 1.7e9, 3.14159}, true) ==
        "1.23457, 1600000000.000, 1700000000.000, 3.14");

  Built built;
  Build(built, {PieceDefinition::Vector<double>("v"), PieceDefinition::Array<double>("a", 3)},
        [&](DataLayoutEncoder& encoder) {
          REQUIRE(encoder.SetVector(0, values).ok());
          REQUIRE(encoder.SetArray(1, std::vector<double>{1.6e9, 1.0 / 3, 1.0 / 3}).ok());
        });
  CHECK(
      Lines(Compact(built.block)) ==
      std::vector<std::string>{"     a[3]: 1600000000.000, 0.333, 0.333",
                               "     v[7]: 0.5, 1700000000.750, 0.123, 0.667, -1e-05, nan, -inf"});
  CHECK(Lines(Detailed(built.block))[1] ==
        "     a (double[3]) @ 0+24: 1600000000.000, 0.333333, 0.333333");
}

TEST_CASE("layout_printer: property lines and their cross-record float format (§9.1, §9.4)",
          "[layout_printer]") {
  Built first;
  PieceDefinition ts = PieceDefinition::Value<double>("ts");
  REQUIRE(ts.SetProperty<double>("max", 1700000000.25));
  REQUIRE(ts.SetProperty<double>("min", 0.5));
  PieceDefinition f = PieceDefinition::Value<float>("f");
  REQUIRE(f.SetProperty<float>("min", -1.0f));
  PieceDefinition a = PieceDefinition::Array<int32_t>("a", 2);
  REQUIRE(a.SetProperty<int32_t>("max", 9));
  Build(first, {std::move(f), std::move(ts), std::move(a)}, [](DataLayoutEncoder&) {});

  // A fresh state: %g until the epoch-like property, %.3f for every float after it.
  CHECK(Lines(Detailed(first.block)) == std::vector<std::string>{
                                            "   3 fixed size pieces, total 20 bytes.",
                                            "     f (float) @ 0+4: 0",
                                            "       min: -1",
                                            "     ts (double) @ 4+8: 0",
                                            "       max: 1700000000.250",
                                            "       min: 0.500",
                                            "     a (int32_t[2]) @ 12+8: 0, 0",
                                            "       max: 9",
                                        });
  // The state leaks from one record to the next when it is shared.
  PropertyTextState run;
  Detailed(first.block, kDefaultPrintWidth, &run);
  CHECK(run.fixed3);
  std::vector<std::string> again = Lines(Detailed(first.block, kDefaultPrintWidth, &run));
  CHECK(again[2] == "       min: -1.000");
  CHECK(again[7] == "       max: 9");
  // Values themselves are never affected.
  CHECK(again[1] == "     f (float) @ 0+4: 0");
}

// ---- §9.2 enum labels

TEST_CASE("layout_printer: enum labels (§9.2)", "[layout_printer]") {
  CHECK(Labeled("image_pixel_format", uint32_t(1)) == "grey8 (1)");
  CHECK(Labeled("image_pixel_format", uint32_t(22)) == "yuv_420_nv12 (22)");
  CHECK(Labeled("image_pixel_format", uint32_t(26)) == "bayer8_gbrg (26)");
  CHECK(Labeled("image_pixel_format", uint32_t(0)) == "undefined (0)");
  CHECK(Labeled("image_pixel_format", uint32_t(99)) == "undefined (99)");
  CHECK(Labeled("image_pixel_format", uint32_t(257)) == "grey8 (257)");
  CHECK(Labeled("image_pixel_format", int32_t(1)) == "1");
  CHECK(Labeled("image_pixel_format", uint8_t(1)) == "1");
  CHECK(Labeled("audio_format", uint8_t(0)) == "undefined (0)");
  CHECK(Labeled("audio_format", uint8_t(1)) == "pcm (1)");
  CHECK(Labeled("audio_format", uint8_t(2)) == "opus (2)");
  CHECK(Labeled("audio_format", uint8_t(3)) == "undefined (3)");
  CHECK(Labeled("audio_format", uint32_t(1)) == "1");
  CHECK(Labeled("audio_sample_format", uint8_t(5)) == "int16le (5)");
  CHECK(Labeled("audio_sample_format", uint8_t(20)) == "float64be (20)");
  CHECK(Labeled("audio_sample_format", uint8_t(200)) == "undefined (200)");
  CHECK(Labeled("audio_sample_format", int8_t(5)) == "5");
  CHECK(Labeled("other", uint32_t(1)) == "1");

  // Values and string map values get labels; array and vector elements never do.
  Built built;
  Build(
      built,
      {PieceDefinition::Value<uint32_t>("image_pixel_format"),
       PieceDefinition::Array<uint32_t>("image_pixel_format", 2),
       PieceDefinition::Vector<uint8_t>("audio_format"),
       PieceDefinition::StringMap<uint32_t>("image_pixel_format")},
      [](DataLayoutEncoder& encoder) {
        REQUIRE(encoder.SetValue<uint32_t>(0, 22).ok());
        REQUIRE(encoder.SetArray(1, std::vector<uint32_t>{1, 2}).ok());
        REQUIRE(encoder.SetVector(2, std::vector<uint8_t>{1, 2}).ok());
        REQUIRE(encoder.SetStringMap(3, std::map<std::string, uint32_t>{{"left", 1}, {"right", 99}})
                    .ok());
      });
  CHECK(Lines(Compact(built.block)) == std::vector<std::string>{
                                           "     image_pixel_format: yuv_420_nv12 (22)",
                                           "     image_pixel_format[2]: 1, 2",
                                           "     audio_format[2]: 1, 2",
                                           "     image_pixel_format[2]:",
                                           "         \"left\": grey8 (1)",
                                           "         \"right\": undefined (99)",
                                       });
  std::vector<std::string> detailed = Lines(Detailed(built.block));
  CHECK(detailed[1] == "     image_pixel_format (uint32_t) @ 0+4: yuv_420_nv12 (22)");
  CHECK(detailed[2] == "     image_pixel_format (uint32_t[2]) @ 4+8: 1, 2");
  CHECK(detailed[6] == "         \"left\": grey8 (1)");
  // JSON stays numeric.
  CHECK(
      LayoutJson(built.block, LayoutJsonProfile::kPrint) ==
      R"({"data_layout":[{"value":22,"name":"image_pixel_format","type":"Value<uint32_t>"},{"value":[1,2],"name":"image_pixel_format","type":"Array<uint32_t>"},{"value":[1,2],"name":"audio_format","type":"Vector<uint8_t>"},{"value":{"left":1,"right":99},"name":"image_pixel_format","type":"StringMap<uint32_t>"}]})");
}

// ---- §9.3 width rules

TEST_CASE("layout_printer: fitted text (§9.3)", "[layout_printer]") {
  std::string prefix = "     label: ";  // 12
  // Fits: up to exactly the width.
  CHECK(FitText(prefix, Digits(148), "", 160) == prefix + Digits(148));
  CHECK(FitText(prefix, Digits(146), " *", 160) == prefix + Digits(146) + " *");
  // Too long: o = 12 + 0 + 11 = 23, r = 137, front = 34 * 3 = 102, tail = 35.
  std::string text = Digits(149);
  std::string cut = FitText(prefix, text, "", 160);
  CHECK(cut == prefix + text.substr(0, 102) + "  [ ... ]  " + text.substr(149 - 35));
  CHECK(cut.size() == 160);
  // With a suffix: o = 25, r = 135, front = 99, tail = 36.
  cut = FitText(prefix, Digits(300), " *", 160);
  CHECK(cut == prefix + Digits(300).substr(0, 99) + "  [ ... ]  " + Digits(300).substr(264) + " *");
  CHECK(cut.size() == 160);
  // Narrow: o + 8 >= width keeps 6 and 2 characters.
  CHECK(FitText(prefix, "abcdefghijklmnopqrstuvwxyz", " *", 33) ==
        prefix + "abcdef  [ ... ]  yz *");
  // o + 8 = 33 < 34: r = 9, front = 6, tail = 3.
  CHECK(FitText(prefix, "abcdefghijklmnopqrstuvwxyz", " *", 34) ==
        prefix + "abcdef  [ ... ]  xyz *");

  // Through the printer: a long Value and a long Array.
  Built built;
  Build(built, {PieceDefinition::Value<Matrix4Dd>("m"), PieceDefinition::Array<double>("a", 40)},
        [](DataLayoutEncoder& encoder) {
          Matrix4Dd m{};
          for (size_t i = 0; i < 4; ++i) {
            for (size_t j = 0; j < 4; ++j) m[i][j] = 1.0 / double(1 + i * 4 + j);
          }
          REQUIRE(encoder.SetValue(0, m).ok());
          std::vector<double> values(40);
          for (size_t i = 0; i < 40; ++i) values[i] = double(i) + 0.5;
          REQUIRE(encoder.SetArray(1, values).ok());
        });
  std::vector<std::string> lines = Lines(Compact(built.block, 80));
  REQUIRE(lines.size() == 2);
  // "     m: " is 8: o = 19, r = 61, front = 45, tail = 16.
  std::string matrix = ElementText(ElementType::kMatrix4Dd, built.block.data(0).data());
  CHECK(matrix.size() > 80);
  CHECK(lines[0] ==
        "     m: "s + matrix.substr(0, 45) + "  [ ... ]  "s + matrix.substr(matrix.size() - 16));
  CHECK(lines[0] ==
        "     m: [[1, 0.5, 0.333333, 0.25], [0.2, 0.166667, 0.  [ ... ]  666667, 0.0625]]");
  // "     a[40]: " is 12: o = 23, r = 57, front = 42, tail = 15.
  std::string list = ElementListText(ElementType::kDouble, built.block.data(1));
  CHECK(lines[1] ==
        "     a[40]: "s + list.substr(0, 42) + "  [ ... ]  "s + list.substr(list.size() - 15));
  CHECK(lines[1].size() == 80);
}

TEST_CASE("layout_printer: fitted strings (§9.3)", "[layout_printer]") {
  std::string prefix = "     str: ";  // 10
  CHECK(FitString(prefix, "hello", "", 160) == prefix + "\"hello\"");
  CHECK(FitString(prefix, "a\tb\x01", "<unavailable>", 160) ==
        prefix + "\"a\\tb\\x01\"<unavailable>");
  // 148 bytes fit exactly in 160 with the quotes.
  CHECK(FitString(prefix, Digits(148), "", 160) == prefix + '"' + Digits(148) + '"');
  // 149: o = 10 + 0 + 11 + 2 = 23, r = 137, front = 102, tail = 35.
  std::string raw = Digits(149);
  std::string cut = FitString(prefix, raw, "", 160);
  CHECK(cut == prefix + '"' + raw.substr(0, 102) + "  [ ... ]  " + raw.substr(149 - 35) + '"');
  CHECK(cut.size() == 160);
  // The raw string fits but its printable form does not: cut on the printable forms of the
  // raw first and last bytes.
  std::string escaped = std::string(100, '\n');  // printable: 200 characters
  std::string escapes;
  for (int i = 0; i < 100; ++i) escapes += "\\n";
  cut = FitString(prefix, escaped, "", 160);
  // front: 102 characters of the 100 escaped bytes; tail: the last 35 characters of the 35
  // escaped last bytes.
  CHECK(cut == prefix + '"' + escapes.substr(0, 102) + "  [ ... ]  " +
                   escapes.substr(0, 70).substr(35) + '"');
  CHECK(cut.size() == 160);

  // Through the printer, with the unavailable suffix of a mapped layout.
  Built built;
  Build(built, {PieceDefinition::String("s")},
        [&](DataLayoutEncoder& encoder) { REQUIRE(encoder.SetString(0, Digits(200)).ok()); });
  std::string line = Compact(built.block, 60);
  // "     s: " is 8: o = 21, r = 39, front = 27, tail = 12.
  CHECK(line == "     s: \""s + Digits(200).substr(0, 27) + "  [ ... ]  "s +
                    Digits(200).substr(188) + "\"\n");
}

TEST_CASE("layout_printer: wrapped vectors and the 400 value limit (§9.3)", "[layout_printer]") {
  // WrapText: the first line takes width - |prefix| characters, then indent + width - |indent|.
  std::string text = Digits(400);
  std::string wrapped = WrapText("     v: ", text, "         ", 160);
  std::vector<std::string> lines = Lines(wrapped);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "     v: "s + text.substr(0, 152));
  CHECK(lines[1] == "         "s + text.substr(152, 151));
  CHECK(lines[2] == "         "s + text.substr(303));
  CHECK(WrapText("     v: ", Digits(152), "    ", 160) == "     v: "s + Digits(152));
  // The width grows to |prefix| + 20 for long prefixes.
  std::string prefix(50, 'p');
  CHECK(WrapText(prefix, Digits(30), "  ", 40) == prefix + Digits(20) + "\n  " + Digits(10));

  // A vector of 450 values: 400 printed, wrapped, then the count of the others.
  Built built;
  std::vector<int32_t> values(450);
  for (size_t i = 0; i < values.size(); ++i) values[i] = int32_t(i);
  Build(built, {PieceDefinition::Vector<int32_t>("counts")},
        [&](DataLayoutEncoder& encoder) { REQUIRE(encoder.SetVector(0, values).ok()); });
  lines = Lines(Compact(built.block));
  REQUIRE(lines.size() > 2);
  CHECK(lines.back() == "         ...and 50 more values.");
  std::string expected_text;
  for (size_t i = 0; i < 400; ++i) {
    if (i > 0) expected_text += ", ";
    expected_text += std::to_string(i);
  }
  std::string prefix_line = "     counts[450]: ";
  CHECK(lines[0] == prefix_line + expected_text.substr(0, 160 - prefix_line.size()));
  std::string rebuilt = lines[0].substr(prefix_line.size());
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].starts_with("         "));
    CHECK(lines[i].size() <= 160);
    if (i + 2 < lines.size()) CHECK(lines[i].size() == 160);
    rebuilt += lines[i].substr(9);
  }
  CHECK(rebuilt == expected_text);
  // The detailed form prints every value, wrapped with the same indent.
  std::vector<std::string> detailed = Lines(Detailed(built.block));
  CHECK(detailed[1].starts_with("     counts (vector<int32_t>) @ 0x450: 0, 1, 2, "));
  CHECK(detailed[1].size() == 160);
  CHECK(detailed.back().ends_with("448, 449"));
  CHECK(detailed.back().starts_with("         "));
}

TEST_CASE("layout_printer: long strings in vectors and maps (§9.3)", "[layout_printer]") {
  CHECK(QuotedVectorString("ab") == "\"ab\"");
  CHECK(QuotedVectorString(Digits(79)) == "\""s + Digits(79) + '"');
  std::string long80 = Digits(80);
  CHECK(QuotedVectorString(long80) ==
        "\""s + long80.substr(0, 64) + "  [ ... ]  "s + long80.substr(64) + '"');
  std::string escaped = "\x1b"s + Digits(90) + "\n";
  CHECK(QuotedVectorString(escaped) ==
        "\"\\e"s + escaped.substr(1, 63) + "  [ ... ]  "s + escaped.substr(76, 15) + "\\n\"");

  Built built;
  std::string long_value = Digits(200);
  Build(built,
        {PieceDefinition::Vector<std::string>("names"),
         PieceDefinition::StringMap<std::string>("info")},
        [&](DataLayoutEncoder& encoder) {
          REQUIRE(encoder.SetStringVector(0, {"short", long_value}).ok());
          REQUIRE(encoder
                      .SetStringMap(
                          1, std::map<std::string, std::string>{{"k\t", long_value}, {"a", "x\ny"}})
                      .ok());
        });
  std::vector<std::string> lines = Lines(Compact(built.block));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "     names[2]: \"short\", \""s + long_value.substr(0, 64) + "  [ ... ]  " +
                        long_value.substr(184) + '"');
  CHECK(lines[1] == "     info[2]:");
  CHECK(lines[2] == "         \"a\": \"x\\ny\"");
  // Keys are printed raw; the value is a fitted string.
  std::string prefix = "         \"k\t\": ";  // 15: o = 28, r = 132, front = 99, tail = 33
  CHECK(lines[3] == prefix + '"' + long_value.substr(0, 99) + "  [ ... ]  " +
                        long_value.substr(200 - 33) + '"');
  CHECK(lines[3].size() == 160);

  // The detailed form shows whole strings, wrapped.
  std::vector<std::string> detailed = Lines(Detailed(built.block));
  CHECK(detailed[1] == "     names (vector<string>) @ 0x2:");
  std::string all = "\"short\", \""s + long_value + '"';
  CHECK(detailed[2] == "         "s + all.substr(0, 151));
  CHECK(detailed[3] == "         "s + all.substr(151));
  CHECK(detailed[4] == "     info (stringMap<string>) @ 1x2:");
  CHECK(detailed[5] == "         \"a\": \"x\\ny\"");
}
