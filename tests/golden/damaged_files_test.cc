// Robustness of vrsx::Reader on damaged copies of golden files, written in a scratch folder:
// truncations at many offsets and byte flips in the file header, the description record, record
// headers, payloads and the index.
//
// Opening must return a Status (never crash or hang); when the file opens, reading every record
// must return a Status. A truncated file, whose index is lost, must still give every record that
// is complete before the cut. Record boundaries come from walking the daisy chain of the intact
// file here (01-container.md §3.4), cross-checked with the intact file's index.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/reader.h"

namespace {

namespace fs = std::filesystem;
using vrsx::Reader;
using vrsx::RecordDetails;
using vrsx::RecordInfo;
using vrsx::Status;
using vrsx::testing::GoldenFile;
using vrsx::testing::OpenOrFail;
using vrsx::testing::ReadBytes;
using vrsx::testing::ScratchDir;

constexpr uint32_t kFileHeaderSize = 80;
constexpr uint32_t kRecordHeaderSize = 32;
constexpr int32_t kIndexType = 1;
constexpr int32_t kDescriptionType = 2;

uint32_t U32At(const std::vector<uint8_t>& bytes, uint64_t at) {
  return uint32_t(bytes[at]) | uint32_t(bytes[at + 1]) << 8 | uint32_t(bytes[at + 2]) << 16 |
         uint32_t(bytes[at + 3]) << 24;
}

// A record of the daisy chain of an intact file.
struct ChainRecord {
  uint64_t offset = 0;
  uint32_t size = 0;
  int32_t type_id = 0;
  uint8_t compression = 0;

  uint64_t end() const { return offset + size; }
  bool user() const { return type_id != kIndexType && type_id != kDescriptionType; }
};

// Walks the records of an intact single-chunk golden file, from the end of the file header.
std::vector<ChainRecord> WalkChain(const std::vector<uint8_t>& bytes) {
  std::vector<ChainRecord> chain;
  uint64_t offset = kFileHeaderSize;
  while (offset + kRecordHeaderSize <= bytes.size()) {
    ChainRecord record;
    record.offset = offset;
    record.size = U32At(bytes, offset);
    record.type_id = int32_t(U32At(bytes, offset + 8));
    record.compression = bytes[offset + 27];
    if (record.size < kRecordHeaderSize) break;
    chain.push_back(record);
    offset += record.size;
  }
  return chain;
}

// Aborts the test program, saying where, if a case takes longer than `seconds`: a hang.
class Watchdog {
 public:
  explicit Watchdog(int seconds)
      : thread_([this, seconds] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!done_cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
            std::fprintf(stderr, "damaged_files_test: still running after %d s (hang?) at: %s\n",
                         seconds, current_.c_str());
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    thread_.join();
  }
  void At(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = what;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::string current_ = "start";
  std::thread thread_;
};

// How many payloads to read: all, or a sample (files whose payloads decompress to many MB).
enum class ReadMode { kAll, kSampled };

struct Exercised {
  Status open;
  bool complete_index = false;
  size_t records = 0;
  size_t readable = 0;  // records whose header (and payload, when read) gave an ok Status
  std::vector<size_t> failed;
  std::vector<uint64_t> readable_offsets;
  std::vector<RecordInfo> index;
  std::string first_error;
};

// Opens `path` and reads its records; everything must come back as a Status.
Exercised Exercise(const std::string& path, ReadMode mode) {
  Exercised result;
  Reader reader;
  result.open = reader.Open(path);
  if (!result.open.ok()) return result;
  result.complete_index = reader.had_complete_index();
  const std::vector<RecordInfo>& index = reader.index();
  result.records = index.size();
  result.index = index;
  // Lookups on whatever the reader made of the file.
  for (vrsx::StreamId stream : reader.streams()) {
    (void)reader.EstimatedFrameRate(stream);
    (void)reader.first_data_timestamp(stream);
    (void)reader.NearestRecord(0, stream);
    (void)reader.serial_number(stream);
  }
  (void)reader.first_data_timestamp();
  (void)reader.last_data_timestamp();
  size_t last_by_offset = 0;
  for (size_t pos = 0; pos < index.size(); ++pos) {
    if (index[pos].offset > index[last_by_offset].offset) last_by_offset = pos;
  }
  std::vector<uint8_t> payload;
  for (size_t pos = 0; pos < index.size(); ++pos) {
    RecordDetails details;
    Status status = reader.ReadRecordDetails(pos, details);
    bool read_payload = mode == ReadMode::kAll || pos % 16 == 0 || pos == last_by_offset ||
                        (status.ok() && details.payload_size < 65536);
    if (status.ok() && read_payload) {
      RecordDetails read_details;
      status = reader.ReadRecord(pos, payload, &read_details);
      if (status.ok() && payload.size() != read_details.payload_size) {
        status = Status(vrsx::ErrorCode::kCorrupt, "payload size differs from the header's");
      }
    }
    if (status.ok()) {
      ++result.readable;
      result.readable_offsets.push_back(index[pos].offset);
    } else {
      if (result.first_error.empty()) result.first_error = status.message();
      result.failed.push_back(pos);
    }
  }
  return result;
}

// An intact golden file, its daisy chain and the reader's index of it.
struct Intact {
  std::string name;
  std::vector<uint8_t> bytes;
  std::vector<ChainRecord> chain;
  std::vector<RecordInfo> index;
  uint64_t description_end = 0;
  uint64_t index_offset = 0;
  ReadMode mode = ReadMode::kAll;

