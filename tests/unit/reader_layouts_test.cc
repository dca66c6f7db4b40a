// The reader against files made by the independent builder (tests/support), in every layout the
// reference writes or leaves behind: each checks the other.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <limits>

#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"

namespace {

namespace fs = std::filesystem;
namespace vt = vrsx::testing;

struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "vrsx-layouts-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::string File(const std::string& name) const { return (path / name).string(); }
};

std::vector<uint8_t> Payload(size_t size, uint8_t seed) {
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = uint8_t(seed + i / 7);
  return bytes;
}

// Three streams, records of every type, sizes on both sides of the compression threshold,
// timestamps out of order, ties, and every codec.
void Populate(vt::VrsFileBuilder& builder, int records) {
  builder.SetFileTag("purpose", "layouts");
  builder.AddStream({200, 1}, {{"position", "left"}},
                    {{"VRS_Original_Recordable_Name", "Forward Camera Class #1"},
                     {"VRS_Recordable_Flavor", "test/camera"}});
  builder.AddStream({241, 1}, {}, {{"VRS_Serial_Number", "imu-serial"}});
  builder.AddRecord({200, 1}, vt::RecordKind::kConfiguration, 0.5, Payload(20, 1));
  builder.AddRecord({241, 1}, vt::RecordKind::kState, 0.5, {});
  const vt::Codec codecs[] = {vt::Codec::kNone, vt::Codec::kLz4, vt::Codec::kZstd};
  for (int i = 0; i < records; ++i) {
    double t = 1.0 + (i % 10 == 3 ? -0.25 : 0.0) + i * 0.01;  // a few records out of order
    vt::StreamKey stream = i % 3 == 0 ? vt::StreamKey{200, 1} : vt::StreamKey{241, 1};
    size_t size = i % 3 == 0 ? 3000 : 40 + i % 300;
    builder.AddRecord(stream, vt::RecordKind::kData, t, Payload(size, uint8_t(i)),
                      {.codec = codecs[i % 3]});
  }
  builder.AddStream({101, 2}, {{"late", "yes"}}, {{"VRS_Recordable_Flavor", "late/audio"}});
  builder.AddRecord({101, 2}, vt::RecordKind::kData, 2.0, Payload(512, 9));
  builder.AddRecord({101, 2}, vt::RecordKind::kData, 2.0, Payload(512, 10));  // same time
}

// `legacy`: a format 1 description holds only names and user tags, no VRS tags.
void CheckAgainstBuilder(const vrsx::Reader& reader, const vt::VrsFileBuilder& builder,
                         bool legacy = false) {
  std::vector<vt::ExpectedEntry> expected = builder.ExpectedIndex();
  const std::vector<vrsx::RecordInfo>& index = reader.index();
  REQUIRE(index.size() == expected.size());
  for (size_t i = 0; i < index.size(); ++i) {
    INFO("record #" << i);
    CHECK(index[i].timestamp == expected[i].timestamp);
    CHECK(index[i].offset == expected[i].offset);
    CHECK(index[i].disk_size == expected[i].record_size);
    CHECK(index[i].stream.type_id == expected[i].stream.type_id);
    CHECK(index[i].stream.instance_id == expected[i].stream.instance_id);
    CHECK(uint8_t(index[i].type) == expected[i].record_type);
  }
  CHECK(reader.file_tags() == vrsx::TagMap{{"purpose", "layouts"}});
  CHECK(reader.streams() == std::vector<vrsx::StreamId>{{101, 2}, {200, 1}, {241, 1}});
  CHECK(reader.stream_tags({200, 1}).user.at("position") == "left");
  if (!legacy) {
    CHECK(reader.original_name({200, 1}) == "Forward Camera Class");  // " #1" cleaned up
    CHECK(reader.serial_number({241, 1}) == "imu-serial");
  }
  CHECK(reader.serial_number({200, 1}).size() == 16);  // generated
  CHECK(reader.flavor({101, 2}) == "late/audio");      // from the tags record
  CHECK(reader.stream_tags({101, 2}).user.at("late") == "yes");

  // Every payload reads back as written, whatever its codec.
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < index.size(); ++i) {
    REQUIRE(reader.ReadRecord(i, payload).ok());
    const vt::BuiltRecord* built = nullptr;
    for (const vt::BuiltRecord& record : builder.Records()) {
      if (record.offset == index[i].offset) built = &record;
    }
    REQUIRE(built != nullptr);
    uint32_t size = built->compression_type ? built->uncompressed_size : built->record_size - 32;
    CHECK(payload.size() == size);
  }
}

}  // namespace

