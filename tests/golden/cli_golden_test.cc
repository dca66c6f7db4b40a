// The real `vrsx` binary against what the reference `vrs` tool printed for the golden files.
//
// Commands run in a scratch folder holding copies of golden/files and a `not-a-vrs.bin`, with
// relative file names, like the reference did, and with TZ=UTC. Progress redraws, if vrsx ever
// prints any, are removed from stdout as they were from the golden outputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "golden/cli_cases.h"
#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/text_diff.h"

namespace {

using namespace vrsx::testing;

// Empty when both texts hold equal JSON values, else why not.
std::string JsonDiff(const std::string& expected, const std::string& actual) {
  nlohmann::json e = nlohmann::json::parse(expected, nullptr, false);
  if (e.is_discarded()) return "the expected output is not JSON";
  nlohmann::json a = nlohmann::json::parse(actual, nullptr, false);
  if (a.is_discarded()) return "vrsx's output is not JSON: " + Excerpt(actual);
  if (e == a) return {};
  std::string patch = nlohmann::json::diff(e, a).dump();
  return "JSON values differ; patch from expected to actual: " + Excerpt(patch);
}

// "Checked N records in <dur>, no errors.": the elapsed time varies from run to run.
std::string NormalizeCheck(const std::string& text, std::string* bad_duration = nullptr) {
  static const std::regex kChecked(R"(^Checked (\d+) records in (.+), no errors\.$)");
  // §2.2: "[n years, ][n weeks, ][n days, ][nh ][nm ]<seconds>s", or "12ms", "590us"...
  static const std::regex kDuration(
      R"(^-?((\d+ (year|years|week|weeks|day|days), )*(\d+h )?(\d+m )?[0-9.e+-]+s|\d+(ms|us|ns|ps|fs)|[0-9.e+-]+fs)$)");
  std::string normalized;
  for (const std::string& line : Lines(text)) {
    std::smatch m;
    if (std::regex_match(line, m, kChecked)) {
      if (bad_duration != nullptr && !std::regex_match(m[2].str(), kDuration)) {
        *bad_duration = m[2].str();
      }
      normalized += "Checked " + m[1].str() + " records in <dur>, no errors.\n";
    } else {
      normalized += line + "\n";
    }
  }
  if (!text.empty() && text.back() != '\n' && !normalized.empty()) normalized.pop_back();
  return normalized;
}

enum class Compare { kText, kJson, kCheck };

struct FileCommand {
  const char* expected_file;      // in expected/<file>/
  std::vector<std::string> args;  // the file name is appended
  Compare compare;
};

const std::vector<FileCommand>& FileCommands() {
  static const std::vector<FileCommand> commands = {
      {"info.txt", {}, Compare::kText},
      {"list.txt", {"list"}, Compare::kText},
      {"check.txt", {"check"}, Compare::kCheck},
      {"checksum.txt", {"checksum"}, Compare::kText},
      {"checksums.txt", {"checksums"}, Compare::kText},
      {"checksum-verbatim.txt", {"checksum-verbatim"}, Compare::kText},
      {"json-description.json", {"json-description"}, Compare::kJson},
  };
  return commands;
}

void CheckFileCommand(const FileCommand& command, const std::string& file) {
  std::vector<std::string> args = command.args;
  args.push_back(file);
  INFO(CommandLine(args));
  std::string expected = ReadTextFile(ExpectedDir(file) + "/" + command.expected_file);
  CliResult result = RunInScratch(args);
  INFO("stderr: " << Excerpt(result.err));
  REQUIRE(result.exited());
  CHECK(result.exit_code == ExpectedExitCode(file, command.expected_file));
  std::string out = StripProgress(result.out);
  switch (command.compare) {
    case Compare::kText:
      CHECK(TextDiff(expected, out) == "");
      break;
    case Compare::kJson:
      CHECK(JsonDiff(expected, out) == "");
      break;
    case Compare::kCheck: {
      std::string bad_duration;
      CHECK(TextDiff(NormalizeCheck(expected), NormalizeCheck(out, &bad_duration)) == "");
      CHECK(bad_duration == "");
      break;
    }
  }
  // The golden files are intact: nothing to warn about.
  CHECK(result.err == "");
}

void CheckCliCase(const CliCase& c) {
  INFO(c.name << ": " << CommandLine(c.args));
  CliResult result = RunInScratch(c.args);
  INFO("stderr: " << Excerpt(result.err));
  REQUIRE(result.exited());
  CHECK(result.exit_code == c.exit_code);
  std::string out = StripProgress(result.out);
  if (c.name.starts_with("json-")) {
    CHECK(JsonDiff(c.stdout_text, out) == "");
  } else {
    CHECK(TextDiff(c.stdout_text, out) == "");
  }
}

}  // namespace

