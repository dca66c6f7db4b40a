// The print commands on records whose content does not match their definitions (spec 03 §4.4):
// each bad record prints what can be read, gets one clear error on stderr naming its stream, its
// index position and what is wrong, and every other record still prints, once.
//
// The files are made by the independent builder of tests/support; the commands run in-process.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_in_process.h"
#include "support/text_lines.h"
#include "support/vrs_file_builder.h"
#include "tools/commands/cli_options.h"
#include "tools/commands/commands.h"
#include "vrsx/reader.h"

namespace {

namespace vt = vrsx::testing;
namespace le = vrsx::testing::le;

using ScratchDir = vt::ScratchDir;
using Output = vt::CliOutput;
using vt::Lines;
const auto Run = vt::RunCliInProcess;
const auto Count = vt::CountOf;

std::vector<uint8_t> F64(double v) {
  std::vector<uint8_t> bytes;
  le::PutF64(bytes, v);
  return bytes;
}

std::vector<uint8_t> Concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const char* kCameraConfigLayout =
    R"({"data_layout":[{"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0},)"
    R"({"name":"image_height","type":"DataPieceValue<uint32_t>","offset":4},)"
    R"({"name":"image_pixel_format","type":"DataPieceValue<uint32_t>","offset":8}]})";
const char* kExposureLayout =
    R"({"data_layout":[{"name":"exposure","type":"DataPieceValue<double>","offset":0}]})";
// F = 8 + 2 x 8 = 24.
const char* kVariableLayout =
    R"({"data_layout":[{"name":"count","type":"DataPieceValue<uint64_t>","offset":0},)"
    R"({"name":"values","type":"DataPieceVector<float>","index":0},)"
    R"({"name":"label","type":"DataPieceString","index":1}]})";

// A kVariableLayout block: count, then the two index entries, then `var_data`.
std::vector<uint8_t> VariableBlock(uint64_t count, uint32_t offset0, uint32_t length0,
                                   uint32_t offset1, uint32_t length1,
                                   const std::vector<uint8_t>& var_data) {
  std::vector<uint8_t> bytes;
  le::Put64(bytes, count);
  le::Put32(bytes, offset0);
  le::Put32(bytes, length0);
  le::Put32(bytes, offset1);
  le::Put32(bytes, length1);
  return Concat(bytes, var_data);
}

// Two floats (1.5, 2.5) then "ab".
std::vector<uint8_t> GoodVarData() {
  std::vector<uint8_t> bytes;
  le::Put32(bytes, 0x3FC00000);  // 1.5f
  le::Put32(bytes, 0x40200000);  // 2.5f
  bytes.push_back('a');
  bytes.push_back('b');
  return bytes;
}

constexpr vt::StreamKey kCamera{100, 1};        // good config, one image too short
constexpr vt::StreamKey kVariable{100, 2};      // DataLayout blocks cut short, bad index entries
constexpr vt::StreamKey kBadJson{100, 3};       // DL tag that is not JSON
constexpr vt::StreamKey kUnknownPiece{100, 4};  // DL tag with an unknown piece type
constexpr vt::StreamKey kBadPixel{100, 5};      // RF with an unknown pixel format
constexpr vt::StreamKey kTooLarge{100, 6};      // custom block larger than the record
constexpr vt::StreamKey kUnknownType{100, 7};   // RF with an unknown content type
constexpr vt::StreamKey kNoFormat{100, 8};      // no RF tag at all, and a record that can't read

