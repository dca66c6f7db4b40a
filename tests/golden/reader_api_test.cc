// The public vrsx::Reader API on the golden files.
//
// Expectations come from the spec (01-container.md §8, §11) and from the reference tool's
// outputs (json-description.json for counts, times, tags and sizes; info.txt for frame rates):
// never from vrsx itself. Query functions are checked against brute-force scans of index().
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/reader.h"

namespace {

namespace fs = std::filesystem;
using vrsx::ErrorCode;
using vrsx::Reader;
using vrsx::RecordDetails;
using vrsx::RecordInfo;
using vrsx::RecordType;
using vrsx::Status;
using vrsx::StreamId;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::OpenOrFail;
using vrsx::testing::ReadBytes;
using vrsx::testing::ReadTextFile;
using vrsx::testing::ScratchDir;

std::string Fixed3(double t) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", t);
  return text;
}

// 03-cli.md §2.1, "human timestamp".
std::string HumanTimestamp(double t) {
  char text[64];
  double a = std::fabs(t);
  if (t == 0 || (a >= 1e-3 && a < 1e10)) {
    std::snprintf(text, sizeof text, "%.3f", t);
  } else if (a < 1e-3) {
    std::snprintf(text, sizeof text, "%.3e", t);
  } else {
    std::snprintf(text, sizeof text, "%.9e", t);
  }
  return text;
}

std::string Rate(double rate) {
  char text[64];
  std::snprintf(text, sizeof text, "%.4g", rate);
  return text;
}

uint64_t Fnv1a(const std::vector<uint8_t>& bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (uint8_t b : bytes) hash = (hash ^ b) * 0x100000001b3ull;
  return hash;
}

// Little-endian reads of raw file bytes, for facts checked without the reader.
uint32_t U32At(const std::vector<uint8_t>& bytes, size_t at) {
  return uint32_t(bytes[at]) | uint32_t(bytes[at + 1]) << 8 | uint32_t(bytes[at + 2]) << 16 |
         uint32_t(bytes[at + 3]) << 24;
}
uint64_t U64At(const std::vector<uint8_t>& bytes, size_t at) {
  return uint64_t(U32At(bytes, at)) | uint64_t(U32At(bytes, at + 4)) << 32;
}

RecordType TypeFromJsonKey(const std::string& key) {
  if (key == "configuration") return RecordType::kConfiguration;
  if (key == "state") return RecordType::kState;
  return RecordType::kData;
}

std::map<std::string, std::string> JsonTags(const nlohmann::json& object) {
  std::map<std::string, std::string> tags;
  for (const auto& [key, value] : object.items()) tags[key] = value.get<std::string>();
  return tags;
}

// Positions of a stream's records, by scanning the whole index.
std::vector<uint32_t> ScanStream(const Reader& reader, StreamId stream) {
  std::vector<uint32_t> positions;
  for (uint32_t pos = 0; pos < reader.index().size(); ++pos) {
    if (reader.index()[pos].stream == stream) positions.push_back(pos);
  }
  return positions;
}

// The index order of 01-container.md §9.2.
bool InReaderOrder(const RecordInfo& a, const RecordInfo& b) {
  if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
  if (a.stream != b.stream) return a.stream < b.stream;
  return a.offset < b.offset;
}

// Per stream "  N data records, from A to B (dur, R rps)." lines of info.txt: stream -> rate text.
std::map<StreamId, std::string> InfoDataRates(const std::string& file) {
  static const std::regex kStream(R"(^\d+ .* \[(\d+)-(\d+)\] records?, .*\.$)");
  static const std::regex kData(R"(^  \d+ data records, from \S+ to \S+ \(.+, (\S+)rps\)\.$)");
  std::map<StreamId, std::string> rates;
  std::optional<StreamId> current;
  std::istringstream in(ReadTextFile(ExpectedDir(file) + "/info.txt"));
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kStream)) {
      current = StreamId{uint16_t(std::stoul(m[1].str())), uint16_t(std::stoul(m[2].str()))};
    } else if (current && std::regex_match(line, m, kData)) {
      rates[*current] = m[1].str();
    }
  }
  return rates;
}

std::vector<uint64_t> PayloadHashes(const Reader& reader, std::string* error = nullptr) {
  std::vector<uint64_t> hashes;
  std::vector<uint8_t> payload;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    Status status = reader.ReadRecord(pos, payload);
    if (!status.ok()) {
      if (error != nullptr && error->empty()) *error = status.message();
      hashes.push_back(0);
      continue;
    }
    hashes.push_back(Fnv1a(payload));
  }
  return hashes;
}

}  // namespace

