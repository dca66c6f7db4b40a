// Encoding and decoding of the container's small structures, and their rejection rules.
#include <catch2/catch.hpp>

#include "format/description_record.h"
#include "format/file_header.h"
#include "format/little_endian.h"
#include "format/record_header.h"
#include "format/tags_record.h"
#include "index/record_order.h"

using namespace vrsx;
using namespace vrsx::format;

TEST_CASE("ByteReader stops at the end of its buffer") {
  const uint8_t bytes[] = {1, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 2};
  ByteReader reader(bytes, sizeof bytes);
  CHECK(reader.U32() == 1);
  CHECK(reader.I32() == 0x7fffffff);
  CHECK_FALSE(reader.failed());
  CHECK(reader.U16() == 0);
  CHECK(reader.failed());
  CHECK(reader.U8() == 0);  // once failed, stays failed
}

TEST_CASE("ByteReader refuses a string longer than the buffer") {
  const uint8_t bytes[] = {100, 0, 0, 0, 'a', 'b'};
  ByteReader reader(bytes, sizeof bytes);
  CHECK(reader.String().empty());
  CHECK(reader.failed());
}

TEST_CASE("File header round trip and validation") {
  FileHeader header;
  header.creation_id = 0x16B4D4434B414DE8;
  header.index_record_offset = 81584;
  std::vector<uint8_t> bytes = header.Encode();
  REQUIRE(bytes.size() == 80);
  CHECK(std::string(bytes.begin(), bytes.begin() + 8) == "VisionRe");
  CHECK(std::string(bytes.begin() + 72, bytes.begin() + 80) == std::string("cordVRS1"));
  FileHeader decoded = FileHeader::Decode(bytes.data());
  CHECK(decoded.creation_id == header.creation_id);
  CHECK(decoded.index_record_offset == 81584);
  CHECK(decoded.Validate().ok());

  decoded.file_format_version = 0x34535256;  // "VRS4"
  CHECK(decoded.Validate().code() == ErrorCode::kUnsupportedVersion);
  decoded.file_format_version = kVersionVrs3;
  CHECK(decoded.Validate().ok());
  decoded.record_header_size = 31;
  CHECK(decoded.Validate().code() == ErrorCode::kNotVrsFile);
  decoded.record_header_size = 232;
  decoded.file_header_size = 281;
  CHECK(decoded.Validate().code() == ErrorCode::kNotVrsFile);
  decoded.file_header_size = 80;
  decoded.magic2 = 0;
  CHECK(decoded.Validate().code() == ErrorCode::kNotVrsFile);
}

TEST_CASE("Record header sanity rules follow the reference reader") {
  RecordHeader record;
  record.record_size = 32 + 100;
  record.type_id = 200;
  record.record_type = 3;
  CHECK(record.IsSane(32));
  record.record_type = 5;
  CHECK_FALSE(record.IsSane(32));
  record.record_type = 0;
  CHECK_FALSE(record.IsSane(32));
  record.record_type = 3;
  record.previous_record_size = 31;
  CHECK_FALSE(record.IsSane(32));
  record.previous_record_size = 0;
  record.record_size = 31;
  CHECK_FALSE(record.IsSane(32));

  // Compressed: the stored size must be smaller than uncompressed + max increase.
  record.compression = kCompressionZstd;
  record.uncompressed_size = 100;  // < 200: max increase max(50, 50) = 50
  record.record_size = 32 + 149;
  CHECK(record.IsSane(32));
  record.record_size = 32 + 150;
  CHECK_FALSE(record.IsSane(32));
  record.uncompressed_size = 10000;  // max increase max(100, 500) = 500
  record.record_size = 32 + 10499;
  CHECK(record.IsSane(32));
  record.record_size = 32 + 10500;
  CHECK_FALSE(record.IsSane(32));
  record.type_id = kIndexTypeId;  // the rule is skipped for index records
  CHECK(record.IsSane(32));
  record.type_id = 200;
  record.compression = 3;  // unknown compression with an uncompressed size
  record.record_size = 32 + 100;
  CHECK_FALSE(record.IsSane(32));
}

TEST_CASE("Record header round trip, legacy type ids remapped") {
  RecordHeader record;
  record.record_size = 1234;
  record.previous_record_size = 56;
  record.type_id = 100001;
  record.format_version = 7;
  record.timestamp = -1.5;
  record.instance_id = 3;
  record.record_type = 2;
  record.compression = 1;
  record.uncompressed_size = 4000;
  uint8_t bytes[32];
  record.Encode(bytes);
  RecordHeader decoded = RecordHeader::Decode(bytes);
  CHECK(decoded.record_size == 1234);
  CHECK(decoded.previous_record_size == 56);
  CHECK(decoded.format_version == 7);
  CHECK(decoded.timestamp == -1.5);
  CHECK(decoded.stream() == StreamId{65501, 3});
  CHECK(decoded.type() == RecordType::kConfiguration);
  CHECK(decoded.uncompressed_size == 4000);
}

