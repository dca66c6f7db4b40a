// Each golden recording rewritten by the capture writer (its streams' tags and every record,
// same timestamps, types, format versions and payloads) has the logical checksum of the source
// (`vrsx checksum`, spec 03 §5.3): our files carry the same logical content.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "golden/golden_files.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/writer.h"

using namespace vrsx;
namespace fs = std::filesystem;

namespace {

std::string ExpectedChecksum(const std::string& name) {
  std::ifstream in(testing::ExpectedDir(name) + "/checksum.txt");
  std::string line;
  std::getline(in, line);
  return line;
}

// What `vrsx checksum` prints for a file, without filters.
std::string Checksum(const Reader& reader) {
  ChecksumResult checksum;
  Status status = RecordsChecksum(reader, nullptr, checksum);
  INFO(status.message());
  REQUIRE(status.ok());
  return checksum.checksum;
}

// Copies `source` into a new file with the writer; the copy's streams keep their StreamId
// order, so their normalised ids are the source's.
void Copy(const Reader& source, const std::string& path, const WriterOptions& options,
          CompressionPreset preset) {
  Writer writer(options);
  for (const auto& [name, value] : source.file_tags()) REQUIRE(writer.SetFileTag(name, value).ok());
  std::map<StreamId, StreamId> ids;
  for (StreamId stream : source.streams()) {
    StreamDefinition definition(stream.type_id);
    definition.compression = preset;
    definition.user_tags = source.stream_tags(stream).user;
    definition.copied_vrs_tags = source.stream_tags(stream).vrs;
    REQUIRE(writer.AddStream(definition, ids[stream]).ok());
  }
  REQUIRE(writer.Create(path).ok());
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t pos = 0; pos < source.index().size(); ++pos) {
    const RecordInfo& record = source.index()[pos];
    REQUIRE(source.ReadRecord(pos, payload, &details).ok());
    REQUIRE(writer
                .AddRecord(ids.at(record.stream),
                           {record.type, details.format_version, record.timestamp}, payload)
                .ok());
  }
  REQUIRE(writer.Close().ok());
  CHECK(writer.stats().records_written == source.index().size());
}

}  // namespace

TEST_CASE("writer: golden recordings rewritten keep their logical checksum") {
  fs::path dir = fs::temp_directory_path() / ("vrsx-writer-golden-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const CompressionPreset presets[] = {CompressionPreset::kZstdFaster, CompressionPreset::kLz4Fast,
                                       CompressionPreset::kNone, CompressionPreset::kZstdLight};
  int variant = 0;
  for (const std::string& name : testing::GoldenRecordings()) {
    INFO(name);
    Reader source;
    REQUIRE(source.Open(testing::GoldenFile(name)).ok());
    std::string expected = ExpectedChecksum(name);
    REQUIRE(expected.size() == 16);
    REQUIRE(Checksum(source) == expected);

    // Vary the presets and chunking across the files; the checksum ignores both.
    WriterOptions options;
    options.max_chunk_size = variant % 2 == 1 ? 40000 : 0;
    CompressionPreset preset = presets[variant % 4];
    ++variant;
    std::string path = (dir / name).string();
    Copy(source, path, options, preset);

    Reader copy;
    REQUIRE(copy.Open(path).ok());
    CHECK(copy.had_complete_index());
    if (options.max_chunk_size == 0) {
      CHECK(copy.chunks().size() == 1);
    } else {
      CHECK(copy.chunks().size() > copy.total_size() / options.max_chunk_size);
    }
    CHECK(copy.index().size() == source.index().size());
    CHECK(Checksum(copy) == expected);
  }
  fs::remove_all(dir);
}
