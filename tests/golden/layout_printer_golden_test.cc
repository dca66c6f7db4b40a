// DataLayout renderings against the reference's outputs (spec 02 §9): for every record of the
// golden files whose RecordFormat starts with a data_layout block, that block rendered by
// PrintLayoutCompact / PrintLayoutDetailed / LayoutJson must equal its lines in print.txt,
// print-details.txt and print-json.jsons; every "Content block" of record-formats.txt must equal
// LayoutDefinitionJson of its DL tag.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "support/text_lines.h"
#include "tools/rendering/layout_printer.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"

namespace {

using vrsx::DataLayoutBlock;
using vrsx::DataLayoutDefinition;
using vrsx::Reader;
using vrsx::RecordDetails;
using vrsx::RecordType;
using vrsx::Status;
using vrsx::StreamId;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::OpenOrFail;

std::vector<std::string> ReadLines(const std::string& path) {
  return vrsx::testing::Lines(vrsx::testing::ReadTextFile(path));
}

// One record of a print output: its header line and the lines of its content blocks.
struct PrintedRecord {
  std::string header;
  std::vector<std::string> blocks;
};

// Text outputs: a header starts in column 0, block lines with a space.
std::vector<PrintedRecord> SplitText(const std::vector<std::string>& lines) {
  std::vector<PrintedRecord> records;
  for (const std::string& line : lines) {
    if (!line.empty() && line[0] != ' ') {
      records.push_back({line, {}});
    } else if (!records.empty()) {
      records.back().blocks.push_back(line);
    }
  }
  return records;
}

// JSON outputs: one {"record":...} document per record, then one document per block.
std::vector<PrintedRecord> SplitJson(const std::vector<std::string>& lines) {
  std::vector<PrintedRecord> records;
  for (const std::string& line : lines) {
    if (line.starts_with("{\"record\":")) {
      records.push_back({line, {}});
    } else if (!records.empty()) {
      records.back().blocks.push_back(line);
    }
  }
  return records;
}

// The body of the first " - DataLayout:" block of a text record, one string with newlines.
std::string FirstTextLayout(const PrintedRecord& record) {
  std::string body;
  size_t i = 0;
  if (record.blocks.empty() || record.blocks[0] != " - DataLayout:") return "<no DataLayout>";
  for (i = 1; i < record.blocks.size() && record.blocks[i].starts_with("   "); ++i) {
    body += record.blocks[i];
    body += '\n';
  }
  return body;
}

std::string FirstJsonLayout(const PrintedRecord& record) {
  if (record.blocks.empty() || !record.blocks[0].starts_with("{\"data_layout\":")) {
    return "<no DataLayout>";
  }
  return record.blocks[0];
}

// "RF:Data:1", "DL:Data:1:0" (appends: g++ 12 -O3 warns falsely on "lit" + std::string).
std::string TagName(const char* kind, const std::string& type_version, const std::string& block) {
  std::string name = kind;
  name += type_version;
  name += block;
  return name;
}

bool StartsWithDataLayout(const std::string& record_format) {
  return record_format.substr(0, record_format.find_first_of("+/")) == "data_layout";
}

// "<t> <Name #inst> [<R-N>], <Type> record, ..." or {"record":{...,"device":"<R-N>","type":...}}
bool HeaderMatches(const std::string& header, StreamId stream, RecordType type, bool json) {
  std::string expected;
  if (json) {
    expected = "\"device\":\"";
    expected += stream.NumericName();
    expected += "\",\"type\":\"";
    expected += vrsx::RecordTypeName(type);
    expected += '"';
  } else {
    expected = "[";
    expected += stream.NumericName();
    expected += "], ";
    expected += vrsx::RecordTypeName(type);
    expected += " record,";
  }
  return header.find(expected) != std::string::npos;
}

}  // namespace

