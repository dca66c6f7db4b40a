#include "tools/rendering/printable.h"

#include <charconv>
#include <cstdint>
#include <ctime>

namespace vrsx::cli {

std::string MakePrintable(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte <= 0x7e) {
      out += c;
      continue;
    }
    switch (byte) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x1b:
        out += "\\e";
        break;
      default:
        out += "\\x";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
  }
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
