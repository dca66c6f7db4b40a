// The real `vrsx` binary's print, print-details, print-json, print-json-pretty, record-formats
// and rage against what the reference `vrs` tool printed for the golden files (spec 03 §4.4-§4.6,
// §13.4, §13.5).
//
// Commands run in a scratch folder holding copies of golden/files, with relative file names, like
// the reference did. The golden files are intact: nothing may be written on stderr.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "golden/cli_cases.h"
#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/text_diff.h"

namespace {

using namespace vrsx::testing;

// Empty when both texts hold the same JSON documents, one per line, else the first difference.
std::string JsonLinesDiff(const std::string& expected, const std::string& actual) {
  std::vector<std::string> e = Lines(expected);
  std::vector<std::string> a = Lines(actual);
  if (e.size() != a.size()) {
    return "expected " + std::to_string(e.size()) + " JSON lines, got " + std::to_string(a.size());
  }
  for (size_t i = 0; i < e.size(); ++i) {
    nlohmann::json ej = nlohmann::json::parse(e[i], nullptr, false);
    nlohmann::json aj = nlohmann::json::parse(a[i], nullptr, false);
    std::string where = "line " + std::to_string(i + 1) + ": ";
    if (ej.is_discarded()) return where + "the expected line is not JSON";
    if (aj.is_discarded()) return where + "vrsx's line is not JSON: " + Excerpt(a[i]);
    if (ej != aj) {
      return where + "JSON values differ:\n  expected: " + Excerpt(e[i]) +
             "\n  actual:   " + Excerpt(a[i]);
    }
  }
  return {};
}

// Pretty documents span lines: one starts with '{' in column 0 and ends with a line "}" (or on
// the same line, for the compact record headers). Returns one compact document per entry.
std::vector<std::string> PrettyDocuments(const std::string& text) {
  std::vector<std::string> documents;
  std::string current;
  for (const std::string& line : Lines(text)) {
    current += line;
    current += '\n';
    if (line == "}" || (line.starts_with("{") && line.ends_with("}"))) {
      documents.push_back(nlohmann::json::parse(current, nullptr, false).dump());
      current.clear();
    }
  }
  if (!current.empty()) documents.push_back("<unterminated>" + current);
  return documents;
}

// Runs `vrsx <command> <file>` and checks the exit code and the empty stderr; returns stdout.
std::string RunOnFile(const std::string& command, const std::string& file, const char* output) {
  std::vector<std::string> args = {command, file};
  INFO(CommandLine(args));
  CliResult result = RunInScratch(args);
  INFO("stderr: " << Excerpt(result.err));
  REQUIRE(result.exited());
  CHECK(result.exit_code == ExpectedExitCode(file, output));
  CHECK(result.err == "");
  return StripProgress(result.out);
}

// `vrsx <command> FILE` on every golden recording prints expected/FILE/<output>.
void CheckOutputOfEveryRecording(const std::string& command, const char* output) {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      std::string expected = ReadTextFile(ExpectedDir(file) + "/" + output);
      CHECK(TextDiff(expected, RunOnFile(command, file, output)) == "");
    }
  }
}

}  // namespace

TEST_CASE("vrsx print FILE prints print.txt", "[cli][print]") {
  CheckOutputOfEveryRecording("print", "print.txt");
}

TEST_CASE("vrsx print-details FILE prints print-details.txt", "[cli][print]") {
  CheckOutputOfEveryRecording("print-details", "print-details.txt");
}

TEST_CASE("vrsx print-json FILE prints print-json.jsons", "[cli][print][json]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      std::string expected = ReadTextFile(ExpectedDir(file) + "/print-json.jsons");
      std::string out = RunOnFile("print-json", file, "print-json.jsons");
      // The same JSON values line by line, and the same bytes too.
      CHECK(JsonLinesDiff(expected, out) == "");
      CHECK(TextDiff(expected, out) == "");
    }
  }
}

TEST_CASE("vrsx print-json-pretty FILE prints print-json.jsons's documents, pretty",
          "[cli][print][json]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      std::vector<std::string> expected;
      for (const std::string& line : Lines(ReadTextFile(ExpectedDir(file) + "/print-json.jsons"))) {
        expected.push_back(nlohmann::json::parse(line).dump());
      }
      std::string out = RunOnFile("print-json-pretty", file, "print-json.jsons");
      CHECK(PrettyDocuments(out) == expected);
      // Record headers stay on one line; DataLayouts are indented with 4 spaces.
      for (const std::string& line : Lines(out)) {
        if (line.starts_with("{\"record\":")) continue;
        INFO(line);
        CHECK((line == "{" || line == "}" || line.starts_with("    ") ||
               line.starts_with("{\"image\":") || line.starts_with("{\"audio\":") ||
               line.starts_with("{\"custom\":") || line.starts_with("{\"unsupported\":")));
      }
    }
  }
}

