// vrsx::Recover, the library call behind `vrsx recover` (docs/recover.md), on files made by the
// independent VrsFileBuilder and damaged here at known offsets: what it keeps, the damaged
// regions it reports (to its callback too), and the inputs it refuses.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/two_stream_sample.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"
#include "vrsx/recovery.h"

namespace {

using namespace vrsx::testing;
using vrsx::DamagedRegion;
using vrsx::DamageReason;
using vrsx::RecoverOptions;
using vrsx::RecoverOutcome;
using vrsx::RecoverResult;

// A classic file: 12 records alternating a zstd camera record and a raw IMU record.
struct Sample {
  std::vector<uint8_t> bytes;
  std::vector<BuiltRecord> records;
};

Sample MakeSample() {
  VrsFileBuilder builder;
  AddTwoStreamSample(builder);
  builder.Finish();
  return {builder.bytes(), builder.Records()};
}

// Recover with a callback that collects the regions it is given.
struct Run {
  vrsx::Status status;
  RecoverResult result;
  std::vector<DamagedRegion> reported;
};

Run Recover(const std::string& input, const std::string& output) {
  Run run;
  RecoverOptions options;
  options.on_damaged_region = [&](const DamagedRegion& region) { run.reported.push_back(region); };
  run.status = vrsx::Recover(input, output, options, run.result);
  return run;
}

bool SameRegions(const std::vector<DamagedRegion>& a, const std::vector<DamagedRegion>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].offset != b[i].offset || a[i].size != b[i].size || a[i].reason != b[i].reason ||
        a[i].what != b[i].what) {
      return false;
    }
  }
  return true;
}

size_t RecordCount(const std::string& path) {
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  return reader.index().size();
}

uint64_t RecordBytes(const std::vector<BuiltRecord>& records) {
  uint64_t total = 0;
  for (const BuiltRecord& record : records) total += record.record_size;
  return total;
}

}  // namespace

TEST_CASE("Recover: an intact file loses nothing", "[recover]") {
  TempDir dir;
  Sample sample = MakeSample();
  WriteBytesToFile(dir.File("in.vrs"), sample.bytes);
  Run run = Recover(dir.File("in.vrs"), dir.File("out.vrs"));
  REQUIRE(run.status.ok());
  const RecoverResult& result = run.result;
  CHECK(result.outcome == RecoverOutcome::kAllRecovered);
  CHECK(result.records_kept == sample.records.size());
  CHECK(result.records_lost == 0);
  CHECK(result.bytes_kept == RecordBytes(sample.records));
  CHECK(result.bytes_lost == 0);
  CHECK(result.streams == 2);
  CHECK(result.damaged.empty());
  CHECK(result.messages.empty());
  CHECK(run.reported.empty());
  CHECK(RecordCount(dir.File("out.vrs")) == sample.records.size());
}

TEST_CASE("Recover: an overwritten payload and inserted garbage, each a region", "[recover]") {
  TempDir dir;
  Sample sample = MakeSample();
  const BuiltRecord& victim = sample.records[2];
  const BuiltRecord& after = sample.records[9];  // garbage goes right before it
  REQUIRE(victim.compression_type == 2);
  REQUIRE(sample.records[8].compression_type == 2);  // checked: not distrusted by the garbage
  std::vector<uint8_t> bytes = sample.bytes;
  // The whole zstd frame, magic included: it can't decode.
  std::fill(bytes.begin() + int64_t(victim.offset + kRecordHeaderSize),
            bytes.begin() + int64_t(victim.offset + victim.record_size), uint8_t(0xff));
  std::vector<uint8_t> garbage(100);
  for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = uint8_t(i * 37 + 11);
  bytes.insert(bytes.begin() + int64_t(after.offset), garbage.begin(), garbage.end());
  WriteBytesToFile(dir.File("in.vrs"), bytes);

  Run run = Recover(dir.File("in.vrs"), dir.File("out.vrs"));
  REQUIRE(run.status.ok());
  const RecoverResult& result = run.result;
  CHECK(result.outcome == RecoverOutcome::kSomeLost);
  CHECK(result.records_kept == sample.records.size() - 1);
  CHECK(result.records_lost == 1);  // the victim; the garbage was between two records
  REQUIRE(result.damaged.size() == 2);
  CHECK(result.damaged[0].offset == victim.offset);
  CHECK(result.damaged[0].size == victim.record_size);
  CHECK(result.damaged[0].reason == DamageReason::kBadPayload);
  CHECK(result.damaged[0].what == "record of 1201-1 has a bad payload");
  CHECK(result.damaged[1].offset == after.offset);  // shifted by nothing: it's before the garbage
  CHECK(result.damaged[1].size == garbage.size());
  CHECK(result.damaged[1].reason == DamageReason::kBrokenChain);
  CHECK(result.bytes_lost == victim.record_size + garbage.size());
  CHECK(result.bytes_kept == RecordBytes(sample.records) - victim.record_size);
  CHECK(SameRegions(run.reported, result.damaged));  // once per region, in file order
  CHECK_FALSE(result.messages.empty());
  CHECK(RecordCount(dir.File("out.vrs")) == sample.records.size() - 1);
}