void BuildBadContent(const std::string& path) {
  vt::VrsFileBuilder builder;
  builder.AddStream(kCamera, {},
                    {{"RF:Configuration:1", "data_layout"},
                     {"DL:Configuration:1:0", kCameraConfigLayout},
                     {"RF:Data:1", "data_layout+image/raw"},
                     {"DL:Data:1:0", kExposureLayout}});
  builder.AddStream(kVariable, {},
                    {{"RF:Data:1", "data_layout"}, {"DL:Data:1:0", kVariableLayout}});
  builder.AddStream(kBadJson, {}, {{"RF:Data:1", "data_layout"}, {"DL:Data:1:0", "{not json"}});
  builder.AddStream(
      kUnknownPiece, {},
      {{"RF:Data:1", "data_layout"},
       {"DL:Data:1:0",
        R"({"data_layout":[{"name":"x","type":"DataPieceValue<nosuchtype>","offset":0}]})"}});
  builder.AddStream(kBadPixel, {}, {{"RF:Data:1", "image/raw/4x2/pixel=nosuchpixel"}});
  builder.AddStream(kTooLarge, {}, {{"RF:Data:1", "custom/size=100"}});
  builder.AddStream(kUnknownType, {}, {{"RF:Data:1", "nosuchblocktype"}});
  builder.AddStream(kNoFormat, {}, {});

  std::vector<uint8_t> config;
  le::Put32(config, 4);  // width
  le::Put32(config, 2);  // height
  le::Put32(config, 1);  // grey8
  builder.AddRecord(kCamera, vt::RecordKind::kConfiguration, 1.0, config);
  std::vector<uint8_t> image(8, 7);
  builder.AddRecord(kCamera, vt::RecordKind::kData, 2.0, Concat(F64(2.5), image));
  builder.AddRecord(kCamera, vt::RecordKind::kData, 3.0,
                    Concat(F64(3.5), std::vector<uint8_t>(5, 7)));  // 5 of 8 image bytes

  builder.AddRecord(kVariable, vt::RecordKind::kData, 1.5,
                    VariableBlock(7, 0, 8, 8, 2, GoodVarData()));
  builder.AddRecord(kVariable, vt::RecordKind::kData, 2.5,
                    std::vector<uint8_t>(10, 1));  // shorter than the fixed part
  builder.AddRecord(kVariable, vt::RecordKind::kData, 3.5,
                    VariableBlock(8, 0, 8, 8, 100, GoodVarData()));  // last entry: V = 108
  builder.AddRecord(kVariable, vt::RecordKind::kData, 4.5,
                    VariableBlock(9, 50, 8, 0, 2, {'a', 'b'}));  // entry 0 beyond V = 2

  builder.AddRecord(kBadJson, vt::RecordKind::kData, 2.2, F64(1));
  builder.AddRecord(kUnknownPiece, vt::RecordKind::kData, 2.3, F64(1));
  builder.AddRecord(kBadPixel, vt::RecordKind::kData, 2.4, std::vector<uint8_t>(8, 1));
  builder.AddRecord(kTooLarge, vt::RecordKind::kData, 2.6, std::vector<uint8_t>(40, 1));
  builder.AddRecord(kUnknownType, vt::RecordKind::kData, 2.7, std::vector<uint8_t>(12, 1));
  builder.AddRecord(kNoFormat, vt::RecordKind::kState, 2.8, {});
  builder.AddRecord(kNoFormat, vt::RecordKind::kData, 2.9, std::vector<uint8_t>(10, 1));
  // A record the container layer can't read: an unknown compression type in its header.
  std::vector<uint8_t> raw(10, 3);
  builder.AddRawRecord({.disk_type_id = kNoFormat.type_id,
                        .instance_id = kNoFormat.instance_id,
                        .record_type = 3,
                        .format_version = 1,
                        .timestamp = 5.0,
                        .compression_type = 7,
                        .uncompressed_size = 10,
                        .payload = raw});

  // Good records after all of that.
  builder.AddRecord(kVariable, vt::RecordKind::kData, 5.5,
                    VariableBlock(10, 0, 8, 8, 2, GoodVarData()));
  builder.AddRecord(kCamera, vt::RecordKind::kData, 6.0, Concat(F64(6.5), image));
  builder.Finish();
  builder.WriteFile(path);
}

// The index position of the record at time t.
size_t PositionAt(const vrsx::Reader& reader, double t) {
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    if (reader.index()[pos].timestamp == t) return pos;
  }
  FAIL("no record at " << t);
  return 0;
}

// The lines of `err` naming this record.
std::vector<std::string> ErrorsFor(const std::string& err, const std::string& record) {
  std::vector<std::string> found;
  for (const std::string& line : Lines(err)) {
    if (line.find(record + " ") != std::string::npos) found.push_back(line);
  }
  return found;
}

// The first line of `err` naming this record, "" when there is none.
std::string ErrorFor(const std::string& err, const std::string& record) {
  std::vector<std::string> found = ErrorsFor(err, record);
  return found.empty() ? std::string() : found.front();
}

std::string RecordName(const vrsx::Reader& reader, const char* stream, double t) {
  return std::string(stream) + " Data record #" + std::to_string(PositionAt(reader, t));
}

}  // namespace

