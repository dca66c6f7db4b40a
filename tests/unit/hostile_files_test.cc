// Files that lie: every size, count and depth a file claims is checked before memory is
// allocated for it, and a record that can't be read is reported once, with its offset, while
// the records around it still read (issue 5 §2, docs/limits.md).
//
// The files are made by the independent builder of tests/support, then damaged byte by byte.
#include <zstd.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_in_process.h"
#include "support/vrs_file_builder.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_format.h"

namespace {

namespace vt = vrsx::testing;
namespace le = vrsx::testing::le;
using vrsx::ErrorCode;

constexpr vt::StreamKey kStream{100, 1};

// Offsets inside a record header (spec 01 §3).
constexpr size_t kRecordSizeAt = 0;
constexpr size_t kUncompressedSizeAt = 28;

std::vector<uint8_t> Pattern(size_t size, uint8_t seed) {
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = uint8_t((i * 7 + seed) % 13);
  return bytes;
}

// A zstd frame of `data`, with its content size in the frame header, as the reference writes.
std::vector<uint8_t> ZstdFrame(const std::vector<uint8_t>& data) {
  std::vector<uint8_t> frame(ZSTD_compressBound(data.size()));
  size_t size = ZSTD_compress(frame.data(), frame.size(), data.data(), data.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(size));
  frame.resize(size);
  return frame;
}

// Bytes of a zstd frame header (magic, descriptor, window, dictionary id, content size).
size_t ZstdFrameHeaderSize(const std::vector<uint8_t>& frame) {
  uint8_t descriptor = frame.at(4);
  bool single_segment = (descriptor >> 5) & 1;
  static constexpr size_t kDictionaryIdBytes[] = {0, 1, 2, 4};
  size_t content_size_bytes[] = {single_segment ? 1u : 0u, 2, 4, 8};
  return 4 + 1 + (single_segment ? 0 : 1) + kDictionaryIdBytes[descriptor & 3] +
         content_size_bytes[descriptor >> 6];
}

// Three records of one stream, the middle one stored as given (`raw`), in a file with an index.
struct ThreeRecords {
  vt::VrsFileBuilder builder;
  std::vector<uint8_t> first = Pattern(300, 1);
  std::vector<uint8_t> last = Pattern(300, 3);

  explicit ThreeRecords(const vt::RawRecord& middle) {
    builder.AddStream(kStream);
    builder.AddRecord(kStream, vt::RecordKind::kData, 1.0, first, {.codec = vt::Codec::kZstd});
    vt::RawRecord raw = middle;
    raw.disk_type_id = kStream.type_id;
    raw.instance_id = kStream.instance_id;
    raw.timestamp = 2.0;
    builder.AddRawRecord(raw);
    builder.AddRecord(kStream, vt::RecordKind::kData, 3.0, last, {.codec = vt::Codec::kZstd});
    builder.Finish();
  }
  const std::vector<uint8_t>& bytes() const { return builder.bytes(); }
  uint64_t middle_offset() const { return builder.Records().at(1).offset; }
};

vt::RawRecord ZstdRecord(const std::vector<uint8_t>& frame, uint32_t uncompressed_size) {
  vt::RawRecord raw;
  raw.compression_type = 2;
  raw.uncompressed_size = uncompressed_size;
  raw.payload = frame;
  return raw;
}

void OpenInMemory(const std::vector<uint8_t>& bytes, vrsx::Reader& reader) {
  vrsx::Status status = reader.OpenMemory(bytes.data(), bytes.size(), "hostile.vrs");
  INFO(status.message());
  REQUIRE(status.ok());
}

// Reads the middle record of a ThreeRecords file, whose header must be sound: only its payload
// is hostile.
vrsx::Status ReadMiddlePayload(const vrsx::Reader& reader, std::vector<uint8_t>& payload) {
  vrsx::RecordDetails details;
  REQUIRE(reader.ReadRecordDetails(1, details).ok());
  return reader.ReadRecord(1, payload);
}

}  // namespace

