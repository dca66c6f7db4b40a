// The byte difference report of `compare` and `compare-verbatim` (spec 03 §6.3).
//
//   PrintByteDifferences(a, b, size, {.line_length = 8}, out);                     // compare
//   PrintByteDifferences(a, b, size, {.line_length = 16, .ascii = true}, out);     // verbatim
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace vrsx::cli {

struct ByteDiffFormat {
  size_t line_length = 8;  // bytes per line
  bool ascii = false;      // append the bytes as characters ('.' when not printable)
};

// More differing bytes than this: only a summary line is printed.
inline constexpr size_t kMaxPrintedByteDifferences = 500;

// Writes the report for two buffers of `size` bytes each:
//   "<d> bytes and <b> bits differ." then each run of differing lines ("< " lines of `a`, "----",
//   "> " lines of `b`), then an empty line; or, with more than 500 differing bytes,
//   "Too many differences to print: <d> bytes differ out of <n> total (<p>%)."
void PrintByteDifferences(const uint8_t* a, const uint8_t* b, size_t size, ByteDiffFormat format,
                          std::ostream& out);
std::string ByteDifferences(const uint8_t* a, const uint8_t* b, size_t size, ByteDiffFormat format);

}  // namespace vrsx::cli