TEST_CASE("reader: every golden file matches the reference's json-description",
          "[reader][golden]") {
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      nlohmann::json json =
          nlohmann::json::parse(ReadTextFile(ExpectedDir(file) + "/json-description.json"));
      Reader reader;
      OpenOrFail(reader, GoldenFile(file));
      CHECK(reader.had_complete_index());
      CHECK(reader.warnings().empty());
      CHECK(reader.total_size() == json.at("file_size").get<uint64_t>());
      CHECK(reader.chunks().size() == json.at("file_chunks").size());
      uint64_t chunk_sum = 0;
      for (const vrsx::ChunkInfo& chunk : reader.chunks()) chunk_sum += chunk.size;
      CHECK(chunk_sum == reader.total_size());
      CHECK(reader.file_tags() == JsonTags(json.at("tags")));
      CHECK(reader.streams().size() == json.at("number_of_devices").get<size_t>());
      const std::vector<RecordInfo>& index = reader.index();
      REQUIRE(index.size() == json.at("number_of_records").get<size_t>());
      REQUIRE_FALSE(index.empty());
      CHECK(std::is_sorted(index.begin(), index.end(), InReaderOrder));
      double max_time = index.front().timestamp;
      for (const RecordInfo& r : index) max_time = std::max(max_time, r.timestamp);
      CHECK(index.front().timestamp == json.at("start_time").get<double>());
      CHECK(max_time == json.at("end_time").get<double>());

      const nlohmann::json& devices = json.at("devices");
      REQUIRE(devices.size() == reader.streams().size());
      for (size_t i = 0; i < devices.size(); ++i) {
        const nlohmann::json& device = devices[i];
        StreamId stream = reader.streams()[i];
        INFO("stream " << stream.NumericName());
        CHECK(stream.type_id == device.at("recordable_id").get<uint16_t>());
        CHECK(stream.instance_id == device.at("instance_id").get<uint16_t>());
        CHECK(reader.flavor(stream) == device.value("recordable_flavor", std::string()));
        CHECK(reader.stream_tags(stream).user == JsonTags(device.at("tags")));
        CHECK(reader.stream_tags(stream).vrs == JsonTags(device.at("vrs_tag")));
        CHECK(reader.serial_number(stream) ==
              device.at("vrs_tag").value("VRS_Serial_Number", std::string()));

        std::vector<uint32_t> positions = ScanStream(reader, stream);
        CHECK(reader.stream_index(stream) == positions);
        uint64_t stream_size = 0;
        for (uint32_t pos : positions) stream_size += index[pos].disk_size;
        CHECK(stream_size == device.at("stream_size").get<uint64_t>());
        size_t total = 0;
        for (const char* key : {"configuration", "state", "data"}) {
          INFO(key);
          RecordType type = TypeFromJsonKey(key);
          const nlohmann::json& counts = device.at(key);
          uint32_t n = counts.at("number_of_records").get<uint32_t>();
          total += n;
          CHECK(reader.record_count(stream, type) == n);
          std::vector<double> times;
          for (uint32_t pos : positions) {
            if (index[pos].type == type) times.push_back(index[pos].timestamp);
          }
          CHECK(times.size() == n);
          if (n > 0 && !times.empty()) {
            CHECK(times.front() == counts.at("start_time").get<double>());
            CHECK(times.back() == counts.at("end_time").get<double>());
          }
          if (type == RecordType::kData) {
            std::optional<double> first = reader.first_data_timestamp(stream);
            std::optional<double> last = reader.last_data_timestamp(stream);
            CHECK(first.has_value() == (n > 0));
            CHECK(last.has_value() == (n > 0));
            if (n > 0 && first && last) {
              CHECK(*first == counts.at("start_time").get<double>());
              CHECK(*last == counts.at("end_time").get<double>());
            }
          }
        }
        CHECK(positions.size() == total);
      }
    }
  }
}

TEST_CASE("reader: file counters and frame rates match check.txt and info.txt",
          "[reader][golden]") {
  static const std::regex kFound(
      R"(^Found (\d+) streams?, (\d+) records?, (\d+) data records? from (\S+) to (\S+) \(.*\)\.$)");
  for (const std::string& file : GoldenRecordings()) {
    DYNAMIC_SECTION(file) {
      Reader reader;
      OpenOrFail(reader, GoldenFile(file));
      std::istringstream in(ReadTextFile(ExpectedDir(file) + "/check.txt"));
      std::smatch m;
      bool found = false;
      std::string line;  // outlives m, which points into it
      while (!found && std::getline(in, line)) found = std::regex_match(line, m, kFound);
      REQUIRE(found);
      CHECK(reader.streams().size() == std::stoul(m[1].str()));
      CHECK(reader.index().size() == std::stoul(m[2].str()));
      size_t data = 0;
      for (const RecordInfo& r : reader.index()) data += r.type == RecordType::kData;
      CHECK(data == std::stoul(m[3].str()));
      REQUIRE(reader.first_data_timestamp().has_value());
      REQUIRE(reader.last_data_timestamp().has_value());
      CHECK(HumanTimestamp(*reader.first_data_timestamp()) == m[4].str());
      CHECK(HumanTimestamp(*reader.last_data_timestamp()) == m[5].str());

      std::map<StreamId, std::string> rates = InfoDataRates(file);
      CHECK_FALSE(rates.empty());
      for (StreamId stream : reader.streams()) {
        INFO("stream " << stream.NumericName());
        auto rate = rates.find(stream);
        if (rate == rates.end()) {
          CHECK(reader.EstimatedFrameRate(stream) == 0);
        } else {
          CHECK(Rate(reader.EstimatedFrameRate(stream)) == rate->second);
        }
      }
      CHECK(reader.EstimatedFrameRate(StreamId{999, 99}) == 0);
    }
  }
}

