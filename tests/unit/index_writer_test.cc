// The classic index record a writer builds (spec 01 §7.3): entries kept in pieces while records
// are added come out as one run of entries, raw or as one zstd frame with its content size.
#include <zstd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "format/little_endian.h"
#include "format/record_header.h"
#include "index/index_record.h"
#include "index/index_writer.h"

namespace {

using vrsx::RecordInfo;
using vrsx::RecordType;
using vrsx::StreamId;

// Records of several streams, types and sizes: over three pieces of 262,144 entries.
std::vector<RecordInfo> SomeRecords(size_t count) {
  std::vector<RecordInfo> records(count);
  for (size_t i = 0; i < count; ++i) {
    records[i].timestamp = double(i) * 0.001;
    records[i].disk_size = uint32_t(32 + (i * 7919) % 5000);
    records[i].type = i % 50 == 0 ? RecordType::kConfiguration : RecordType::kData;
    records[i].stream = StreamId{uint16_t(i % 3 == 0 ? 214 : 241), uint16_t(1 + i % 2)};
  }
  return records;
}

}  // namespace

TEST_CASE("the index record holds every entry added, raw or as one zstd frame", "[index]") {
  const std::vector<RecordInfo> records = SomeRecords(600'000);
  std::vector<uint8_t> expected(records.size() * 19);
  vrsx::index::ClassicIndexWriter writer;
  for (size_t i = 0; i < records.size(); ++i) {
    const RecordInfo& r = records[i];
    writer.Add(r.timestamp, r.disk_size, r.type, r.stream);
    vrsx::index::EncodeEntry(r, expected.data() + 19 * i);
  }
  REQUIRE(writer.size() == records.size());
  const std::vector<StreamId> streams = {{241, 2}, {214, 1}, {214, 2}, {241, 1}};
  for (std::optional<int> level : {std::optional<int>(), std::optional<int>(3)}) {
    INFO("zstd level " << level.value_or(-1));
    std::vector<uint8_t> record = writer.BuildRecord(streams, 1234, level);
    vrsx::format::RecordHeader header = vrsx::format::RecordHeader::Decode(record.data());
    CHECK(header.record_size == record.size());
    CHECK(header.previous_record_size == 1234);
    const uint8_t* prelude = record.data() + 32;
    REQUIRE(vrsx::format::LoadU32(prelude) == 4);
    const uint8_t* entries = prelude + 4 + 4 * 6 + 4;
    CHECK(vrsx::format::LoadU32(entries - 4) == records.size());
    size_t stored = record.size() - size_t(entries - record.data());
    if (!level) {
      CHECK(header.compression == 0);
      CHECK(header.uncompressed_size == 0);
      CHECK(std::vector<uint8_t>(entries, entries + stored) == expected);
      continue;
    }
    CHECK(header.compression == 2);
    CHECK(header.uncompressed_size == 8 + 4 * 6 + expected.size());
    CHECK(ZSTD_findFrameCompressedSize(entries, stored) == stored);
    REQUIRE(ZSTD_getFrameContentSize(entries, stored) == expected.size());
    std::vector<uint8_t> decoded(expected.size());
    CHECK(ZSTD_decompress(decoded.data(), decoded.size(), entries, stored) == expected.size());
    CHECK(decoded == expected);
  }
}