TEST_CASE("reader: every index layout gives the builder's index") {
  ScratchDir dir;
  struct Case {
    const char* name;
    vt::BuilderOptions options;
    bool complete;
  };
  const Case cases[] = {
      {"classic, zstd", {.index = vt::IndexLayout::kClassicAtEnd}, true},
      {"classic, raw", {.index = vt::IndexLayout::kClassicAtEnd, .compress_index = false}, true},
      {"front, with slack",
       {.index = vt::IndexLayout::kFrontPreallocated, .front_index_slack = 100},
       true},
      {"front too small",
       {.index = vt::IndexLayout::kFrontPreallocated, .front_index_capacity = 3},
       true},
      {"split head", {.index = vt::IndexLayout::kSplitHead, .split_index_frame_entries = 7}, true},
      {"no index", {.index = vt::IndexLayout::kNone}, false},
      {"front, interrupted",
       {.index = vt::IndexLayout::kFrontPreallocated, .interrupted = true},
       false},
      {"split head, interrupted",
       {.index = vt::IndexLayout::kSplitHead, .interrupted = true},
       false},
      {"legacy description", {.description_format = 1}, true},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      vt::VrsFileBuilder builder(c.options);
      Populate(builder, 60);
      builder.Finish();
      std::string path = dir.File("file.vrs");
      if (c.options.index == vt::IndexLayout::kSplitHead) {
        builder.WriteChunks(path, {});
      } else {
        builder.WriteFile(path);
      }
      vrsx::Reader reader;
      vrsx::Status status = reader.Open(path);
      INFO(status.message());
      REQUIRE(status.ok());
      CHECK(reader.had_complete_index() == c.complete);
      CheckAgainstBuilder(reader, builder, c.options.description_format == 1);
    }
  }
}

TEST_CASE("reader: chunks cut anywhere read like one file") {
  ScratchDir dir;
  vt::VrsFileBuilder builder;
  Populate(builder, 40);
  builder.Finish();
  uint64_t size = builder.total_size();
  std::vector<std::string> paths =
      builder.WriteChunks(dir.File("cut.vrs"), {size / 5, size / 5 + 1, size / 2, size - 7});
  REQUIRE(paths.size() == 5);
  vrsx::Reader by_discovery;
  REQUIRE(by_discovery.Open(paths[0]).ok());
  CHECK(by_discovery.chunks().size() == 5);
  CHECK(by_discovery.had_complete_index());
  CheckAgainstBuilder(by_discovery, builder);
  vrsx::Reader by_list;
  REQUIRE(by_list.OpenChunks(paths).ok());
  CheckAgainstBuilder(by_list, builder);
}

TEST_CASE("reader: a recording cut short yields every complete record") {
  ScratchDir dir;
  vt::VrsFileBuilder builder({.index = vt::IndexLayout::kNone});
  Populate(builder, 30);
  builder.Finish();
  const std::vector<uint8_t>& bytes = builder.bytes();
  std::string path = dir.File("cut.vrs");
  for (uint64_t cut = builder.user_records_offset(); cut <= bytes.size(); cut += 97) {
    vt::WriteBytesToFile(path, std::span(bytes.data(), cut));
    vrsx::Reader reader;
    REQUIRE(reader.Open(path).ok());
    size_t complete = 0;
    for (const vt::BuiltRecord& record : builder.Records()) {
      if (record.offset + record.record_size <= cut && record.record_type != 4) ++complete;
    }
    INFO("cut at " << cut);
    CHECK(reader.index().size() == complete);
    std::vector<uint8_t> payload;
    for (size_t i = 0; i < reader.index().size(); ++i) CHECK(reader.ReadRecord(i, payload).ok());
  }
}