TEST_CASE("reader: sample_file.vrs facts of the spec", "[reader][spec]") {
  Reader reader;
  OpenOrFail(reader, GoldenFile("sample_file.vrs"));
  const StreamId audio{101, 1}, camera{200, 1}, motion{372, 1};
  CHECK(reader.streams() == std::vector<StreamId>{audio, camera, motion});
  CHECK(reader.index().size() == 307);
  CHECK(reader.total_size() == 83038);
  REQUIRE(reader.chunks().size() == 1);
  CHECK(reader.chunks()[0].path == GoldenFile("sample_file.vrs"));
  CHECK(reader.chunks()[0].size == 83038);
  size_t data = 0;
  for (const RecordInfo& r : reader.index()) data += r.type == RecordType::kData;
  CHECK(data == 301);
  CHECK(Fixed3(*reader.first_data_timestamp()) == "1493865.291");
  CHECK(Fixed3(*reader.last_data_timestamp()) == "1493866.378");
  std::map<StreamId, uint32_t> data_counts = {{audio, 100}, {camera, 101}, {motion, 100}};
  for (auto [stream, count] : data_counts) {
    INFO(stream.NumericName());
    CHECK(reader.record_count(stream, RecordType::kConfiguration) == 1);
    CHECK(reader.record_count(stream, RecordType::kState) == 1);
    CHECK(reader.record_count(stream, RecordType::kData) == count);
    CHECK(reader.record_count(stream, RecordType::kTags) == 0);
    CHECK(reader.stream_index(stream).size() == count + 2);
  }
  // Generated serial numbers (§11).
  CHECK(reader.serial_number(audio) == "0277a17dab5d2f1e");
  CHECK(reader.serial_number(camera) == "ba694566926a7501");
  CHECK(reader.serial_number(motion) == "0ca61d03d3241224");
  CHECK(reader.file_tags() == vrsx::TagMap{{"capture_time_epoch", "1636165950"},
                                           {"os_fingerprint", "MacOS 20.6.0"},
                                           {"purpose", "sample_code"}});
  CHECK(reader.flavor(camera) == "sample/camera");
  CHECK(reader.original_name(camera) == "Forward Camera Class");

  // The first nine records in sorted order, with their uncompressed sizes.
  struct Expected {
    StreamId stream;
    RecordType type;
    uint32_t size;
  };
  const std::vector<Expected> first_nine = {
      {motion, RecordType::kConfiguration, 8},  {motion, RecordType::kState, 0},
      {audio, RecordType::kConfiguration, 0},   {audio, RecordType::kState, 0},
      {camera, RecordType::kConfiguration, 44}, {camera, RecordType::kState, 0},
      {camera, RecordType::kData, 307224},      {motion, RecordType::kData, 8},
      {audio, RecordType::kData, 512}};
  std::vector<uint8_t> payload;
  for (size_t pos = 0; pos < first_nine.size(); ++pos) {
    INFO("record #" << pos);
    const RecordInfo& record = reader.index()[pos];
    CHECK(record.stream == first_nine[pos].stream);
    CHECK(record.type == first_nine[pos].type);
    RecordDetails details;
    REQUIRE(reader.ReadRecordDetails(pos, details).ok());
    CHECK(details.payload_size == first_nine[pos].size);
    RecordDetails read_details;
    REQUIRE(reader.ReadRecord(pos, payload, &read_details).ok());
    CHECK(payload.size() == first_nine[pos].size);
    CHECK(read_details.payload_size == details.payload_size);
    CHECK(read_details.compression == details.compression);
    // §11: payloads of 250 bytes or more are zstd-compressed, smaller ones are stored raw.
    CHECK(details.compression == (details.payload_size >= 250 ? 2 : 0));
    CHECK(record.disk_size == 32 + details.stored_size);
  }

  // Two records of 200-1 share a timestamp (§11).
  const std::vector<uint32_t>& cameras = reader.stream_index(camera);
  bool duplicate = false;
  for (size_t i = 1; i < cameras.size(); ++i) {
    duplicate |= reader.index()[cameras[i]].timestamp == reader.index()[cameras[i - 1]].timestamp;
  }
  CHECK(duplicate);
}