  explicit Intact(const std::string& file) : name(file), bytes(ReadBytes(GoldenFile(file))) {
    chain = WalkChain(bytes);
    Reader reader;
    OpenOrFail(reader, GoldenFile(file));
    REQUIRE(reader.had_complete_index());
    index = reader.index();
    REQUIRE(chain.size() >= 3);
    // Every byte is covered by the chain: description first, index last (layout A).
    REQUIRE(chain.back().end() == bytes.size());
    REQUIRE(chain.front().type_id == kDescriptionType);
    REQUIRE(chain.back().type_id == kIndexType);
    description_end = chain.front().end();
    index_offset = chain.back().offset;
    // The reader's index lists the user records of the chain.
    std::set<uint64_t> chain_offsets, index_offsets;
    for (const ChainRecord& r : chain) {
      if (r.user()) chain_offsets.insert(r.offset);
    }
    for (const RecordInfo& r : index) index_offsets.insert(r.offset);
    REQUIRE(chain_offsets == index_offsets);
    uint64_t unpacked = 0;
    std::vector<uint8_t> payload;
    for (size_t pos = 0; pos < index.size(); ++pos) {
      REQUIRE(reader.ReadRecord(pos, payload).ok());
      unpacked += payload.size();
    }
    mode = unpacked > (4u << 20) ? ReadMode::kSampled : ReadMode::kAll;
  }

