// The reference's command cases (expected/cli-cases.json) and the expected exit codes of the
// per-file outputs, with what the golden CLI tests need to run commands like the reference did:
// in the shared scratch folder, with relative file names.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"

namespace vrsx::testing {

struct CliCase {
  std::string name;
  std::vector<std::string> args;
  int exit_code = 0;
  std::string stdout_text;
};

// The cases whose name starts with one of `prefixes`, in the file's order.
inline std::vector<CliCase> CliCasesWithPrefix(std::initializer_list<const char*> prefixes) {
  nlohmann::json json = nlohmann::json::parse(ReadTextFile(ExpectedDir("cli-cases.json")));
  std::vector<CliCase> cases;
  for (const nlohmann::json& c : json.at("cases")) {
    std::string name = c.at("name").get<std::string>();
    bool selected = false;
    for (const char* prefix : prefixes) selected = selected || name.starts_with(prefix);
    if (!selected) continue;
    cases.push_back({name, c.at("args").get<std::vector<std::string>>(),
                     c.at("exit_code").get<int>(), c.at("stdout").get<std::string>()});
  }
  return cases;
}

// The exit code the reference had when it printed expected/<file>/<output>.
inline int ExpectedExitCode(const std::string& file, const std::string& output) {
  nlohmann::json codes =
      nlohmann::json::parse(ReadTextFile(ExpectedDir(file) + "/exit-codes.json"));
  return codes.at(output).get<int>();
}

// Runs vrsx in the scratch folder shared by the tests, where relative golden names resolve.
inline CliResult RunInScratch(const std::vector<std::string>& args) {
  return RunCli(args, SharedGoldenScratch().path());
}

// "vrsx 'arg1' 'arg2'...", to name a command in test messages.
inline std::string CommandLine(const std::vector<std::string>& args) {
  std::string line = "vrsx";
  for (const std::string& arg : args) line += " '" + arg + "'";
  return line;
}

}  // namespace vrsx::testing