TEST_CASE("reader: record offsets tile the file up to the index record", "[reader][spec]") {
  // From the spec's §11 table: index record offsets; the records are contiguous from the end of
  // the description record (at 80) to the index record.
  struct Layout {
    const char* file;
    uint64_t index_offset;
    size_t records;
  };
  for (Layout layout :
       {Layout{"sample_file.vrs", 81584, 307}, Layout{"sample_raw_pixel_formats.vrs", 51217, 312},
        Layout{"chunks.vrs", 81235, 306}}) {
    DYNAMIC_SECTION(layout.file) {
      Reader reader;
      OpenOrFail(reader, GoldenFile(layout.file));
      std::vector<uint8_t> head = ReadBytes(GoldenFile(layout.file));
      REQUIRE(head.size() >= 120);
      CHECK(U64At(head, 24) == layout.index_offset);  // indexRecordOffset
      CHECK(U64At(head, 32) == 80);                   // descriptionRecordOffset
      uint64_t description_size = U32At(head, 80);
      std::vector<RecordInfo> by_offset = reader.index();
      REQUIRE(by_offset.size() == layout.records);
      std::sort(by_offset.begin(), by_offset.end(),
                [](const RecordInfo& a, const RecordInfo& b) { return a.offset < b.offset; });
      uint64_t expected_offset = 80 + description_size;
      bool contiguous = true;
      for (const RecordInfo& r : by_offset) {
        contiguous &= r.offset == expected_offset;
        expected_offset = r.offset + r.disk_size;
      }
      CHECK(contiguous);
      CHECK(expected_offset == layout.index_offset);
    }
  }
}

TEST_CASE("reader: sample_raw_pixel_formats.vrs facts of the spec", "[reader][spec]") {
  Reader reader;
  OpenOrFail(reader, GoldenFile("sample_raw_pixel_formats.vrs"));
  std::vector<StreamId> expected;
  for (uint16_t i = 1; i <= 6; ++i) expected.push_back({100, i});
  for (uint16_t i = 1; i <= 2; ++i) expected.push_back({209, i});
  expected.push_back({210, 1});
  for (uint16_t i = 1; i <= 17; ++i) expected.push_back({214, i});
  CHECK(reader.streams() == expected);
  CHECK(reader.index().size() == 312);
  CHECK(reader.file_tags().empty());
  static const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  std::set<std::string> serials;
  for (StreamId stream : expected) {
    INFO(stream.NumericName());
    CHECK(reader.stream_index(stream).size() == 12);
    CHECK(std::regex_match(reader.serial_number(stream), kUuid));
    serials.insert(reader.serial_number(stream));
    std::optional<StreamId> found = reader.FindStreamBySerialNumber(reader.serial_number(stream));
    REQUIRE(found.has_value());
    CHECK(*found == stream);
  }
  CHECK(serials.size() == expected.size());
  size_t data = 0;
  for (const RecordInfo& r : reader.index()) data += r.type == RecordType::kData;
  CHECK(data == 260);
  CHECK(Fixed3(*reader.first_data_timestamp()) == "0.000");
  CHECK(Fixed3(*reader.last_data_timestamp()) == "0.360");

  CHECK(reader.FindStreams(100).size() == 6);
  CHECK(reader.FindStreams(214).size() == 17);
  CHECK(reader.FindStreams(209) == std::vector<StreamId>{{209, 1}, {209, 2}});
  CHECK(reader.FindStreams(100, "test/synthetic/grey12") == std::vector<StreamId>{{100, 3}});
  CHECK(reader.FindStreams(100, "test/synthetic").empty());
  CHECK(reader.FindStreams(101).empty());
}

TEST_CASE("reader: chunks.vrs, by discovery and from an explicit chunk list", "[reader][chunks]") {
  const std::vector<std::string> paths = {GoldenFile("chunks.vrs"), GoldenFile("chunks.vrs_1"),
                                          GoldenFile("chunks.vrs_2")};
  Reader discovered;
  OpenOrFail(discovered, paths[0]);
  Reader listed;
  Status status = listed.OpenChunks(paths);
  INFO(status.message());
  REQUIRE(status.ok());

  const std::vector<uint64_t> sizes = {32768, 32768, 17141};
  for (const Reader* reader : {&discovered, &listed}) {
    REQUIRE(reader->chunks().size() == 3);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(reader->chunks()[i].path == paths[i]);
      CHECK(reader->chunks()[i].size == sizes[i]);
    }
    CHECK(reader->total_size() == 32768 + 32768 + 17141);
    CHECK(reader->had_complete_index());
    CHECK(reader->index().size() == 306);
    const StreamId audio{101, 1}, camera{200, 1}, motion{372, 1};
    CHECK(reader->streams() == std::vector<StreamId>{audio, camera, motion});
    // The stream signature of §11: type-serial-#configuration-#state-#data.
    std::string signature;
    for (StreamId stream : reader->streams()) {
      if (!signature.empty()) signature += ",";
      signature += std::to_string(stream.type_id) + "-" + reader->serial_number(stream) + "-" +
                   std::to_string(reader->record_count(stream, RecordType::kConfiguration)) + "-" +
                   std::to_string(reader->record_count(stream, RecordType::kState)) + "-" +
                   std::to_string(reader->record_count(stream, RecordType::kData));
    }
    CHECK(signature ==
          "101-462fa095330f6ac4-1-1-100,200-51b98ee8be872906-1-1-100,372-1b24bc705850ccad-1-1-100");
    CHECK(Fixed3(*reader->first_data_timestamp()) == "1426237.759");
    CHECK(Fixed3(*reader->last_data_timestamp()) == "1426238.798");
  }
  REQUIRE(discovered.index().size() == listed.index().size());
  for (size_t i = 0; i < discovered.index().size(); ++i) {
    CHECK(discovered.index()[i].offset == listed.index()[i].offset);
  }

  // Two records straddle chunk boundaries (§11); they read like the others.
  std::vector<uint8_t> payload;
  size_t straddling = 0;
  for (size_t pos = 0; pos < discovered.index().size(); ++pos) {
    const RecordInfo& r = discovered.index()[pos];
    for (uint64_t boundary : {uint64_t(32768), uint64_t(65536)}) {
      if (r.offset < boundary && r.offset + r.disk_size > boundary) {
        ++straddling;
        RecordDetails details;
        Status read = discovered.ReadRecord(pos, payload, &details);
        INFO(read.message());
        CHECK(read.ok());
        CHECK(payload.size() == details.payload_size);
      }
    }
  }
  CHECK(straddling == 2);
  std::string error;
  CHECK(PayloadHashes(discovered) == PayloadHashes(listed, &error));
  CHECK(error == "");
}

