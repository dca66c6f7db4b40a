// Comparing expected and actual command output in golden tests, with readable failure messages.
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "support/text_lines.h"

namespace vrsx::testing {

inline std::string Excerpt(const std::string& line) {
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

// Empty when equal, else where the texts first differ, to keep failure messages readable.
inline std::string TextDiff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  std::vector<std::string> e = Lines(expected);
  std::vector<std::string> a = Lines(actual);
  std::ostringstream diff;
  diff << "expected " << e.size() << " lines (" << expected.size() << " bytes), got " << a.size()
       << " lines (" << actual.size() << " bytes)";
  for (size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
    std::string el = i < e.size() ? e[i] : "<none>";
    std::string al = i < a.size() ? a[i] : "<none>";
    if (el != al) {
      diff << "; first difference at line " << i + 1 << ":\n  expected: " << Excerpt(el)
           << "\n  actual:   " << Excerpt(al);
      return diff.str();
    }
  }
  diff << "; the lines are equal, the line ends differ (last byte expected "
       << (expected.empty() ? -1 : int(expected.back())) << ", actual "
       << (actual.empty() ? -1 : int(actual.back())) << ")";
  return diff.str();
}

}  // namespace vrsx::testing
