#include "tools/commands/byte_diff.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <sstream>

namespace vrsx::cli {

namespace {

bool LineDiffers(const uint8_t* a, const uint8_t* b, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (a[i] != b[i]) return true;
  }
  return false;
}

// "%08x: " then the bytes as "%02x", a space after every 8th byte of the buffer, then the ASCII
// column if asked for.
void PrintLine(const char* prefix, const uint8_t* bytes, size_t begin, size_t end,
               ByteDiffFormat format, std::ostream& out) {
  char text[32];
  std::snprintf(text, sizeof text, "%08zx: ", begin);
  out << prefix << text;
  for (size_t i = begin; i < end; ++i) {
    std::snprintf(text, sizeof text, "%02x", bytes[i]);
    out << text;
    if ((i + 1) % 8 == 0) out << ' ';
  }
  if (format.ascii) {
    out << ' ';
    for (size_t i = begin; i < end; ++i) {
      uint8_t c = bytes[i];
      out << (c >= 0x20 && c < 0x7f ? char(c) : '.');
    }
  }
  out << '\n';
}

}  // namespace

void PrintByteDifferences(const uint8_t* a, const uint8_t* b, size_t size, ByteDiffFormat format,
                          std::ostream& out) {
  size_t line_length = std::max<size_t>(format.line_length, 1);
  uint64_t bytes = 0;
  uint64_t bits = 0;
  for (size_t i = 0; i < size; ++i) {
    uint8_t x = a[i] ^ b[i];
    if (x != 0) {
      ++bytes;
      bits += uint64_t(std::popcount(x));
    }
  }
  if (bytes > kMaxPrintedByteDifferences) {
    out << "Too many differences to print: " << bytes << " bytes differ out of " << size
        << " total (" << (size ? bytes * 100 / size : 0) << "%).\n";
    return;
  }
  out << bytes << " bytes and " << bits << " bits differ.\n";
  size_t line = 0;
  while (line < size) {
    size_t line_end = std::min(size, line + line_length);
    if (!LineDiffers(a, b, line, line_end)) {
      line = line_end;
      continue;
    }
    // A run of consecutive differing lines: [run_begin, run_end).
    size_t run_begin = line;
    size_t run_end = line_end;
    while (run_end < size) {
      size_t next_end = std::min(size, run_end + line_length);
      if (!LineDiffers(a, b, run_end, next_end)) break;
      run_end = next_end;
    }
    for (size_t l = run_begin; l < run_end; l += line_length) {
      PrintLine("< ", a, l, std::min(run_end, l + line_length), format, out);
    }
    out << "----\n";
    for (size_t l = run_begin; l < run_end; l += line_length) {
      PrintLine("> ", b, l, std::min(run_end, l + line_length), format, out);
    }
    line = run_end;
  }
  out << '\n';
}

std::string ByteDifferences(const uint8_t* a, const uint8_t* b, size_t size,
                            ByteDiffFormat format) {
  std::ostringstream out;
  PrintByteDifferences(a, b, size, format, out);
  return out.str();
}

}  // namespace vrsx::cli