TEST_CASE("layout_printer: golden DataLayout blocks render like the reference",
          "[layout_printer][golden]") {
  size_t blocks = 0;
  for (const std::string& name : GoldenRecordings()) {
    Reader reader;
    OpenOrFail(reader, GoldenFile(name));
    std::vector<PrintedRecord> compact = SplitText(ReadLines(ExpectedDir(name) + "/print.txt"));
    std::vector<PrintedRecord> detailed =
        SplitText(ReadLines(ExpectedDir(name) + "/print-details.txt"));
    std::vector<PrintedRecord> json = SplitJson(ReadLines(ExpectedDir(name) + "/print-json.jsons"));
    REQUIRE(compact.size() == reader.index().size());
    REQUIRE(detailed.size() == reader.index().size());
    REQUIRE(json.size() == reader.index().size());

    std::map<std::pair<StreamId, std::string>, DataLayoutDefinition> layouts;
    vrsx::cli::PropertyTextState properties;  // one per run, as in the reference
    std::vector<uint8_t> payload;
    for (size_t pos = 0; pos < reader.index().size(); ++pos) {
      const vrsx::RecordInfo& record = reader.index()[pos];
      INFO(name << " record #" << pos << ": " << compact[pos].header);
      REQUIRE(HeaderMatches(compact[pos].header, record.stream, record.type, false));
      REQUIRE(HeaderMatches(detailed[pos].header, record.stream, record.type, false));
      REQUIRE(HeaderMatches(json[pos].header, record.stream, record.type, true));
      RecordDetails details;
      REQUIRE(reader.ReadRecordDetails(pos, details).ok());
      std::string type_version = std::string(vrsx::RecordTypeName(record.type)) + ":" +
                                 std::to_string(details.format_version);
      const vrsx::TagMap& tags = reader.stream_tags(record.stream).vrs;
      auto rf = tags.find(TagName("RF:", type_version, ""));
      if (rf == tags.end() || !StartsWithDataLayout(rf->second)) continue;
      auto dl = tags.find(TagName("DL:", type_version, ":0"));
      REQUIRE(dl != tags.end());
      auto [it, added] = layouts.try_emplace({record.stream, dl->first});
      if (added) REQUIRE(DataLayoutDefinition::Parse(dl->second, it->second).ok());

      REQUIRE(reader.ReadRecord(pos, payload).ok());
      DataLayoutBlock block(it->second);
      REQUIRE(block.Bind(payload.data(), payload.size()).ok());

      std::ostringstream compact_text;
      vrsx::cli::PrintLayoutCompact(block, compact_text);
      CHECK(compact_text.str() == FirstTextLayout(compact[pos]));
      std::ostringstream detailed_text;
      vrsx::cli::PrintLayoutDetailed(block, detailed_text, vrsx::cli::kDefaultPrintWidth,
                                     &properties);
      CHECK(detailed_text.str() == FirstTextLayout(detailed[pos]));
      CHECK(vrsx::cli::LayoutJson(block, vrsx::cli::LayoutJsonProfile::kPrint) ==
            FirstJsonLayout(json[pos]));
      ++blocks;
    }
  }
  CHECK(blocks > 1000);
}

TEST_CASE("layout_printer: record-formats content blocks render like the reference",
          "[layout_printer][golden]") {
  size_t checked = 0;
  for (const std::string& name : GoldenRecordings()) {
    Reader reader;
    REQUIRE(reader.Open(GoldenFile(name)).ok());
    std::vector<std::string> lines = ReadLines(ExpectedDir(name) + "/record-formats.txt");
    // "<R-N> <Name #inst> <Type> v<version>: <RF>", then "Content block <i>: {" ... "}".
    std::string stream_name;
    std::string type_version;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty()) continue;
      if (!line.starts_with("Content block ")) {
        size_t v = line.rfind(" v", line.find(": "));
        size_t type_start = line.rfind(' ', v - 1) + 1;
        stream_name = line.substr(0, line.find(' '));
        type_version = line.substr(type_start, v - type_start) + ":" +
                       line.substr(v + 2, line.find(": ") - v - 2);
        continue;
      }
      size_t colon = line.find(": ");
      std::string index = line.substr(14, colon - 14);
      std::string expected = line.substr(colon + 2);
      if (expected == "{") {
        while (++i < lines.size()) {
          expected += '\n';
          expected += lines[i];
          if (lines[i] == "}") break;
        }
      }
      INFO(name << " " << stream_name << " " << type_version << " block " << index);
      std::optional<StreamId> stream = StreamId::FromNumericName(stream_name);
      REQUIRE(stream.has_value());
      const vrsx::TagMap& tags = reader.stream_tags(*stream).vrs;
      auto dl = tags.find(TagName("DL:", type_version, std::string(1, ':').append(index)));
      REQUIRE(dl != tags.end());
      DataLayoutDefinition layout;
      REQUIRE(DataLayoutDefinition::Parse(dl->second, layout).ok());
      CHECK(vrsx::cli::LayoutDefinitionJson(layout) == expected);
      ++checked;
    }
  }
  CHECK(checked == 128);
}
