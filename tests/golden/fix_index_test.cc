// `vrsx fix-index` (spec 03 §9.1, §13.11; spec 01 §7.7): a truncated copy of sample_file.vrs gets a
// classic index written after its last complete record; an intact file is left byte for byte; a
// file written without an index (a crash before close) is repaired and reads the same records.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"

namespace {

using vrsx::testing::CliResult;
using vrsx::testing::GoldenFile;
using vrsx::testing::ReadBytes;
using vrsx::testing::RunCli;
using vrsx::testing::ScratchDir;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("fix-index repairs a truncated classic file", "[fix-index]") {
  ScratchDir scratch;
  std::vector<uint8_t> bytes = ReadBytes(GoldenFile("sample_file.vrs"));
  REQUIRE(bytes.size() > 60000);
  bytes.resize(60000);
  std::string path = scratch.Write("legacy.vrs", bytes);

  uint64_t last_good_end = 0;
  {
    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK_FALSE(reader.had_complete_index());
    for (const vrsx::RecordInfo& record : reader.index()) {
      last_good_end = std::max<uint64_t>(last_good_end, record.offset + record.disk_size);
    }
  }
  // The record cut by the truncation: 385 bytes, 256 missing (§13.11).
  CHECK(last_good_end == 60000 - (385 - 256));

  CliResult fix = RunCli({"fix-index", "legacy.vrs"}, scratch.path());
  INFO(fix.err);
  REQUIRE(fix.exit_code == 0);
  CHECK(fix.out == "VRS file: 'legacy.vrs', 59.6 KiB.\n");
  CHECK(Contains(fix.err, "Successfully created an index for 225 records."));

  CHECK(std::filesystem::file_size(path) == 61010);

  CliResult check = RunCli({"check", "legacy.vrs"}, scratch.path());
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(Contains(check.out,
                 "Found 3 streams, 225 records, 219 data records from 1493865.291 to "
                 "1493866.093 (802ms, 271.8rps).\n"));
  CHECK(Contains(check.out, ", no errors."));
  CHECK_FALSE(Contains(check.out + check.err, "Error"));

  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.warnings().empty());
  CHECK(reader.index().size() == 225);
  CHECK(reader.total_size() == 61010);

  // A second run finds the index complete and changes nothing.
  std::vector<uint8_t> repaired = ReadBytes(path);
  CliResult again = RunCli({"fix-index", "legacy.vrs"}, scratch.path());
  CHECK(again.exit_code == 0);
  CHECK(Contains(again.err, "The file's index seems fine, so the file won't be modified."));
  CHECK(ReadBytes(path) == repaired);
}

TEST_CASE("fix-index leaves an intact file unchanged", "[fix-index]") {
  ScratchDir scratch;
  std::vector<uint8_t> bytes = ReadBytes(GoldenFile("sample_file.vrs"));
  std::string path = scratch.Write("intact.vrs", bytes);
  CliResult fix = RunCli({"fix-index", "intact.vrs"}, scratch.path());
  CHECK(fix.exit_code == 0);
  CHECK(fix.out == "VRS file: 'intact.vrs', 81.1 KiB.\n");
  CHECK(Contains(fix.err, "The file's index seems fine, so the file won't be modified."));
  CHECK(ReadBytes(path) == bytes);
}

TEST_CASE("fix-index fails on an input it cannot open", "[fix-index]") {
  ScratchDir scratch;
  scratch.Write("not-vrs.bin", std::string(4096, 'x'));
  CliResult fix = RunCli({"fix-index", "not-vrs.bin"}, scratch.path());
  CHECK(fix.exit_code == 1);
  CHECK(fix.err == "Error: could not open not-vrs.bin\n");
}

TEST_CASE("Reader repair_index writes the index of a file closed without one", "[fix-index]") {
  using namespace vrsx::testing;
  ScratchDir scratch;
  BuilderOptions options;
  options.index = IndexLayout::kNone;
  VrsFileBuilder builder(options);
  builder.AddStream({1201, 1}, {{"user", "one"}});
  builder.AddStream({8010, 2});
  std::vector<uint8_t> payload(100, 7);
  for (int i = 0; i < 20; ++i) {
    builder.AddRecord({1201, 1}, RecordKind::kData, 10.0 + i * 0.1, payload);
    if (i % 4 == 0)
      builder.AddRecord({8010, 2}, RecordKind::kConfiguration, 10.0 + i * 0.1, payload);
  }
  builder.AddTagsRecord({300, 3}, {}, {{"late", "tag"}});
  builder.AddRecord({300, 3}, RecordKind::kState, 12.5, payload);
  builder.Finish();
  std::string path = scratch.Write("crashed.vrs", builder.bytes());

  std::vector<vrsx::RecordInfo> before;
  {
    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK_FALSE(reader.had_complete_index());
    before = reader.index();
  }
  {
    vrsx::Reader reader;
    vrsx::OpenOptions repair;
    repair.repair_index = true;
    REQUIRE(reader.Open(path, repair).ok());
    CHECK(reader.had_complete_index());
  }
  CHECK(std::filesystem::file_size(path) > builder.bytes().size());
  // Everything before the index is untouched but the index offset of the header (bytes 24-31).
  std::vector<uint8_t> after = ReadBytes(path);
  std::vector<uint8_t> original = builder.bytes();
  for (size_t i = 24; i < 32; ++i) after[i] = original[i];
  CHECK(std::equal(original.begin(), original.end(), after.begin()));

  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.warnings().empty());
  REQUIRE(reader.index().size() == before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    CHECK(reader.index()[i].offset == before[i].offset);
    CHECK(reader.index()[i].disk_size == before[i].disk_size);
    CHECK(reader.index()[i].stream == before[i].stream);
    CHECK(reader.index()[i].type == before[i].type);
    CHECK(reader.index()[i].timestamp == before[i].timestamp);
  }
  CHECK(reader.stream_tags(vrsx::StreamId{300, 3}).user.at("late") == "tag");
  std::vector<uint8_t> read;
  for (size_t i = 0; i < reader.index().size(); ++i) CHECK(reader.ReadRecord(i, read).ok());
}