TEST_CASE("print: bad content gives one clear error per record, the others print",
          "[print][bad-content]") {
  ScratchDir dir;
  std::string path = dir.File("bad.vrs");
  BuildBadContent(path);
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  const size_t records = reader.index().size();
  REQUIRE(records == 17);

  for (const char* command : {"print", "print-details", "print-json", "print-json-pretty"}) {
    DYNAMIC_SECTION(command) {
      Output result = Run({command, path});
      INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
      CHECK(result.status == 0);
      bool json = std::string(command).starts_with("print-json");

      // Every record that can be read prints its header once; the unreadable one prints nothing.
      size_t headers =
          json ? Count(result.out, "{\"record\":") : Count(result.out, " bytes total.\n");
      CHECK(headers == records - 1);
      if (json) {
        CHECK(Count(result.out, "\"timestamp\":5.000") == 0);
        CHECK(Count(result.out, "\"timestamp\":6.000") == 1);
        if (std::string(command) == "print-json") {
          CHECK(Count(result.out, R"({"value":10,"name":"count","type":"Value<uint64_t>"})") == 1);
        }
      } else {
        CHECK(Count(result.out, "\n5.000 ") == 0);
        CHECK(Count(result.out,
                    "\n6.000 Generic Image Stream #1 [100-1], Data record, "
                    "data_layout+image/raw = 16 bytes total.\n") == 1);
        CHECK(Count(result.out, " - Image block, image/raw/4x2/pixel=grey8, 8 bytes.\n") == 3);
      }

      // The image too short for its spec.
      std::string line = ErrorFor(result.err, RecordName(reader, "100-1", 3.0));
      CHECK_THAT(line, Catch::Contains("Image block of 8 bytes, only 5 bytes left"));
      if (!json) {
        CHECK(Count(result.out,
                    " - Image block, image/raw/4x2/pixel=grey8, 8 bytes.\n   Warning! "
                    "There are only 5 bytes left in this record, not enough for "
                    "this image. Recording bug?\n") == 1);
      }

      // A DataLayout block shorter than its fixed part.
      line = ErrorFor(result.err, RecordName(reader, "100-2", 2.5));
      CHECK_THAT(line, Catch::Contains("Failed to read content"));
      CHECK_THAT(line, Catch::Contains("data_layout"));
      // A last var-size index entry pointing past the end of the record.
      line = ErrorFor(result.err, RecordName(reader, "100-2", 3.5));
      CHECK_THAT(line, Catch::Contains("Failed to read content"));
      // An index entry pointing outside the var-size data: the piece reads as its default.
      line = ErrorFor(result.err, RecordName(reader, "100-2", 4.5));
      CHECK_THAT(line, Catch::Contains("piece 'values'"));
      CHECK_THAT(line, Catch::Contains("var-size index entry 0 (offset 50, length 8) pointing "
                                       "outside the 2 bytes of var-size data"));

      // A DataLayout definition that does not parse.
      line = ErrorFor(result.err, RecordName(reader, "100-3", 2.2));
      CHECK_THAT(line, Catch::Contains("Failed to read content"));
      CHECK_THAT(line, Catch::Contains("DL:Data:1:0 is not a valid DataLayout"));
      // A piece of unknown type is skipped, like the reference does: the bytes are left over.
      std::vector<std::string> lines = ErrorsFor(result.err, RecordName(reader, "100-4", 2.3));
      REQUIRE(lines.size() == 2);
      CHECK_THAT(lines[0], Catch::Contains("DL:Data:1:0: piece 'x' has an unknown type "
                                           "'DataPieceValue<nosuchtype>' and is skipped"));
      CHECK_THAT(lines[1], Catch::Contains("8 bytes left after the last block"));

      // An unknown pixel format: the image size is unknown.
      lines = ErrorsFor(result.err, RecordName(reader, "100-5", 2.4));
      REQUIRE(lines.size() == 2);
      CHECK_THAT(lines[0], Catch::Contains("RF:Data:1: unknown pixel format 'nosuchpixel'"));
      CHECK_THAT(lines[1], Catch::Contains("content block size unknown"));

      // A content block larger than the record: its size is unknown (spec 02 §3).
      line = ErrorFor(result.err, RecordName(reader, "100-6", 2.6));
      CHECK_THAT(line, Catch::Contains("content block size unknown (the block's 100 bytes do not "
                                       "fit in the 40 bytes left in the record)"));
      CHECK(Count(result.err, "  *** Content block size unknown! ***\n") == 2);

      // An unknown content type: a custom block, with a note.
      line = ErrorFor(result.err, RecordName(reader, "100-7", 2.7));
      CHECK_THAT(line, Catch::Contains("RF:Data:1: unknown content type 'nosuchblocktype', read "
                                       "as a custom block"));

      // No RecordFormat for a non-empty record; an empty one needs none.
      line = ErrorFor(result.err, RecordName(reader, "100-8", 2.9));
      CHECK_THAT(line, Catch::Contains("no RecordFormat definition"));
      CHECK(ErrorFor(result.err, "100-8 State record") == "");

      // The unreadable record: the container's error names the record and the stream.
      line =
          ErrorFor(result.err, "record #" + std::to_string(PositionAt(reader, 5.0)) + " (100-8,");
      CHECK_THAT(line, Catch::StartsWith("  *** Failed to read content: "));

      // No error for the good records, nor for an unknown content type (a custom block).
      for (double t : {1.0, 2.0, 6.0}) {
        CHECK(ErrorFor(result.err, "#" + std::to_string(PositionAt(reader, t))) == "");
      }
      for (double t : {1.5, 5.5}) {
        CHECK(ErrorFor(result.err, "#" + std::to_string(PositionAt(reader, t))) == "");
      }
      // One error line per problem, two for the unknown sizes.
      CHECK(Lines(result.err).size() == 15);
    }
  }
}

