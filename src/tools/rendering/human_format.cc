#include "tools/rendering/human_format.h"

#include <cmath>
#include <cstdio>

namespace vrsx::cli {

namespace {

// printf into a std::string; every format used here fits easily in 64 chars except huge %.0f
// values, hence the second pass.
template <typename... Args>
std::string Format(const char* fmt, Args... args) {
  char buffer[64];
  int n = std::snprintf(buffer, sizeof(buffer), fmt, args...);
  if (n < 0) return {};
  if (size_t(n) < sizeof(buffer)) return std::string(buffer, size_t(n));
  std::string out(size_t(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), fmt, args...);
  out.resize(size_t(n));
  return out;
}

constexpr double kMinute = 60;
constexpr double kHour = 3600;
constexpr double kDay = 86400;
constexpr double kWeek = 7 * kDay;
constexpr double kYear = 31557600;  // 365.25 days

// Emits "<n><unit>" for one duration unit once it is needed, and removes it from `rest`.
// `started` makes every smaller unit appear too, even when its count is 0 ("2h 0m 3.000s").
void EmitUnit(std::string& out, double& rest, bool& started, double unit, const char* singular,
              const char* plural) {
  if (!started && !(rest > unit)) return;
  started = true;
  double count = std::floor(rest / unit);
  rest -= count * unit;
  out += Format("%.0f", count);
  out += count == 1 ? singular : plural;
}

}  // namespace

std::string HumanReadableSize(int64_t bytes) {
  std::string sign = bytes < 0 ? "-" : "";
  // Through uint64_t so that INT64_MIN has a magnitude.
  uint64_t b = bytes < 0 ? 0 - uint64_t(bytes) : uint64_t(bytes);
  if (b < 1024) return sign + std::to_string(b) + " B";
  static const char kUnits[] = "KMGTPE";
  int e = 0;
  while (e < 5 && b >= (uint64_t(1) << (10 * (e + 2)))) ++e;
  uint64_t unit = uint64_t(1) << (10 * (e + 1));
  uint64_t integral = b / unit;
  std::string suffix = std::string(" ") + kUnits[e] + "iB";
  if (integral >= 100) return sign + std::to_string(integral) + suffix;
  // The fraction is truncated, then floored to 1/16 or 1/160, so printing can't round up to the
  // next integer (1023.99 KiB must not show as "1024.0 KiB").
  double fraction = double((b % unit) >> (10 * e)) / 1024;
  if (integral >= 10) {
    double value = double(integral) + std::floor(16 * fraction) / 16;
    return sign + Format("%.1f", value) + suffix;
  }
  double value = double(integral) + std::floor(160 * fraction) / 160;
  return sign + Format("%.2f", value) + suffix;
}

std::string HumanTimestamp(double t) {
  double magnitude = std::fabs(t);
  if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e10)) return Format("%.3f", t);
  if (magnitude < 1e-3) return Format("%.3e", t);
  return Format("%.9e", t);
}

std::string FixedTimestamp(double t) {
  return Format("%.3f", t);
}

std::string HumanReadableDuration(double seconds) {
  std::string out;
  double rest = seconds;
  if (rest < 0) {
    out = "-";
    rest = -rest;
  }
  if (rest >= 1e9 * kYear) return out + HumanTimestamp(rest) + "s";
  bool started = false;
  EmitUnit(out, rest, started, kYear, " year, ", " years, ");
  EmitUnit(out, rest, started, kWeek, " week, ", " weeks, ");
  EmitUnit(out, rest, started, kDay, " day, ", " days, ");
  EmitUnit(out, rest, started, kHour, "h ", "h ");
  EmitUnit(out, rest, started, kMinute, "m ", "m ");
  if (started || rest == 0 || rest >= 1) return out + HumanTimestamp(rest) + "s";
  // Sub-second durations switch unit only at 2x, so 1.5 ms reads "1500us", not "2ms".
  struct SmallUnit {
    double threshold;
    double scale;
    const char* name;
  };
  static constexpr SmallUnit kSmallUnits[] = {{2e-3, 1e3, "ms"},
                                              {2e-6, 1e6, "us"},
                                              {2e-9, 1e9, "ns"},
                                              {2e-12, 1e12, "ps"},
                                              {2e-15, 1e15, "fs"}};
  for (const SmallUnit& unit : kSmallUnits) {
    if (rest >= unit.threshold) return out + Format("%.0f", rest * unit.scale) + unit.name;
  }
  if (rest >= 2e-18) return out + Format("%.3f", rest * 1e15) + "fs";
  return out + Format("%g", rest * 1e15) + "fs";
}

std::string FormatRate(double records_per_second) {
  return Format("%.4g", records_per_second);
}

std::string Counted(uint64_t n, const std::string& noun, bool capital_no) {
  if (n == 0) return (capital_no ? "No " : "no ") + noun + "s";
  if (n == 1) return "1 " + noun;
  return std::to_string(n) + " " + noun + "s";
}

}  // namespace vrsx::cli