TEST_CASE("Description record round trip and clean-up of original names") {
  Description description;
  description.file_tags = {{"purpose", "test"}, {"a", ""}};
  description.streams[{200, 1}].vrs = {{kTagOriginalName, "Forward Camera Class #12"},
                                       {kTagFlavor, "x/y"}};
  description.streams[{100, 2}].user = {{"k", "v"}};
  std::vector<uint8_t> bytes = EncodeDescription(description);
  Description decoded;
  REQUIRE(DecodeDescription(kDescriptionFormat, bytes.data(), bytes.size(), decoded).ok());
  CHECK(decoded.file_tags == description.file_tags);
  CHECK(decoded.streams.size() == 2);
  CHECK(decoded.streams[{100, 2}].user == TagMap{{"k", "v"}});
  CHECK(decoded.streams[{200, 1}].vrs[kTagOriginalName] == "Forward Camera Class");

  // Every truncation fails cleanly.
  for (size_t size = 0; size < bytes.size(); ++size) {
    Description partial;
    CHECK_FALSE(DecodeDescription(kDescriptionFormat, bytes.data(), size, partial).ok());
  }
  Description unknown;
  CHECK(DecodeDescription(3, bytes.data(), bytes.size(), unknown).code() ==
        ErrorCode::kUnsupported);
}

TEST_CASE("Original name clean-up needs a ' #' followed by digits only") {
  auto clean = [](std::string name) {
    TagMap tags{{kTagOriginalName, name}};
    CleanOriginalName(tags);
    return tags[kTagOriginalName];
  };
  CHECK(clean("Camera #1") == "Camera");
  CHECK(clean("Camera #") == "Camera");
  CHECK(clean("Camera #1a") == "Camera #1a");
  CHECK(clean("A #1 #2") == "A #1");
  CHECK(clean(" #1") == " #1");  // fewer than 4 chars
}

TEST_CASE("Legacy description record (format 1) converts JSON to tags") {
  std::vector<uint8_t> bytes;
  ByteWriter writer(bytes);
  writer.U32(1);
  writer.I32(214);
  writer.U16(1);
  writer.String(R"({"name":"RGB Camera Class #1","tags":{"position":"left","n":3}})");
  writer.String(R"({"session":"s1"})");
  Description decoded;
  REQUIRE(DecodeDescription(kDescriptionFormatLegacy, bytes.data(), bytes.size(), decoded).ok());
  CHECK(decoded.file_tags == TagMap{{"session", "s1"}});
  const StreamTags& tags = decoded.streams[{214, 1}];
  CHECK(tags.user == TagMap{{"position", "left"}});  // non-string members are ignored
  CHECK(tags.vrs.at(kTagOriginalName) == "RGB Camera Class");
}

TEST_CASE("Tags record round trip; truncated pieces are refused") {
  StreamTags tags;
  tags.vrs = {{kTagFlavor, "late/stream"}, {"RF:Data:1", "data_layout"}};
  tags.user = {{"position", "top"}};
  std::vector<uint8_t> bytes = EncodeTagsRecord(tags);
  StreamTags decoded;
  REQUIRE(DecodeTagsRecord(bytes.data(), bytes.size(), decoded).ok());
  CHECK(decoded.vrs == tags.vrs);
  CHECK(decoded.user == tags.user);
  for (size_t size = 0; size < bytes.size(); ++size) {
    StreamTags partial;
    CHECK_FALSE(DecodeTagsRecord(bytes.data(), size, partial).ok());
  }
}

TEST_CASE("Record order: timestamp, stream, offset; NaN last") {
  std::vector<RecordInfo> records = {
      {2.0, 100, 40, {200, 1}, RecordType::kData},
      {1.0, 300, 40, {200, 2}, RecordType::kData},
      {1.0, 200, 40, {200, 2}, RecordType::kData},
      {std::nan(""), 50, 40, {100, 1}, RecordType::kData},
      {1.0, 400, 40, {100, 1}, RecordType::kState},
  };
  index::SortRecords(records);
  std::vector<uint64_t> offsets;
  for (const RecordInfo& record : records) offsets.push_back(record.offset);
  CHECK(offsets == std::vector<uint64_t>{400, 200, 300, 100, 50});
}
