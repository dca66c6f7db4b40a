// Expected strings come from spec 03 §2.1-§2.5 and from the golden outputs in shared/golden
// (byte sizes of the golden files and their streams vs. info.txt; record times from
// json-description.json vs. the "Found ..." and record count lines of info.txt).
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "tools/rendering/human_format.h"

using namespace vrsx::cli;

TEST_CASE("HumanReadableSize: spec examples", "[human_format]") {
  CHECK(HumanReadableSize(0) == "0 B");
  CHECK(HumanReadableSize(512) == "512 B");
  CHECK(HumanReadableSize(1023) == "1023 B");
  CHECK(HumanReadableSize(1536) == "1.50 KiB");
  CHECK(HumanReadableSize(300 * 1024) == "300 KiB");
  CHECK(HumanReadableSize(1023LL * 1024 * 1024) == "1023 MiB");
  CHECK(HumanReadableSize(83038) == "81.1 KiB");
  // Never rounds up: 1023.99 KiB and 99.99 KiB.
  CHECK(HumanReadableSize(1048565) == "1023 KiB");
  CHECK(HumanReadableSize(102390) == "99.9 KiB");
  CHECK(HumanReadableSize(-1536) == "-1.50 KiB");
  CHECK(HumanReadableSize(-512) == "-512 B");
}

TEST_CASE("HumanReadableSize: every unit", "[human_format]") {
  CHECK(HumanReadableSize(1024) == "1.00 KiB");
  CHECK(HumanReadableSize(int64_t(1) << 20) == "1.00 MiB");
  CHECK(HumanReadableSize(int64_t(1) << 30) == "1.00 GiB");
  CHECK(HumanReadableSize(int64_t(1) << 40) == "1.00 TiB");
  CHECK(HumanReadableSize(int64_t(1) << 50) == "1.00 PiB");
  CHECK(HumanReadableSize(int64_t(1) << 60) == "1.00 EiB");
  CHECK(HumanReadableSize(INT64_MAX) == "7.99 EiB");
  CHECK(HumanReadableSize(INT64_MIN) == "-8.00 EiB");
}

TEST_CASE("HumanReadableSize: golden files and streams", "[human_format][golden]") {
  struct Case {
    int64_t bytes;
    const char* text;
  };
  // {byte count from the file system or json-description's file_size/stream_size, info.txt text}
  const Case cases[] = {
      {730, "730 B"},      {740, "740 B"},      {754, "754 B"},        {780, "780 B"},
      {820, "820 B"},      {840, "840 B"},      {860, "860 B"},        {900, "900 B"},
      {910, "910 B"},      {936, "936 B"},      {1110, "1.08 KiB"},    {1180, "1.15 KiB"},
      {1240, "1.21 KiB"},  {1250, "1.22 KiB"},  {1280, "1.25 KiB"},    {1290, "1.26 KiB"},
      {1340, "1.31 KiB"},  {1370, "1.34 KiB"},  {1460, "1.43 KiB"},    {1560, "1.52 KiB"},
      {1570, "1.53 KiB"},  {1906, "1.86 KiB"},  {6034, "5.89 KiB"},    {11314, "11.0 KiB"},
      {16576, "16.2 KiB"}, {17141, "16.7 KiB"}, {32768, "32.0 KiB"},   {33714, "32.9 KiB"},
      {35008, "34.2 KiB"}, {35357, "34.5 KiB"}, {38564, "37.6 KiB"},   {40443, "39.4 KiB"},
      {41344, "40.4 KiB"}, {52379, "51.1 KiB"}, {62304, "60.8 KiB"},   {62848, "61.4 KiB"},
      {82677, "80.7 KiB"}, {83038, "81.1 KiB"}, {118861, "116 KiB"},   {119327, "116 KiB"},
      {119415, "116 KiB"}, {123904, "121 KiB"}, {280810, "274 KiB"},   {619387, "604 KiB"},
      {926608, "904 KiB"}, {933360, "911 KiB"}, {2458240, "2.34 MiB"}, {2479355, "2.36 MiB"},
  };
  for (const Case& c : cases) {
    INFO(c.bytes);
    CHECK(HumanReadableSize(c.bytes) == c.text);
  }
}

TEST_CASE("HumanTimestamp and FixedTimestamp: spec examples", "[human_format]") {
  CHECK(FixedTimestamp(1493865.286102026) == "1493865.286");
  CHECK(FixedTimestamp(0) == "0.000");
  CHECK(FixedTimestamp(-1.5) == "-1.500");
  CHECK(FixedTimestamp(4e-323) == "0.000");
  CHECK(FixedTimestamp(1e10) == "10000000000.000");

  CHECK(HumanTimestamp(0) == "0.000");
  CHECK(HumanTimestamp(1493865.291049316) == "1493865.291");
  CHECK(HumanTimestamp(5e-4) == "5.000e-04");
  CHECK(HumanTimestamp(-5e-4) == "-5.000e-04");
  CHECK(HumanTimestamp(1e-3) == "0.001");
  CHECK(HumanTimestamp(9999999999.0) == "9999999999.000");
  CHECK(HumanTimestamp(1.63616595e10) == "1.636165950e+10");
  CHECK(HumanTimestamp(-1.63616595e10) == "-1.636165950e+10");
}

