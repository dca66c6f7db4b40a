// vrsx: inspect, check, checksum, copy... VRS files, like the reference `vrs` tool.
#include <iostream>

#include "tools/commands/cli_options.h"
#include "tools/commands/commands.h"

int main(int argc, char* argv[]) {
  std::ios::sync_with_stdio(false);
  vrsx::cli::ParseResult parsed = vrsx::cli::ParseCommandLine(argc, argv);
  if (!parsed.options) {
    std::cerr << parsed.error_text;
    if (parsed.print_help) std::cout << vrsx::cli::HelpText(parsed.app_name);
    return parsed.exit_code;
  }
  int status = vrsx::cli::RunCommand(*parsed.options, {std::cout, std::cerr});
  std::cout.flush();
  return status;
}
