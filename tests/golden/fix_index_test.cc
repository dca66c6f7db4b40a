// `vrsx fix-index` (spec 03 §9.1, §13.11; spec 01 §7.7): a truncated copy of sample_file.vrs gets a
// classic index written after its last complete record; an intact file is left byte for byte; a
// file written without an index (a crash before close) is repaired and reads the same records;
// an interrupted split-head recording gets its split index rewritten in chunk 0 (and `recover`
// reads it from its body chunks).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"
#include "vrsx/recovery.h"

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

TEST_CASE("RepairIndex writes the index of a file closed without one", "[fix-index]") {
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
    vrsx::IndexRepairResult repair;
    REQUIRE(vrsx::RepairIndex(path, repair).ok());
    CHECK(repair.repaired);
    CHECK_FALSE(repair.index_was_complete);
    CHECK(repair.records == before.size() + 1);  // the tags record is indexed too
    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK(reader.had_complete_index());
    vrsx::IndexRepairResult again;
    REQUIRE(vrsx::RepairIndex(path, again).ok());
    CHECK(again.index_was_complete);
    CHECK_FALSE(again.repaired);
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

namespace {

// A split-head recording (spec 01 §1 layout C) interrupted before close: chunk 0 holds the file
// header, the description and a split index record still 32 bytes long (followed by the entry
// frames flushed every 10 records), firstUserRecordOffset is 0, user records are in chunks 1...
struct SplitHeadCrash {
  std::vector<std::string> chunks;
  std::vector<vrsx::testing::ExpectedEntry> expected;  // the records, reader order
  uint64_t index_offset = 0;
};

SplitHeadCrash WriteSplitHeadCrash(const std::string& path, bool cut_last_record) {
  using namespace vrsx::testing;
  BuilderOptions options;
  options.index = IndexLayout::kSplitHead;
  options.interrupted = true;
  options.split_index_frame_entries = 10;
  VrsFileBuilder builder(options);
  builder.SetFileTag("purpose", "split head crash");
  builder.AddStream({1201, 1}, {{"user", "one"}});
  builder.AddStream({241, 1});
  for (int i = 0; i < 45; ++i) {
    std::vector<uint8_t> payload(40 + size_t(i) * 37, uint8_t(i));
    RecordOptions record_options;
    if (i % 3 == 0) record_options.codec = Codec::kZstd;
    builder.AddRecord({1201, 1}, i == 0 ? RecordKind::kConfiguration : RecordKind::kData,
                      1.0 + i * 0.01, payload, record_options);
    if (i % 5 == 0) builder.AddRecord({241, 1}, RecordKind::kData, 1.0 + i * 0.01, payload);
  }
  builder.Finish();
  SplitHeadCrash crash;
  crash.index_offset = builder.index_offset();
  crash.expected = builder.ExpectedIndex();
  std::vector<uint8_t> bytes = builder.bytes();
  if (cut_last_record) {
    // The last record was being written: half of it is on disk.
    const BuiltRecord& last = builder.Records().back();
    bytes.resize(last.offset + last.record_size / 2);
    auto last_in_index =
        std::find_if(crash.expected.begin(), crash.expected.end(),
                     [&](const ExpectedEntry& e) { return e.offset == last.offset; });
    REQUIRE(last_in_index != crash.expected.end());
    crash.expected.erase(last_in_index);
  }
  std::vector<uint64_t> cuts = builder.RecordBoundaryCuts(3000);
  cuts.push_back(builder.head_size());
  crash.chunks = WriteBytesAsChunks(path, bytes, cuts);
  return crash;
}

}  // namespace

TEST_CASE("fix-index rewrites the split index of an interrupted split-head file", "[fix-index]") {
  namespace le = vrsx::testing::le;
  for (bool cut_last_record : {false, true}) {
    CAPTURE(cut_last_record);
    ScratchDir scratch;
    std::string path = scratch.File("split.vrs");
    SplitHeadCrash crash = WriteSplitHeadCrash(path, cut_last_record);
    REQUIRE(crash.chunks.size() > 2);
    std::vector<std::vector<uint8_t>> body_before;
    for (size_t k = 1; k < crash.chunks.size(); ++k)
      body_before.push_back(ReadBytes(crash.chunks[k]));
    {
      vrsx::Reader reader;
      REQUIRE(reader.Open(path).ok());
      CHECK_FALSE(reader.had_complete_index());
      CHECK(reader.index().size() == crash.expected.size());
    }

    CliResult fix = RunCli({"fix-index", "split.vrs"}, scratch.path());
    INFO(fix.err);
    REQUIRE(fix.exit_code == 0);
    CHECK(Contains(fix.err, "Successfully created an index for " +
                                std::to_string(crash.expected.size()) + " records."));

    // Chunk 0 ends with the index: one zstd frame of 19-byte entries (spec 01 §7.6 case C).
    std::vector<uint8_t> head = ReadBytes(crash.chunks[0]);
    REQUIRE(head.size() > crash.index_offset + 32);
    const uint8_t* index = head.data() + crash.index_offset;
    CHECK(le::U32(index) == head.size() - crash.index_offset);  // recordSize
    CHECK(le::I32(index + 8) == 1);                             // VRSIndex
    CHECK(le::U32(index + 12) == 3);                            // split format
    CHECK(index[27] == 2);                                      // zstd
    CHECK(le::U32(index + 28) == 19 * crash.expected.size());
    CHECK(le::U32(index + 32) == 0xFD2FB528);                         // the frame's magic
    CHECK(le::I64(head.data() + 24) == int64_t(crash.index_offset));  // indexRecordOffset
    CHECK(le::I64(head.data() + 40) == int64_t(head.size()));         // firstUserRecordOffset
    // The body chunks are untouched.
    for (size_t k = 1; k < crash.chunks.size(); ++k) {
      CHECK(ReadBytes(crash.chunks[k]) == body_before[k - 1]);
    }

    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK(reader.had_complete_index());
    CHECK(reader.warnings().empty());
    REQUIRE(reader.index().size() == crash.expected.size());
    std::vector<uint8_t> payload;
    for (size_t i = 0; i < crash.expected.size(); ++i) {
      const vrsx::RecordInfo& record = reader.index()[i];
      CHECK(record.timestamp == crash.expected[i].timestamp);
      CHECK(record.stream.type_id == crash.expected[i].stream.type_id);
      CHECK(record.stream.instance_id == crash.expected[i].stream.instance_id);
      CHECK(int(record.type) == int(crash.expected[i].record_type));
      CHECK(record.disk_size == crash.expected[i].record_size);
      CHECK(reader.ReadRecord(i, payload).ok());
    }
    CHECK(reader.file_tags().at("purpose") == "split head crash");

    CliResult check = RunCli({"check", "split.vrs"}, scratch.path());
    CHECK(check.exit_code == 0);
    CHECK(Contains(check.out, "Checked " + std::to_string(crash.expected.size()) + " records in "));
    CHECK(Contains(check.out, ", no errors.\n"));

    CliResult again = RunCli({"fix-index", "split.vrs"}, scratch.path());
    CHECK(again.exit_code == 0);
    CHECK(Contains(again.err, "The file's index seems fine, so the file won't be modified."));
    CHECK(ReadBytes(crash.chunks[0]) == head);
  }
}

TEST_CASE("recover reads an interrupted split-head file from its body chunks", "[recover]") {
  for (bool cut_last_record : {false, true}) {
    CAPTURE(cut_last_record);
    ScratchDir scratch;
    SplitHeadCrash crash = WriteSplitHeadCrash(scratch.File("split.vrs"), cut_last_record);
    CliResult recover = RunCli({"recover", "split.vrs", "--to", "out.vrs"}, scratch.path());
    INFO(recover.out << recover.err);
    // The entry frames left in chunk 0 are index data, not damage.
    CHECK(recover.exit_code == (cut_last_record ? 3 : 0));
    vrsx::Reader reader;
    REQUIRE(reader.Open(scratch.File("out.vrs")).ok());
    CHECK(reader.had_complete_index());
    CHECK(reader.chunks().size() == 1);
    REQUIRE(reader.index().size() == crash.expected.size());
    std::vector<uint8_t> payload;
    for (size_t i = 0; i < crash.expected.size(); ++i) {
      CHECK(reader.index()[i].timestamp == crash.expected[i].timestamp);
      CHECK(reader.index()[i].stream.type_id == crash.expected[i].stream.type_id);
      CHECK(reader.index()[i].disk_size == crash.expected[i].record_size);
      CHECK(reader.ReadRecord(i, payload).ok());
    }
    CliResult check = RunCli({"check", "out.vrs"}, scratch.path());
    CHECK(Contains(check.out, ", no errors.\n"));
  }
}

// A split-head recording copied into one file (chunk 0 and the body merged): the split index
// record stays between the description and the first user record, so the classic index written
// after the last record needs firstUserRecordOffset to place its entries (spec 01 §7.5).
TEST_CASE("fix-index on an interrupted split head merged into one file", "[fix-index]") {
  using namespace vrsx::testing;
  namespace le = vrsx::testing::le;
  ScratchDir scratch;
  BuilderOptions options;
  options.index = IndexLayout::kSplitHead;
  options.interrupted = true;
  VrsFileBuilder builder(options);
  builder.AddStream({241, 1});
  std::vector<uint8_t> payload(100, 7);
  for (int i = 0; i < 20; ++i) builder.AddRecord({241, 1}, RecordKind::kData, 1.0 + i, payload);
  builder.Finish();
  std::string path = scratch.File("merged.vrs");
  builder.WriteFile(path);
  CliResult fix = RunCli({"fix-index", "merged.vrs"}, scratch.path());
  INFO(fix.err);
  CHECK(fix.exit_code == 0);
  CliResult check = RunCli({"check", "merged.vrs"}, scratch.path());
  INFO(check.out << check.err);
  CHECK(Contains(check.out, "Checked 20 records in "));
  CHECK(Contains(check.out, ", no errors.\n"));
  std::vector<uint8_t> bytes = ReadBytes(path);
  CHECK(le::I64(bytes.data() + 40) == int64_t(builder.Records().front().offset));
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.index().size() == 20);
}
