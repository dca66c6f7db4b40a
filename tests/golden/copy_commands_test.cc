// copy and merge (spec 03 §7, §13.7), run as a process in a scratch copy of the golden files:
// every copy-/merge- case of cli-cases.json (exit status, stdout, and the written file's checksum
// and overview), copies in every compression preset, and chunked output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "support/text_lines.h"

namespace {

namespace fs = std::filesystem;

using vrsx::testing::CliResult;
using vrsx::testing::GoldenScratch;
using vrsx::testing::Lines;
using vrsx::testing::RunCli;
using vrsx::testing::StripProgress;

// Sizes and durations vary with the compressor's version and the machine: masked.
std::string Normalize(const std::string& line) {
  static const std::regex kFileLine(R"(^(VRS file: '.*'), .*\.$)");
  static const std::regex kWrote(R"(^(Wrote \d+ records) in .*\.$)");
  static const std::regex kPreset(R"(^(Preset [^:]+): .*$)");
  static const std::regex kSize(R"(\d+(\.\d+)? (B|KiB|MiB|GiB|TiB)\b)");
  std::smatch match;
  if (std::regex_match(line, match, kFileLine)) return match[1].str() + ", <size>.";
  if (std::regex_match(line, match, kWrote)) return match[1].str() + " in <dur>.";
  if (std::regex_match(line, match, kPreset)) return match[1].str() + ": <change>";
  return std::regex_replace(line, kSize, "<size>");
}

std::vector<std::string> NormalizedLines(const std::string& text) {
  std::vector<std::string> lines = Lines(text);
  for (std::string& line : lines) line = Normalize(line);
  return lines;
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string Checksum(const std::string& file, const std::string& dir) {
  CliResult r = RunCli({"checksum", file}, dir);
  REQUIRE(r.exit_code == 0);
  return Trimmed(StripProgress(r.out));
}

std::vector<nlohmann::json> CopyCases() {
  std::ifstream in(vrsx::testing::ExpectedDir("cli-cases.json"));
  nlohmann::json all = nlohmann::json::parse(in, nullptr, false);
  std::vector<nlohmann::json> cases;
  if (all.is_discarded()) return cases;
  const nlohmann::json& list = all.is_object() ? all.begin().value() : all;
  for (const nlohmann::json& c : list) {
    std::string name = c.value("name", "");
    if (name.rfind("copy-", 0) == 0 || name.rfind("merge-", 0) == 0) cases.push_back(c);
  }
  return cases;
}

TEST_CASE("copy and merge golden cases", "[copy][golden]") {
  std::vector<nlohmann::json> cases = CopyCases();
  REQUIRE(cases.size() >= 8);
  for (const nlohmann::json& c : cases) {
    std::string name = c["name"];
    SECTION(name) {
      GoldenScratch scratch;
      std::vector<std::string> args = c["args"].get<std::vector<std::string>>();
      CliResult r = RunCli(args, scratch.path());
      INFO("args: " << nlohmann::json(args).dump() << "\nstderr: " << r.err);
      CHECK(r.exit_code == c["exit_code"].get<int>());

      // stdout: the reference's last line may be an unfinished progress line ("Finishing...").
      std::string expected_out = c["stdout"];
      std::vector<std::string> expected = NormalizedLines(expected_out);
      if (!expected_out.empty() && expected_out.back() != '\n') expected.pop_back();
      std::vector<std::string> actual = NormalizedLines(StripProgress(r.out));
      if (actual.size() > expected.size() && expected_out.back() != '\n') {
        actual.resize(expected.size());
      }
      CHECK(actual == expected);

      std::string out = scratch.File("out.vrs");
      REQUIRE(fs::exists(out));
      CHECK(Checksum("out.vrs", scratch.path()) == Trimmed(c["output_checksum"]));
      CliResult info = RunCli({"out.vrs"}, scratch.path());
      CHECK(info.exit_code == 0);
      std::vector<std::string> expected_info = NormalizedLines(c["output_info"]);
      std::vector<std::string> actual_info = NormalizedLines(info.out);
      CHECK(actual_info == expected_info);
    }
  }
}

TEST_CASE("copy needs --to", "[copy][golden]") {
  GoldenScratch scratch;
  CliResult r = RunCli({"copy", "gen-none.vrs"}, scratch.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err == "Error: Need a local path to do copy operation.\n");
  r = RunCli({"merge", "gen-none.vrs"}, scratch.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err == "Error: Need a local path to do merge operation.\n");
}

TEST_CASE("copies in every preset keep the checksum", "[copy][golden]") {
  GoldenScratch scratch;
  std::string source = Checksum("gen-none.vrs", scratch.path());
  for (const char* preset : {"none", "fast", "tight", "zfaster", "zfast", "zlight", "zmedium",
                             "zheavy", "zhigh", "ztight", "zmax"}) {
    SECTION(preset) {
      std::string output = std::string("out-") + preset + ".vrs";
      CliResult r =
          RunCli({"copy", "gen-none.vrs", "--to", output, std::string("--compression=") + preset},
                 scratch.path());
      REQUIRE(r.exit_code == 0);
      CHECK(Checksum(output, scratch.path()) == source);
      // And back: a copy of the copy without compression.
      std::string back = std::string("back-") + preset + ".vrs";
      REQUIRE(
          RunCli({"copy", output, "--to", back, "--compression=none"}, scratch.path()).exit_code ==
          0);
      CHECK(Checksum(back, scratch.path()) == source);
    }
  }
}

TEST_CASE("copy --chunk-size writes chunks", "[copy][golden]") {
  GoldenScratch scratch;
  std::string source = Checksum("gen-chunked.vrs", scratch.path());
  CliResult r = RunCli(
      {"copy", "gen-chunked.vrs", "--to", "split.vrs", "--compression=none", "--chunk-size", "1"},
      scratch.path());
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(scratch.File("split.vrs")));
  CHECK(fs::exists(scratch.File("split.vrs_1")));
  CHECK(fs::file_size(scratch.File("split.vrs")) <= (uint64_t{1} << 20));
  CHECK(Checksum("split.vrs", scratch.path()) == source);
}

TEST_CASE("copy --zero-vrs keeps sizes, zeroes images and audio", "[copy][golden]") {
  GoldenScratch scratch;
  CliResult r =
      RunCli({"copy", "--zero-vrs", "sample_file.vrs", "--to", "zero.vrs"}, scratch.path());
  REQUIRE(r.exit_code == 0);
  CliResult a = RunCli({"list", "sample_file.vrs"}, scratch.path());
  CliResult b = RunCli({"list", "zero.vrs"}, scratch.path());
  CHECK(a.out.substr(a.out.find('\n')) == b.out.substr(b.out.find('\n')));
  CHECK(Checksum("zero.vrs", scratch.path()) != Checksum("sample_file.vrs", scratch.path()));
}

}  // namespace
