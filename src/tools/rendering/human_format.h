// Number renderings shared by the text outputs of the CLI (spec 03 §2.1-§2.5).
#pragma once

#include <cstdint>
#include <string>

namespace vrsx::cli {

// "81.1 KiB", "512 B", "1.50 KiB", "300 KiB" (§2.3). Never rounds up to the next unit.
std::string HumanReadableSize(int64_t bytes);

// Timestamp as shown by the overview: "%.3f", or "%.3e" for tiny and "%.9e" for huge values (§2.1).
std::string HumanTimestamp(double t);

// Timestamp as shown by list/print/hexdump: always "%.3f" (§2.1).
std::string FixedTimestamp(double t);

// "1.087s", "12ms", "1500us", "18h 47m 8.619s", "2 weeks, 3 days, 6h 41m 6.378s" (§2.2).
std::string HumanReadableDuration(double seconds);

// Record rate as "%.4g" ("275.9", "25", "8.641e-05"); the caller appends "rps" (§2.4).
std::string FormatRate(double records_per_second);

// "no records" / "1 record" / "12 records"; "No records" when capital_no (§2.5).
std::string Counted(uint64_t n, const std::string& noun, bool capital_no = false);

}  // namespace vrsx::cli