TEST_CASE("HumanTimestamp: golden subnormal start times", "[human_format][golden]") {
  // copy-ztight.vrs: json-description start_time vs. info.txt "from <T1>".
  CHECK(HumanTimestamp(4e-323) == "3.953e-323");
  CHECK(HumanTimestamp(4.4e-323) == "4.447e-323");
  CHECK(HumanTimestamp(5e-324) == "4.941e-324");
  CHECK(HumanTimestamp(1e-323) == "9.881e-324");
  CHECK(HumanTimestamp(1.24e-322) == "1.235e-322");
  CHECK(HumanTimestamp(0.36000000000000043) == "0.360");
}

TEST_CASE("HumanReadableDuration: spec examples", "[human_format]") {
  CHECK(HumanReadableDuration(1.087) == "1.087s");
  CHECK(HumanReadableDuration(0) == "0.000s");
  CHECK(HumanReadableDuration(65.25) == "1m 5.250s");
  CHECK(HumanReadableDuration(7203) == "2h 0m 3.000s");
  CHECK(HumanReadableDuration(0.012) == "12ms");
  CHECK(HumanReadableDuration(0.0015) == "1500us");
  CHECK(HumanReadableDuration(-1.5) == "-1.500s");
  CHECK(HumanReadableDuration(-0.012) == "-12ms");
}

TEST_CASE("HumanReadableDuration: units from the spec's rules", "[human_format]") {
  // Thresholds are strict: exactly 60 s is still seconds.
  CHECK(HumanReadableDuration(60) == "60.000s");
  CHECK(HumanReadableDuration(61) == "1m 1.000s");
  CHECK(HumanReadableDuration(3601) == "1h 0m 1.000s");
  CHECK(HumanReadableDuration(86401) == "1 day, 0h 0m 1.000s");
  CHECK(HumanReadableDuration(2 * 86400 + 1) == "2 days, 0h 0m 1.000s");
  CHECK(HumanReadableDuration(604801) == "1 week, 0 days, 0h 0m 1.000s");
  CHECK(HumanReadableDuration(31557600.0 + 1) == "1 year, 0 weeks, 0 days, 0h 0m 1.000s");
  CHECK(HumanReadableDuration(2 * 31557600.0 + 5) == "2 years, 0 weeks, 0 days, 0h 0m 5.000s");
  CHECK(HumanReadableDuration(1e9 * 31557600.0) == "3.155760000e+16s");
  // Below a second the unit changes at twice its size.
  CHECK(HumanReadableDuration(0.002) == "2ms");
  CHECK(HumanReadableDuration(0.9994) == "999ms");
  CHECK(HumanReadableDuration(2e-6) == "2us");
  CHECK(HumanReadableDuration(1.5e-6) == "1500ns");
  CHECK(HumanReadableDuration(1.5e-9) == "1500ps");
  CHECK(HumanReadableDuration(1.5e-12) == "1500fs");
  CHECK(HumanReadableDuration(3e-15) == "3fs");
  CHECK(HumanReadableDuration(1.5e-15) == "1.500fs");
  CHECK(HumanReadableDuration(1e-18) == "0.001fs");
}

namespace {

// One "<n> records, from T1 to T2 (<duration>, <rate>rps)" line of a golden info.txt with the
// json-description times it was printed from.
struct SpanCase {
  double first;
  double last;
  uint64_t count;
  const char* first_text;
  const char* last_text;
  const char* duration_text;
  const char* rate_text;
};

}  // namespace

