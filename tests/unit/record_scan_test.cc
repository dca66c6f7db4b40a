// recovery::ScanRecords (src/index/record_scan.h) on files made by the independent VrsFileBuilder,
// damaged here byte by byte: which records are found again after a damaged region, and which
// look-alikes are refused.
#include "recovery/record_scan.h"

#include <stdlib.h>
#include <unistd.h>

#include <zstd.h>
#include <algorithm>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "support/two_stream_sample.h"
#include "support/vrs_file_builder.h"

namespace {

using namespace vrsx::testing;
using vrsx::recovery::ScanOptions;
using vrsx::recovery::ScanRecords;
using vrsx::recovery::ScanResult;
namespace le = vrsx::testing::le;

class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vrsx-scan-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

constexpr StreamKey kImu = kSampleImu;

// A classic file: 12 records alternating a zstd camera record and a raw IMU record.
struct Sample {
  std::vector<uint8_t> bytes;
  std::vector<BuiltRecord> records;
  uint32_t description_size = 0;
  uint64_t index_offset = 0;
};

Sample MakeSample() {
  VrsFileBuilder builder;
  AddTwoStreamSample(builder);
  builder.Finish();
  return {builder.bytes(), builder.Records(), builder.description_size(), builder.index_offset()};
}

ScanResult Scan(const TempFolder& folder, const std::vector<uint8_t>& bytes,
                uint32_t description_size, std::set<vrsx::StreamId> known = {{1201, 1}, {241, 1}},
                const std::vector<uint64_t>& cuts = {}) {
  std::string path = folder.File("scan.vrs");
  std::vector<std::string> chunks = WriteBytesAsChunks(path, bytes, cuts);
  vrsx::format::ChunkedFile file;
  REQUIRE(file.Open(chunks).ok());
  vrsx::format::FileHeader header = vrsx::format::FileHeader::Decode(bytes.data());
  ScanOptions options;
  options.start = kFileHeaderSize + description_size;
  options.first_previous = description_size;
  options.known_streams = std::move(known);
  return ScanRecords(file, header, options);
}

std::vector<uint64_t> Offsets(const ScanResult& result) {
  std::vector<uint64_t> offsets;
  for (const auto& record : result.records) offsets.push_back(record.offset);
  return offsets;
}

std::vector<uint64_t> Offsets(const std::vector<BuiltRecord>& records) {
  std::vector<uint64_t> offsets;
  for (const BuiltRecord& record : records) offsets.push_back(record.offset);
  return offsets;
}

}  // namespace

TEST_CASE("scan: an intact file, in one chunk or cut anywhere", "[recover]") {
  TempFolder folder;
  Sample sample = MakeSample();
  uint64_t size = sample.bytes.size();
  for (std::vector<uint64_t> cuts : {std::vector<uint64_t>{}, {100, size / 2, size - 10}}) {
    ScanResult result = Scan(folder, sample.bytes, sample.description_size, {}, cuts);
    CHECK(Offsets(result) == Offsets(sample.records));
    CHECK(result.damaged.empty());
    CHECK(result.damaged_records == 0);
    CHECK(result.internal_records == 1);  // the index at the end
    for (size_t i = 0; i < result.records.size(); ++i) {
      CHECK(result.records[i].header.record_size == sample.records[i].record_size);
      CHECK(result.records[i].payload_size == sample.records[i].record_size - 32);
    }
  }
}

TEST_CASE("scan: garbage between records is skipped, the raw record before it distrusted",
          "[recover]") {
  TempFolder folder;
  Sample sample = MakeSample();
  for (size_t before : {4, 5}) {  // after a zstd record, then after a raw one
    CAPTURE(before);
    uint64_t at = sample.records[before].offset + sample.records[before].record_size;
    std::vector<uint8_t> bytes = sample.bytes;
    std::vector<uint8_t> garbage(100);
    for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = uint8_t(i * 37 + 11);
    bytes.insert(bytes.begin() + int64_t(at), garbage.begin(), garbage.end());
    ScanResult result = Scan(folder, bytes, sample.description_size);
    std::vector<uint64_t> expected;
    for (size_t i = 0; i < sample.records.size(); ++i) {
      if (i == before && sample.records[i].compression_type == 0) continue;  // can't be checked
      expected.push_back(sample.records[i].offset + (i > before ? garbage.size() : 0));
    }
    CHECK(Offsets(result) == expected);
    REQUIRE(result.damaged.size() == 1);
    uint64_t damage_start =
        expected.size() < sample.records.size() ? sample.records[before].offset : at;
    CHECK(result.damaged[0].offset == damage_start);
    CHECK(result.damaged[0].end() == at + garbage.size());
  }
}

