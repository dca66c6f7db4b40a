// The public Copy and Merge (vrsx/copy.h) on the golden recordings: a copy holds the same records
// as its source (RecordsChecksum), and the copy-/merge- cases of cli-cases.json, done through the
// library, give the reference's output checksums.
#include "vrsx/copy.h"

#include <catch2/catch.hpp>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/record_filter.h"

namespace {

using vrsx::CopyOptions;
using vrsx::testing::GoldenFile;
using vrsx::testing::OpenOrFail;
using vrsx::testing::ScratchDir;

std::string Checksum(const std::string& path, const vrsx::RecordFilter* filter = nullptr) {
  vrsx::Reader reader;
  OpenOrFail(reader, path);
  vrsx::ChecksumResult sum;
  REQUIRE(vrsx::RecordsChecksum(reader, filter, sum).ok());
  return sum.checksum;
}

// A field of a cli-cases.json case.
std::string CaseField(const std::string& case_name, const std::string& field) {
  nlohmann::json json = nlohmann::json::parse(
      vrsx::testing::ReadTextFile(vrsx::testing::ExpectedDir("cli-cases.json")));
  for (const nlohmann::json& c : json.at("cases")) {
    if (c.at("name") == case_name) return c.at(field).get<std::string>();
  }
  FAIL("no case " << case_name);
  return {};
}

// The reference's `checksum` of the file a copy or merge case wrote.
std::string ReferenceOutputChecksum(const std::string& case_name) {
  return CaseField(case_name, "output_checksum");
}

std::vector<std::string> GoldenFiles(std::initializer_list<const char*> names) {
  std::vector<std::string> paths;
  for (const char* name : names) paths.push_back(GoldenFile(name));
  return paths;
}

}  // namespace

TEST_CASE("Copy of each golden recording holds the same records", "[copy]") {
  ScratchDir scratch;
  for (const std::string& name : vrsx::testing::GoldenRecordings()) {
    INFO(name);
    vrsx::CopyResult result;
    vrsx::Status status = vrsx::Copy(GoldenFile(name), scratch.File(name), {}, &result);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(Checksum(scratch.File(name)) == Checksum(GoldenFile(name)));
    CHECK(result.warnings.empty());
  }
}

TEST_CASE("Copy and Merge through the library give the reference's copy and merge outputs",
          "[copy]") {
  ScratchDir scratch;
  const std::string out = scratch.File("out.vrs");
  CopyOptions options;
  SECTION("copy-default") {
    REQUIRE(vrsx::Copy(GoldenFile("sample_file.vrs"), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("copy-default"));
  }
  SECTION("copy-filter: + 200-1 --range +0.1 +0.7") {
    options.filter.Include("200-1");
    options.filter.after = vrsx::FilterTime::FromFirst(0.1);
    options.filter.before = vrsx::FilterTime::FromFirst(0.7);
    REQUIRE(vrsx::Copy(GoldenFile("sample_file.vrs"), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("copy-filter"));
  }
  SECTION("copy-compress-none") {
    options.compression = vrsx::CompressionPreset::kNone;
    REQUIRE(vrsx::Copy(GoldenFile("gen-lz4fast.vrs"), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("copy-compress-none"));
  }
  SECTION("copy-tags") {
    options.file_tag_edits.push_back({"date", "April 1, 2022"});
    options.stream_tag_edits.push_back({vrsx::StreamId{200, 1}, "position", "top_left"});
    REQUIRE(vrsx::Copy(GoldenFile("gen-none.vrs"), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("copy-tags"));
  }
  SECTION("copy-two: streams side by side") {
    options.keep_streams_apart = true;
    REQUIRE(vrsx::MergeFiles(GoldenFiles({"sample_file.vrs", "gen-none.vrs"}), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("copy-two"));
  }
  SECTION("merge-two") {
    REQUIRE(vrsx::MergeFiles(GoldenFiles({"gen-none.vrs", "gen-lz4fast.vrs"}), out, options).ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("merge-two"));
  }
  SECTION("merge-three") {
    vrsx::CopyResult result;
    REQUIRE(
        vrsx::MergeFiles(GoldenFiles({"sample_file.vrs", "gen-none.vrs", "gen-zmedium-async.vrs"}),
                         out, options, &result)
            .ok());
    CHECK(Checksum(out) == ReferenceOutputChecksum("merge-three"));
    // The reference's output has capture_time_epoch_merged and purpose_merged (and -1 of each).
    size_t tag_conflicts = 0;
    for (const vrsx::CopyWarning& warning : result.warnings) {
      tag_conflicts += warning.kind == vrsx::CopyWarningKind::kTagConflict &&
                       warning.text.find("was already set. Dup found in: ") != std::string::npos;
    }
    CHECK(tag_conflicts == 4);
  }
}

TEST_CASE("A filtered Copy holds the filtered records: the reference's filtered checksum",
          "[copy]") {
  // `checksum sample_file.vrs + 200-1 --after +0.5`, by the reference: its output's last line.
  std::string expected = CaseField("checksum-filtered", "stdout");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  expected = expected.substr(expected.rfind('\n') + 1);
  ScratchDir scratch;
  CopyOptions options;
  options.filter.Include("200-1");
  options.filter.after = vrsx::FilterTime::FromFirst(0.5);
  REQUIRE(vrsx::Copy(GoldenFile("sample_file.vrs"), scratch.File("out.vrs"), options).ok());
  CHECK(expected.size() == 16);
  CHECK(Checksum(scratch.File("out.vrs")) == expected);
  CHECK(Checksum(GoldenFile("sample_file.vrs"), &options.filter) == expected);
}