TEST_CASE("reader: gen-chunked.vrs, by discovery and from an explicit chunk list",
          "[reader][chunks]") {
  const std::vector<std::string> paths = {GoldenFile("gen-chunked.vrs"),
                                          GoldenFile("gen-chunked.vrs_1"),
                                          GoldenFile("gen-chunked.vrs_2")};
  Reader discovered;
  OpenOrFail(discovered, paths[0]);
  Reader listed;
  REQUIRE(listed.OpenChunks(paths).ok());
  const std::vector<uint64_t> sizes = {933360, 926608, 619387};
  for (const Reader* reader : {&discovered, &listed}) {
    REQUIRE(reader->chunks().size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK(reader->chunks()[i].size == sizes[i]);
    CHECK(reader->index().size() == 34);
    CHECK(reader->had_complete_index());
  }
  std::string error;
  std::vector<uint64_t> hashes = PayloadHashes(discovered, &error);
  CHECK(error == "");
  CHECK(hashes == PayloadHashes(listed));
}

TEST_CASE("reader: chunk lists and discovery edge cases", "[reader][chunks]") {
  SECTION("a missing chunk in an explicit list fails") {
    Reader reader;
    Status status = reader.OpenChunks({GoldenFile("chunks.vrs"), GoldenFile("chunks.vrs_7")});
    CHECK_FALSE(status.ok());
    CHECK(status.code() == ErrorCode::kNotFound);
    CHECK_FALSE(reader.IsOpen());
    CHECK(reader.index().empty());
  }
  SECTION("the first chunk alone: the index is rebuilt from the complete records") {
    Reader full;
    OpenOrFail(full, GoldenFile("chunks.vrs"));
    size_t complete = 0;
    for (const RecordInfo& r : full.index()) complete += r.offset + r.disk_size <= 32768;
    Reader first;
    Status status = first.OpenChunks({GoldenFile("chunks.vrs")});
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(first.chunks().size() == 1);
    CHECK_FALSE(first.had_complete_index());
    CHECK_FALSE(first.warnings().empty());
    CHECK(first.index().size() == complete);
    CHECK(complete > 50);
    std::string error;
    std::vector<uint64_t> hashes = PayloadHashes(first, &error);
    CHECK(error == "");
    // Same records as in the whole file (matched by offset).
    std::map<uint64_t, size_t> full_pos;
    for (size_t pos = 0; pos < full.index().size(); ++pos) full_pos[full.index()[pos].offset] = pos;
    std::vector<uint64_t> full_hashes = PayloadHashes(full);
    for (size_t pos = 0; pos < first.index().size(); ++pos) {
      auto found = full_pos.find(first.index()[pos].offset);
      REQUIRE(found != full_pos.end());
      CHECK(hashes[pos] == full_hashes[found->second]);
    }
    // The tags come from the description record, in chunk 0: serials are the same.
    CHECK(first.serial_number({200, 1}) == "51b98ee8be872906");
  }
  SECTION("x_0 finds x_1 and x_2; a symbolic link finds the chunks next to its target") {
    ScratchDir scratch;
    fs::copy_file(GoldenFile("chunks.vrs"), scratch.File("rec_0"));
    fs::copy_file(GoldenFile("chunks.vrs_1"), scratch.File("rec_1"));
    fs::copy_file(GoldenFile("chunks.vrs_2"), scratch.File("rec_2"));
    Reader reader;
    OpenOrFail(reader, scratch.File("rec_0"));
    CHECK(reader.chunks().size() == 3);
    CHECK(reader.index().size() == 306);
    CHECK(reader.had_complete_index());

    fs::create_directory(scratch.File("links"));
    fs::create_symlink(GoldenFile("chunks.vrs"), scratch.File("links/link.vrs"));
    Reader linked;
    OpenOrFail(linked, scratch.File("links/link.vrs"));
    CHECK(linked.chunks().size() == 3);
    CHECK(linked.index().size() == 306);
    CHECK(linked.had_complete_index());
  }
}

TEST_CASE("reader: open failures", "[reader]") {
  ScratchDir scratch;
  Reader reader;
  Status status = reader.Open(scratch.File("absent.vrs"));
  CHECK(status.code() == ErrorCode::kNotFound);
  CHECK(status.message().find("absent.vrs") != std::string::npos);
  CHECK_FALSE(reader.IsOpen());

  std::string text(4096, 'x');
  status = reader.Open(scratch.Write("text.bin", text));
  CHECK(status.code() == ErrorCode::kNotVrsFile);
  CHECK(status.message().find("text.bin") != std::string::npos);
  CHECK_FALSE(reader.IsOpen());

  status = reader.Open(scratch.Write("empty.vrs", std::string()));
  CHECK_FALSE(status.ok());
  CHECK_FALSE(reader.IsOpen());

  // A failed Open leaves a Reader that answers like a closed one.
  std::vector<uint8_t> payload;
  CHECK(reader.index().empty());
  CHECK(reader.streams().empty());
  CHECK(reader.ReadRecord(0, payload).code() == ErrorCode::kInvalidArgument);
  CHECK_FALSE(reader.first_data_timestamp().has_value());

  // Reopening a Reader and Close().
  OpenOrFail(reader, GoldenFile("gen-none.vrs"));
  CHECK(reader.index().size() == 136);
  OpenOrFail(reader, GoldenFile("sample_file.vrs"));
  CHECK(reader.index().size() == 307);
  Reader moved = std::move(reader);
  CHECK(moved.IsOpen());
  CHECK(moved.index().size() == 307);
  moved.Close();
  CHECK_FALSE(moved.IsOpen());
  CHECK(moved.index().empty());
}

TEST_CASE("reader: stream lookups", "[reader][query]") {
  Reader reader;
  OpenOrFail(reader, GoldenFile("sample_file.vrs"));
  CHECK(reader.FindStreams(200) == std::vector<StreamId>{{200, 1}});
  CHECK(reader.FindStreams(200, "sample/camera") == std::vector<StreamId>{{200, 1}});
  CHECK(reader.FindStreams(200, "sample/audio").empty());
  CHECK(reader.FindStreams(101, "sample/audio") == std::vector<StreamId>{{101, 1}});
  CHECK(reader.FindStreams(214).empty());
  CHECK(reader.FindStreamBySerialNumber("0277a17dab5d2f1e") == StreamId{101, 1});
  CHECK(reader.FindStreamBySerialNumber("ba694566926a7501") == StreamId{200, 1});
  CHECK(reader.FindStreamBySerialNumber("0ca61d03d3241224") == StreamId{372, 1});
  CHECK_FALSE(reader.FindStreamBySerialNumber("0ca61d03d3241225").has_value());
  CHECK_FALSE(reader.FindStreamBySerialNumber("").has_value());
  // Unknown streams: empty answers.
  const StreamId unknown{200, 2};
  CHECK(reader.stream_index(unknown).empty());
  CHECK(reader.record_count(unknown, RecordType::kData) == 0);
  CHECK(reader.stream_tags(unknown).user.empty());
  CHECK(reader.stream_tags(unknown).vrs.empty());
  CHECK(reader.flavor(unknown).empty());
  CHECK_FALSE(reader.first_data_timestamp(unknown).has_value());
  CHECK_FALSE(reader.NearestRecord(1493865.5, unknown).has_value());
  CHECK_FALSE(reader.FirstRecordAtOrAfter(0, unknown).has_value());

  Reader gen;
  OpenOrFail(gen, GoldenFile("gen-lz4fast.vrs"));
  CHECK(gen.FindStreamsByTag("serial_number", "CAM-0001") == std::vector<StreamId>{{200, 1}});
  CHECK(gen.FindStreamsByTag("serial_number", "IMU-0042") == std::vector<StreamId>{{241, 1}});
  CHECK(gen.FindStreamsByTag("serial_number", "nope").empty());
}

TEST_CASE("reader: time queries agree with scans of the index", "[reader][query]") {
  for (const char* file :
       {"sample_file.vrs", "gen-zmedium-async.vrs", "sample_raw_pixel_formats.vrs", "chunks.vrs"}) {
    DYNAMIC_SECTION(file) {
      Reader reader;
      OpenOrFail(reader, GoldenFile(file));
      const std::vector<RecordInfo>& index = reader.index();
      REQUIRE_FALSE(index.empty());
      // Probe times: every record's timestamp, midpoints, and beyond both ends.
      std::set<double> probes = {index.front().timestamp - 1, index.back().timestamp + 1, -1e300,
                                 1e300};
      for (size_t pos = 0; pos < index.size(); ++pos) {
        probes.insert(index[pos].timestamp);
        if (pos > 0) probes.insert((index[pos - 1].timestamp + index[pos].timestamp) / 2);
      }
      std::vector<double> probe_list(probes.begin(), probes.end());
      if (probe_list.size() > 400) {  // keep the quadratic scans fast
        std::vector<double> thinned;
        for (size_t i = 0; i < probe_list.size(); i += probe_list.size() / 400 + 1) {
          thinned.push_back(probe_list[i]);
        }
        thinned.push_back(probe_list.back());
        probe_list = thinned;
      }
      size_t mismatches = 0;
      size_t tie_mismatches = 0;
      std::string tie_examples, other_examples;
      for (StreamId stream : reader.streams()) {
        std::vector<uint32_t> positions = ScanStream(reader, stream);
        for (double t : probe_list) {
          // LowerBound: first record with timestamp >= t.
          size_t lower = 0;
          while (lower < index.size() && index[lower].timestamp < t) ++lower;
          mismatches += reader.LowerBound(t) != lower;
          for (RecordType type : {RecordType::kUndefined, RecordType::kConfiguration,
                                  RecordType::kState, RecordType::kData}) {
            std::optional<size_t> expected;
            for (uint32_t pos : positions) {
              if (index[pos].timestamp >= t &&
                  (type == RecordType::kUndefined || index[pos].type == type)) {
                expected = pos;
                break;
              }
            }
            std::optional<size_t> actual = reader.FirstRecordAtOrAfter(t, stream, type);
            if (actual != expected) {
              ++mismatches;
              other_examples += "FirstRecordAtOrAfter(" + std::to_string(t) + ", " +
                                stream.NumericName() + ", " + std::to_string(int(type)) + ")\n";
            }
          }
          // NearestRecord: the timestamp closest to t, the earlier one when both neighbours are
          // as close; of several records at that timestamp, the first in index order.
          std::optional<double> below, above;  // the neighbour timestamps, < t and >= t
          for (uint32_t pos : positions) {
            double ts = index[pos].timestamp;
            if (ts < t && (!below || ts > *below)) below = ts;
            if (ts >= t && (!above || ts < *above)) above = ts;
          }
          std::optional<double> nearest_time = below ? below : above;
          if (below && above && *above - t < t - *below) nearest_time = above;
          std::optional<size_t> nearest;
          for (uint32_t pos : positions) {
            if (index[pos].timestamp == nearest_time) {
              nearest = pos;
              break;
            }
          }
          std::optional<size_t> actual = reader.NearestRecord(t, stream);
          if (actual != nearest) {
            // Another record with the same timestamp as the expected one: the tie rule differs.
            bool same_time = actual && nearest && *actual < index.size() &&
                             index[*actual].timestamp == index[*nearest].timestamp;
            (same_time ? tie_mismatches : mismatches)++;
            std::ostringstream message;
            message << "NearestRecord(" << t << ", " << stream.NumericName() << "): expected #"
                    << (nearest ? long(*nearest) : -1L) << ", got #"
                    << (actual ? long(*actual) : -1L) << "\n";
            std::string& examples = same_time ? tie_examples : other_examples;
            if (std::count(examples.begin(), examples.end(), '\n') < 8) examples += message.str();
          }
        }
        // Next/Previous in stream.
        for (size_t i = 0; i < positions.size(); ++i) {
          std::optional<size_t> next = reader.NextInStream(positions[i]);
          std::optional<size_t> previous = reader.PreviousInStream(positions[i]);
          bool next_ok = i + 1 < positions.size() ? next && *next == positions[i + 1] : !next;
          bool previous_ok = i > 0 ? previous && *previous == positions[i - 1] : !previous;
          mismatches += !next_ok + !previous_ok;
        }
      }
      INFO(other_examples);
      CHECK(mismatches == 0);
      // Several records of the stream at the nearest timestamp: the first one is expected.
      INFO(tie_examples);
      CHECK(tie_mismatches == 0);
      CHECK_FALSE(reader.NextInStream(index.size()).has_value());
      CHECK_FALSE(reader.PreviousInStream(index.size()).has_value());
      CHECK(reader.LowerBound(1e300) == index.size());
      CHECK(reader.LowerBound(-1e300) == 0);

      // Whole-file first/last data timestamps.
      std::optional<double> first, last;
      for (const RecordInfo& r : index) {
        if (r.type != RecordType::kData) continue;
        if (!first) first = r.timestamp;
        last = r.timestamp;
      }
      CHECK(reader.first_data_timestamp() == first);
      CHECK(reader.last_data_timestamp() == last);
    }
  }
}

TEST_CASE("reader: ReadRecord reuses the caller's buffer", "[reader][read]") {
  for (const char* file : {"sample_file.vrs", "gen-lz4fast.vrs", "gen-zmedium-async.vrs",
                           "gen-none.vrs", "copy-ztight.vrs"}) {
    DYNAMIC_SECTION(file) {
      Reader reader;
      OpenOrFail(reader, GoldenFile(file));
      std::vector<uint8_t> payload;
      size_t largest = 0;
      std::vector<uint8_t> fresh;
      for (size_t pos = 0; pos < reader.index().size(); ++pos) {
        INFO("record #" << pos);
        size_t capacity_before = payload.capacity();
        const uint8_t* data_before = payload.data();
        RecordDetails details;
        Status status = reader.ReadRecord(pos, payload, &details);
        INFO(status.message());
        REQUIRE(status.ok());
        CHECK(payload.size() == details.payload_size);
        CHECK(reader.index()[pos].disk_size == 32 + details.stored_size);
        if (details.compression == 0) CHECK(details.stored_size == details.payload_size);
        CHECK(details.compression <= 2);
        // The capacity never shrinks; a payload that fits does not reallocate.
        CHECK(payload.capacity() >= capacity_before);
        if (details.payload_size <= capacity_before && capacity_before > 0) {
          CHECK(payload.data() == data_before);
        }
        largest = std::max(largest, payload.size());
        // Same bytes as a read into a new buffer.
        if (pos % 17 == 0) {
          fresh.clear();
          fresh.shrink_to_fit();
          REQUIRE(reader.ReadRecord(pos, fresh).ok());
          CHECK(fresh == payload);
        }
      }
      CHECK(payload.capacity() >= largest);
      std::vector<uint8_t> untouched = {1, 2, 3};
      CHECK(reader.ReadRecord(reader.index().size(), untouched).code() ==
            ErrorCode::kInvalidArgument);
    }
  }
  SECTION("codecs: gen-lz4fast.vrs has lz4 records, gen-zmedium-async.vrs zstd ones") {
    for (auto [file, codec] : {std::pair<const char*, int>{"gen-lz4fast.vrs", 1},
                               std::pair<const char*, int>{"gen-zmedium-async.vrs", 2}}) {
      Reader reader;
      OpenOrFail(reader, GoldenFile(file));
      size_t compressed = 0;
      for (size_t pos = 0; pos < reader.index().size(); ++pos) {
        RecordDetails details;
        REQUIRE(reader.ReadRecordDetails(pos, details).ok());
        if (details.compression != 0) {
          CHECK(int(details.compression) == codec);
          ++compressed;
        }
      }
      CHECK(compressed > 0);
    }
  }
}

TEST_CASE("reader: copies with other compressions hold the same payloads", "[reader][read]") {
  // copy-ztight.vrs is the reference's recompressed copy of sample_raw_pixel_formats.vrs.
  Reader original, copy;
  OpenOrFail(original, GoldenFile("sample_raw_pixel_formats.vrs"));
  OpenOrFail(copy, GoldenFile("copy-ztight.vrs"));
  REQUIRE(original.streams() == copy.streams());
  std::vector<uint64_t> a = PayloadHashes(original);
  std::vector<uint64_t> b = PayloadHashes(copy);
  for (StreamId stream : original.streams()) {
    INFO(stream.NumericName());
    const std::vector<uint32_t>& pa = original.stream_index(stream);
    const std::vector<uint32_t>& pb = copy.stream_index(stream);
    REQUIRE(pa.size() == pb.size());
    for (size_t i = 0; i < pa.size(); ++i) {
      CHECK(original.index()[pa[i]].timestamp == copy.index()[pb[i]].timestamp);
      CHECK(original.index()[pa[i]].type == copy.index()[pb[i]].type);
      CHECK(a[pa[i]] == b[pb[i]]);
    }
  }
}

TEST_CASE("reader: two Readers of one file in two threads", "[reader][threads]") {
  for (const char* file :
       {"gen-zmedium-async.vrs", "gen-lz4fast.vrs", "chunks.vrs", "sample_file.vrs"}) {
    DYNAMIC_SECTION(file) {
      Reader reference;
      OpenOrFail(reference, GoldenFile(file));
      std::string reference_error;
      std::vector<uint64_t> expected = PayloadHashes(reference, &reference_error);
      REQUIRE(reference_error == "");

      struct Outcome {
        std::string open_error;
        std::string read_error;
        std::vector<uint64_t> hashes;
      };
      Outcome outcomes[2];
      auto work = [&file](Outcome& outcome) {
        Reader reader;
        Status status = reader.Open(GoldenFile(file));
        if (!status.ok()) {
          outcome.open_error = status.message();
          return;
        }
        // Twice, to overlap the other thread for longer.
        for (int round = 0; round < 2; ++round) {
          std::string error;
          outcome.hashes = PayloadHashes(reader, &error);
          if (!error.empty()) outcome.read_error = error;
        }
      };
      std::thread first(work, std::ref(outcomes[0]));
      std::thread second(work, std::ref(outcomes[1]));
      first.join();
      second.join();
      for (const Outcome& outcome : outcomes) {
        CHECK(outcome.open_error == "");
        CHECK(outcome.read_error == "");
        CHECK(outcome.hashes == expected);
      }
    }
  }
}