TEST_CASE("scan: a damaged zstd payload loses that record only", "[recover]") {
  TempFolder folder;
  Sample sample = MakeSample();
  const BuiltRecord& victim = sample.records[6];
  REQUIRE(victim.compression_type == 2);
  std::vector<uint8_t> bytes = sample.bytes;
  // The frame's magic: a zstd decoder refuses it whatever follows.
  bytes[victim.offset + 32] ^= 0xff;
  ScanResult result = Scan(folder, bytes, sample.description_size);
  std::vector<uint64_t> expected = Offsets(sample.records);
  expected.erase(expected.begin() + 6);
  CHECK(Offsets(result) == expected);
  CHECK(result.damaged_records == 1);
  REQUIRE(result.damaged.size() == 1);
  CHECK(result.damaged[0].offset == victim.offset);
  CHECK(result.damaged[0].end() == victim.offset + victim.record_size);
}

TEST_CASE("scan: after damage, only records of known streams are taken", "[recover]") {
  TempFolder folder;
  Sample sample = MakeSample();
  std::vector<uint8_t> bytes = sample.bytes;
  const BuiltRecord& broken = sample.records[0];
  std::fill_n(bytes.begin() + int64_t(broken.offset), 32, 0);  // the first header is gone
  SECTION("the IMU is known: the chain is picked up again at its first record") {
    ScanResult result = Scan(folder, bytes, sample.description_size, {{241, 1}});
    std::vector<uint64_t> expected = Offsets(sample.records);
    expected.erase(expected.begin());
    CHECK(Offsets(result) == expected);
    REQUIRE(result.damaged.size() == 1);
    CHECK(result.damaged[0].offset == broken.offset);
    CHECK(result.damaged[0].end() == sample.records[1].offset);
  }
  SECTION("no stream is known: nothing is taken, up to the index record") {
    ScanResult result = Scan(folder, bytes, sample.description_size, {});
    CHECK(result.records.empty());
    REQUIRE(result.damaged.size() == 1);
    CHECK(result.damaged[0].offset == broken.offset);
    CHECK(result.damaged[0].end() == sample.index_offset);
    CHECK(result.internal_records == 1);
  }
}

TEST_CASE("scan: a look-alike header inside a raw payload is refused", "[recover]") {
  TempFolder folder;
  VrsFileBuilder builder;
  builder.AddStream(kImu);
  std::vector<uint8_t> first(64, 1);
  builder.AddRecord(kImu, RecordKind::kData, 1.0, first);
  // A payload that holds a sane header of a known stream, 80 bytes long, chained to nothing.
  std::vector<uint8_t> host;
  le::Put32(host, 80);    // recordSize
  le::Put32(host, 64);    // previousRecordSize
  le::PutI32(host, 241);  // typeId
  le::Put32(host, 1);     // formatVersion
  le::PutF64(host, 2.0);
  le::Put16(host, 1);  // instance
  le::Put8(host, 3);   // Data
  le::Put8(host, 0);   // raw
  le::Put32(host, 0);
  host.resize(300, 0x55);
  builder.AddRecord(kImu, RecordKind::kData, 2.0, host);
  builder.AddRecord(kImu, RecordKind::kData, 3.0, first);
  builder.Finish();
  std::vector<uint8_t> bytes = builder.bytes();
  const BuiltRecord& host_record = builder.Records()[1];
  bytes[host_record.offset + 2] = 0x7f;  // the host's recordSize now runs past the file
  ScanResult result = Scan(folder, bytes, builder.description_size());
  // The host is lost; the fake header in its payload is not taken (nothing chains to it); the
  // chain resumes at the third record.
  CHECK(Offsets(result) ==
        std::vector<uint64_t>{builder.Records()[0].offset, builder.Records()[2].offset});
  REQUIRE(result.damaged.size() == 1);
  CHECK(result.damaged[0].offset == host_record.offset);
  CHECK(result.damaged[0].end() == builder.Records()[2].offset);
}