TEST_CASE("reader: legacy type ids and unknown compression") {
  ScratchDir dir;
  vt::VrsFileBuilder builder;
  std::vector<uint8_t> payload = Payload(10, 3);
  builder.AddRawRecord({.disk_type_id = 100005, .instance_id = 1, .payload = payload});
  builder.AddRawRecord({.disk_type_id = 214,
                        .instance_id = 1,
                        .timestamp = 1,
                        .compression_type = 3,
                        .uncompressed_size = 10,
                        .payload = payload});
  builder.Finish();
  std::string path = dir.File("odd.vrs");
  builder.WriteFile(path);
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == 2);
  CHECK(reader.index()[0].stream == vrsx::StreamId{65505, 1});
  std::vector<uint8_t> read;
  CHECK(reader.ReadRecord(0, read).ok());
  CHECK(read == payload);
  vrsx::Status status = reader.ReadRecord(1, read);
  CHECK_FALSE(status.ok());
  CHECK(status.message().find("offset") != std::string::npos);  // says where
}

// Indexes of 262,144 entries and more are decoded on a second thread while the reader places
// them; a damaged one is rebuilt, as on one thread.
TEST_CASE("reader: a large zstd index, whole and damaged, gives the builder's index") {
  vt::VrsFileBuilder builder({.index = vt::IndexLayout::kClassicAtEnd});
  builder.SetFileTag("purpose", "layouts");
  builder.AddStream({241, 1}, {}, {});
  const int kRecords = 300'000;
  for (int i = 0; i < kRecords; ++i) {
    double t = 1.0 + i * 0.001 + (i % 1000 == 7 ? -0.5 : 0.0);  // a few out of order
    builder.AddRecord({241, 1}, vt::RecordKind::kData, t, Payload(8 + i % 50, uint8_t(i)));
  }
  builder.Finish();
  std::vector<vt::ExpectedEntry> expected = builder.ExpectedIndex();
  auto check = [&](const vrsx::Reader& reader) {
    const std::vector<vrsx::RecordInfo>& index = reader.index();
    REQUIRE(index.size() == expected.size());
    size_t mismatches = 0;
    for (size_t i = 0; i < index.size(); ++i) {
      mismatches += index[i].timestamp != expected[i].timestamp ||
                    index[i].offset != expected[i].offset ||
                    index[i].disk_size != expected[i].record_size;
    }
    CHECK(mismatches == 0);
  };
  {
    vrsx::Reader reader;
    REQUIRE(reader.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
    CHECK(reader.warnings().empty());
    check(reader);
  }
  // Garbage in the middle of the compressed entries: zstd fails, or entries make no sense. (A
  // few flipped bits may only change timestamps, which no index checksum would show.)
  std::vector<uint8_t> damaged = builder.bytes();
  uint64_t entries_middle = builder.index_offset() + (damaged.size() - builder.index_offset()) / 2;
  uint32_t noise = 12345;
  for (uint64_t i = entries_middle; i < entries_middle + 4096; ++i) {
    noise = noise * 1103515245 + 12345;
    damaged[i] = uint8_t(noise >> 16);
  }
  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(damaged.data(), damaged.size()).ok());
  INFO("index at " << builder.index_offset() << " of " << damaged.size());
  REQUIRE(!reader.warnings().empty());
  CHECK(reader.warnings().front().find("rebuilding the index") != std::string::npos);
  check(reader);
}
