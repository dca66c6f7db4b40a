// Reader::OpenMemory: a file held in memory reads exactly like the same bytes on disk.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"

namespace {

namespace fs = std::filesystem;
namespace vt = vrsx::testing;

std::vector<uint8_t> Payload(size_t size, uint8_t seed) {
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = uint8_t(i * 31 + seed);
  return bytes;
}

}  // namespace

TEST_CASE("reader: OpenMemory reads a file held in memory", "[reader][memory]") {
  vt::IndexLayout layout =
      GENERATE(vt::IndexLayout::kClassicAtEnd, vt::IndexLayout::kSplitHead, vt::IndexLayout::kNone);
  vt::VrsFileBuilder builder(vt::BuilderOptions{.index = layout});
  builder.SetFileTag("where", "memory");
  builder.AddStream({100, 1}, {{"user", "tag"}});
  std::vector<std::vector<uint8_t>> payloads;
  for (int i = 0; i < 5; ++i) {
    payloads.push_back(Payload(400 + size_t(i), uint8_t(i)));
    builder.AddRecord({100, 1}, vt::RecordKind::kData, 5.0 - i, payloads.back(),
                      {.codec = i % 2 ? vt::Codec::kZstd : vt::Codec::kLz4});
  }
  builder.Finish();
  const std::vector<uint8_t>& bytes = builder.bytes();

  vrsx::Reader reader;
  vrsx::Status status = reader.OpenMemory(bytes.data(), bytes.size(), "in-memory.vrs");
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(reader.had_complete_index() == (layout != vt::IndexLayout::kNone));
  REQUIRE(reader.chunks().size() == 1);
  CHECK(reader.chunks()[0].path == "in-memory.vrs");
  CHECK(reader.total_size() == bytes.size());
  CHECK(reader.file_tags().at("where") == "memory");
  CHECK(reader.stream_tags({100, 1}).user.at("user") == "tag");

  std::vector<vt::ExpectedEntry> expected = builder.ExpectedIndex();
  REQUIRE(reader.index().size() == expected.size());
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(reader.index()[i].offset == expected[i].offset);
    CHECK(reader.index()[i].timestamp == expected[i].timestamp);
    REQUIRE(reader.ReadRecord(i, payload).ok());
    CHECK(payload == payloads[4 - i]);  // written in reverse time order
  }

  // The same bytes from disk: the same index.
  std::string pattern = (fs::temp_directory_path() / "vrsx-memory-XXXXXX").string();
  fs::path dir = mkdtemp(pattern.data());
  std::string path = (dir / "on-disk.vrs").string();
  vt::WriteBytesToFile(path, bytes);
  vrsx::Reader from_disk;
  REQUIRE(from_disk.Open(path).ok());
  REQUIRE(from_disk.index().size() == reader.index().size());
  for (size_t i = 0; i < reader.index().size(); ++i) {
    CHECK(from_disk.index()[i].offset == reader.index()[i].offset);
  }
  fs::remove_all(dir);
}

TEST_CASE("reader: OpenMemory never writes, and refuses what is not a VRS file",
          "[reader][memory]") {
  vt::VrsFileBuilder builder(vt::BuilderOptions{.index = vt::IndexLayout::kNone});
  builder.AddStream({100, 1});
  builder.AddRecord({100, 1}, vt::RecordKind::kData, 1.0, Payload(10, 1));
  builder.Finish();
  const std::vector<uint8_t> original = builder.bytes();
  std::vector<uint8_t> bytes = original;

  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(bytes.data(), bytes.size(), "crashed.vrs").ok());
  CHECK(bytes == original);
  CHECK(reader.index().size() == 1);
  CHECK_FALSE(reader.had_complete_index());

  std::vector<uint8_t> garbage(200, 'x');
  vrsx::Status status = reader.OpenMemory(garbage.data(), garbage.size(), "garbage.bin");
  CHECK(status.code() == vrsx::ErrorCode::kNotVrsFile);
  CHECK_THAT(status.message(), Catch::Contains("garbage.bin"));
  CHECK_FALSE(reader.IsOpen());
  CHECK(reader.OpenMemory(nullptr, 0).code() == vrsx::ErrorCode::kNotVrsFile);
  CHECK(reader.OpenMemory(nullptr, 10).code() == vrsx::ErrorCode::kInvalidArgument);
}