TEST_CASE("Recover: a cut file loses the record the cut is in", "[recover]") {
  TempDir dir;
  Sample sample = MakeSample();
  const BuiltRecord& cut = sample.records[10];
  std::vector<uint8_t> bytes(sample.bytes.begin(),
                             sample.bytes.begin() + int64_t(cut.offset + kRecordHeaderSize + 4));
  WriteBytesToFile(dir.File("in.vrs"), bytes);
  Run run = Recover(dir.File("in.vrs"), dir.File("out.vrs"));
  REQUIRE(run.status.ok());
  CHECK(run.result.outcome == RecoverOutcome::kSomeLost);
  CHECK(run.result.records_kept == 10);
  CHECK(run.result.records_lost == 1);
  REQUIRE(run.result.damaged.size() == 1);
  CHECK(run.result.damaged[0].offset == cut.offset);
  CHECK(run.result.damaged[0].end() == bytes.size());
  CHECK(run.result.damaged[0].reason == DamageReason::kTruncated);
  CHECK(SameRegions(run.reported, run.result.damaged));
  CHECK(RecordCount(dir.File("out.vrs")) == 10);
}

TEST_CASE("Recover: only the description left is nothing recovered", "[recover]") {
  TempDir dir;
  Sample sample = MakeSample();
  const BuiltRecord& first = sample.records[0];
  std::vector<uint8_t> bytes(sample.bytes.begin(),
                             sample.bytes.begin() + int64_t(first.offset + first.record_size - 1));
  WriteBytesToFile(dir.File("in.vrs"), bytes);
  Run run = Recover(dir.File("in.vrs"), dir.File("out.vrs"));
  REQUIRE(run.status.ok());
  CHECK(run.result.outcome == RecoverOutcome::kNothingRecovered);
  CHECK(run.result.records_kept == 0);
  CHECK(run.result.damaged.size() == 1);
  CHECK(RecordCount(dir.File("out.vrs")) == 0);
}

TEST_CASE("Recover: not a VRS file is an error naming it, and nothing is written", "[recover]") {
  TempDir dir;
  std::string input = dir.File("text.vrs");
  WriteBytesToFile(input, std::vector<uint8_t>(4096, 'x'));
  Run run = Recover(input, dir.File("out.vrs"));
  CHECK_FALSE(run.status.ok());
  CHECK(run.status.code() == vrsx::ErrorCode::kNotVrsFile);
  CHECK(run.status.message().find(input) != std::string::npos);
  CHECK(run.result.outcome == RecoverOutcome::kNothingRecovered);
  CHECK(run.reported.empty());
  CHECK_FALSE(std::filesystem::exists(dir.File("out.vrs")));

  Run missing = Recover(dir.File("missing.vrs"), dir.File("out.vrs"));
  CHECK(missing.status.code() == vrsx::ErrorCode::kNotFound);
  CHECK(missing.status.message().find(dir.File("missing.vrs")) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.File("out.vrs")));
}

TEST_CASE("Recover refuses to write over its input or one of its chunks", "[recover]") {
  TempDir dir;
  Sample sample = MakeSample();
  std::string input = dir.File("in.vrs");
  std::vector<std::string> chunks =
      WriteBytesAsChunks(input, sample.bytes, {sample.records[5].offset});
  REQUIRE(chunks.size() == 2);
  for (const std::string& output : chunks) {
    CAPTURE(output);
    Run run = Recover(input, output);
    CHECK(run.status.code() == vrsx::ErrorCode::kInvalidArgument);
    CHECK(run.status.message().find("is the input file") != std::string::npos);
  }
  std::vector<uint8_t> read_back;
  for (const std::string& chunk : chunks) {
    std::vector<uint8_t> bytes(std::filesystem::file_size(chunk));
    FILE* file = std::fopen(chunk.c_str(), "rb");
    REQUIRE(file != nullptr);
    CHECK(std::fread(bytes.data(), 1, bytes.size(), file) == bytes.size());
    std::fclose(file);
    read_back.insert(read_back.end(), bytes.begin(), bytes.end());
  }
  CHECK(read_back == sample.bytes);  // untouched
}
