// The byte difference report of compare / compare-verbatim (spec 03 §6.3), on the examples of
// §13.8.
#include "tools/commands/byte_diff.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

using vrsx::cli::ByteDifferences;

TEST_CASE("compare-verbatim example: 2 bytes changed at offset 40000", "[byte_diff]") {
  // A 4 MiB block whose bytes at 0x9c40 are 0a 0b ... 19 in both files, but for 2 bytes.
  std::vector<uint8_t> a(4 * 1024 * 1024, 0);
  for (size_t i = 0; i < 16; ++i) a[0x9c40 + i] = uint8_t(0x0a + i);
  std::vector<uint8_t> b = a;
  b[0x9c40] = 0xff;
  b[0x9c41] = 0xfe;
  CHECK(ByteDifferences(a.data(), b.data(), a.size(), {.line_length = 16, .ascii = true}) ==
        "2 bytes and 12 bits differ.\n"
        "< 00009c40: 0a0b0c0d0e0f1011 1213141516171819  ................\n"
        "----\n"
        "> 00009c40: fffe0c0d0e0f1011 1213141516171819  ................\n"
        "\n");
}

TEST_CASE("compare example: audio samples 0..255 against zeroes", "[byte_diff]") {
  // 256 int16 samples 0, 1, ... 255 against a zeroed copy: 255 bytes and 1024 bits differ.
  std::vector<uint8_t> a(512, 0);
  for (size_t i = 0; i < 256; ++i) a[2 * i] = uint8_t(i);
  std::vector<uint8_t> b(512, 0);
  std::string expected = "255 bytes and 1024 bits differ.\n";
  char line[64];
  for (size_t offset = 0; offset < 512; offset += 8) {
    std::snprintf(line, sizeof line, "< %08zx: %02x00%02x00%02x00%02x00 \n", offset,
                  unsigned(offset / 2), unsigned(offset / 2 + 1), unsigned(offset / 2 + 2),
                  unsigned(offset / 2 + 3));
    expected += line;
  }
  expected += "----\n";
  for (size_t offset = 0; offset < 512; offset += 8) {
    std::snprintf(line, sizeof line, "> %08zx: 0000000000000000 \n", offset);
    expected += line;
  }
  expected += "\n";
  std::string report = ByteDifferences(a.data(), b.data(), a.size(), {.line_length = 8});
  CHECK(
      report.starts_with("255 bytes and 1024 bits differ.\n< 00000000: 0000010002000300 \n"
                         "< 00000008: 0400050006000700 \n"));
  CHECK(report == expected);
}

TEST_CASE("compare example: too many differences", "[byte_diff]") {
  std::vector<uint8_t> a(307224, 0);
  std::vector<uint8_t> b(307224, 0);
  for (size_t i = 0; i < 306000; ++i) b[i] = 1;
  CHECK(ByteDifferences(a.data(), b.data(), a.size(), {.line_length = 8}) ==
        "Too many differences to print: 306000 bytes differ out of 307224 total (99%).\n");
}

TEST_CASE("byte diff: 500 differing bytes are still printed, 501 are not", "[byte_diff]") {
  std::vector<uint8_t> a(1000, 0);
  std::vector<uint8_t> b(1000, 0);
  for (size_t i = 0; i < 500; ++i) b[i] = 0x80;
  CHECK(ByteDifferences(a.data(), b.data(), a.size(), {.line_length = 8})
            .starts_with("500 bytes and 500 bits differ.\n"));
  b[600] = 3;
  CHECK(ByteDifferences(a.data(), b.data(), a.size(), {.line_length = 8}) ==
        "Too many differences to print: 501 bytes differ out of 1000 total (50%).\n");
}

TEST_CASE("byte diff: separate runs, partial last line, ASCII column", "[byte_diff]") {
  std::string a = "Hello, world! 0123456789abcdefXYZ";  // 33 bytes
  std::string b = a;
  b[0] = 'J';   // line 0
  b[32] = 'z';  // line 2 (partial), line 1 identical
  const auto* pa = reinterpret_cast<const uint8_t*>(a.data());
  const auto* pb = reinterpret_cast<const uint8_t*>(b.data());
  CHECK(ByteDifferences(pa, pb, a.size(), {.line_length = 16, .ascii = true}) ==
        "2 bytes and 2 bits differ.\n"
        "< 00000000: 48656c6c6f2c2077 6f726c6421203031  Hello, world! 01\n"
        "----\n"
        "> 00000000: 4a656c6c6f2c2077 6f726c6421203031  Jello, world! 01\n"
        "< 00000020: 5a Z\n"
        "----\n"
        "> 00000020: 7a z\n"
        "\n");
  CHECK(ByteDifferences(pa, pb, 16, {.line_length = 8}) ==
        "1 bytes and 1 bits differ.\n"
        "< 00000000: 48656c6c6f2c2077 \n"
        "----\n"
        "> 00000000: 4a656c6c6f2c2077 \n"
        "\n");
}
