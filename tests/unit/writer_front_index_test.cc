// WriterOptions::preallocated_index (spec 01 §7.6 case B) and WriterOptions::sync_data: files
// checked field by field with a parser of this file (little-endian reads from the tests'
// support, not vrsx's structures), then read back with vrsx::Reader.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"
#include "vrsx/writer.h"

using namespace vrsx;
namespace fs = std::filesystem;
namespace le = vrsx::testing::le;

namespace {

using vrsx::testing::TempDir;

std::vector<uint8_t> FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Disk {
  uint64_t offset;
  uint32_t size, previous;
  int32_t type_id;
  uint8_t compression;
  uint32_t uncompressed_size;
};

// Every record of the daisy chain, from the description record on.
std::vector<Disk> Chain(const std::vector<uint8_t>& file) {
  std::vector<Disk> chain;
  for (uint64_t offset = 80; offset + 32 <= file.size();) {
    const uint8_t* p = file.data() + offset;
    chain.push_back({offset, le::U32(p), le::U32(p + 4), le::I32(p + 8), p[27], le::U32(p + 28)});
    if (chain.back().size < 32) break;
    offset += chain.back().size;
  }
  return chain;
}

// Payload of record i: 40 + i % 300 bytes of a pattern that zstd shrinks.
std::vector<uint8_t> Payload(size_t i) {
  std::vector<uint8_t> bytes(40 + i % 300);
  for (size_t k = 0; k < bytes.size(); ++k) bytes[k] = uint8_t((i + k / 8) & 0x3f);
  return bytes;
}

struct Plan {
  size_t records = 0;
  size_t preliminary_records = 0;  // entries announced to the writer
  CompressionPreset preset = CompressionPreset::kNone;
};

// Writes plan.records records on two streams; the preliminary index announces the first
// plan.preliminary_records of them with their raw sizes.
void WriteFile(const std::string& path, const Plan& plan, WriterOptions options = {}) {
  std::vector<RecordInfo> preliminary;
  for (size_t i = 0; i < plan.preliminary_records; ++i) {
    RecordInfo info;
    info.timestamp = double(i) * 0.01;
    info.disk_size = uint32_t(32 + Payload(i).size());
    info.stream = StreamId{uint16_t(i % 2 == 0 ? 100 : 101), 1};
    info.type = RecordType::kData;
    preliminary.push_back(info);
  }
  options.preallocated_index = std::move(preliminary);
  Writer writer(std::move(options));
  StreamId a, b;
  REQUIRE(writer.AddStream(StreamDefinition(100, {}, plan.preset), a).ok());
  REQUIRE(writer.AddStream(StreamDefinition(101, {}, plan.preset), b).ok());
  REQUIRE(writer.Create(path).ok());
  for (size_t i = 0; i < plan.records; ++i) {
    std::vector<uint8_t> payload = Payload(i);
    REQUIRE(writer
                .AddRecord(i % 2 == 0 ? a : b, {RecordType::kData, 1, double(i) * 0.01},
                           Writer::Piece(payload))
                .ok());
  }
  REQUIRE(writer.Close().ok());
}

void CheckReadBack(const std::string& path, size_t records) {
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.warnings().empty());
  REQUIRE(reader.index().size() == records);
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < records; ++i) {
    REQUIRE(reader.ReadRecord(i, payload).ok());
    CHECK(payload == Payload(i));
    CHECK(reader.index()[i].timestamp == double(i) * 0.01);
  }
}

struct FrontLayout {
  uint64_t index_offset = 0;  // header field
  uint64_t first_user = 0;    // header field
  Disk reservation{};         // the record right after the description
  std::vector<Disk> chain;
};

FrontLayout CheckFrontLayout(const std::vector<uint8_t>& file) {
  REQUIRE(file.size() > 80);
  FrontLayout layout;
  CHECK(le::U32(file.data() + 76) == vrsx::testing::kVersionVrs2);
  CHECK(le::I64(file.data() + 32) == 80);
  layout.index_offset = uint64_t(le::I64(file.data() + 24));
  layout.first_user = uint64_t(le::I64(file.data() + 40));
  layout.chain = Chain(file);
  REQUIRE(layout.chain.size() >= 2);
  CHECK(layout.chain[0].type_id == 2);
  layout.reservation = layout.chain[1];
  CHECK(layout.reservation.type_id == 1);
  CHECK(layout.reservation.offset == 80 + layout.chain[0].size);
  CHECK(layout.reservation.previous == layout.chain[0].size);
  CHECK(layout.first_user == layout.reservation.offset + layout.reservation.size);
  return layout;
}

}  // namespace

TEST_CASE("writer: a preallocated index under 100 entries is raw, filled in place") {
  TempDir dir;
  std::string path = dir.File("small.vrs");
  WriteFile(path, {.records = 50, .preliminary_records = 50});
  std::vector<uint8_t> file = FileBytes(path);
  FrontLayout layout = CheckFrontLayout(file);
  CHECK(layout.index_offset == layout.reservation.offset);
  // Raw entries, exactly the size announced: prelude (2 streams) + 50 entries.
  CHECK(layout.reservation.compression == 0);
  CHECK(layout.reservation.uncompressed_size == 0);
  CHECK(layout.reservation.size == 32 + 8 + 2 * 6 + 50 * 19);
  const uint8_t* payload = file.data() + layout.reservation.offset + 32;
  CHECK(le::U32(payload) == 2);
  CHECK(le::U32(payload + 16) == 50);
  // The entries name the records that follow, in file order.
  for (size_t i = 0; i < 50; ++i) {
    const uint8_t* entry = payload + 20 + 19 * i;
    const Disk& record = layout.chain[2 + i];
    CHECK(le::U32(entry + 8) == record.size);
    CHECK(le::I32(entry + 13) == record.type_id);
  }
  CHECK(layout.chain.size() == 2 + 50);  // no second index
  CHECK(layout.chain[2].previous == layout.reservation.size);
  CheckReadBack(path, 50);
}

