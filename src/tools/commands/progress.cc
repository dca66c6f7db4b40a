#include "tools/commands/progress.h"

#include <unistd.h>

#include <cstdio>

namespace vrsx::cli {

Progress::Progress(bool enabled, std::string verb)
    : enabled_(enabled && isatty(STDERR_FILENO) == 1), verb_(std::move(verb)) {}

Progress::~Progress() {
  if (drawn_) std::fputs("\r\033[2K\r", stderr);
}

void Progress::Update(size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(333)) return;
  last_ = now;
  drawn_ = true;
  std::fprintf(stderr, "\r\033[2K\r%s %2zu%%", verb_.c_str(), done * 100 / total);
  std::fflush(stderr);
}

}  // namespace vrsx::cli
