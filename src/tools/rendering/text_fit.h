// Fitting DataLayout value lines in the terminal width (spec 02 §9.3): long values are cut
// around "  [ ... ]  ", long lists wrap onto continuation lines.
//
// Each function returns the line(s) without the final newline; `prefix` is everything before
// the value (indent and label), `suffix` what follows it (" *", "<unavailable>").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vrsx::cli {

// The separator put where text was cut out.
inline constexpr std::string_view kCutMark = "  [ ... ]  ";

// prefix + text + suffix when it fits in `width`, else the text's `front` first and `tail` last
// characters around kCutMark: with o = |prefix| + |suffix| + |kCutMark|, front = 6 and tail = 2,
// unless o + 8 < width, then front = (width - o) / 4 * 3 and tail = width - o - front (the line
// is then exactly `width` long).
std::string FitText(std::string_view prefix, std::string_view text, std::string_view suffix,
                    size_t width);

// prefix + '"' + MakePrintable(raw) + '"' + suffix, cut like FitText (o counts the quotes) when
// the raw or the printable string does not fit; front and tail come from the printable forms of
// the first `front` and last `tail` raw bytes, cut to `front` and `tail` characters.
std::string FitString(std::string_view prefix, std::string_view raw, std::string_view suffix,
                      size_t width);

// prefix + text on one line if it fits in W = max(width, |prefix| + 20); else the first line
// takes W - |prefix| characters of text, each next line is `indent` + the next W - |indent|.
std::string WrapText(std::string_view prefix, std::string_view text, std::string_view indent,
                     size_t width);

// A Vector<string> element of the compact form, quoted: strings of 80 bytes or more keep their
// first 64 and last 16 bytes around kCutMark, all made printable.
std::string QuotedVectorString(std::string_view raw);

}  // namespace vrsx::cli