TEST_CASE("writer: a preallocated index of 100 entries or more is zstd") {
  TempDir dir;
  std::string path = dir.File("zstd.vrs");
  WriteFile(path,
            {.records = 400, .preliminary_records = 400, .preset = CompressionPreset::kZstdLight});
  std::vector<uint8_t> file = FileBytes(path);
  FrontLayout layout = CheckFrontLayout(file);
  CHECK(layout.index_offset == layout.reservation.offset);
  CHECK(layout.reservation.compression == 2);
  CHECK(layout.reservation.uncompressed_size == 8 + 2 * 6 + 400 * 19);
  CHECK(layout.chain.size() == 2 + 400);
  CheckReadBack(path, 400);
}

TEST_CASE("writer: a preallocated index too small goes to the end, the reservation stays") {
  TempDir dir;
  std::string path = dir.File("fallback.vrs");
  // One entry announced, 300 written: the real index can't fit in the reservation.
  WriteFile(path, {.records = 300, .preliminary_records = 1});
  std::vector<uint8_t> file = FileBytes(path);
  FrontLayout layout = CheckFrontLayout(file);
  CHECK(layout.reservation.size == 32 + 8 + 2 * 6 + 19);
  REQUIRE(layout.chain.size() == 2 + 300 + 1);
  const Disk& last = layout.chain.back();
  CHECK(last.type_id == 1);
  CHECK(layout.index_offset == last.offset);
  CHECK(last.offset + last.size == file.size());
  CHECK(last.previous == layout.chain[layout.chain.size() - 2].size);
  CHECK(last.uncompressed_size == 8 + 2 * 6 + 300 * 19);
  CheckReadBack(path, 300);
}

TEST_CASE("writer: a large preallocated index gets headroom and fits") {
  TempDir dir;
  std::string path = dir.File("large.vrs");
  // Above kReferenceLadderMaxEntries (10000): zmedium, 1/8 of headroom.
  WriteFile(
      path,
      {.records = 12000, .preliminary_records = 12000, .preset = CompressionPreset::kLz4Fast});
  std::vector<uint8_t> file = FileBytes(path);
  FrontLayout layout = CheckFrontLayout(file);
  CHECK(layout.index_offset == layout.reservation.offset);
  CHECK(layout.reservation.compression == 2);
  CHECK(layout.chain.size() == 2 + 12000);
  CheckReadBack(path, 12000);
}

TEST_CASE("writer: a front-index file cut before close rebuilds its index") {
  TempDir dir;
  std::string path = dir.File("crashed.vrs");
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    WriterOptions options;
    options.preallocated_index = std::vector<RecordInfo>(200);
    Writer writer(std::move(options));
    StreamId a;
    bool ok = writer.AddStream(StreamDefinition(100), a).ok() && writer.Create(path).ok();
    for (size_t i = 0; ok && i < 120; ++i) {
      std::vector<uint8_t> payload = Payload(i);
      ok = writer.AddRecord(a, {RecordType::kData, 1, double(i) * 0.01}, Writer::Piece(payload))
               .ok();
    }
    ok = ok && writer.Flush().ok();
    ::_exit(ok ? 0 : 1);  // a crash: no Close()
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::vector<uint8_t> file = FileBytes(path);
  FrontLayout layout = CheckFrontLayout(file);
  CHECK(layout.index_offset == 0);  // set at close only (spec 01 §2)
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK_FALSE(reader.had_complete_index());
  REQUIRE(reader.index().size() == 120);
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < 120; ++i) {
    REQUIRE(reader.ReadRecord(i, payload).ok());
    CHECK(payload == Payload(i));
  }
}

TEST_CASE("writer: sync_data writes the same intact file") {
  TempDir dir;
  WriterOptions options;
  options.sync_data = true;
  options.max_chunk_size = 20000;  // new chunks are synced before the writer moves on
  options.auto_flush_interval = 0.01;
  std::string path = dir.File("synced.vrs");
  WriteFile(path,
            {.records = 500, .preliminary_records = 500, .preset = CompressionPreset::kZstdFaster},
            options);
  CHECK(fs::exists(path + "_1"));
  CheckReadBack(path, 500);
}

TEST_CASE("writer: an index of 4 MB or more, compressed on zstd's threads, reads back") {
  TempDir dir;
  std::string path = dir.File("huge-index.vrs");
  // 19 bytes an entry: 230 000 entries are 4.4 MB, where the index uses zstd's threads.
  constexpr size_t kRecords = 230000;
  WriteFile(path, {.records = kRecords, .preliminary_records = kRecords});
  FrontLayout layout = CheckFrontLayout(FileBytes(path));
  CHECK(layout.index_offset == layout.reservation.offset);
  CHECK(layout.reservation.compression == 2);
  CHECK(layout.reservation.uncompressed_size == 8 + 2 * 6 + kRecords * 19);
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  REQUIRE(reader.index().size() == kRecords);
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < kRecords; i += 997) {
    REQUIRE(reader.ReadRecord(i, payload).ok());
    CHECK(payload == Payload(i));
  }
}
