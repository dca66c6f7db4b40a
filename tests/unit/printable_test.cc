// Expected strings come from spec 03 §2.6 and §4.1 ("Tag line truncation") and from the golden
// info.txt / json-description.json of sample_file.vrs (the full tag values are in the JSON, the
// truncated lines in info.txt).
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "tools/rendering/printable.h"

using namespace vrsx::cli;

TEST_CASE("MakePrintable", "[printable]") {
  CHECK(MakePrintable("") == "");
  CHECK(MakePrintable("MacOS 20.6.0") == "MacOS 20.6.0");
  CHECK(MakePrintable(" ~\\\"'") == " ~\\\"'");
  CHECK(MakePrintable("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(MakePrintable("\x08\x1b") == "\\b\\e");
  CHECK(MakePrintable(std::string_view("\0\x01\x7f", 3)) == "\\x00\\x01\\x7f");
  CHECK(MakePrintable("\x0b\x0c\x1f") == "\\x0b\\x0c\\x1f");
  // UTF-8 is escaped byte by byte, lowercase hex.
  CHECK(MakePrintable("caf\xc3\xa9") == "caf\\xc3\\xa9");
  CHECK(MakePrintable("\xff\x80") == "\\xff\\x80");
}

TEST_CASE("TagLine: short lines are kept", "[printable][golden]") {
  CHECK(TagLine("  VRS Tag: ", "RF:Data:1", "audio/pcm/int16le/channels=1/rate=44100") ==
        "  VRS Tag: RF:Data:1 = audio/pcm/int16le/channels=1/rate=44100");
  CHECK(TagLine("  Tag: ", "os_fingerprint", "MacOS 20.6.0") ==
        "  Tag: os_fingerprint = MacOS 20.6.0");
  CHECK(
      TagLine(
          "  VRS Tag: ", "DL:Data:1:0",
          R"({"data_layout":[{"name":"motion_data","type":"DataPieceVector<Matrix3Dd>","index":0}]})") ==
      R"(  VRS Tag: DL:Data:1:0 = {"data_layout":[{"name":"motion_data","type":"DataPieceVector<Matrix3Dd>","index":0}]})");
  CHECK(TagLine("  Tag: ", "", "") == "  Tag:  = ");
}

TEST_CASE("TagLine: golden DL: lines are cut to 160 characters", "[printable][golden]") {
  const std::string configuration =
      R"({"data_layout":[{"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0},)"
      R"({"name":"image_height","type":"DataPieceValue<uint32_t>","offset":4},)"
      R"({"name":"image_pixel_format","type":"DataPieceValue<uint32_t>","offset":8},)"
      R"({"name":"camera_calibration","type":"DataPieceVector<float>","index":0}]})";
  const std::string data =
      R"({"data_layout":[{"name":"exposure_time","type":"DataPieceValue<uint64_t>","offset":0},)"
      R"({"name":"exposure","type":"DataPieceValue<float>","offset":8},)"
      R"({"name":"frame_counter","type":"DataPieceValue<uint64_t>","offset":12},)"
      R"({"name":"camera_temperature","type":"DataPieceValue<float>","offset":20}]})";
  std::string line = TagLine("  VRS Tag: ", "DL:Configuration:1:0", configuration);
  CHECK(
      line ==
      R"(  VRS Tag: DL:Configuration:1:0 = {"data_layout":[{"name":"image_width","type":"DataPieceValue<uint32_t>","offset":0},{"name":"image_height","type":"DataPiec...)");
  CHECK(line.size() == 160);
  CHECK(
      TagLine("  VRS Tag: ", "DL:Data:1:0", data) ==
      R"(  VRS Tag: DL:Data:1:0 = {"data_layout":[{"name":"exposure_time","type":"DataPieceValue<uint64_t>","offset":0},{"name":"exposure","type":"DataPieceValue<floa...)");
}

TEST_CASE("TagLine: truncation rules of spec §4.1", "[printable]") {
  const std::string prefix = "  Tag: ";  // 7 chars, + "n = " makes 11
  // Up to W - 3 = 157 characters the line is kept; from 158 on it becomes 157 + "...".
  std::string line157 = TagLine(prefix, "n", std::string(146, 'v'));
  CHECK(line157 == prefix + "n = " + std::string(146, 'v'));
  std::string line158 = TagLine(prefix, "n", std::string(147, 'v'));
  CHECK(line158 == prefix + "n = " + std::string(146, 'v') + "...");
  CHECK(TagLine(prefix, "n", std::string(1000, 'v')) == line158);
  // Sanitising happens after the cut to W, so escapes can make a line need the ellipsis.
  std::string tabs = TagLine(prefix, "n", "x" + std::string(100, '\t'));
  std::string escaped_tabs;
  for (int i = 0; i < 72; ++i) escaped_tabs += "\\t";
  // The cut may even split an escape: 72 "\t" then the lone backslash of the 73rd.
  CHECK(tabs == prefix + "n = x" + escaped_tabs + "\\...");
  CHECK(tabs.size() == 160);
  // A name that alone reaches W: the whole line is cut.
  CHECK(TagLine(prefix, std::string(200, 'n'), "value") == prefix + std::string(150, 'n') + "...");
  // Another width.
  CHECK(TagLine(prefix, "name", "0123456789", 20) == "  Tag: name = 012...");
  CHECK(TagLine(prefix, "name", "012", 20) == "  Tag: name = 012");
  CHECK(TagLine(prefix, "name", "0123", 20) == "  Tag: name = 012...");
}

namespace {

// Runs the test body with TZ=UTC, like the golden outputs were made, and restores TZ after.
class UtcTimeZone {
 public:
  UtcTimeZone() {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  ~UtcTimeZone() {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  UtcTimeZone(const UtcTimeZone&) = delete;
  UtcTimeZone& operator=(const UtcTimeZone&) = delete;

 private:
  std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("CaptureTimeSuffix", "[printable][golden]") {
  UtcTimeZone utc;
  CHECK(CaptureTimeSuffix("1636165950") == " -- Sat Nov  6 02:32:30 2021 UTC");  // sample_file
  CHECK(CaptureTimeSuffix("1636098323") == " -- Fri Nov  5 07:45:23 2021 UTC");  // chunks
  CHECK(CaptureTimeSuffix("1700000000") == " -- Tue Nov 14 22:13:20 2023 UTC");  // gen-*
  // Only integers > 1000000.
  CHECK(CaptureTimeSuffix("1000000") == "");
  CHECK(CaptureTimeSuffix("1000001") == " -- Mon Jan 12 13:46:41 1970 UTC");
  CHECK(CaptureTimeSuffix("") == "");
  CHECK(CaptureTimeSuffix("sample_code") == "");
  CHECK(CaptureTimeSuffix("-1636165950") == "");
  CHECK(CaptureTimeSuffix("1636165950.5") == "");
  CHECK(CaptureTimeSuffix("99999999999999999999999") == "");
}

TEST_CASE("TagLine composes with CaptureTimeSuffix", "[printable][golden]") {
  UtcTimeZone utc;
  const std::string value = "1636165950";
  CHECK(TagLine("  Tag: ", "capture_time_epoch", value + CaptureTimeSuffix(value)) ==
        "  Tag: capture_time_epoch = 1636165950 -- Sat Nov  6 02:32:30 2021 UTC");
}
