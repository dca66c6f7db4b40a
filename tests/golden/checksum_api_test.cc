// The public checksums (vrsx/checksum.h) against the reference's outputs: checksum.txt,
// checksums.txt and checksum-verbatim.txt of each golden recording, and the filtered checksum
// case of cli-cases.json. Expected values are read from those files.
#include "vrsx/checksum.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "golden/cli_cases.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "support/text_lines.h"
#include "vrsx/reader.h"
#include "vrsx/record_filter.h"

namespace {

using vrsx::ChecksumResult;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::Lines;
using vrsx::testing::ReadTextFile;

// The single line of a one-line expected output.
std::string OnlyLine(const std::string& path) {
  std::vector<std::string> lines = Lines(ReadTextFile(path));
  REQUIRE(lines.size() == 1);
  return lines.front();
}

// `checksums` as ChecksumResult prints it (same line formats as the reference's output).
std::vector<std::string> ChecksumsLines(const ChecksumResult& result) {
  std::vector<std::string> lines = {"FileTags: " + result.file_tags};
  for (const vrsx::StreamChecksum& part : result.streams) {
    std::string id = part.stream.NumericName();
    lines.push_back(id + " VRS tags: " + part.vrs_tags);
    lines.push_back(id + " User tags: " + part.user_tags);
    lines.push_back(id + " Headers: " + part.headers);
    lines.push_back(id + " Payload: " + part.payloads);
  }
  lines.push_back(result.checksum);
  return lines;
}

}  // namespace

TEST_CASE("RecordsChecksum of whole golden files is the reference's", "[checksum_api]") {
  for (const std::string& file : GoldenRecordings()) {
    CAPTURE(file);
    vrsx::Reader reader;
    vrsx::testing::OpenOrFail(reader, GoldenFile(file));
    ChecksumResult result;
    vrsx::Status status = vrsx::RecordsChecksum(reader, nullptr, result);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(result.checksum == OnlyLine(ExpectedDir(file) + "/checksum.txt"));
    CHECK(ChecksumsLines(result) == Lines(ReadTextFile(ExpectedDir(file) + "/checksums.txt")));
    CHECK(result.records_read == reader.index().size());
    CHECK(result.warnings.empty());
    // A filter selecting everything is no filter.
    vrsx::RecordFilter all;
    ChecksumResult filtered;
    REQUIRE(vrsx::RecordsChecksum(reader, &all, filtered).ok());
    CHECK(filtered.checksum == result.checksum);
  }
}

TEST_CASE("VerbatimChecksum of golden files is the reference's", "[checksum_api]") {
  for (const std::string& file : GoldenRecordings()) {
    CAPTURE(file);
    std::string checksum;
    vrsx::Status status = vrsx::VerbatimChecksum(GoldenFile(file), checksum);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(checksum == OnlyLine(ExpectedDir(file) + "/checksum-verbatim.txt"));
  }
  std::string checksum;
  CHECK(vrsx::VerbatimChecksum(GoldenFile("no-such-file.vrs"), checksum).code() ==
        vrsx::ErrorCode::kNotFound);
  CHECK(checksum == "<file open error>");
}

TEST_CASE("RecordsChecksum with a filter is the reference's filtered checksum", "[checksum_api]") {
  // checksum-filtered: `checksum sample_file.vrs + 200-1 --after +0.5`.
  std::vector<vrsx::testing::CliCase> cases =
      vrsx::testing::CliCasesWithPrefix({"checksum-filtered"});
  REQUIRE(cases.size() == 1);
  REQUIRE(cases[0].args ==
          std::vector<std::string>{"checksum", "sample_file.vrs", "+", "200-1", "--after", "+0.5"});
  std::vector<std::string> stdout_lines = Lines(cases[0].stdout_text);
  REQUIRE(stdout_lines.size() == 1);
  const std::string expected = stdout_lines.front();
  vrsx::Reader reader;
  vrsx::testing::OpenOrFail(reader, GoldenFile("sample_file.vrs"));
  for (const char* streams : {"200-1", "200", "200-*", "2?0-1"}) {
    CAPTURE(streams);
    vrsx::RecordFilter filter;
    filter.Include(streams);
    filter.after = vrsx::FilterTime::FromFirst(0.5);
    ChecksumResult result;
    REQUIRE(vrsx::RecordsChecksum(reader, &filter, result).ok());
    CHECK(result.checksum == expected);
    REQUIRE(result.streams.size() == 1);
    CHECK(result.streams[0].stream == vrsx::StreamId{200, 1});
  }

  // An empty window: nothing is hashed, the reason is a warning.
  vrsx::RecordFilter empty;
  empty.after = vrsx::FilterTime::FromFirst(5);
  empty.before = vrsx::FilterTime::FromFirst(1);
  ChecksumResult result;
  CHECK(vrsx::RecordsChecksum(reader, &empty, result).code() == vrsx::ErrorCode::kInvalidArgument);
  CHECK_FALSE(result.valid_time_window);
  CHECK(result.checksum.empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].starts_with("Time Range invalid: "));
}
