#include "tools/rendering/printable.h"

#include <charconv>
#include <cstdint>
#include <ctime>

#include "datalayout/string_escape.h"

namespace vrsx::cli {

std::string MakePrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(out, text, EscapeStyle::kPrintable);
  return out;
}

std::string TagLine(const std::string& prefix, const std::string& name, const std::string& value,
                    size_t width) {
  std::string line = prefix + name + " = " + value;
  if (line.size() > width) line.resize(width);
  line = MakePrintable(line);
  // A width under 3 leaves no room for text: only the ellipsis remains.
  size_t keep = width >= 3 ? width - 3 : 0;
  if (line.size() > keep) {
    line.resize(keep);
    line += "...";
  }
  return line;
}

std::string CaptureTimeSuffix(const std::string& value) {
  int64_t seconds = 0;
  const char* end = value.data() + value.size();
  auto [ptr, error] = std::from_chars(value.data(), end, seconds);
  // The whole value must be the number: "1636165950 UTC" is not a timestamp.
  if (error != std::errc() || ptr != end || seconds <= 1000000) return {};
  std::time_t time = static_cast<std::time_t>(seconds);
  tzset();  // localtime_r alone may keep a stale TZ
  std::tm local{};
  if (localtime_r(&time, &local) == nullptr) return {};
  char buffer[128];
  size_t n = std::strftime(buffer, sizeof(buffer), "%c %Z", &local);
  if (n == 0) return {};
  return " -- " + std::string(buffer, n);
}

}  // namespace vrsx::cli
