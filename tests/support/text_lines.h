// Splitting command output into lines, for tests that compare outputs line by line.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace vrsx::testing {

// The lines of `text`, without their '\n'; a last line without '\n' counts too.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace vrsx::testing
