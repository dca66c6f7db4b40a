// The raw and comparison commands run as a process, as the reference was: `compare`,
// `compare-verbatim` (cli-cases.json), `checksum-verbatim` (each file's checksum-verbatim.txt),
// the byte difference reports of both comparisons, and `debug` (spec 03 §13.10). The commands
// run in scratch folders holding copies of the golden files, so that paths print as the
// reference printed them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "golden/cli_cases.h"
#include "golden/cli_runner.h"
#include "golden/golden_files.h"

using namespace vrsx::testing;

TEST_CASE("compare and compare-verbatim print what the reference printed", "[compare][cli]") {
  std::vector<CliCase> cases = CliCasesWithPrefix({"compare"});
  REQUIRE(cases.size() >= 3);
  for (const CliCase& c : cases) {
    INFO("case " << c.name);
    CliResult result = RunInScratch(c.args);
    INFO("stderr: " << result.err);
    CHECK(result.exit_code == c.exit_code);
    CHECK(result.out == c.stdout_text);
  }
}

TEST_CASE("compare-diff: the differences are the VRS tags (serial numbers)", "[compare][cli]") {
  CliResult result = RunInScratch({"compare", "gen-none.vrs", "gen-lz4fast.vrs"});
  CHECK(result.err.find("The VRS tags of the stream 200-1/200-1 don't match.\n") !=
        std::string::npos);
}

TEST_CASE("compare and compare-verbatim report the differing bytes", "[compare][cli]") {
  GoldenScratch scratch;
  std::vector<uint8_t> bytes = ReadBytes(scratch.File("gen-none.vrs"));
  // Two bytes in the payload of a data record of the uncompressed file.
  bytes.at(60000) ^= 0xff;
  bytes.at(60001) ^= 0x0f;
  scratch.Write("modified.vrs", bytes);

  CliResult result =
      RunCli({"compare", "gen-none.vrs", "gen-none.vrs", "modified.vrs"}, scratch.path());
  CHECK(result.exit_code == 0);
  std::string counters =
      "Found 3 streams, 136 records, 130 data records from 1000.000 to 1000.660 (660ms, "
      "195.5rps).\n";
  CHECK(result.out == "VRS file: 'gen-none.vrs', 116 KiB.\n" + counters +
                          "Comparing with VRS file: 'gen-none.vrs', 116 KiB.\n" + counters +
                          "Files are equivalent.\n"
                          "Comparing with VRS file: 'modified.vrs', 116 KiB.\n" +
                          counters +
                          "2 bytes and 12 bits differ.\n"
                          "< 00000a98: 2122211f20222224 \n"
                          "----\n"
                          "> 00000a98: 2122de1020222224 \n"
                          "\n"
                          "Files differ.\n");
  CHECK(result.err == "Record 200-1 t: 1000.300 Data payload mismatch.\n");

  result =
      RunCli({"compare-verbatim", "gen-none.vrs", "gen-none.vrs", "modified.vrs"}, scratch.path());
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "Files are identical.\n"
        "Chunk #1 is different.\n"
        "2 bytes and 12 bits differ.\n"
        "< 0000ea60: 211f202222241413 1312181511171614  !. \"\"$..........\n"
        "----\n"
        "> 0000ea60: de10202222241413 1312181511171614  .. \"\"$..........\n"
        "\n"
        "Files differ.\n");
}

TEST_CASE("compare: stream sets that differ", "[compare][cli]") {
  CliResult result =
      RunInScratch({"compare", "sample_file.vrs", "gen-none.vrs", "sample_file.vrs"});
  CHECK(result.exit_code == 0);
  CHECK(
      result.out.ends_with("Files differ.\n"
                           "Comparing with VRS file: 'sample_file.vrs', 81.1 KiB.\n"
                           "Found 3 streams, 307 records, 301 data records from 1493865.291 to "
                           "1493866.378 (1.087s, 275.9rps).\n"
                           "Files are equivalent.\n"));
  CHECK(result.err.find("Streams don't match.\n") != std::string::npos);
  // Filters apply to both files: the streams of type 200 are then paired.
  result = RunInScratch({"compare", "sample_file.vrs", "gen-none.vrs", "+", "200"});
  CHECK(result.err.find("Streams don't match.") == std::string::npos);
  CHECK(result.out.ends_with("Files differ.\n"));
}

TEST_CASE("checksum-verbatim gives each golden file's checksum-verbatim.txt", "[checksum][cli]") {
  for (const std::string& name : GoldenRecordings()) {
    INFO("file " << name);
    CliResult result = RunInScratch({"checksum-verbatim", name});
    CHECK(result.exit_code == 0);
    CHECK(result.out == ReadTextFile(ExpectedDir(name) + "/checksum-verbatim.txt"));
  }
}

