// Helpers for tests that run `vrsx` commands in-process on files they write: a scratch folder
// removed at the end, and a command line run through the CLI's parser and RunCommand.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tools/commands/cli_options.h"
#include "tools/commands/commands.h"

namespace vrsx::testing {

struct ScratchDir {
  std::filesystem::path path;
  explicit ScratchDir(const std::string& prefix = "vrsx-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string File(const std::string& name) const { return (path / name).string(); }
};

struct CliOutput {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `vrsx <args>` as main() would, capturing stdout and stderr.
inline CliOutput RunCliInProcess(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"vrsx"};
  argv.insert(argv.end(), args.begin(), args.end());
  cli::ParseResult parsed = cli::ParseCommandLine(argv);
  INFO(parsed.error_text);
  REQUIRE(parsed.options);
  std::ostringstream out;
  std::ostringstream err;
  CliOutput result;
  result.status = cli::RunCommand(*parsed.options, {out, err});
  result.out = out.str();
  result.err = err.str();
  return result;
}

// How many times `what` occurs in `text` (overlaps included).
inline size_t CountOf(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace vrsx::testing