TEST_CASE("Durations, rates and times: golden info.txt lines", "[human_format][golden]") {
  const SpanCase cases[] = {
      // chunks.vrs: Found line, then the data line of each stream
      {1426237.758817648, 1426238.797723179, 300, "1426237.759", "1426238.798", "1.039s", "287.8"},
      {1426237.765453065, 1426238.797723179, 100, "1426237.765", "1426238.798", "1.032s", "95.91"},
      {1426237.758817648, 1426238.791381868, 100, "1426237.759", "1426238.791", "1.033s", "95.88"},
      {1426237.765432383, 1426238.797632276, 100, "1426237.765", "1426238.798", "1.032s", "95.91"},
      // copy-ztight.vrs
      {0.0, 0.3600000000000014, 260, "0.000", "0.360", "360ms", "719.4"},
      {0.0, 0.36, 10, "0.000", "0.360", "360ms", "25"},
      {4e-323, 0.36000000000000043, 10, "3.953e-323", "0.360", "360ms", "25"},
      // gen-chunked.vrs
      {1000.0, 1000.25, 28, "1000.000", "1000.250", "250ms", "108"},
      {1000.001, 1000.201, 4, "1000.001", "1000.201", "200ms", "15"},
      {1000.0, 1000.2333333333333, 8, "1000.000", "1000.233", "233ms", "30"},
      {1000.0, 1000.25, 16, "1000.000", "1000.250", "250ms", "60"},
      // gen-lz4fast.vrs
      {1000.0, 1000.66, 130, "1000.000", "1000.660", "660ms", "195.5"},
      {1000.001, 1000.601, 10, "1000.001", "1000.601", "600ms", "15"},
      {1000.0, 1000.6333333333333, 20, "1000.000", "1000.633", "633ms", "30"},
      {1000.0, 1000.66, 100, "1000.000", "1000.660", "660ms", "150"},
      // gen-zmedium-async.vrs
      {1000.0, 1001.9933333333333, 390, "1000.000", "1001.993", "1.993s", "195.2"},
      {1000.001, 1001.9343333333333, 30, "1000.001", "1001.934", "1.933s", "15"},
      {1000.0, 1001.9666666666667, 60, "1000.000", "1001.967", "1.967s", "30"},
      // sample_file.vrs
      {1493865.291049316, 1493866.378280392, 301, "1493865.291", "1493866.378", "1.087s", "275.9"},
      {1493865.297510391, 1493866.378280392, 100, "1493865.298", "1493866.378", "1.081s", "91.6"},
      {1493865.291049316, 1493866.372566421, 101, "1493865.291", "1493866.373", "1.082s", "92.46"},
      {1493865.297490512, 1493866.378203255, 100, "1493865.297", "1493866.378", "1.081s", "91.61"},
      // Merged outputs (cli-cases.json copy-two and merge-three, spec §13.7): times of the inputs.
      {1000.0, 1493866.378280392, 430, "1000.000", "1493866.378", "2 weeks, 3 days, 6h 41m 6.378s",
       "0.0002874"},
      {1000.0, 1493866.378280392, 690, "1000.000", "1493866.378", "2 weeks, 3 days, 6h 41m 6.378s",
       "0.0004615"},
      {1000.001, 1493866.378280392, 130, "1000.001", "1493866.378",
       "2 weeks, 3 days, 6h 41m 6.377s", "8.641e-05"},
      {1000.0, 1493866.372566421, 160, "1000.000", "1493866.373", "2 weeks, 3 days, 6h 41m 6.373s",
       "0.0001065"},
      {1426237.758817648, 1493866.378280392, 600, "1426237.759", "1493866.378", "18h 47m 8.619s",
       "0.008857"},
  };
  for (const SpanCase& c : cases) {
    INFO(c.first << " .. " << c.last);
    CHECK(HumanTimestamp(c.first) == c.first_text);
    CHECK(HumanTimestamp(c.last) == c.last_text);
    CHECK(HumanReadableDuration(c.last - c.first) == c.duration_text);
    CHECK(FormatRate(double(c.count - 1) / (c.last - c.first)) == c.rate_text);
  }
  // merge-three: "2 configuration records, from 999.990 to 1493865.286 (2 weeks, 3 days, 6h 41m
  // 5.296s)." for the audio stream (no rate on configuration lines).
  CHECK(HumanReadableDuration(1493865.286114446 - 999.99) == "2 weeks, 3 days, 6h 41m 5.296s");
}

TEST_CASE("FormatRate: spec examples", "[human_format]") {
  CHECK(FormatRate(275.9) == "275.9");
  CHECK(FormatRate(92.46) == "92.46");
  CHECK(FormatRate(30) == "30");
  CHECK(FormatRate(12350) == "1.235e+04");
  CHECK(FormatRate(0.0001) == "0.0001");
  CHECK(FormatRate(0.00001) == "1e-05");
}

TEST_CASE("Counted", "[human_format]") {
  CHECK(Counted(0, "record") == "no records");
  CHECK(Counted(0, "record", true) == "No records");
  CHECK(Counted(1, "record") == "1 record");
  CHECK(Counted(1, "record", true) == "1 record");
  CHECK(Counted(2, "stream") == "2 streams");
  CHECK(Counted(307, "record") == "307 records");
  // The stream line of info.txt counts a whole phrase.
  CHECK(Counted(103, "Forward Camera Class #1 - sample/camera [200-1] record", true) ==
        "103 Forward Camera Class #1 - sample/camera [200-1] records");
}
