// `vrsx recover FILE --to OUT` (docs/recover.md) on damaged copies of every golden recording,
// written to a scratch folder (chunked recordings keep their chunk cuts): truncated, a payload
// overwritten, a record header overwritten, a run of zeroes across records, garbage inserted.
//
// What must be kept is computed here, from the damage and an independent walk of the original
// chain (spec 01 §3.4): every record whose bytes were not touched, except a raw record (its
// payload can't be checked) whose successor's size or previous-size field was touched (the
// "distrust" rule of spec 01 §7.7). Kept records are compared with the original through the
// reader API: stream, type, timestamp and payload bytes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"

namespace {

using vrsx::testing::CliResult;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::ReadBytes;
using vrsx::testing::ReadTextFile;
using vrsx::testing::RunCli;
using vrsx::testing::ScratchDir;
namespace le = vrsx::testing::le;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A golden recording as one logical byte string, with where its chunks start.
struct Original {
  std::string name;
  std::vector<uint8_t> bytes;
  std::vector<uint64_t> chunk_starts;  // of chunks 1, 2...
};

Original LoadOriginal(const std::string& name) {
  Original original{name, {}, {}};
  for (size_t k = 0;; ++k) {
    std::string path = vrsx::testing::ChunkPath(GoldenFile(name), k);
    if (!std::filesystem::exists(path)) break;
    if (k > 0) original.chunk_starts.push_back(original.bytes.size());
    std::vector<uint8_t> chunk = ReadBytes(path);
    original.bytes.insert(original.bytes.end(), chunk.begin(), chunk.end());
  }
  return original;
}

// A record of the original chain.
struct ChainRecord {
  uint64_t offset = 0;
  uint32_t size = 0;
  int32_t type_id = 0;
  uint8_t record_type = 0;
  uint8_t compression = 0;
  uint64_t end() const { return offset + size; }
  bool is_user() const { return type_id != 1 && type_id != 2; }
  bool checkable() const { return compression != 0 || record_type == 4; }
};

// Walks the intact original from the description record (spec 01 §3.4).
std::vector<ChainRecord> WalkChain(const std::vector<uint8_t>& bytes) {
  std::vector<ChainRecord> chain;
  uint64_t offset = le::U32(bytes.data() + 16);  // fileHeaderSize
  while (offset + 32 <= bytes.size()) {
    const uint8_t* h = bytes.data() + offset;
    ChainRecord record{offset, le::U32(h), le::I32(h + 8), h[26], h[27]};
    REQUIRE(record.size >= 32);
    chain.push_back(record);
    offset += record.size;
  }
  REQUIRE(offset == bytes.size());
  return chain;
}

// One damage: bytes [begin, end) of the original replaced (or cut, or preceded by insertions).
struct Damage {
  std::string what;
  std::vector<uint8_t> bytes;                          // the damaged file
  std::vector<uint64_t> chunk_starts;                  // its chunk cuts
  std::vector<std::pair<uint64_t, uint64_t>> touched;  // original byte ranges changed
  uint64_t cut = UINT64_MAX;                           // original bytes from here on are gone
};

bool Touched(const Damage& damage, uint64_t begin, uint64_t end) {
  if (end > damage.cut) return true;
  for (auto [b, e] : damage.touched) {
    if (b < end && begin < e) return true;
  }
  return false;
}

// The user records (positions in `chain`) that recover must keep.
std::vector<size_t> ExpectedKept(const std::vector<ChainRecord>& chain, const Damage& damage) {
  std::vector<size_t> kept;
  for (size_t i = 0; i < chain.size(); ++i) {
    const ChainRecord& record = chain[i];
    if (!record.is_user() || Touched(damage, record.offset, record.end())) continue;
    if (!record.checkable() && i + 1 < chain.size()) {
      const ChainRecord& next = chain[i + 1];
      bool whole_next_header = next.offset + 32 <= damage.cut;
      if (whole_next_header && Touched(damage, next.offset, next.offset + 8)) continue;
    }
    kept.push_back(i);
  }
  return kept;
}

// A record's logical content, as the reader API gives it.
using Content = std::tuple<double, uint16_t, uint16_t, int, std::vector<uint8_t>>;

std::vector<Content> ContentAt(const vrsx::Reader& reader, const std::vector<uint64_t>& offsets) {
  std::vector<Content> contents;
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    const vrsx::RecordInfo& record = reader.index()[i];
    if (!offsets.empty() &&
        !std::binary_search(offsets.begin(), offsets.end(), uint64_t(record.offset))) {
      continue;
    }
    REQUIRE(reader.ReadRecord(i, payload).ok());
    contents.emplace_back(record.timestamp, record.stream.type_id, record.stream.instance_id,
                          int(record.type), payload);
  }
  std::sort(contents.begin(), contents.end());
  return contents;
}

