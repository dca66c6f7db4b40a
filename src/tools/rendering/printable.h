// Sanitising and truncating tag text for the text overviews (spec 03 §2.6 and §4.1).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vrsx::cli {

// Keeps printable ASCII; escapes everything else C-style: \n \r \t \b \e, else \xHH (lowercase).
// UTF-8 is escaped byte by byte, like the reference.
std::string MakePrintable(std::string_view text);

// One overview tag line, without its newline: "<prefix><name> = <value>", cut to `width` chars
// (the terminal width, 160 when stdout isn't a terminal), then sanitised, then shortened to
// `width - 3` chars + "..." when still longer than `width - 3`. Cutting happens before
// sanitising, so escapes can push a line past `width` and get it shortened.
//
// For the capture_time_epoch file tag, pass `value + CaptureTimeSuffix(value)`: the reference
// appends the date text under the same width limit, which is the same as cutting the
// concatenation.
std::string TagLine(const std::string& prefix, const std::string& name, const std::string& value,
                    size_t width = 160);

// " -- <strftime("%c %Z") in local time>" when `value` is a decimal integer > 1000000 (a Unix
// time), else "". E.g. "1636165950" -> " -- Sat Nov  6 02:32:30 2021 UTC" with TZ=UTC.
std::string CaptureTimeSuffix(const std::string& value);

}  // namespace vrsx::cli