TEST_CASE("checksum-verbatim: only a path ending in .vrs gets its chunks", "[checksum][cli]") {
  GoldenScratch scratch;
  scratch.Write("chunks.bin", ReadBytes(scratch.File("chunks.vrs")));
  scratch.Write("chunks.bin_1", ReadBytes(scratch.File("chunks.vrs_1")));
  scratch.Write("upper.VRS", ReadBytes(scratch.File("chunks.vrs")));
  scratch.Write("upper.VRS_1", ReadBytes(scratch.File("chunks.vrs_1")));
  scratch.Write("upper.VRS_2", ReadBytes(scratch.File("chunks.vrs_2")));
  CHECK(RunCli({"checksum-verbatim", "upper.VRS"}, scratch.path()).out == "7ff79536cf0060fe\n");
  CliResult first = RunCli({"checksum-verbatim", "chunks.bin"}, scratch.path());
  CHECK(first.out.size() == 17);
  CHECK(first.out != "7ff79536cf0060fe\n");
  CHECK(RunCli({"compare-verbatim", "chunks.vrs", "upper.VRS", "chunks.bin"}, scratch.path()).out ==
        "Files are identical.\n"
        "The files have different sizes: 82677 vs. 32768 bytes.\n"
        "Files differ.\n");
}

TEST_CASE("debug on sample_file.vrs prints spec 03 §13.10", "[debug][cli]") {
  // RunCli runs the tool with TZ=UTC, as the example was.
  CliResult result = RunInScratch({"debug", "sample_file.vrs"});
  CHECK(result.exit_code == 0);
  CHECK(result.err == "");
  CHECK(result.out ==
        "VRS file internals of 'sample_file.vrs'\n"
        "FileHandler: diskfile\n"
        "File header integrity: OK.\n"
        "File format version: 'VRS1', supported.\n"
        "Creation ID: 16b4d4434b414de8.\n"
        "Creation date: Sat Nov  6 02:32:30 2021 UTC.\n"
        "File header size: 80 bytes, as expected.\n"
        "Record header size: 32 bytes, as expected.\n"
        "Description record offset: 80, right after the file header, as expected.\n"
        "Description record size: 1.51 KiB.\n"
        "Index record offset: 81584, NOT after the description record. Not great for "
        "streaming.\n"
        "Index Record size: 1.42 KiB.\n"
        "Index Record uncompressed size: 5.72 KiB, compressed with zstd.\n"
        "Index Record contains 307 records, 5.69 KiB worth of data, 1.39 KiB compressed, 75.73% "
        "saved, record 97.80% used.\n"
        "Index Record format version: Classic.\n"
        "First user record offset: 0, value not set, which is expected with legacy files, "
        "pre-streaming optimizations.\n"
        "First user record at 1629, after the description record.\n"
        "Size of record before first user record: 1549 bytes.\n");
}

TEST_CASE("debug on a file whose index follows its description record", "[debug][cli]") {
  CliResult result = RunInScratch({"debug", "copy-ztight.vrs"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("File format version: 'VRS2', supported.\n") != std::string::npos);
  CHECK(result.out.find("Index record offset: 18999, right after the description record (Ready "
                        "for streaming).\n") != std::string::npos);
  CHECK(result.out.ends_with(
      "Index Record format version: Classic.\n"
      "First user record offset: 20049, value set, when doing streaming optimizations.\n"
      "Size of record before first user record: 1050 bytes.\n"));
}

TEST_CASE("debug names a chunked file by its JSON spec", "[debug][cli]") {
  CliResult result = RunInScratch({"debug", "chunks.vrs"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.starts_with(
      "VRS file internals of "
      "'{\"chunks\":[\"chunks.vrs\",\"chunks.vrs_1\",\"chunks.vrs_2\"],\"storage\":\"diskfile\"}'\n"
      "FileHandler: diskfile\n"
      "File header integrity: OK.\n"));
  // The index record lies in the last chunk (spec 01 §8).
  CHECK(result.out.find("Index record offset: 81235, NOT after the description record.") !=
        std::string::npos);
  CHECK(result.out.find("Index Record contains 306 records,") != std::string::npos);
}

TEST_CASE("debug never crashes on damaged files, and fails with status 1", "[debug][cli]") {
  GoldenScratch scratch;
  std::vector<uint8_t> bytes = ReadBytes(scratch.File("sample_file.vrs"));
  REQUIRE(bytes.size() == 83038);
  auto prefix = [&](size_t size) {
    return std::vector<uint8_t>(bytes.begin(), bytes.begin() + size);
  };
  scratch.Write("short.bin", prefix(50));
  scratch.Write("header-only.bin", prefix(80));
  scratch.Write("no-index.bin", prefix(60000));
  std::vector<uint8_t> bad_magic = bytes;
  bad_magic[1] = 'X';
  scratch.Write("bad-magic.bin", bad_magic);
  std::vector<uint8_t> bad_version = bytes;
  bad_version[79] = '9';
  scratch.Write("bad-version.bin", bad_version);
  std::vector<uint8_t> bad_index = bytes;
  for (size_t i = 81584 + 32 + 26; i < 81584 + 32 + 60; ++i) bad_index[i] = 0xee;
  scratch.Write("bad-index.bin", bad_index);

  for (const char* name : {"short.bin", "header-only.bin", "no-index.bin", "bad-magic.bin",
                           "bad-version.bin", "bad-index.bin", "not-a-vrs.bin"}) {
    INFO("file " << name);
    CliResult result = RunCli({"debug", name}, scratch.path());
    REQUIRE(result.exited());
    CHECK(result.exit_code == 1);
    CHECK(result.out.starts_with(std::string("VRS file internals of '") + name + "'\n"));
    CHECK(!result.err.empty());
  }
  CHECK(RunCli({"debug", "bad-version.bin"}, scratch.path())
            .out.ends_with("File format version: 'VRS9', NOT SUPPORTED.\n"));
}