TEST_CASE("hostile: a corrupted zstd record is reported once and print goes on", "[hostile]") {
  std::vector<uint8_t> data = Pattern(1000, 2);
  std::vector<uint8_t> frame = ZstdFrame(data);
  std::vector<uint8_t> damaged = frame;
  std::string how;
  SECTION("a reserved block type") {
    how = "reserved block";
    size_t block = ZstdFrameHeaderSize(frame);
    for (size_t i = block; i < block + 3; ++i) damaged.at(i) = 0xFF;
  }
  SECTION("a frame cut short, which a streaming decoder waits on forever") {
    how = "cut";
    damaged.resize(frame.size() - 6);
  }
  INFO(how);
  ThreeRecords file(ZstdRecord(damaged, uint32_t(data.size())));

  vrsx::Reader reader;
  OpenInMemory(file.bytes(), reader);
  REQUIRE(reader.index().size() == 3);
  std::vector<uint8_t> payload;
  vrsx::Status failed = reader.ReadRecord(1, payload);
  CHECK(failed.code() == ErrorCode::kCorrupt);
  CHECK_THAT(failed.message(), Catch::Contains("offset " + std::to_string(file.middle_offset())) &&
                                   Catch::Contains("record #1"));
  CHECK(payload.empty());
  // Asking again gives the same answer: no state is left behind.
  CHECK(reader.ReadRecord(1, payload).message() == failed.message());
  REQUIRE(reader.ReadRecord(2, payload).ok());
  CHECK(payload == file.last);

  vt::ScratchDir dir("vrsx-hostile");
  std::string path = dir.File("corrupt-zstd.vrs");
  vt::WriteBytesToFile(path, file.bytes());
  vt::CliOutput print = vt::RunCliInProcess({"print", path});
  CHECK(print.status == 0);
  CHECK(vt::CountOf(print.err, "Failed to read content") == 1);
  CHECK(vt::CountOf(print.err, "offset " + std::to_string(file.middle_offset())) == 1);
  // The records before and after print, once each.
  CHECK(vt::CountOf(print.out, "1.000 ") == 1);
  CHECK(vt::CountOf(print.out, "3.000 ") == 1);
  CHECK(vt::CountOf(print.out, "2.000 ") == 0);
}

