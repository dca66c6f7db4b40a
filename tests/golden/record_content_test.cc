// Content blocks of every record of the golden files (spec 02 §3, §6; 03-cli §4.4): every record
// with a RecordFormat is consumed exactly, and the block lines derived from the decoded blocks
// equal those of the reference's `print` and `print-details` outputs, record by record.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

using vrsx::BlockKind;
using vrsx::ContentEnd;
using vrsx::DecodedBlock;
using vrsx::Reader;
using vrsx::RecordContent;
using vrsx::RecordContentDecoder;
using vrsx::StreamFormats;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::OpenOrFail;

// One record of a `print` output: its header fields and its block lines.
struct PrintedRecord {
  std::string header;
  std::string stream;  // "200-1"
  std::string type;    // "Data"
  std::string record_format;
  std::string size;
  std::vector<std::string> block_lines;
};

// Header: `<t> <Name #inst> [<R-N>], <Type> record, <RF> = <size> bytes total.`
bool ParseHeader(const std::string& line, PrintedRecord& record) {
  size_t close = line.find("], ");
  if (close == std::string::npos) return false;
  size_t open = line.rfind('[', close);
  size_t type_end = line.find(" record, ", close);
  size_t equals = line.rfind(" = ");
  if (open == std::string::npos || type_end == std::string::npos || equals == std::string::npos ||
      equals < type_end || !line.ends_with(" bytes total.")) {
    return false;
  }
  record.header = line;
  record.stream = line.substr(open + 1, close - open - 1);
  record.type = line.substr(close + 3, type_end - close - 3);
  size_t rf_start = type_end + 9;
  record.record_format = line.substr(rf_start, equals - rf_start);
  size_t size_start = equals + 3;
  record.size = line.substr(size_start, line.size() - size_start - 13);
  return true;
}

// Block lines are those naming a block or warning about one; DataLayout lines are left out.
bool IsBlockLine(const std::string& line) {
  return (line.starts_with(" - ") && line.find(" block, ") != std::string::npos) ||
         line.starts_with("   Warning!");
}

std::vector<PrintedRecord> ReadPrinted(const std::string& path) {
  std::ifstream in(path);
  INFO(path);
  REQUIRE(in.good());
  std::vector<PrintedRecord> records;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ') {
      PrintedRecord record;
      INFO(line);
      REQUIRE(ParseHeader(line, record));
      records.push_back(std::move(record));
    } else if (IsBlockLine(line)) {
      REQUIRE_FALSE(records.empty());
      records.back().block_lines.push_back(line);
    }
  }
  return records;
}

// The lines `print` shows for the blocks we decoded (03-cli §4.4).
std::vector<std::string> BlockLines(const RecordContent& content) {
  std::vector<std::string> lines;
  for (const DecodedBlock& block : content.blocks) {
    if (block.kind == BlockKind::kDataLayout || block.kind == BlockKind::kEmpty) continue;
    std::string line = " - ";
    line += vrsx::BlockKindName(block.kind);
    line += " block, ";
    line += block.Text();
    if (block.size) {
      line += ", ";
      line += std::to_string(*block.size);
      line += " bytes.";
    } else {
      line += ", size unknown.";
    }
    lines.push_back(line);
    if (block.kind == BlockKind::kImage && content.end == ContentEnd::kImageTooLarge &&
        &block == &content.blocks.back()) {
      line = "   Warning! There are only ";
      line += std::to_string(block.data.size());
      line += " bytes left in this record, not enough for this image. Recording bug?";
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace

TEST_CASE("record_content: golden records decode like the reference prints them",
          "[content][golden]") {
  for (const std::string& name : GoldenRecordings()) {
    for (const char* output : {"print.txt", "print-details.txt"}) {
      INFO(name << " " << output);
      Reader reader;
      OpenOrFail(reader, GoldenFile(name));
      std::vector<PrintedRecord> printed = ReadPrinted(ExpectedDir(name) + "/" + output);
      // print lists every record, in index order.
      REQUIRE(printed.size() == reader.index().size());

      StreamFormats formats(reader);
      RecordContentDecoder decoder(formats);
      RecordContent content;
      std::vector<uint8_t> payload;
      size_t with_format = 0;
      size_t block_lines = 0;
      for (size_t pos = 0; pos < reader.index().size(); ++pos) {
        const PrintedRecord& expected = printed[pos];
        INFO("record #" << pos << ": " << expected.header);
        REQUIRE(decoder.ReadAndDecode(reader, pos, payload, content).ok());
        const vrsx::RecordInfo& info = reader.index()[pos];
        CHECK(info.stream.NumericName() == expected.stream);
        CHECK(vrsx::RecordTypeName(info.type) == expected.type);
        CHECK(std::to_string(payload.size()) == expected.size);
        CHECK(content.format_text() == expected.record_format);
        if (content.end != ContentEnd::kNoRecordFormat) {
          ++with_format;
          INFO(content.message);
          CHECK(content.end == ContentEnd::kComplete);
          CHECK(content.bytes_left == 0);
        }
        std::vector<std::string> lines = BlockLines(content);
        CHECK(lines == expected.block_lines);
        block_lines += lines.size();
      }
      CHECK(with_format > 0);
      CHECK(block_lines > 0);
    }
  }
}

TEST_CASE("record_content: golden definitions are all valid", "[content][golden]") {
  for (const std::string& name : GoldenRecordings()) {
    INFO(name);
    Reader reader;
    REQUIRE(reader.Open(GoldenFile(name)).ok());
    StreamFormats formats(reader);
    CHECK(formats.size() > 0);
    for (vrsx::StreamId stream : reader.streams()) {
      for (const vrsx::RecordFormatDefinition* definition : formats.StreamDefinitions(stream)) {
        INFO(stream.NumericName() << " " << definition->tag_name);
        CHECK(definition->text == reader.stream_tags(stream).vrs.at(definition->tag_name));
        for (size_t i = 0; i < definition->layouts.size(); ++i) {
          const vrsx::DataLayoutSlot& slot = definition->layouts[i];
          bool is_layout = definition->format.blocks()[i].type == vrsx::ContentType::kDataLayout;
          INFO(slot.error);
          CHECK((slot.layout != nullptr) == is_layout);
        }
      }
    }
  }
}