TEST_CASE("scan: a tags record after damage introduces its stream", "[recover]") {
  TempFolder folder;
  VrsFileBuilder builder;
  builder.AddStream(kImu);
  std::vector<uint8_t> payload(700, 9);
  builder.AddRecord(kImu, RecordKind::kData, 1.0, payload, {.codec = Codec::kZstd});
  builder.AddRecord(kImu, RecordKind::kData, 2.0, payload, {.codec = Codec::kZstd});
  builder.AddStream({300, 2}, {{"late", "stream"}});  // a tags record
  builder.AddRecord({300, 2}, RecordKind::kData, 3.0, payload, {.codec = Codec::kZstd});
  builder.Finish();
  std::vector<uint8_t> bytes = builder.bytes();
  const auto& records = builder.Records();
  REQUIRE(records.size() == 4);
  REQUIRE(records[2].record_type == 4);
  std::fill_n(bytes.begin() + int64_t(records[1].offset), 40, 0xee);
  ScanResult result = Scan(folder, bytes, builder.description_size(), {{241, 1}});
  CHECK(Offsets(result) ==
        std::vector<uint64_t>{records[0].offset, records[2].offset, records[3].offset});
}

TEST_CASE("scan: a file cut inside a record", "[recover]") {
  TempFolder folder;
  Sample sample = MakeSample();
  const BuiltRecord& cut = sample.records[9];
  std::vector<uint8_t> bytes(sample.bytes.begin(),
                             sample.bytes.begin() + int64_t(cut.offset + cut.record_size / 2));
  ScanResult result = Scan(folder, bytes, sample.description_size);
  std::vector<uint64_t> expected = Offsets(sample.records);
  expected.resize(9);
  CHECK(Offsets(result) == expected);
  CHECK(result.damaged_records == 1);
  REQUIRE(result.damaged.size() == 1);
  CHECK(result.damaged[0].offset == cut.offset);
  CHECK(result.damaged[0].end() == bytes.size());
  CHECK(result.lost_bytes() == bytes.size() - cut.offset);
}

TEST_CASE("scan: a record claiming a huge decoded size is refused before allocating", "[recover]") {
  TempFolder folder;
  VrsFileBuilder builder;
  builder.AddStream(kImu);
  std::vector<uint8_t> payload(64, 3);
  builder.AddRecord(kImu, RecordKind::kData, 1.0, payload);
  std::vector<uint8_t> frame(ZSTD_compressBound(payload.size()));
  frame.resize(ZSTD_compress(frame.data(), frame.size(), payload.data(), payload.size(), 1));
  RawRecord bomb;
  bomb.disk_type_id = 241;
  bomb.instance_id = 1;
  bomb.timestamp = 2.0;
  bomb.compression_type = 2;
  bomb.uncompressed_size = 4'000'000'000u;  // the frame says 64
  bomb.payload = frame;
  builder.AddRawRecord(bomb);
  builder.AddRecord(kImu, RecordKind::kData, 3.0, payload);
  builder.Finish();
  ScanResult result = Scan(folder, builder.bytes(), builder.description_size());
  // The record before the bomb is raw and vouched for by the bomb's header, which chains.
  CHECK(Offsets(result) ==
        std::vector<uint64_t>{builder.Records()[0].offset, builder.Records()[2].offset});
  CHECK(result.damaged_records == 1);
  REQUIRE(result.damaged.size() == 1);
  CHECK(result.damaged[0].offset == builder.Records()[1].offset);
  CHECK(result.damaged[0].end() == builder.Records()[2].offset);
}