TEST_CASE("hostile: decompression bombs are refused before allocating", "[hostile]") {
  SECTION("an lz4 payload claiming more than lz4's best ratio") {
    std::vector<uint8_t> stored = Pattern(100, 4);
    vt::RawRecord raw;
    raw.compression_type = 1;
    // 1:1000: within what the record header alone allows, beyond lz4's 1:256.
    raw.uncompressed_size = 100'000;
    raw.payload = stored;
    ThreeRecords file(raw);
    vrsx::Reader reader;
    OpenInMemory(file.bytes(), reader);
    std::vector<uint8_t> payload;
    vrsx::Status status = ReadMiddlePayload(reader, payload);
    CHECK(status.code() == ErrorCode::kTooLarge);
    CHECK_THAT(status.message(),
               Catch::Contains("lz4 payload of 100 bytes can't decode to the 100000 bytes"));
    CHECK(payload.capacity() < 100'000);
    CHECK(reader.ReadRecord(2, payload).ok());
  }
  SECTION("a zstd frame holding less than the record claims") {
    std::vector<uint8_t> frame = ZstdFrame(Pattern(1000, 5));
    // Within the ratio the record header alone allows: only the frame can tell.
    uint32_t claim = uint32_t(frame.size() * 60000);
    ThreeRecords file(ZstdRecord(frame, claim));
    vrsx::Reader reader;
    OpenInMemory(file.bytes(), reader);
    std::vector<uint8_t> payload;
    vrsx::Status status = ReadMiddlePayload(reader, payload);
    CHECK(status.code() == ErrorCode::kCorrupt);
    CHECK_THAT(status.message(),
               Catch::Contains("1000 bytes, " + std::to_string(claim) + " announced"));
    CHECK(payload.capacity() < claim);
  }
  SECTION("any codec claiming 4 GiB from a few bytes: the header alone says no") {
    std::vector<uint8_t> frame = ZstdFrame(Pattern(100, 6));
    ThreeRecords file(ZstdRecord(frame, 0xFFFFFFFF));
    vrsx::Reader reader;
    OpenInMemory(file.bytes(), reader);
    vrsx::RecordDetails details;
    vrsx::Status status = reader.ReadRecordDetails(1, details);
    CHECK(status.code() == ErrorCode::kTooLarge);
    CHECK_THAT(status.message(), Catch::Contains("4294967295"));
  }
}

TEST_CASE("hostile: a record claiming to run past the end of the file", "[hostile]") {
  vt::RawRecord raw;
  std::vector<uint8_t> stored = Pattern(40, 9);
  raw.payload = stored;
  ThreeRecords file(raw);
  std::vector<uint8_t> bytes = file.bytes();
  le::Set32(bytes.data() + file.middle_offset() + kRecordSizeAt, 0x7FFFFFFF);
  vrsx::Reader reader;
  OpenInMemory(bytes, reader);  // the index still places every record
  REQUIRE(reader.index().size() == 3);
  std::vector<uint8_t> payload;
  vrsx::Status status = reader.ReadRecord(1, payload);
  CHECK(status.code() == ErrorCode::kTruncated);
  CHECK_THAT(status.message(), Catch::Contains("offset " + std::to_string(file.middle_offset())));
  CHECK(payload.empty());
  REQUIRE(reader.ReadRecord(2, payload).ok());
  CHECK(payload == file.last);
}

TEST_CASE("hostile: a description record listing too many streams", "[hostile]") {
  vt::VrsFileBuilder builder;
  builder.AddStream(kStream);
  builder.AddRecord(kStream, vt::RecordKind::kData, 1.0, Pattern(10, 1));
  builder.Finish();
  std::vector<uint8_t> bytes = builder.bytes();
  // Format 2 description payloads start with the stream count (spec 01 §6.2).
  REQUIRE(le::U32(bytes.data() + builder.description_offset() + 32) == 1);
  le::Set32(bytes.data() + builder.description_offset() + 32, 5001);
  vrsx::Reader reader;
  vrsx::Status status = reader.OpenMemory(bytes.data(), bytes.size(), "streams.vrs");
  CHECK(status.code() == ErrorCode::kCorrupt);
  CHECK_THAT(status.message(),
             Catch::Contains("streams.vrs") && Catch::Contains("stream count") &&
                 Catch::Contains("offset " + std::to_string(builder.description_offset())));
}

TEST_CASE("hostile: a tag longer than its record is refused, the file still opens", "[hostile]") {
  constexpr vt::StreamKey kLate{200, 1};
  vt::VrsFileBuilder builder;
  builder.AddStream(kStream);
  builder.AddRecord(kStream, vt::RecordKind::kData, 1.0, Pattern(10, 1));
  size_t tags = builder.AddTagsRecord(kLate, {{"VRS_Original_Recordable_Name", "Late"}}, {});
  builder.AddRecord(kLate, vt::RecordKind::kData, 2.0, Pattern(10, 2));
  builder.Finish();
  std::vector<uint8_t> bytes = builder.bytes();
  const uint64_t offset = builder.Records().at(tags).offset;
  // Tags record payload (spec 01 §6.6): two var-size index entries, then the vrs tags' first key
  // as a u32 length and its bytes.
  uint8_t* key_length = bytes.data() + offset + 32 + 16;
  REQUIRE(le::U32(key_length) == std::string("VRS_Original_Recordable_Name").size());
  le::Set32(key_length, 0xFFFFFFF0);

  vrsx::Reader reader;
  OpenInMemory(bytes, reader);
  CHECK(reader.original_name(vrsx::StreamId{kLate.type_id, kLate.instance_id}).empty());
  REQUIRE(reader.index().size() == 2);  // the tags record is not a data record
  bool reported = false;
  for (const std::string& warning : reader.warnings()) {
    reported |= warning.find("offset " + std::to_string(offset)) != std::string::npos;
  }
  CHECK(reported);
}

TEST_CASE("hostile: index entry counts beyond the file are not trusted", "[hostile]") {
  vt::VrsFileBuilder builder(vt::BuilderOptions{.compress_index = false});
  builder.AddStream(kStream);
  for (int i = 0; i < 4; ++i) {
    builder.AddRecord(kStream, vt::RecordKind::kData, 1.0 + i, Pattern(50, uint8_t(i)));
  }
  builder.Finish();
  std::vector<uint8_t> bytes = builder.bytes();
  const uint64_t index = builder.index_offset();
  // Classic index prelude (spec 01 §7.3): stream count, streams (6 bytes each), entry count.
  REQUIRE(le::U32(bytes.data() + index + 32) == 1);
  const size_t count_at = index + 32 + 4 + 6;
  REQUIRE(le::U32(bytes.data() + count_at) == 4);

  SECTION("a stream count over the limit") {
    le::Set32(bytes.data() + index + 32, 5001);
  }
  SECTION("400 million raw entries in a small file") {
    le::Set32(bytes.data() + count_at, 400'000'000);
  }
  SECTION("a million zstd entries of size 0, which would all fit at one offset") {
    // One valid entry (data record, size 0) repeated: 19 MB that compress to a few KB.
    std::vector<uint8_t> entries;
    for (int i = 0; i < 1'000'000; ++i) {
      le::PutF64(entries, 1.0);
      le::Put32(entries, 0);
      le::Put8(entries, 3);
      le::PutI32(entries, kStream.type_id);
      le::Put16(entries, kStream.instance_id);
    }
    std::vector<uint8_t> frame = ZstdFrame(entries);
    bytes.resize(count_at);
    le::Put32(bytes, 1'000'000);
    bytes.insert(bytes.end(), frame.begin(), frame.end());
    le::Set32(bytes.data() + index + kRecordSizeAt, uint32_t(bytes.size() - index));
    le::Set32(bytes.data() + index + kUncompressedSizeAt, uint32_t(entries.size()));
    bytes[index + 27] = 2;  // zstd
  }
  vrsx::Reader reader;
  OpenInMemory(bytes, reader);
  CHECK_FALSE(reader.had_complete_index());
  REQUIRE(reader.index().size() == 4);  // rebuilt by walking the records
  for (size_t i = 0; i < 4; ++i) {
    CHECK(reader.index()[i].offset == builder.Records()[i].offset);
  }
}

TEST_CASE("hostile: DataLayout definitions nest 64 levels at most", "[hostile]") {
  auto nested = [](size_t depth) {
    // The default of a Value<int32_t> piece, wrapped in arrays: the piece is 3 levels deep.
    return "{\"data_layout\":[{\"name\":\"a\",\"type\":\"DataPieceValue<int32_t>\",\"offset\":0,"
           "\"default\":" +
           std::string(depth - 3, '[') + "1" + std::string(depth - 3, ']') + "}]}";
  };
  vrsx::DataLayoutDefinition layout;
  vrsx::Status deep = vrsx::DataLayoutDefinition::Parse(nested(65), layout);
  CHECK(deep.code() == ErrorCode::kCorrupt);
  CHECK_THAT(deep.message(), Catch::Contains("65 levels"));
  vrsx::Status very_deep = vrsx::DataLayoutDefinition::Parse(nested(100'000), layout);
  CHECK(very_deep.code() == ErrorCode::kCorrupt);
  // At the limit the text parses (a default that is not a number is just no default).
  vrsx::Status at_limit = vrsx::DataLayoutDefinition::Parse(nested(64), layout);
  INFO(at_limit.message());
  CHECK(at_limit.ok());
  // Brackets inside strings are text, not nesting.
  std::string label(1000, '[');
  std::string in_string = "{\"data_layout\":[{\"name\":\"" + label +
                          "\",\"type\":\"DataPieceValue<int32_t>\",\"offset\":0}]}";
  REQUIRE(vrsx::DataLayoutDefinition::Parse(in_string, layout).ok());
  CHECK(layout.piece(0).label == label);
}

// Found by fuzz_record_format (fuzz/corpus/fuzz_record_format/long-escaped-codec-name).
TEST_CASE("hostile: a codec name whose escaped token reaches 200 chars is not read back",
          "[hostile][record_format]") {
  // 66 bytes that each escape to 3 chars: the parsed token is short, the canonical one is not.
  std::string name(66, '\xD2');
  vrsx::RecordFormat format = vrsx::RecordFormat::Parse("image/video/codec=" + name);
  REQUIRE(format.blocks().size() == 1);
  CHECK(format.blocks()[0].image.codec_name == name);
  std::string canonical = format.Text();
  CHECK(canonical == "image/video/codec=" + vrsx::EscapeCodecName(name));
  CHECK(vrsx::EscapeCodecName(name).size() == 198);
  // Spec 02 §2.2: `codec=` is taken only when its token is under 200 chars (this one: 204).
  CHECK(vrsx::RecordFormat::Parse(canonical).blocks()[0].image.codec_name.empty());
}
