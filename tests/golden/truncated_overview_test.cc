// The overview of a recording cut by a crash (no index, the last record cut off): a stream's
// size is the sum of its complete records' sizes, as the reference prints it. The expected sums
// come from the independent file builder's records, not from the reader.
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "support/vrs_file_builder.h"
#include "tools/rendering/human_format.h"

namespace {

namespace vt = vrsx::testing;

// Interleaved records of a few KiB on two streams; the last record (stream 200) is the biggest.
vt::VrsFileBuilder& Build(vt::VrsFileBuilder& builder) {
  builder.AddStream({100, 1});
  builder.AddStream({200, 1});
  for (int i = 0; i < 6; ++i) {
    builder.AddRecord({100, 1}, vt::RecordKind::kData, i * 0.1,
                      std::vector<uint8_t>(3000 + size_t(i), uint8_t(i)));
    builder.AddRecord({200, 1}, vt::RecordKind::kData, i * 0.1 + 0.05,
                      std::vector<uint8_t>(1500 + size_t(i) * 700, uint8_t(i)));
  }
  builder.Finish();
  return builder;
}

// "[type-instance]" -> the sum of record sizes of the user records that end by `cut`.
std::map<std::string, uint64_t> CompleteSizes(const vt::VrsFileBuilder& builder, uint64_t cut) {
  std::map<std::string, uint64_t> sizes;
  for (const vt::BuiltRecord& record : builder.Records()) {
    if (record.record_type == uint8_t(vt::RecordKind::kTags)) continue;
    if (record.offset + record.record_size > cut) continue;
    sizes["[" + std::to_string(record.stream.type_id) + "-" +
          std::to_string(record.stream.instance_id) + "]"] += record.record_size;
  }
  return sizes;
}

// The overview's stream lines ("6 ... [100-1] records (...), 17.6 KiB."): "[100-1]" -> "17.6 KiB".
std::map<std::string, std::string> StreamSizeLines(const std::string& overview) {
  std::map<std::string, std::string> sizes;
  std::istringstream in(overview);
  for (std::string line; std::getline(in, line);) {
    size_t open = line.find(" [");
    size_t comma = line.rfind(", ");
    if (line.starts_with(" ") || open == std::string::npos || comma == std::string::npos) continue;
    size_t close = line.find(']', open);
    sizes[line.substr(open + 1, close - open)] =
        line.substr(comma + 2, line.size() - comma - 3);  // without the final '.'
  }
  return sizes;
}

// Cut `cut_into_last` bytes into the last user record, or `cut_into_index` bytes into the index
// record at the end (a crash while closing). Chunks of at most `max_chunk_size` bytes (0: one
// file), a split head in its own chunk.
void CheckCut(uint64_t cut_into_last,
              vt::BuilderOptions options = {.index = vt::IndexLayout::kNone},
              uint64_t max_chunk_size = 0, uint64_t cut_into_index = 0) {
  vt::VrsFileBuilder builder(options);
  Build(builder);
  const vt::BuiltRecord& last = builder.Records().back();
  REQUIRE(cut_into_last < last.record_size);
  uint64_t cut = last.offset + cut_into_last;
  if (cut_into_index > 0) {
    REQUIRE(builder.index_offset() == last.offset + last.record_size);
    cut = builder.index_offset() + cut_into_index;
    REQUIRE(cut < builder.bytes().size());
  }
  std::vector<uint8_t> bytes(builder.bytes().begin(), builder.bytes().begin() + int64_t(cut));

  vt::ScratchDir scratch;
  std::vector<uint64_t> cuts = builder.RecordBoundaryCuts(max_chunk_size);
  if (builder.head_size() > 0) cuts.push_back(builder.head_size());
  vt::WriteBytesAsChunks(scratch.File("cut.vrs"), bytes, cuts);
  vt::CliResult result = vt::RunCli({"cut.vrs"}, scratch.path());
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, std::string> printed = StreamSizeLines(result.out);
  std::map<std::string, uint64_t> expected = CompleteSizes(builder, cut);
  REQUIRE(printed.size() == 2);
  REQUIRE(expected.size() == 2);
  for (const auto& [stream, size] : expected) {
    INFO(stream << ": " << size << " bytes");
    CHECK(printed[stream] == vrsx::cli::HumanReadableSize(int64_t(size)));
  }

  vt::CliResult json = vt::RunCli({"json-description", "cut.vrs"}, scratch.path());
  for (const auto& [stream, size] : expected) {
    CHECK(json.out.find("\"stream_size\":" + std::to_string(size)) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("overview of a file cut in its last record's payload", "[overview][truncate]") {
  CheckCut(vt::kRecordHeaderSize + 1000);
}

TEST_CASE("overview of a file cut in its last record's header", "[overview][truncate]") {
  CheckCut(10);
}

TEST_CASE("overview of cut files of other layouts", "[overview][truncate]") {
  SECTION("front index, chunks") {
    CheckCut(1000, {.index = vt::IndexLayout::kFrontPreallocated, .interrupted = true}, 8000);
  }
  SECTION("split head") {
    CheckCut(1000, {.index = vt::IndexLayout::kSplitHead,
                    .interrupted = true,
                    .split_index_frame_entries = 4});
  }
  SECTION("split head, chunks") {
    CheckCut(1000, {.index = vt::IndexLayout::kSplitHead, .interrupted = true}, 8000);
  }
  SECTION("no index, chunks") {
    CheckCut(1000, {.index = vt::IndexLayout::kNone}, 8000);
  }
  SECTION("cut in the index at the end") {
    CheckCut(0, {}, 0, 50);
  }
}