TEST_CASE("runner: progress redraws are removed", "[cli][runner]") {
  const std::string reset = "\r\x1b[2K\r";
  CHECK(StripProgress("abc\n") == "abc\n");
  CHECK(StripProgress(reset + "Reading  5%" + reset + "Reading 50%" + reset + "83f9\n") ==
        "83f9\n");
  CHECK(StripProgress("VRS file\n" + reset + "Reading 99%" + reset + "Checked 3 records.\n") ==
        "VRS file\nChecked 3 records.\n");
  CHECK(StripProgress("a\n" + reset + "Reading 99%") == "a\n");
  CHECK(NormalizeCheck("Checked 307 records in 4ms, no errors.\n") ==
        "Checked 307 records in <dur>, no errors.\n");
  for (const char* duration : {"4ms", "590us", "1.087s", "1m 5.250s", "2h 0m 3.000s", "1500us"}) {
    std::string bad;
    NormalizeCheck(std::string("Checked 1 records in ") + duration + ", no errors.\n", &bad);
    CHECK(bad == "");
  }
}

TEST_CASE("runner: arguments, working folder, exit status, TZ", "[cli][runner]") {
  // An argument with spaces and quotes reaches vrsx as one argument.
  CliResult result = RunInScratch({"list", "no such 'file\".vrs"});
  REQUIRE(result.exited());
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("no such 'file\".vrs") != std::string::npos);
  // Relative names resolve in the scratch folder.
  result = RunInScratch({"checksum", "sample_file.vrs"});
  REQUIRE(result.exited());
  CHECK(result.exit_code == 0);
  CHECK(StripProgress(result.out) ==
        ReadTextFile(ExpectedDir("sample_file.vrs") + "/checksum.txt"));
  // The working folder, and the environment with TZ=UTC, reach the child.
  result = vrsx::testing::RunProgram("/bin/sh", {"-c", "pwd; echo \"$TZ\" \"$VRSX_A\"; exit 3"},
                                     SharedGoldenScratch().path(), {"VRSX_A=b c"});
  REQUIRE(result.exited());
  CHECK(result.exit_code == 3);
  CHECK(result.out ==
        std::filesystem::canonical(SharedGoldenScratch().path()).string() + "\nUTC b c\n");
  // Signals and timeouts are reported.
  result = vrsx::testing::RunProgram("/bin/sh", {"-c", "kill -9 $$"});
  CHECK(result.term_signal == 9);
  CHECK_FALSE(result.exited());
  result = vrsx::testing::RunProgram("/bin/sh", {"-c", "echo x >&2; exec sleep 30"}, {}, {}, 1);
  CHECK(result.timed_out);
  CHECK(result.err == "x\n");
}

TEST_CASE("vrsx FILE prints info.txt", "[cli][info]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[0], file);
    }
  }
}

TEST_CASE("vrsx list FILE prints list.txt", "[cli][list]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[1], file);
    }
  }
}

TEST_CASE("vrsx check FILE prints check.txt", "[cli][check]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[2], file);
    }
  }
}

TEST_CASE("vrsx checksum FILE prints checksum.txt", "[cli][checksum]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[3], file);
    }
  }
}

TEST_CASE("vrsx checksums FILE prints checksums.txt", "[cli][checksum]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[4], file);
    }
  }
}

TEST_CASE("vrsx checksum-verbatim FILE prints checksum-verbatim.txt", "[cli][checksum]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[5], file);
    }
  }
}

TEST_CASE("vrsx json-description FILE prints json-description.json", "[cli][json]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      CheckFileCommand(FileCommands()[6], file);
    }
  }
}

TEST_CASE("cli-cases: list", "[cli][list][cases]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"list-"});
  CHECK(cases.size() >= 10);
  for (const CliCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      CheckCliCase(c);
    }
  }
}

TEST_CASE("cli-cases: info, checksum, checksums, json", "[cli][cases]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"info-", "checksum-", "checksums-", "json-"});
  CHECK(cases.size() >= 4);
  for (const CliCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      CheckCliCase(c);
    }
  }
}

TEST_CASE("cli-cases: compare", "[cli][compare][cases]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"compare-"});
  CHECK(cases.size() >= 3);
  for (const CliCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      CheckCliCase(c);
    }
  }
}

// Where the reference fails, vrsx must fail too, with one clear line naming the file on stderr
// (the reference's own text is not the contract).
TEST_CASE("cli-cases: missing and non-VRS files", "[cli][errors][cases]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"missing-file", "not-vrs"});
  CHECK(cases.size() == 4);
  for (const CliCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      REQUIRE(c.exit_code != 0);
      INFO(c.name << ": " << CommandLine(c.args));
      CliResult result = RunInScratch(c.args);
      INFO("stderr: " << result.err);
      REQUIRE(result.exited());
      CHECK(result.exit_code != 0);
      std::string file = c.args.back();
      std::vector<std::string> lines = Lines(result.err);
      CHECK(lines.size() == 1);
      CHECK_FALSE(result.err.empty());
      if (!result.err.empty()) CHECK(result.err.back() == '\n');
      CHECK(result.err.find(file) != std::string::npos);
      // No partial result on stdout for a file that is not a VRS file.
      if (c.name.starts_with("not-vrs")) CHECK(StripProgress(result.out) == "");
    }
  }
}