  // User records that end at or before `cut`, per the intact file's index.
  size_t CompleteBefore(uint64_t cut) const {
    size_t n = 0;
    for (const RecordInfo& r : index) n += r.offset + r.disk_size <= cut;
    return n;
  }
  size_t CompleteInChain(uint64_t cut) const {
    size_t n = 0;
    for (const ChainRecord& r : chain) n += r.user() && r.end() <= cut;
    return n;
  }
  const ChainRecord& ChainAt(uint64_t offset) const {
    for (const ChainRecord& r : chain) {
      if (r.offset == offset) return r;
    }
    FAIL("no record at " << offset);
    return chain.front();
  }
};

// Writes one byte in place.
void PatchByte(const std::string& path, uint64_t offset, uint8_t value) {
  int fd = ::open(path.c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  ssize_t written = ::pwrite(fd, &value, 1, off_t(offset));
  ::close(fd);
  REQUIRE(written == 1);
}

std::string Describe(const std::string& file, const std::string& what, uint64_t offset) {
  return file + ": " + what + " at offset " + std::to_string(offset);
}

// Offsets to cut at: the file header byte by byte, around every record boundary and header end,
// a stride through the whole file, and the last bytes.
std::vector<uint64_t> CutOffsets(const Intact& file) {
  std::set<uint64_t> cuts;
  for (uint64_t c = 0; c <= kFileHeaderSize + 1; ++c) cuts.insert(c);
  for (const ChainRecord& r : file.chain) {
    for (int64_t delta : {-1, 0, 1, 16, 31, 32, 33})
      cuts.insert(uint64_t(int64_t(r.offset) + delta));
    cuts.insert(r.end() - 1);
  }
  uint64_t size = file.bytes.size();
  for (uint64_t c = 0; c < size; c += size / 101 + 1) cuts.insert(c);
  for (uint64_t back = 1; back <= 40; ++back) cuts.insert(size - back);
  std::vector<uint64_t> sorted;
  for (uint64_t c : cuts) {
    if (c < size) sorted.push_back(c);
  }
  std::sort(sorted.rbegin(), sorted.rend());  // shrinking one file, largest cut first
  return sorted;
}

void CheckTruncations(const std::string& name) {
  Intact file(name);
  ScratchDir scratch("vrsx-damaged-");
  std::string path = scratch.Write("cut.vrs", file.bytes);
  Watchdog watchdog(300);
  size_t opened = 0, refused = 0;
  for (uint64_t cut : CutOffsets(file)) {
    std::string where = Describe(name, "cut", cut);
    watchdog.At(where);
    fs::resize_file(path, cut);
    Exercised result = Exercise(path, file.mode);
    size_t complete = file.CompleteBefore(cut);
    if (!result.open.ok()) {
      ++refused;
      INFO(where << ": " << result.open.message());
      CHECK_FALSE(result.open.message().empty());
      // Only a file cut inside its header or description record may be refused.
      CHECK(cut < file.description_end);
      continue;
    }
    ++opened;
    INFO(where << ", " << result.first_error);
    CHECK(complete == file.CompleteInChain(cut));
    if (cut < kFileHeaderSize) {
      FAIL_CHECK("a file shorter than its header was opened");
      continue;
    }
    // The index is lost (it is at the end): the index is rebuilt, with every complete record,
    // and each of them reads fine.
    CHECK_FALSE(result.complete_index);
    CHECK(result.records == complete);
    CHECK(result.readable == complete);
    CHECK(result.failed.empty());
  }
  CHECK(opened > file.chain.size());
  CHECK(refused >= kFileHeaderSize);
}

// Flips bytes [begin, end) of the file one at a time, with each of `masks`, at `stride`.
template <typename Check>
void ForEachFlip(const Intact& file, const std::string& path, Watchdog& watchdog,
                 const std::string& what, uint64_t begin, uint64_t end, uint64_t stride,
                 std::initializer_list<uint8_t> masks, Check check) {
  for (uint64_t offset = begin; offset < end && offset < file.bytes.size(); offset += stride) {
    for (uint8_t mask : masks) {
      std::string where = Describe(file.name, what + " flip ^" + std::to_string(mask), offset);
      watchdog.At(where);
      PatchByte(path, offset, uint8_t(file.bytes[offset] ^ mask));
      Exercised result = Exercise(path, file.mode);
      PatchByte(path, offset, file.bytes[offset]);
      INFO(where << ": open " << (result.open.ok() ? "ok" : result.open.message()) << ", "
                 << result.first_error);
      if (!result.open.ok()) CHECK_FALSE(result.open.message().empty());
      check(offset, result);
    }
  }
}

// Positions, in the intact index, of a few records worth damaging: the first ones, the last one,
// compressed and uncompressed ones, the biggest one.
std::vector<size_t> RecordsToDamage(const Intact& file) {
  std::set<size_t> picked;
  std::vector<size_t> by_offset(file.index.size());
  for (size_t i = 0; i < by_offset.size(); ++i) by_offset[i] = i;
  std::sort(by_offset.begin(), by_offset.end(),
            [&](size_t a, size_t b) { return file.index[a].offset < file.index[b].offset; });
  picked.insert(by_offset[0]);
  picked.insert(by_offset[1]);
  picked.insert(by_offset[by_offset.size() / 2]);
  picked.insert(by_offset.back());
  size_t compressed = 0, raw = 0, biggest = by_offset[0];
  for (size_t pos : by_offset) {
    const ChainRecord& r = file.ChainAt(file.index[pos].offset);
    if (r.size > file.index[biggest].disk_size) biggest = pos;
    if (r.compression != 0 && compressed < 2) {
      picked.insert(pos);
      ++compressed;
    }
    if (r.compression == 0 && r.size > kRecordHeaderSize + 16 && raw < 1) {
      picked.insert(pos);
      ++raw;
    }
  }
  picked.insert(biggest);
  return {picked.begin(), picked.end()};
}

void CheckFlips(const std::string& name) {
  Intact file(name);
  ScratchDir scratch("vrsx-damaged-");
  std::string path = scratch.Write("flip.vrs", file.bytes);
  Watchdog watchdog(300);
  const size_t all = file.index.size();

  SECTION("file header") {
    ForEachFlip(file, path, watchdog, "file header", 0, kFileHeaderSize, 1, {0xff, 0x01, 0x80},
                [&](uint64_t offset, const Exercised& result) {
                  // The magic numbers are checked.
                  if (offset < 8 || (offset >= 72 && offset < 76)) CHECK_FALSE(result.open.ok());
                  // creationId and the future fields are ignored.
                  if ((offset >= 8 && offset < 16) || (offset >= 48 && offset < 72)) {
                    CHECK(result.open.ok());
                    CHECK(result.records == all);
                    CHECK(result.readable == all);
                  }
                });
  }
  SECTION("description record") {
    const ChainRecord& description = file.chain.front();
    ForEachFlip(file, path, watchdog, "description header", description.offset,
                description.offset + kRecordHeaderSize, 1, {0xff, 0x01},
                [](uint64_t, const Exercised&) {});
    uint64_t payload = description.offset + kRecordHeaderSize;
    uint64_t stride = std::max<uint64_t>(1, (description.end() - payload) / 300);
    ForEachFlip(file, path, watchdog, "description payload", payload, description.end(), stride,
                {0xff, 0x01}, [&](uint64_t, const Exercised& result) {
                  // Tags may change or be refused; the index and records are untouched.
                  if (result.open.ok()) {
                    CHECK(result.records == all);
                    CHECK(result.readable == all);
                  }
                });
  }
  SECTION("record headers and payloads") {
    for (size_t pos : RecordsToDamage(file)) {
      const RecordInfo& target = file.index[pos];
      const ChainRecord& record = file.ChainAt(target.offset);
      auto only_this_one = [&](uint64_t, const Exercised& result) {
        // The index is intact: the file opens, and only the damaged record may fail.
        CHECK(result.open.ok());
        CHECK(result.records == all);
        CHECK(result.failed.size() <= 1);
        for (size_t failed : result.failed) CHECK(failed == pos);
      };
      ForEachFlip(file, path, watchdog, "header of record #" + std::to_string(pos), record.offset,
                  record.offset + kRecordHeaderSize, 1, {0xff, 0x01, 0x80}, only_this_one);
      uint64_t payload = record.offset + kRecordHeaderSize;
      std::set<uint64_t> spots;
      for (uint64_t delta : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 24}) {
        spots.insert(payload + delta);
      }
      for (uint64_t back : {1, 2, 3, 4, 5, 8}) spots.insert(record.end() - back);
      spots.insert(payload + (record.end() - payload) / 2);
      spots.insert(payload + (record.end() - payload) / 3);
      for (uint64_t spot : spots) {
        if (spot < payload || spot >= record.end()) continue;
        ForEachFlip(file, path, watchdog, "payload of record #" + std::to_string(pos), spot,
                    spot + 1, 1, {0xff, 0x01, 0x80}, only_this_one);
      }
    }
  }
  SECTION("index record") {
    const ChainRecord& index = file.chain.back();
    auto rebuilt_or_whatever = [&](uint64_t, const Exercised& result) {
      // A rejected index is rebuilt by walking the intact records: all of them, all readable.
      if (result.open.ok() && !result.complete_index) {
        CHECK(result.records == all);
        CHECK(result.readable == all);
      }
    };
    std::set<uint64_t> user_offsets;
    for (const RecordInfo& r : file.index) user_offsets.insert(r.offset);
    auto index_header = [&](uint64_t, const Exercised& result) {
      if (!result.open.ok() || result.complete_index) return;
      // Rebuilt: every user record, all readable. An index record header whose type id no
      // longer says "index" makes it a user record for the walk, unless its stream type is still
      // 1 (VRS Index) or 2 (VRS Description) once truncated to 16 bits (§5.1, §7.7).
      CHECK(result.readable >= all);
      CHECK(result.records <= all + 1);
      for (const RecordInfo& r : result.index) {
        if (user_offsets.contains(r.offset)) continue;
        CHECK(r.offset == index.offset);
        INFO("record of stream " << r.stream.NumericName() << " at offset " << r.offset);
        CHECK(r.stream.type_id != kIndexType);
        CHECK(r.stream.type_id != kDescriptionType);
      }
    };
    ForEachFlip(file, path, watchdog, "index header", index.offset,
                index.offset + kRecordHeaderSize, 1, {0xff, 0x01, 0x80}, index_header);
    uint64_t payload = index.offset + kRecordHeaderSize;
    // The prelude (stream list and record count) byte by byte, the rest at a stride.
    ForEachFlip(file, path, watchdog, "index prelude", payload, payload + 40, 1, {0xff, 0x01},
                rebuilt_or_whatever);
    uint64_t stride = std::max<uint64_t>(1, (index.end() - payload) / 250);
    ForEachFlip(file, path, watchdog, "index entries", payload + 40, index.end(), stride,
                {0xff, 0x01}, rebuilt_or_whatever);
  }
}

}  // namespace

TEST_CASE("damaged: truncated sample_file.vrs", "[damaged][truncate]") {
  CheckTruncations("sample_file.vrs");
}

TEST_CASE("damaged: truncated gen-lz4fast.vrs", "[damaged][truncate]") {
  CheckTruncations("gen-lz4fast.vrs");
}

TEST_CASE("damaged: truncated gen-zmedium-async.vrs", "[damaged][truncate]") {
  CheckTruncations("gen-zmedium-async.vrs");
}

TEST_CASE("damaged: flipped bytes in sample_file.vrs", "[damaged][flip]") {
  CheckFlips("sample_file.vrs");
}

TEST_CASE("damaged: flipped bytes in gen-lz4fast.vrs", "[damaged][flip]") {
  CheckFlips("gen-lz4fast.vrs");
}

TEST_CASE("damaged: flipped bytes in gen-zmedium-async.vrs", "[damaged][flip]") {
  CheckFlips("gen-zmedium-async.vrs");
}