TEST_CASE("print: the blocks of bad records, as print shows them", "[print][bad-content]") {
  ScratchDir dir;
  std::string path = dir.File("bad.vrs");
  BuildBadContent(path);
  Output result = Run({"print", path, "+", "100-5", "+", "100-6", "+", "100-7", "+", "100-8"});
  CHECK(result.status == 0);
  CHECK(result.out ==
        "2.400 Generic Image Stream #5 [100-5], Data record, image/raw/4x2 = 8 bytes total.\n"
        " - Unsupported block, image/raw/4x2, size unknown.\n"
        "2.600 Generic Image Stream #6 [100-6], Data record, custom/size=100 = 40 bytes total.\n"
        " - Custom block, custom, size unknown.\n"
        "2.700 Generic Image Stream #7 [100-7], Data record, custom = 12 bytes total.\n"
        " - Custom block, custom/size=12, 12 bytes.\n"
        "2.800 Generic Image Stream #8 [100-8], State record, <no RecordFormat definition> = 0 "
        "bytes total.\n"
        "2.900 Generic Image Stream #8 [100-8], Data record, <no RecordFormat definition> = 10 "
        "bytes total.\n");

  result = Run({"print-json", path, "+", "100-5", "+", "100-6", "+", "100-7"});
  CHECK(result.out == R"({"record":{"timestamp":2.400,"device":"100-5","type":"Data","size":8}})"
                      "\n"
                      R"({"unsupported":"image/raw/4x2"})"
                      "\n"
                      R"({"record":{"timestamp":2.600,"device":"100-6","type":"Data","size":40}})"
                      "\n"
                      R"({"custom":"custom"})"
                      "\n"
                      R"({"record":{"timestamp":2.700,"device":"100-7","type":"Data","size":12}})"
                      "\n"
                      R"({"custom":"custom/size=12"})"
                      "\n");

  // A DataLayout piece outside the var-size data is unavailable, the string after it reads
  // normally.
  result = Run({"print", path, "+", "100-2", "--range", "4", "5"});
  CHECK(result.out ==
        "4.500 Generic Image Stream #2 [100-2], Data record, data_layout = 26 bytes total.\n"
        " - DataLayout:\n"
        "     count: 9\n"
        "     values: <unavailable>\n"
        "     label: \"ab\"\n");
}

TEST_CASE("print: pre-roll of a bad configuration is silent", "[print][bad-content]") {
  ScratchDir dir;
  std::string path = dir.File("bad.vrs");
  BuildBadContent(path);
  // The 100-1 configuration at 1.0 is pre-rolled: its image spec completes the data record.
  Output result = Run({"print", path, "+", "100-1", "--after", "5"});
  CHECK(result.err == "");
  CHECK(result.out ==
        "6.000 Generic Image Stream #1 [100-1], Data record, data_layout+image/raw = 16 bytes "
        "total.\n"
        " - DataLayout:\n"
        "     exposure: 6.5\n"
        " - Image block, image/raw/4x2/pixel=grey8, 8 bytes.\n");
  // Bad records pre-rolled print nothing, not even on stderr.
  result = Run({"print", path, "+", "100-2", "+", "100-3", "+", "100-8", "--after", "5"});
  CHECK(result.err == "");
  CHECK(Lines(result.out).size() == 5);
}

TEST_CASE("record-formats and rage on bad definitions", "[print][bad-content]") {
  ScratchDir dir;
  std::string path = dir.File("bad.vrs");
  BuildBadContent(path);
  Output result = Run({"record-formats", path, "+", "100-3", "+", "100-5"});
  CHECK(result.status == 0);
  CHECK(result.out ==
        "100-3 Generic Image Stream #3 Data v1: data_layout\n"
        "Content block 0: <no DataLayout>\n"
        "100-5 Generic Image Stream #5 Data v1: image/raw/4x2\n"
        "\n");

  result = Run({"rage", path});
  CHECK(result.status == 0);
  CHECK_THAT(result.out, Catch::Contains("\n\nFirst records:\n"));
  CHECK_THAT(result.out, Catch::Contains("1.000 Generic Image Stream #1 [100-1], Configuration "
                                         "record, data_layout = 12 bytes total.\n"));
  // The first record of each (stream, type): 100-2 at 1.5 is good, 100-5 is not.
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(ErrorFor(result.err, RecordName(reader, "100-5", 2.4)) != "");
  CHECK(ErrorFor(result.err, RecordName(reader, "100-2", 1.5)) == "");
}