std::string WriteDamaged(const ScratchDir& scratch, const std::string& name, const Damage& damage) {
  std::vector<uint64_t> starts;
  for (uint64_t start : damage.chunk_starts) {
    if (start < damage.bytes.size()) starts.push_back(start);
  }
  std::string path = scratch.File(name);
  vrsx::testing::WriteBytesAsChunks(path, damage.bytes, starts);
  return path;
}

// Runs recover on `damage` of `original` and checks the kept records, the exit status and that
// the output checks clean. Returns the recover result.
CliResult CheckRecover(const Original& original, const Damage& damage, int expected_exit) {
  INFO(original.name << ": " << damage.what);
  ScratchDir scratch;
  std::string input = WriteDamaged(scratch, "damaged.vrs", damage);
  CliResult recover = RunCli({"recover", input, "--to", scratch.File("out.vrs")});
  INFO("stdout: " << recover.out << "stderr: " << recover.err);
  REQUIRE(recover.exited());
  CHECK(recover.exit_code == expected_exit);
  if (expected_exit == 0) CHECK(Contains(recover.out, "Nothing lost."));
  if (expected_exit == 3) CHECK(Contains(recover.out, "Damaged: offsets "));

  std::vector<ChainRecord> chain = WalkChain(original.bytes);
  std::vector<uint64_t> kept_offsets;
  for (size_t i : ExpectedKept(chain, damage)) kept_offsets.push_back(chain[i].offset);
  vrsx::Reader source;
  REQUIRE(source.Open(GoldenFile(original.name)).ok());
  std::vector<Content> expected = ContentAt(source, kept_offsets);
  REQUIRE(expected.size() == kept_offsets.size());

  vrsx::Reader out;
  REQUIRE(out.Open(scratch.File("out.vrs")).ok());
  CHECK(out.had_complete_index());
  CHECK(out.warnings().empty());
  CHECK(out.file_tags() == source.file_tags());
  std::vector<Content> recovered = ContentAt(out, {});
  CHECK(recovered.size() == expected.size());
  bool same_content = recovered == expected;
  CHECK(same_content);

  CliResult check = RunCli({"check", scratch.File("out.vrs")});
  CHECK(check.exit_code == 0);
  CHECK(Contains(check.out, ", no errors.\n"));
  return recover;
}

// Damaged copies of `original`, each with a description of the damage.
Damage Truncated(const Original& original, uint64_t size, const std::string& what) {
  Damage damage{what,
                {original.bytes.begin(), original.bytes.begin() + int64_t(size)},
                original.chunk_starts,
                {},
                size};
  return damage;
}

Damage Overwritten(const Original& original, uint64_t begin, uint64_t end, uint8_t value,
                   const std::string& what) {
  Damage damage{what, original.bytes, original.chunk_starts, {{begin, end}}, UINT64_MAX};
  std::fill(damage.bytes.begin() + int64_t(begin), damage.bytes.begin() + int64_t(end), value);
  return damage;
}

Damage Inserted(const Original& original, uint64_t at, size_t count, const std::string& what) {
  Damage damage{what, original.bytes, {}, {{at, at + 1}}, UINT64_MAX};
  std::vector<uint8_t> garbage(count);
  uint32_t state = 12345;
  for (uint8_t& byte : garbage) byte = uint8_t((state = state * 1103515245 + 12345) >> 16);
  damage.bytes.insert(damage.bytes.begin() + int64_t(at), garbage.begin(), garbage.end());
  for (uint64_t start : original.chunk_starts) {
    damage.chunk_starts.push_back(start > at ? start + count : start);
  }
  return damage;
}

// User records of the chain, in file order.
std::vector<ChainRecord> UserRecords(const std::vector<ChainRecord>& chain) {
  std::vector<ChainRecord> users;
  for (const ChainRecord& record : chain) {
    if (record.is_user()) users.push_back(record);
  }
  return users;
}

}  // namespace

TEST_CASE("recover keeps everything of an intact file, checksum included", "[recover]") {
  for (const std::string& name : GoldenRecordings()) {
    Original original = LoadOriginal(name);
    Damage none{"nothing", original.bytes, original.chunk_starts, {}, UINT64_MAX};
    CheckRecover(original, none, 0);
    ScratchDir scratch;
    std::string out = scratch.File("out.vrs");
    REQUIRE(RunCli({"recover", GoldenFile(name), "--to", out}).exit_code == 0);
    std::string golden_checksum = ReadTextFile(ExpectedDir(name) + "/checksum.txt");
    CliResult checksum = RunCli({"checksum", out});
    CAPTURE(name);
    CHECK(checksum.out == golden_checksum);
  }
}

TEST_CASE("recover of truncated copies", "[recover]") {
  for (const std::string& name : GoldenRecordings()) {
    Original original = LoadOriginal(name);
    std::vector<ChainRecord> chain = WalkChain(original.bytes);
    std::vector<ChainRecord> users = UserRecords(chain);
    REQUIRE(users.size() > 8);
    // Right after the last user record: only the index is lost, which recover rewrites.
    CheckRecover(original, Truncated(original, users.back().end(), "cut after the last record"), 0);
    for (size_t part : {4, 2}) {
      const ChainRecord& cut = users[users.size() / part];
      uint64_t size = cut.offset + cut.size / 2;
      CheckRecover(original,
                   Truncated(original, size, "cut inside a record at " + std::to_string(size)), 3);
    }
    // Inside the header of a record.
    const ChainRecord& cut = users[users.size() * 3 / 4];
    CheckRecover(original, Truncated(original, cut.offset + 10, "cut inside a header"), 3);
  }
}