TEST_CASE("vrsx record-formats FILE prints record-formats.txt", "[cli][print][record-formats]") {
  CheckOutputOfEveryRecording("record-formats", "record-formats.txt");
}

TEST_CASE("cli-cases: print and record-formats", "[cli][print][cases]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"print-", "record-formats-"});
  CHECK(cases.size() >= 3);
  for (const CliCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      INFO(c.name << ": " << CommandLine(c.args));
      CliResult result = RunInScratch(c.args);
      INFO("stderr: " << Excerpt(result.err));
      REQUIRE(result.exited());
      CHECK(result.exit_code == c.exit_code);
      CHECK(result.err == "");
      CHECK(TextDiff(c.stdout_text, StripProgress(result.out)) == "");
    }
  }
}

// §13.4: the examples of the spec, run with `-1`.
TEST_CASE("print commands: the spec's first-records examples", "[cli][print]") {
  CliResult result = RunInScratch({"print-json-pretty", "sample_file.vrs", "-1", "+", "372"});
  REQUIRE(result.exited());
  CHECK(result.exit_code == 0);
  CHECK(result.err == "");
  CHECK(TextDiff(
            R"({"record":{"timestamp":1493865.286,"device":"372-1","type":"Configuration","size":8}}
{
    "data_layout": [
        {
            "value": 25.0,
            "name": "some_motion_stream_param",
            "type": "Value<double>"
        }
    ]
}
{"record":{"timestamp":1493865.286,"device":"372-1","type":"State","size":0}}
{"record":{"timestamp":1493865.297,"device":"372-1","type":"Data","size":8}}
{
    "data_layout": [
        {
            "name": "motion_data",
            "type": "Vector<Matrix3Dd>"
        }
    ]
}
)",
            result.out) == "");

  // Pre-roll is silent: the configuration record at the minimum time is read, not printed.
  result = RunInScratch({"print-json", "sample_file.vrs", "--after", "1493865.286118163",
                         "--before", "1493865.2911", "+", "200"});
  REQUIRE(result.exited());
  CHECK(result.err == "");
  std::vector<std::string> lines = Lines(result.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        R"({"record":{"timestamp":1493865.286,"device":"200-1","type":"State","size":0}})");
  CHECK(lines[1] ==
        R"({"record":{"timestamp":1493865.291,"device":"200-1","type":"Data","size":307224}})");
  CHECK(lines[3] == R"({"image":"image/raw/640x480/pixel=grey8"})");

  // The image spec of a data record comes from the pre-rolled configuration.
  result = RunInScratch({"print", "sample_file.vrs", "--after", "1493865.3", "+", "200"});
  REQUIRE(result.exited());
  CHECK(result.err == "");
  lines = Lines(result.out);
  REQUIRE(lines.size() > 7);
  CHECK(lines[0].find("Data record") != std::string::npos);
  CHECK(lines[6] == " - Image block, image/raw/640x480/pixel=grey8, 307200 bytes.");
}

// §4.6: the overview, an empty line, "First records:", then print-details of the first records.
TEST_CASE("vrsx rage FILE", "[cli][print][rage]") {
  CliResult rage = RunInScratch({"rage", "sample_file.vrs"});
  REQUIRE(rage.exited());
  CHECK(rage.exit_code == 0);
  CHECK(rage.err == "");
  CliResult details = RunInScratch({"print-details", "sample_file.vrs", "--first-records"});
  REQUIRE(details.exited());
  CHECK(details.err == "");
  CHECK(Lines(details.out).size() > 20);
  std::string overview = ReadTextFile(ExpectedDir("sample_file.vrs") + "/info.txt");
  CHECK(TextDiff(overview + "\nFirst records:\n" + details.out, StripProgress(rage.out)) == "");

  // The first records' details are those print-details shows for every record.
  std::string all = ReadTextFile(ExpectedDir("sample_file.vrs") + "/print-details.txt");
  size_t first_data = all.find("1493865.291 Forward Camera Class #1 [200-1], Data record");
  REQUIRE(first_data != std::string::npos);
  size_t end = all.find('\n', all.find(" - Image block", first_data));
  CHECK(details.out.find(all.substr(first_data, end + 1 - first_data)) != std::string::npos);
}
