// Progress of long commands, on stderr and only when stderr is a terminal, so that stdout holds
// results alone (the reference writes progress on stdout, which scripts must filter out).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace vrsx::cli {

class Progress {
 public:
  // `enabled`: false for --no-progress; a stderr that is not a terminal disables it too.
  Progress(bool enabled, std::string verb);
  ~Progress();  // clears the line

  // At most three redraws a second.
  void Update(size_t done, size_t total);

 private:
  bool enabled_;
  std::string verb_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace vrsx::cli