TEST_CASE("recover past an overwritten payload, header, run of zeroes, inserted garbage",
          "[recover]") {
  for (const std::string& name : GoldenRecordings()) {
    Original original = LoadOriginal(name);
    std::vector<ChainRecord> users = UserRecords(WalkChain(original.bytes));
    size_t third = users.size() / 3;

    // From the middle of the largest compressed payload to its end: its frame no longer decodes.
    // (64 bytes in the middle of a zstd frame can go unnoticed: frames carry no checksum.)
    auto largest = std::max_element(users.begin(), users.end(), [](auto& a, auto& b) {
      return (a.compression != 0 ? a.size : 0) < (b.compression != 0 ? b.size : 0);
    });
    if (largest->compression != 0) {
      uint64_t middle = largest->offset + largest->size / 2;
      CheckRecover(original, Overwritten(original, middle, largest->end(), 0xff, "payload"), 3);
    }

    const ChainRecord& header = users[third];
    CheckRecover(original, Overwritten(original, header.offset, header.offset + 32, 0xab, "header"),
                 3);

    const ChainRecord& first = users[third + 2];
    const ChainRecord& last = users[third + 5];
    // From inside a header (zeroes in a payload can decode fine: a zstd raw block has no check).
    uint64_t begin = first.offset + 16;
    uint64_t end = std::max<uint64_t>(last.offset + 32, last.offset + last.size / 2);
    CheckRecover(original, Overwritten(original, begin, end, 0, "zeroes"), 3);

    const ChainRecord& host = users[2 * third];
    CheckRecover(original, Inserted(original, host.offset + host.size / 2, 1000, "garbage"), 3);
  }
}

TEST_CASE("recover can't check a raw payload: overwritten bytes are kept as they are",
          "[recover]") {
  Original original = LoadOriginal("gen-none.vrs");
  std::vector<ChainRecord> users = UserRecords(WalkChain(original.bytes));
  auto largest = std::max_element(users.begin(), users.end(),
                                  [](auto& a, auto& b) { return a.size < b.size; });
  REQUIRE(largest->compression == 0);
  uint64_t middle = largest->offset + largest->size / 2;
  Damage damage = Overwritten(original, middle, middle + 64, 0xff, "raw payload");
  ScratchDir scratch;
  std::string input = WriteDamaged(scratch, "damaged.vrs", damage);
  CliResult recover = RunCli({"recover", input, "--to", scratch.File("out.vrs")});
  CHECK(recover.exit_code == 0);
  vrsx::Reader out;
  REQUIRE(out.Open(scratch.File("out.vrs")).ok());
  CHECK(out.index().size() == users.size());
}

TEST_CASE("recover exits 1 when nothing can be recovered", "[recover]") {
  Original original = LoadOriginal("sample_file.vrs");
  std::vector<ChainRecord> chain = WalkChain(original.bytes);
  REQUIRE(chain[0].type_id == 2);
  ScratchDir scratch;

  // Cut inside the first user record: the description alone.
  Damage cut =
      Truncated(original, chain[1].offset + chain[1].size - 1, "cut inside the first record");
  CliResult nothing = RunCli(
      {"recover", WriteDamaged(scratch, "cut.vrs", cut), "--to", scratch.File("cut-out.vrs")});
  CHECK(nothing.exit_code == 1);
  CHECK(Contains(nothing.out, "0 records"));

  // A damaged description record: the streams' formats are unknown.
  Damage description =
      Overwritten(original, chain[0].offset + 40, chain[0].offset + 48, 0xff, "description");
  CliResult bad = RunCli({"recover", WriteDamaged(scratch, "desc.vrs", description), "--to",
                          scratch.File("desc-out.vrs")});
  CHECK(bad.exit_code == 1);
  CHECK(Contains(bad.err, "description record at offset 80"));
  CHECK_FALSE(std::filesystem::exists(scratch.File("desc-out.vrs")));

  // Not a VRS file; no --to; the output is the input.
  std::string text = scratch.Write("text.vrs", std::string(4096, 'x'));
  CHECK(RunCli({"recover", text, "--to", scratch.File("text-out.vrs")}).exit_code == 1);
  std::string copy = scratch.Write("copy.vrs", original.bytes);
  CliResult no_output = RunCli({"recover", copy});
  CHECK(no_output.exit_code == 1);
  CHECK(Contains(no_output.err, "--to"));
  CliResult same = RunCli({"recover", copy, "--to", copy});
  CHECK(same.exit_code == 1);
  CHECK(ReadBytes(copy) == original.bytes);
}
