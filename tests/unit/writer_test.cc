// The capture writer: files written then read back with vrsx::Reader, compared value by value;
// the file structure per spec 01; the queue cap; crashes and full disks in child processes.
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "format/file_header.h"
#include "format/little_endian.h"
#include "format/record_header.h"
#include "support/temp_dir.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_format.h"
#include "vrsx/writer.h"
#include "writer/file_writer.h"

using namespace vrsx;
namespace fs = std::filesystem;

namespace {

// A directory of its own per test case, removed at the end.
using vrsx::testing::TempDir;

// Prints the numbers the report wants (lost records...) when VRSX_WRITER_TEST_VERBOSE is set.
void Report(const std::string& line) {
  if (std::getenv("VRSX_WRITER_TEST_VERBOSE") != nullptr) std::printf("%s\n", line.c_str());
}

std::vector<uint8_t> ReadBytes(const std::vector<std::string>& paths) {
  std::vector<uint8_t> bytes;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    bytes.insert(bytes.end(), std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return bytes;
}

struct OnDisk {
  uint64_t offset;
  format::RecordHeader header;
};

// Walks the daisy chain from the description record to the end of the bytes.
std::vector<OnDisk> WalkChain(const std::vector<uint8_t>& bytes) {
  std::vector<OnDisk> records;
  uint64_t offset = format::kFileHeaderSize;
  uint32_t previous = 0;
  while (offset + format::kRecordHeaderSize <= bytes.size()) {
    format::RecordHeader header = format::RecordHeader::Decode(bytes.data() + offset);
    REQUIRE(header.previous_record_size == previous);
    REQUIRE(header.record_size >= format::kRecordHeaderSize);
    REQUIRE(offset + header.record_size <= bytes.size());
    records.push_back({offset, header});
    offset += header.record_size;
    previous = header.record_size;
  }
  CHECK(offset == bytes.size());
  return records;
}

// Options for the queue-cap tests: no auto-flush, so that only the cap makes the writer write.
WriterOptions CappedQueue(size_t cap, QueueFullPolicy policy, unsigned compression_threads) {
  WriterOptions options;
  options.max_queued_bytes = cap;
  options.queue_full_policy = policy;
  options.auto_flush_interval = 0;
  options.compression_threads = compression_threads;
  return options;
}

// Deterministic, somewhat compressible bytes.
std::vector<uint8_t> Pattern(size_t size, uint64_t seed) {
  std::vector<uint8_t> bytes(size);
  uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (size_t i = 0; i < size; ++i) {
    if (i % 16 == 0) state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    bytes[i] = uint8_t((i / 7) + ((state >> 33) & 3));
  }
  return bytes;
}

// A grey image: smooth gradients with sparse noise (what a camera sees, roughly: zstd -1, which
// leaves literals uncompressed, gains little on dense noise).
std::vector<uint8_t> GreyImage(uint32_t width, uint32_t height, uint64_t frame) {
  std::vector<uint8_t> pixels(size_t(width) * height);
  std::mt19937 noise{uint32_t(frame)};
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      uint32_t grain = x % 8 == 0 ? noise() & 7 : 0;
      pixels[size_t(y) * width + x] = uint8_t((x / 4 + y / 4 + frame) + grain);
    }
  }
  return pixels;
}

// ---- A small capture: a camera, an IMU and an audio stream.

DataLayoutDefinition CameraConfigLayout() {
  DataLayoutDefinition layout;
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_width")).ok());
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_height")).ok());
  REQUIRE(layout.Add(PieceDefinition::Value<uint32_t>("image_pixel_format")).ok());
  REQUIRE(layout.Add(PieceDefinition::Vector<float>("camera_calibration")).ok());
  return layout;
}

DataLayoutDefinition CameraDataLayout() {
  DataLayoutDefinition layout;
  REQUIRE(layout.Add(PieceDefinition::Value<uint64_t>("frame_counter")).ok());
  REQUIRE(layout.Add(PieceDefinition::Value<double>("exposure")).ok());
  return layout;
}

DataLayoutDefinition ImuLayout() {
  DataLayoutDefinition layout;
  REQUIRE(layout.Add(PieceDefinition::Value<uint64_t>("sample")).ok());
  REQUIRE(layout.Add(PieceDefinition::Array<float>("accel", 3)).ok());
  REQUIRE(layout.Add(PieceDefinition::String("note")).ok());
  REQUIRE(layout.Add(PieceDefinition::StringMap<int32_t>("counters")).ok());
  return layout;
}

constexpr uint32_t kWidth = 64;
constexpr uint32_t kHeight = 48;

struct Capture {
  DataLayoutDefinition camera_config = CameraConfigLayout();
  DataLayoutDefinition camera_data = CameraDataLayout();
  DataLayoutDefinition imu = ImuLayout();

  StreamDefinition Camera(CompressionPreset preset) const {
    StreamDefinition camera(214, "test/rgb");
    camera.user_tags = {{"position", "left"}, {"model", "cam-9"}};
    camera.compression = preset;
    camera.record_formats.push_back(
        {RecordType::kConfiguration, 1, RecordFormat::Parse("data_layout"), {{0, camera_config}}});
    camera.record_formats.push_back(
        {RecordType::kData,
         1,
         RecordFormat::Parse("data_layout+image/raw/" + std::to_string(kWidth) + "x" +
                             std::to_string(kHeight) + "/pixel=grey8"),
         {{0, camera_data}}});
    return camera;
  }
  StreamDefinition Imu(CompressionPreset preset) const {
    StreamDefinition imu_stream(241, "test/imu");
    imu_stream.compression = preset;
    imu_stream.record_formats.push_back(
        {RecordType::kData, 2, RecordFormat::Parse("data_layout"), {{0, imu}}});
    return imu_stream;
  }
  static StreamDefinition Audio(CompressionPreset preset) {
    StreamDefinition audio(101);  // not a Recordable Class: no flavor needed
    audio.compression = preset;
    audio.record_formats.push_back(
        {RecordType::kData, 1, RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"), {}});
    return audio;
  }

  std::vector<uint8_t> CameraConfigBlock() const {
    DataLayoutEncoder encoder(camera_config);
    REQUIRE(encoder.SetValue<uint32_t>(0, kWidth).ok());
    REQUIRE(encoder.SetValue<uint32_t>(1, kHeight).ok());
    REQUIRE(encoder.SetValue<uint32_t>(2, uint32_t(PixelFormat::kGrey8)).ok());
    REQUIRE(encoder.SetVector<float>(3, {1.5f, 2.5f, 320.f, 240.f}).ok());
    return encoder.Encode();
  }
  std::vector<uint8_t> CameraDataBlock(uint64_t frame) const {
    DataLayoutEncoder encoder(camera_data);
    REQUIRE(encoder.SetValue<uint64_t>(0, frame).ok());
    REQUIRE(encoder.SetValue<double>(1, 0.001 * double(frame)).ok());
    return encoder.Encode();
  }
  std::vector<uint8_t> ImuBlock(uint64_t sample) const {
    DataLayoutEncoder encoder(imu);
    REQUIRE(encoder.SetValue<uint64_t>(0, sample).ok());
    REQUIRE(encoder.SetArray<float>(1, {float(sample), -1.f, 9.81f}).ok());
    REQUIRE(encoder.SetString(2, sample % 3 == 0 ? "" : "sample " + std::to_string(sample)).ok());
    REQUIRE(encoder.SetStringMap<int32_t>(3, {{"a", int32_t(sample)}, {"b", -2}}).ok());
    return encoder.Encode();
  }
};

// What a test handed to the writer, to compare with what the reader finds.
struct Expected {
  StreamId stream;
  RecordType type;
  uint32_t format_version;
  double timestamp;
  std::vector<uint8_t> payload;
};

// Every record of the file, in the reader's order, equals `expected` sorted the same way.
void CheckRecords(const Reader& reader, std::vector<Expected> expected) {
  std::stable_sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
    if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
    return a.stream < b.stream;
  });
  REQUIRE(reader.index().size() == expected.size());
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t i = 0; i < expected.size(); ++i) {
    const RecordInfo& info = reader.index()[i];
    INFO("record " << i);
    CHECK(info.timestamp == expected[i].timestamp);
    CHECK(info.stream == expected[i].stream);
    CHECK(info.type == expected[i].type);
    REQUIRE(reader.ReadRecord(i, payload, &details).ok());
    CHECK(details.format_version == expected[i].format_version);
    CHECK(details.payload_size == expected[i].payload.size());
    CHECK(payload == expected[i].payload);
  }
}

// Writes the capture: configuration records, then `frames` camera frames, IMU samples and audio
// blocks, interleaved in time. Returns what was handed.
std::vector<Expected> WriteCapture(Writer& writer, const Capture& capture, StreamId camera,
                                   StreamId imu, StreamId audio, int frames) {
  std::vector<Expected> handed;
  auto add = [&](StreamId stream, RecordType type, uint32_t version, double t,
                 std::vector<std::vector<uint8_t>> pieces) {
    std::vector<Writer::Piece> spans(pieces.begin(), pieces.end());
    REQUIRE(writer.AddRecord(stream, {type, version, t}, spans).ok());
    std::vector<uint8_t> payload;
    for (const auto& piece : pieces) payload.insert(payload.end(), piece.begin(), piece.end());
    handed.push_back({stream, type, version, t, std::move(payload)});
  };
  add(camera, RecordType::kConfiguration, 1, 0.0, {capture.CameraConfigBlock()});
  add(camera, RecordType::kState, 1, 0.0, {});
  for (int f = 0; f < frames; ++f) {
    double t = 1.0 + f / 30.0;
    add(camera, RecordType::kData, 1, t,
        {capture.CameraDataBlock(uint64_t(f)), GreyImage(kWidth, kHeight, uint64_t(f))});
    for (int k = 0; k < 4; ++k) {
      uint64_t sample = uint64_t(f * 4 + k);
      add(imu, RecordType::kData, 2, t + k / 120.0, {capture.ImuBlock(sample)});
    }
    add(audio, RecordType::kData, 1, t + 0.001, {Pattern(1600, uint64_t(f))});
  }
  return handed;
}

uint8_t ExpectedCodec(CompressionPreset preset) {
  switch (preset) {
    case CompressionPreset::kNone:
      return 0;
    case CompressionPreset::kLz4Fast:
    case CompressionPreset::kLz4Tight:
      return 1;
    default:
      return 2;
  }
}

}  // namespace

TEST_CASE("writer: compression preset names") {
  CHECK(std::string(CompressionPresetName(CompressionPreset::kZstdFaster)) == "zfaster");
  CHECK(CompressionPresetPrettyName(CompressionPreset::kZstdMedium) == "zstd-medium(7)");
  CHECK(CompressionPresetPrettyName(CompressionPreset::kLz4Tight) == "lz4-tight");
  CHECK(CompressionPresetFromName("ZMax") == CompressionPreset::kZstdMax);
  CHECK(CompressionPresetFromName("none") == CompressionPreset::kNone);
  CHECK_FALSE(CompressionPresetFromName("zmaxx").has_value());
  for (int i = 0; i < kCompressionPresetCount; ++i) {
    CHECK(CompressionPresetFromName(CompressionPresetName(CompressionPreset(i))) ==
          CompressionPreset(i));
  }
}

TEST_CASE("writer: chunk names follow the rollover rule") {
  CHECK(writing::ChunkPath("a.vrs", 1) == "a.vrs_1");
  CHECK(writing::ChunkPath("a.vrs", 12) == "a.vrs_12");
  CHECK(writing::ChunkPath("a_0", 1) == "a_1");
  CHECK(writing::ChunkPath("a_1", 1) == "a_2");
}

TEST_CASE("writer: round trip with every preset") {
  TempDir dir;
  Capture capture;
  for (int p = 0; p < kCompressionPresetCount; ++p) {
    auto preset = CompressionPreset(p);
    INFO("preset " << CompressionPresetName(preset));
    std::string path = dir.File(std::string(CompressionPresetName(preset)) + ".vrs");
    WriterOptions options;
    options.compression_threads = 2;
    Writer writer(options);
    REQUIRE(writer.SetFileTag("purpose", "round trip").ok());
    StreamId camera, imu, audio;
    REQUIRE(writer.AddStream(capture.Camera(preset), camera).ok());
    REQUIRE(writer.AddStream(capture.Imu(preset), imu).ok());
    REQUIRE(writer.AddStream(Capture::Audio(preset), audio).ok());
    CHECK(camera == StreamId{214, 1});
    REQUIRE(writer.Create(path).ok());
    std::vector<Expected> handed = WriteCapture(writer, capture, camera, imu, audio, 12);
    REQUIRE(writer.Close().ok());
    WriterStats stats = writer.stats();
    CHECK(stats.records_queued == handed.size());
    CHECK(stats.records_written == handed.size());
    CHECK(stats.records_dropped == 0);
    CHECK(stats.records_lost == 0);
    CHECK(stats.queued_bytes == 0);
    if (preset == CompressionPreset::kNone) {
      CHECK(stats.compression_ratio() == 1.0);
    } else {
      CHECK(stats.compression_ratio() > 1.0);
    }

    Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK(reader.had_complete_index());
    CHECK(reader.file_tags().at("purpose") == "round trip");
    CHECK(reader.streams() == std::vector<StreamId>{audio, camera, imu});
    CheckRecords(reader, handed);

    // Codec per record: payloads >= 250 bytes compressed with the preset's codec, others raw.
    RecordDetails details;
    for (size_t i = 0; i < reader.index().size(); ++i) {
      REQUIRE(reader.ReadRecordDetails(i, details).ok());
      if (details.payload_size < 250) {
        CHECK(details.compression == 0);
      } else if (reader.index()[i].stream == camera) {
        CHECK(details.compression == ExpectedCodec(preset));
        if (details.compression != 0) CHECK(details.stored_size < details.payload_size);
      }
    }
  }
}

TEST_CASE("writer: stream tags and RF/DL definitions") {
  TempDir dir;
  std::string path = dir.File("tags.vrs");
  Capture capture;
  Writer writer;
  StreamId camera, camera2, imu, audio;
  REQUIRE(writer.AddStream(capture.Camera(CompressionPreset::kZstdFast), camera).ok());
  REQUIRE(writer.AddStream(capture.Camera(CompressionPreset::kZstdFast), camera2).ok());
  REQUIRE(writer.AddStream(capture.Imu(CompressionPreset::kLz4Fast), imu).ok());
  REQUIRE(writer.AddStream(Capture::Audio(CompressionPreset::kNone), audio).ok());
  CHECK(camera == StreamId{214, 1});
  CHECK(camera2 == StreamId{214, 2});
  CHECK(imu == StreamId{241, 1});
  CHECK(audio == StreamId{101, 1});
  REQUIRE(writer.Create(path).ok());
  REQUIRE(writer.Close().ok());

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.streams().size() == 4);
  const StreamTags& tags = reader.stream_tags(camera);
  CHECK(tags.user == TagMap{{"position", "left"}, {"model", "cam-9"}});
  CHECK(reader.flavor(camera) == "test/rgb");
  CHECK(reader.original_name(camera) == "RGB Camera Class");
  CHECK(reader.original_name(audio) == "Generic Audio Stream");
  CHECK(reader.flavor(audio).empty());
  std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> serials;
  for (StreamId stream : reader.streams()) {
    CHECK(std::regex_match(reader.serial_number(stream), uuid));
    serials.insert(reader.serial_number(stream));
  }
  CHECK(serials.size() == 4);

  // RF: canonical text, data_layout sizes filled in from the layouts (spec 02 §10).
  CHECK(tags.vrs.at("RF:Configuration:1") == "data_layout");
  CHECK(tags.vrs.at("RF:Data:1") == "data_layout/size=16+image/raw/64x48/pixel=grey8");
  CHECK(reader.stream_tags(imu).vrs.at("RF:Data:2") == "data_layout");
  CHECK(reader.stream_tags(audio).vrs.at("RF:Data:1") == "audio/pcm/int16le/channels=2/rate=48000");
  CHECK(reader.stream_tags(audio).vrs.count("DL:Data:1:0") == 0);
  // DL: the layouts' JSON, which parses back into the same definitions.
  CHECK(tags.vrs.at("DL:Configuration:1:0") == capture.camera_config.ToJson());
  CHECK(tags.vrs.at("DL:Data:1:0") == capture.camera_data.ToJson());
  CHECK(tags.vrs.at("DL:Data:1:0") ==
        R"({"data_layout":[{"name":"frame_counter","type":"DataPieceValue<uint64_t>","offset":0},)"
        R"({"name":"exposure","type":"DataPieceValue<double>","offset":8}]})");
  DataLayoutDefinition parsed;
  REQUIRE(DataLayoutDefinition::Parse(reader.stream_tags(imu).vrs.at("DL:Data:2:0"), parsed).ok());
  CHECK(parsed.ToJson() == capture.imu.ToJson());
  REQUIRE(parsed.size() == capture.imu.size());
  for (size_t i = 0; i < parsed.size(); ++i) {
    CHECK(parsed.piece(i).label == capture.imu.piece(i).label);
    CHECK(parsed.piece(i).type_name() == capture.imu.piece(i).type_name());
    CHECK(parsed.piece(i).position == capture.imu.piece(i).position);
  }
}

TEST_CASE("writer: DataLayout blocks and pixels read back value by value") {
  TempDir dir;
  std::string path = dir.File("values.vrs");
  Capture capture;
  Writer writer;
  StreamId camera, imu, audio;
  REQUIRE(writer.AddStream(capture.Camera(CompressionPreset::kZstdFaster), camera).ok());
  REQUIRE(writer.AddStream(capture.Imu(CompressionPreset::kZstdFaster), imu).ok());
  REQUIRE(writer.AddStream(Capture::Audio(CompressionPreset::kLz4Fast), audio).ok());
  REQUIRE(writer.Create(path).ok());
  WriteCapture(writer, capture, camera, imu, audio, 5);
  REQUIRE(writer.Close().ok());

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  DataLayoutDefinition config_layout, data_layout, imu_layout;
  REQUIRE(DataLayoutDefinition::Parse(reader.stream_tags(camera).vrs.at("DL:Configuration:1:0"),
                                      config_layout)
              .ok());
  REQUIRE(DataLayoutDefinition::Parse(reader.stream_tags(camera).vrs.at("DL:Data:1:0"), data_layout)
              .ok());
  REQUIRE(
      DataLayoutDefinition::Parse(reader.stream_tags(imu).vrs.at("DL:Data:2:0"), imu_layout).ok());
  RecordFormat frame_format = RecordFormat::Parse(reader.stream_tags(camera).vrs.at("RF:Data:1"));
  std::vector<uint8_t> payload;
  uint64_t frames = 0, samples = 0;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    const RecordInfo& info = reader.index()[i];
    REQUIRE(reader.ReadRecord(i, payload).ok());
    if (info.stream == camera && info.type == RecordType::kConfiguration) {
      DataLayoutBlock block(config_layout);
      REQUIRE(block.Bind(payload.data(), payload.size()).ok());
      CHECK(block.value<uint32_t>(*config_layout.FindValue<uint32_t>("image_width")) == kWidth);
      CHECK(block.value<uint32_t>(*config_layout.FindValue<uint32_t>("image_height")) == kHeight);
      CHECK(block.vector<float>(*config_layout.FindLabel("camera_calibration")) ==
            std::vector<float>{1.5f, 2.5f, 320.f, 240.f});
    } else if (info.stream == camera && info.type == RecordType::kData) {
      DataLayoutBlock block(data_layout);
      size_t block_size = 0;
      REQUIRE(block.Bind(payload.data(), payload.size(), &block_size).ok());
      CHECK(block_size == *frame_format.BlockSize(0, payload.size()));
      uint64_t frame = block.value<uint64_t>(0);
      CHECK(frame == frames);
      CHECK(block.value<double>(1) == 0.001 * double(frame));
      std::optional<size_t> image_size = frame_format.BlockSize(1, payload.size() - block_size);
      REQUIRE(image_size == size_t(kWidth) * kHeight);
      std::vector<uint8_t> pixels(payload.begin() + long(block_size), payload.end());
      CHECK(pixels == GreyImage(kWidth, kHeight, frame));
      ++frames;
    } else if (info.stream == imu) {
      DataLayoutBlock block(imu_layout);
      REQUIRE(block.Bind(payload.data(), payload.size()).ok());
      uint64_t sample = block.value<uint64_t>(0);
      CHECK(sample == samples);
      CHECK(block.array<float>(1) == std::vector<float>{float(sample), -1.f, 9.81f});
      CHECK(block.string(2) == (sample % 3 == 0 ? "" : "sample " + std::to_string(sample)));
      CHECK(block.string_map<int32_t>(3) ==
            std::map<std::string, int32_t>{{"a", int32_t(sample)}, {"b", -2}});
      ++samples;
    }
  }
  CHECK(frames == 5);
  CHECK(samples == 20);
}

TEST_CASE("writer: file structure follows spec 01") {
  TempDir dir;
  std::string path = dir.File("structure.vrs");
  Capture capture;
  Writer writer;
  REQUIRE(writer.SetFileTag("session_id", "42").ok());
  StreamId camera, imu, audio;
  REQUIRE(writer.AddStream(capture.Camera(CompressionPreset::kZstdFaster), camera).ok());
  REQUIRE(writer.AddStream(capture.Imu(CompressionPreset::kZstdFaster), imu).ok());
  REQUIRE(writer.AddStream(Capture::Audio(CompressionPreset::kZstdFaster), audio).ok());
  REQUIRE(writer.Create(path).ok());
  std::vector<Expected> handed = WriteCapture(writer, capture, camera, imu, audio, 6);
  REQUIRE(writer.Close().ok());
  CHECK(writer.Close().ok());  // idempotent

  std::vector<uint8_t> bytes = ReadBytes({path});
  REQUIRE(bytes.size() > 80);
  format::FileHeader header = format::FileHeader::Decode(bytes.data());
  CHECK(header.Validate().ok());
  CHECK(header.file_format_version == format::kVersionVrs1);
  CHECK(header.file_header_size == 80);
  CHECK(header.record_header_size == 32);
  CHECK(header.description_record_offset == 80);
  CHECK(header.first_user_record_offset == 0);
  CHECK(header.future2 == 0);
  CHECK(header.creation_id != 0);
  std::vector<OnDisk> chain = WalkChain(bytes);
  REQUIRE(chain.size() == handed.size() + 2);

  // Description record first.
  const format::RecordHeader& description = chain.front().header;
  CHECK(chain.front().offset == 80);
  CHECK(description.type_id == 2);
  CHECK(description.instance_id == 0);
  CHECK(description.format_version == 2);
  CHECK(description.timestamp == std::numeric_limits<double>::max());
  CHECK(description.record_type == 3);
  CHECK(description.compression == 0);
  CHECK(description.uncompressed_size == 0);

  // User records in write order: sorted by (timestamp, stream) since they were one batch.
  for (size_t i = 1; i + 1 < chain.size(); ++i) {
    const format::RecordHeader& record = chain[i].header;
    CHECK((record.compression == 0) == (record.uncompressed_size == 0));
    if (i > 1) {
      const format::RecordHeader& before = chain[i - 1].header;
      CHECK(std::make_pair(before.timestamp, before.stream()) <=
            std::make_pair(record.timestamp, record.stream()));
    }
  }

  // Classic index at the end, zstd compressed, with the stream list (§7.3, §7.6 case A).
  const OnDisk& index = chain.back();
  CHECK(uint64_t(header.index_record_offset) == index.offset);
  CHECK(index.header.type_id == 1);
  CHECK(index.header.format_version == 2);
  CHECK(index.header.timestamp == std::numeric_limits<double>::max());
  CHECK(index.header.record_type == 3);
  CHECK(index.header.compression == 2);
  CHECK(index.header.uncompressed_size == 8 + 6 * 3 + 19 * handed.size());
  const uint8_t* prelude = bytes.data() + index.offset + 32;
  CHECK(format::LoadU32(prelude) == 3);
  CHECK(format::LoadU32(prelude + 4) == 101);  // streams ascending: 101-1, 214-1, 241-1
  CHECK(format::LoadU16(prelude + 8) == 1);
  CHECK(format::LoadU32(prelude + 10) == 214);
  CHECK(format::LoadU32(prelude + 16) == 241);
  CHECK(format::LoadU32(prelude + 22) == handed.size());
  // The entries: exactly one zstd frame, whose header carries their size (§7.3: a must).
  const uint8_t* frame = prelude + 26;
  size_t frame_bytes = index.header.record_size - 32 - 26;
  CHECK(ZSTD_findFrameCompressedSize(frame, frame_bytes) == frame_bytes);
  CHECK(ZSTD_getFrameContentSize(frame, frame_bytes) == 19 * handed.size());

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.warnings().empty());
  CheckRecords(reader, handed);
}

TEST_CASE("writer: chunked output") {
  TempDir dir;
  std::string path = dir.File("chunked.vrs");
  // A stale chunk of an older file must not be read as part of the new one.
  std::ofstream(path + "_7") << "stale";
  std::ofstream(path + "_1") << "stale";
  Capture capture;
  WriterOptions options;
  options.max_chunk_size = 20000;
  Writer writer(options);
  StreamId camera, imu, audio;
  REQUIRE(writer.AddStream(capture.Camera(CompressionPreset::kNone), camera).ok());
  REQUIRE(writer.AddStream(capture.Imu(CompressionPreset::kZstdFast), imu).ok());
  REQUIRE(writer.AddStream(Capture::Audio(CompressionPreset::kNone), audio).ok());
  REQUIRE(writer.Create(path).ok());
  std::vector<Expected> handed = WriteCapture(writer, capture, camera, imu, audio, 20);
  REQUIRE(writer.Close().ok());

  std::vector<std::string> chunks = writer.chunk_paths();
  REQUIRE(chunks.size() > 3);
  CHECK(chunks[0] == path);
  CHECK(chunks[1] == path + "_1");
  CHECK(chunks[2] == path + "_2");
  CHECK_FALSE(fs::exists(chunks.back() + "x"));
  for (const std::string& chunk : chunks) CHECK(fs::file_size(chunk) < options.max_chunk_size);
  // Records are never split: each chunk after the first starts with a record header, whose
  // previous size is the last record of the chunk before.
  std::vector<uint8_t> bytes = ReadBytes(chunks);
  std::vector<OnDisk> chain = WalkChain(bytes);
  std::set<uint64_t> starts;
  for (const OnDisk& record : chain) starts.insert(record.offset);
  uint64_t chunk_start = 0;
  for (const std::string& chunk : chunks) {
    if (chunk_start > 0) CHECK(starts.count(chunk_start) == 1);
    chunk_start += fs::file_size(chunk);
  }

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.chunks().size() == chunks.size());
  CHECK(reader.had_complete_index());
  CheckRecords(reader, handed);
}

TEST_CASE("writer: records from several threads") {
  TempDir dir;
  std::string path = dir.File("threads.vrs");
  WriterOptions options;
  options.auto_flush_interval = 0.01;
  options.compression_threads = 2;
  Writer writer(options);
  constexpr int kThreads = 4;
  constexpr int kRecords = 1500;
  std::vector<StreamId> ids(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    StreamDefinition definition(244, "thread/" + std::to_string(t));
    definition.compression = CompressionPreset(t % 2 == 0 ? 3 : 1);
    REQUIRE(writer.AddStream(definition, ids[size_t(t)]).ok());
  }
  REQUIRE(writer.Create(path).ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRecords; ++i) {
        std::vector<uint8_t> payload =
            Pattern(size_t(i % 3 == 0 ? 600 : 40), uint64_t(t * 10000 + i));
        double timestamp = i * 0.001 + t * 0.0001;
        if (!writer.AddRecord(ids[size_t(t)], {RecordType::kData, 1, timestamp}, payload).ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  REQUIRE(writer.Close().ok());
  CHECK(failures == 0);
  CHECK(writer.stats().records_written == kThreads * kRecords);

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  std::vector<uint8_t> payload;
  for (int t = 0; t < kThreads; ++t) {
    const std::vector<uint32_t>& positions = reader.stream_index(ids[size_t(t)]);
    REQUIRE(positions.size() == kRecords);
    for (int i = 0; i < kRecords; ++i) {
      REQUIRE(reader.ReadRecord(positions[size_t(i)], payload).ok());
      CHECK(reader.index()[positions[size_t(i)]].timestamp == i * 0.001 + t * 0.0001);
      CHECK(payload == Pattern(size_t(i % 3 == 0 ? 600 : 40), uint64_t(t * 10000 + i)));
    }
  }
}

TEST_CASE("writer: records handed out of order are sorted") {
  TempDir dir;
  std::string path = dir.File("shuffled.vrs");
  WriterOptions options;
  options.auto_flush_interval = 0;  // one batch at Close
  Writer writer(options);
  StreamId a, b;
  REQUIRE(writer.AddStream(StreamDefinition(100), a).ok());
  REQUIRE(writer.AddStream(StreamDefinition(100), b).ok());
  REQUIRE(writer.Create(path).ok());
  std::vector<int> order(200);
  for (int i = 0; i < 200; ++i) order[size_t(i)] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (int i : order) {
    StreamId stream = i % 2 == 0 ? a : b;
    double timestamp = double(i / 4);  // equal timestamps in both streams
    std::vector<uint8_t> payload(8);
    format::StoreU64(payload.data(), uint64_t(i));
    REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, timestamp}, payload).ok());
  }
  REQUIRE(writer.Close().ok());

  // File order is (timestamp, stream, hand-over order).
  std::vector<uint8_t> bytes = ReadBytes({path});
  std::vector<OnDisk> chain = WalkChain(bytes);
  REQUIRE(chain.size() == 202);
  std::vector<std::pair<double, StreamId>> keys;
  for (size_t i = 1; i + 1 < chain.size(); ++i) {
    keys.emplace_back(chain[i].header.timestamp, chain[i].header.stream());
  }
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  // Within a stream and timestamp, hand-over order.
  std::map<std::pair<double, StreamId>, std::vector<int>> groups;
  for (size_t i = 1; i + 1 < chain.size(); ++i) {
    uint64_t value = format::LoadU64(bytes.data() + chain[i].offset + 32);
    groups[{chain[i].header.timestamp, chain[i].header.stream()}].push_back(int(value));
  }
  for (const auto& [key, values] : groups) {
    std::vector<int> handed_order;
    for (int i : order) {
      if (double(i / 4) == key.first && ((i % 2 == 0) ? a : b) == key.second) {
        handed_order.push_back(i);
      }
    }
    CHECK(values == handed_order);
  }
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.index().size() == 200);
}

TEST_CASE("writer: WriteRecordsOlderThan writes only the older records") {
  TempDir dir;
  std::string path = dir.File("older.vrs");
  WriterOptions options;
  options.auto_flush_interval = 0;
  Writer writer(options);
  StreamId stream;
  REQUIRE(writer.AddStream(StreamDefinition(100), stream).ok());
  REQUIRE(writer.Create(path).ok());
  for (int i = 0; i < 10; ++i) {
    REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, double(i)}, Pattern(300, uint64_t(i)))
                .ok());
  }
  REQUIRE(writer.WriteRecordsOlderThan(4.0).ok());
  CHECK(writer.stats().records_written == 5);  // timestamps 0..4
  // A late record older than what is written: written in a later batch, the reader sorts.
  REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, 2.5}, Pattern(10, 99)).ok());
  REQUIRE(writer.Flush().ok());
  CHECK(writer.stats().records_written == 11);
  REQUIRE(writer.Close().ok());
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == 11);
  CHECK(reader.index()[3].timestamp == 2.5);
  std::vector<uint8_t> payload;
  REQUIRE(reader.ReadRecord(3, payload).ok());
  CHECK(payload == Pattern(10, 99));
}

TEST_CASE("writer: automatic batches hold back the newest records") {
  TempDir dir;
  std::string path = dir.File("delay.vrs");
  WriterOptions options;
  options.auto_flush_interval = 0.005;
  options.auto_flush_delay = 5.0;
  Writer writer(options);
  StreamId stream;
  REQUIRE(writer.AddStream(StreamDefinition(100), stream).ok());
  REQUIRE(writer.Create(path).ok());
  for (int i = 0; i < 10; ++i) {
    REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, double(i)}, Pattern(20, 1)).ok());
  }
  // Newest timestamp 9, delay 5: the automatic batches take timestamps <= 4 only.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (writer.stats().records_written < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK(writer.stats().records_written == 5);
  REQUIRE(writer.Close().ok());
  CHECK(writer.stats().records_written == 10);
}

TEST_CASE("writer: streams added after Create get a tags record") {
  TempDir dir;
  std::string path = dir.File("late.vrs");
  Capture capture;
  Writer writer;
  StreamId early, late, late_empty;
  REQUIRE(writer.AddStream(Capture::Audio(CompressionPreset::kZstdFaster), early).ok());
  REQUIRE(writer.Create(path).ok());
  REQUIRE(writer.AddRecord(early, {RecordType::kData, 1, 1.0}, Pattern(400, 1)).ok());
  StreamDefinition imu = capture.Imu(CompressionPreset::kZstdFaster);
  imu.user_tags = {{"mount", "head"}};
  REQUIRE(writer.AddStream(imu, late).ok());
  StreamDefinition empty(102);
  empty.user_tags = {{"empty", "yes"}};
  REQUIRE(writer.AddStream(empty, late_empty).ok());
  REQUIRE(writer.AddRecord(late, {RecordType::kData, 2, 0.5}, capture.ImuBlock(3)).ok());
  REQUIRE(writer.Close().ok());
  CHECK(writer.stats().records_written == 2);  // tags records are the writer's own

  // On disk: description, the records, two tags records (type 4, version 1, -DBL_MAX), index.
  std::vector<uint8_t> bytes = ReadBytes({path});
  std::vector<OnDisk> chain = WalkChain(bytes);
  int tags_records = 0;
  for (const OnDisk& record : chain) {
    if (record.header.record_type != 4) continue;
    ++tags_records;
    CHECK(record.header.format_version == 1);
    CHECK(record.header.timestamp == -std::numeric_limits<double>::max());
    CHECK((record.header.stream() == late || record.header.stream() == late_empty));
  }
  CHECK(tags_records == 2);

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CHECK(reader.streams() == std::vector<StreamId>{early, {102, 1}, {241, 1}});
  CHECK(reader.index().size() == 2);  // tags records are not user records
  CHECK(reader.flavor(late) == "test/imu");
  CHECK(reader.original_name(late) == "IMU Data Class");
  CHECK(reader.stream_tags(late).user.at("mount") == "head");
  CHECK(reader.stream_tags(late).vrs.at("DL:Data:2:0") == capture.imu.ToJson());
  CHECK(reader.stream_tags(late_empty).user.at("empty") == "yes");
  CHECK(reader.serial_number(late).size() == 36);
  std::vector<uint8_t> payload;
  REQUIRE(reader.ReadRecord(0, payload).ok());
  CHECK(payload == capture.ImuBlock(3));
}

TEST_CASE("writer: misuse is refused") {
  TempDir dir;
  Writer writer;
  StreamId id;
  CHECK(writer.AddStream(StreamDefinition(214), id).code() ==
        ErrorCode::kInvalidArgument);  // flavor
  CHECK(writer.AddStream(StreamDefinition(1), id).code() == ErrorCode::kInvalidArgument);
  CHECK(writer.AddStream(StreamDefinition(65535), id).code() == ErrorCode::kInvalidArgument);
  StreamDefinition bad(100);
  bad.record_formats.push_back({RecordType::kData, 1, RecordFormat::Parse("data_layout"), {}});
  CHECK(writer.AddStream(bad, id).code() == ErrorCode::kInvalidArgument);  // no layout
  bad.record_formats[0] = {RecordType::kTags, 1, RecordFormat::Parse("custom"), {}};
  CHECK(writer.AddStream(bad, id).code() == ErrorCode::kInvalidArgument);
  bad.record_formats[0] = {
      RecordType::kData, 1, RecordFormat::Parse("image/raw"), {{0, CameraDataLayout()}}};
  CHECK(writer.AddStream(bad, id).code() == ErrorCode::kInvalidArgument);  // not data_layout
  bad.record_formats[0] = {
      RecordType::kData, 1, RecordFormat::Parse("data_layout/size=8"), {{0, CameraDataLayout()}}};
  CHECK(writer.AddStream(bad, id).code() == ErrorCode::kInvalidArgument);  // size is 16
  bad.compression = CompressionPreset(42);
  CHECK(writer.AddStream(bad, id).code() == ErrorCode::kInvalidArgument);

  REQUIRE(writer.AddStream(StreamDefinition(100), id).ok());
  std::vector<uint8_t> payload(10);
  CHECK(writer.AddRecord(id, {RecordType::kData, 1, 0}, payload).code() ==
        ErrorCode::kInvalidArgument);  // not created
  REQUIRE(writer.Create(dir.File("misuse.vrs")).ok());
  CHECK(writer.Create(dir.File("other.vrs")).code() == ErrorCode::kInvalidArgument);
  CHECK(writer.SetFileTag("a", "b").code() == ErrorCode::kInvalidArgument);
  CHECK(writer.AddRecord({100, 7}, {RecordType::kData, 1, 0}, payload).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(writer.AddRecord(id, {RecordType::kTags, 1, 0}, payload).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(writer.AddRecord(id, {RecordType::kData, 1, std::nan("")}, payload).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(writer.AddRecord(id, {RecordType::kData, 1, 0}, payload).ok());
  CHECK(writer.AddRecord(id, {RecordType::kState, 1, 0}).ok());  // empty payload
  CHECK(writer.AddRecord(id, {RecordType::kData, 1, 1}, {payload, payload}).ok());
  REQUIRE(writer.Close().ok());
  CHECK(writer.AddRecord(id, {RecordType::kData, 1, 0}, payload).code() ==
        ErrorCode::kInvalidArgument);
  CHECK(writer.stats().records_written == 3);
  Reader reader;
  REQUIRE(reader.Open(dir.File("misuse.vrs")).ok());
  std::vector<uint8_t> read;
  REQUIRE(reader.ReadRecord(2, read).ok());
  CHECK(read.size() == 20);

  Writer unwritable;
  CHECK(unwritable.Create(dir.File("no/such/dir.vrs")).code() == ErrorCode::kIoError);
}

TEST_CASE("writer: queue cap, block policy") {
  TempDir dir;
  std::string path = dir.File("block.vrs");
  WriterOptions options = CappedQueue(256 << 10, QueueFullPolicy::kBlock, 2);
  Writer writer(options);
  StreamId stream;
  REQUIRE(writer.AddStream(StreamDefinition(100, "", CompressionPreset::kZstdFast), stream).ok());
  REQUIRE(writer.Create(path).ok());
  constexpr int kRecords = 400;  // 16 MB through a 256 KiB queue
  for (int i = 0; i < kRecords; ++i) {
    REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, double(i)}, Pattern(40000, uint64_t(i)))
                .ok());
    CHECK(writer.stats().queued_bytes <= options.max_queued_bytes);
  }
  // Larger than the cap: it waits for the queue to empty and is queued alone, not dropped.
  std::vector<uint8_t> huge = Pattern(options.max_queued_bytes * 3, 99);
  REQUIRE(writer.AddRecord(stream, {RecordType::kData, 1, double(kRecords)}, huge).ok());
  REQUIRE(writer
              .AddRecord(stream, {RecordType::kData, 1, double(kRecords + 1)},
                         Pattern(40000, kRecords + 1))
              .ok());
  REQUIRE(writer.Close().ok());
  WriterStats stats = writer.stats();
  Report("block policy: " + std::to_string(stats.records_written) + " written, " +
         std::to_string(stats.records_dropped) + " dropped, peak " +
         std::to_string(stats.peak_queued_bytes) + " bytes queued");
  CHECK(stats.records_written == kRecords + 2);
  CHECK(stats.records_dropped == 0);
  // The oversized record alone: its buffer and bookkeeping, nothing else queued with it.
  CHECK(stats.peak_queued_bytes > huge.size());
  CHECK(stats.peak_queued_bytes < huge.size() + (size_t(64) << 10) + huge.size() / 4);
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == kRecords + 2);
  std::vector<uint8_t> payload;
  for (int i = 0; i < kRecords; i += 37) {
    REQUIRE(reader.ReadRecord(size_t(i), payload).ok());
    CHECK(payload == Pattern(40000, uint64_t(i)));
  }
  REQUIRE(reader.ReadRecord(kRecords, payload).ok());
  CHECK(payload == huge);
  REQUIRE(reader.ReadRecord(kRecords + 1, payload).ok());
  CHECK(payload == Pattern(40000, kRecords + 1));
}

TEST_CASE("writer: records larger than the cap, from several threads, block policy") {
  // Two threads hand over small records without pause while a third hands over records four
  // times the cap: every record is written, none dropped, and the large ones don't wait forever
  // behind the small ones' flow (nor the small ones behind a large one: no auto-flush here).
  TempDir dir;
  std::string path = dir.File("oversized.vrs");
  WriterOptions options = CappedQueue(256 << 10, QueueFullPolicy::kBlock, 2);
  Writer writer(options);
  StreamId small_a, small_b, large;
  REQUIRE(writer.AddStream(StreamDefinition(100, "a", CompressionPreset::kLz4Fast), small_a).ok());
  REQUIRE(writer.AddStream(StreamDefinition(101, "b", CompressionPreset::kNone), small_b).ok());
  REQUIRE(
      writer.AddStream(StreamDefinition(214, "large", CompressionPreset::kZstdFast), large).ok());
  REQUIRE(writer.Create(path).ok());
  constexpr int kSmall = 2000;
  constexpr int kLarge = 6;
  const size_t large_size = options.max_queued_bytes * 4;
  std::atomic<int> failures{0};
  auto hand_over = [&](StreamId stream, int count, size_t size) {
    for (int i = 0; i < count; ++i) {
      if (!writer.AddRecord(stream, {RecordType::kData, 1, double(i)}, Pattern(size, uint64_t(i)))
               .ok()) {
        ++failures;
      }
    }
  };
  std::thread a(hand_over, small_a, kSmall, 3000);
  std::thread b(hand_over, small_b, kSmall, 5000);
  std::thread c(hand_over, large, kLarge, large_size);
  a.join();
  b.join();
  c.join();
  REQUIRE(writer.Close().ok());
  CHECK(failures == 0);
  CHECK(writer.stats().records_written == 2 * kSmall + kLarge);
  CHECK(writer.stats().records_dropped == 0);

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  std::vector<size_t> larges = reader.FindRecords({{large}, {RecordType::kData}});
  REQUIRE(larges.size() == kLarge);
  std::vector<uint8_t> payload;
  for (size_t r : larges) {
    REQUIRE(reader.ReadRecord(r, payload).ok());
    CHECK(payload == Pattern(large_size, uint64_t(reader.index()[r].timestamp)));
  }
  CHECK(reader.FindRecords({{small_a}, {RecordType::kData}}).size() == kSmall);
  CHECK(reader.FindRecords({{small_b}, {RecordType::kData}}).size() == kSmall);
}

TEST_CASE("writer: frames through a small queue recycle their buffers and read back exactly") {
  // A 2 MiB cap: the record buffers' arena holds 6 frames; buffers are reused, given back to
  // the OS when the pool is over its limit, reused again, and taken from the heap once the
  // arena is used up. Every byte must come back.
  TempDir dir;
  constexpr int kFrames = 150;
  constexpr size_t kFrameBytes = 300000;
  for (CompressionPreset preset :
       {CompressionPreset::kNone, CompressionPreset::kLz4Fast, CompressionPreset::kZstdFaster}) {
    INFO("preset " << CompressionPresetName(preset));
    std::string path = dir.File(std::string(CompressionPresetName(preset)) + "-frames.vrs");
    WriterOptions options;
    options.max_queued_bytes = size_t(2) << 20;
    options.compression_threads = 2;
    Writer writer(options);
    StreamId camera, other;
    REQUIRE(writer.AddStream(StreamDefinition(214, "camera", preset), camera).ok());
    REQUIRE(writer.AddStream(StreamDefinition(100, "small", preset), other).ok());
    REQUIRE(writer.Create(path).ok());
    for (int i = 0; i < kFrames; ++i) {
      // Frames of two sizes, and a mid-size record, so that buffers of several classes mix.
      size_t size = i % 3 == 2 ? kFrameBytes / 2 : kFrameBytes;
      REQUIRE(
          writer.AddRecord(camera, {RecordType::kData, 1, double(i)}, Pattern(size, uint64_t(i)))
              .ok());
      REQUIRE(writer.AddRecord(other, {RecordType::kData, 1, double(i)}, Pattern(5000, uint64_t(i)))
                  .ok());
      CHECK(writer.stats().queued_bytes <= options.max_queued_bytes);
    }
    REQUIRE(writer.Close().ok());
    CHECK(writer.stats().records_written == 2 * kFrames);
    CHECK(writer.stats().peak_queued_bytes <= options.max_queued_bytes);

    Reader reader;
    REQUIRE(reader.Open(path).ok());
    REQUIRE(reader.index().size() == 2 * kFrames);
    std::vector<uint8_t> payload;
    for (size_t r = 0; r < reader.index().size(); ++r) {
      const RecordInfo& info = reader.index()[r];
      auto i = uint64_t(info.timestamp);
      size_t size = info.stream == other ? 5000 : i % 3 == 2 ? kFrameBytes / 2 : kFrameBytes;
      REQUIRE(reader.ReadRecord(r, payload).ok());
      INFO("record " << r);
      CHECK(payload == Pattern(size, i));
    }
  }
}

TEST_CASE("writer: queue cap, drop policy") {
  TempDir dir;
  std::string path = dir.File("drop.vrs");
  WriterOptions options = CappedQueue(128 << 10, QueueFullPolicy::kDrop, 1);
  Writer writer(options);
  StreamId stream;
  REQUIRE(writer.AddStream(StreamDefinition(100, "", CompressionPreset::kZstdMax), stream).ok());
  REQUIRE(writer.Create(path).ok());
  constexpr int kRecords = 300;
  std::vector<int> accepted;
  int refused = 0;
  for (int i = 0; i < kRecords; ++i) {
    Status status =
        writer.AddRecord(stream, {RecordType::kData, 1, double(i)}, Pattern(30000, uint64_t(i)));
    if (status.ok()) {
      accepted.push_back(i);
    } else {
      CHECK(status.code() == ErrorCode::kTooLarge);
      ++refused;
    }
    CHECK(writer.stats().queued_bytes <= options.max_queued_bytes);
  }
  // Larger than the cap: refused at once, however empty the queue.
  REQUIRE(writer.Flush().ok());
  std::vector<uint8_t> huge(options.max_queued_bytes + 1);
  CHECK(writer.AddRecord(stream, {RecordType::kData, 1, 0}, huge).code() == ErrorCode::kTooLarge);
  CHECK(writer.stats().records_dropped == uint64_t(refused) + 1);
  CHECK(writer.stats().bytes_dropped == uint64_t(refused) * 30000 + huge.size());
  REQUIRE(writer.Close().ok());
  WriterStats stats = writer.stats();
  Report("drop policy: " + std::to_string(stats.records_written) + " written, " +
         std::to_string(stats.records_dropped) + " dropped of " + std::to_string(kRecords) +
         ", peak " + std::to_string(stats.peak_queued_bytes) + " bytes queued");
  CHECK(refused > 0);  // zmax on one thread can't keep up with a tight loop
  CHECK(stats.records_dropped == uint64_t(refused) + 1);
  CHECK(stats.records_written == accepted.size());
  CHECK(stats.peak_queued_bytes <= options.max_queued_bytes);
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  REQUIRE(reader.index().size() == accepted.size());
  std::vector<uint8_t> payload;
  for (size_t k = 0; k < accepted.size(); ++k) {
    CHECK(reader.index()[k].timestamp == accepted[k]);
    REQUIRE(reader.ReadRecord(k, payload).ok());
    CHECK(payload == Pattern(30000, uint64_t(accepted[k])));
  }
}

namespace {

// Payload of record `seq` of crash-test stream `s`: seq, then deterministic bytes.
std::vector<uint8_t> CrashPayload(int s, uint64_t seq) {
  size_t size = seq % 5 == 0 ? 3000 : 24 + seq % 200;
  std::vector<uint8_t> payload = Pattern(size, seq * 8 + uint64_t(s));
  format::StoreU64(payload.data(), seq);
  return payload;
}

constexpr int kCrashStreams = 3;

struct SharedCounters {
  std::atomic<uint64_t> handed[kCrashStreams];
  std::atomic<int> add_error;
  std::atomic<int> close_error;
  std::atomic<uint64_t> written, lost, queued;
};

SharedCounters* MapShared() {
  void* memory = ::mmap(nullptr, sizeof(SharedCounters), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  REQUIRE(memory != MAP_FAILED);
  return new (memory) SharedCounters{};
}

// Checks that the records of each crash-test stream are intact and exactly seq 0..n-1.
std::vector<uint64_t> CheckPrefixes(const Reader& reader, const std::vector<StreamId>& ids) {
  std::vector<uint64_t> found;
  std::vector<uint8_t> payload;
  for (int s = 0; s < kCrashStreams; ++s) {
    const std::vector<uint32_t>& positions = reader.stream_index(ids[size_t(s)]);
    for (size_t k = 0; k < positions.size(); ++k) {
      REQUIRE(reader.ReadRecord(positions[k], payload).ok());
      REQUIRE(payload.size() >= 8);
      CHECK(format::LoadU64(payload.data()) == k);
      CHECK(payload == CrashPayload(s, k));
      CHECK(reader.index()[positions[k]].timestamp == double(k) * 0.001 + s * 0.0001);
    }
    found.push_back(positions.size());
  }
  return found;
}

}  // namespace

TEST_CASE("writer: records written before a crash are readable") {
  TempDir dir;
  std::string path = dir.File("crash.vrs");
  SharedCounters* shared = MapShared();
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  std::mt19937 random{std::random_device{}()};
  int delay_ms = 100 + int(random() % 400);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready[0]);
    WriterOptions options;
    options.auto_flush_interval = 0.02;
    options.compression_threads = 2;
    Writer writer(options);
    std::vector<StreamId> ids(kCrashStreams);
    for (int s = 0; s < kCrashStreams; ++s) {
      StreamDefinition definition(241, "crash/" + std::to_string(s));
      definition.compression = CompressionPreset(s == 0 ? 3 : s == 1 ? 1 : 0);
      if (!writer.AddStream(definition, ids[size_t(s)]).ok()) ::_exit(2);
    }
    if (!writer.Create(path).ok()) ::_exit(3);
    char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
    std::vector<std::thread> threads;
    for (int s = 0; s < kCrashStreams; ++s) {
      threads.emplace_back([&, s] {
        for (uint64_t seq = 0;; ++seq) {
          std::vector<uint8_t> payload = CrashPayload(s, seq);
          double t = double(seq) * 0.001 + s * 0.0001;
          // Counted before: the kill may come between the write and the count.
          shared->handed[s].store(seq + 1);
          if (!writer.AddRecord(ids[size_t(s)], {RecordType::kData, 1, t}, payload).ok())
            ::_exit(5);
          if (seq % 64 == 63) std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  REQUIRE(::kill(child, SIGKILL) == 0);
  int wstatus = 0;
  REQUIRE(::waitpid(child, &wstatus, 0) == child);
  REQUIRE(WIFSIGNALED(wstatus));

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK_FALSE(reader.had_complete_index());  // killed: no index, rebuilt by walking
  std::vector<StreamId> ids;
  for (uint16_t s = 1; s <= kCrashStreams; ++s) ids.push_back({241, s});
  CHECK(reader.streams() == ids);
  CHECK(reader.flavor(ids[1]) == "crash/1");
  std::vector<uint64_t> found = CheckPrefixes(reader, ids);
  uint64_t handed = 0, read_back = 0;
  for (int s = 0; s < kCrashStreams; ++s) {
    CHECK(found[size_t(s)] <= shared->handed[s].load());
    handed += shared->handed[s].load();
    read_back += found[size_t(s)];
  }
  CHECK(read_back > 0);
  Report("crash after " + std::to_string(delay_ms) + " ms: " + std::to_string(handed) +
         " records handed, " + std::to_string(read_back) + " read back intact, " +
         std::to_string(handed - read_back) + " lost (queued, not yet written)");
  ::munmap(shared, sizeof(SharedCounters));
}

TEST_CASE("writer: a full disk surfaces as an error, the records written stay") {
  TempDir dir;
  std::string path = dir.File("full.vrs");
  SharedCounters* shared = MapShared();
  constexpr rlim_t kLimit = 1 << 20;
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{kLimit, kLimit};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(2);
    WriterOptions options;
    options.auto_flush_interval = 0.005;
    Writer writer(options);
    std::vector<StreamId> ids(kCrashStreams);
    for (int s = 0; s < kCrashStreams; ++s) {
      StreamDefinition definition(241, "full/" + std::to_string(s));
      definition.compression = CompressionPreset::kNone;
      if (!writer.AddStream(definition, ids[size_t(s)]).ok()) ::_exit(3);
    }
    if (!writer.Create(path).ok()) ::_exit(4);
    // Up to ~3 MB: the 1 MB limit is reached on the way.
    for (uint64_t seq = 0; seq < 3000 && shared->add_error.load() == 0; ++seq) {
      for (int s = 0; s < kCrashStreams; ++s) {
        Status status = writer.AddRecord(ids[size_t(s)],
                                         {RecordType::kData, 1, double(seq) * 0.001 + s * 0.0001},
                                         CrashPayload(s, seq));
        if (!status.ok()) {
          shared->add_error.store(int(status.code()));
          break;
        }
        shared->handed[s].store(seq + 1);
      }
      if (seq % 50 == 49) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    shared->close_error.store(int(writer.Close().code()));
    WriterStats stats = writer.stats();
    shared->written.store(stats.records_written);
    shared->lost.store(stats.records_lost);
    shared->queued.store(stats.records_queued);
    ::_exit(0);
  }
  int wstatus = 0;
  REQUIRE(::waitpid(child, &wstatus, 0) == child);
  REQUIRE(WIFEXITED(wstatus));
  REQUIRE(WEXITSTATUS(wstatus) == 0);
  // The failure surfaced: from AddRecord (after the background write failed) and from Close.
  CHECK(shared->close_error.load() == int(ErrorCode::kIoError));
  CHECK((shared->add_error.load() == 0 || shared->add_error.load() == int(ErrorCode::kIoError)));
  CHECK(fs::file_size(path) <= kLimit);
  CHECK(shared->written.load() + shared->lost.load() == shared->queued.load());

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  std::vector<StreamId> ids;
  for (uint16_t s = 1; s <= kCrashStreams; ++s) ids.push_back({241, s});
  std::vector<uint64_t> found = CheckPrefixes(reader, ids);
  uint64_t read_back = found[0] + found[1] + found[2];
  CHECK(read_back == shared->written.load());
  Report("disk full at " + std::to_string(kLimit) +
         " bytes: " + std::to_string(shared->queued.load()) + " records accepted, " +
         std::to_string(shared->written.load()) + " written and read back (" +
         std::to_string(read_back) + "), " + std::to_string(shared->lost.load()) +
         " lost (queued when the write failed); AddRecord error " +
         std::to_string(shared->add_error.load()) + ", index " +
         (reader.had_complete_index() ? "written" : "rebuilt"));
  ::munmap(shared, sizeof(SharedCounters));
}

TEST_CASE("writer: throughput", "[.][bench]") {
  TempDir dir;
  using Clock = std::chrono::steady_clock;
  {
    std::string path = dir.File("frames.vrs");
    Writer writer;
    StreamId camera;
    REQUIRE(writer.AddStream(StreamDefinition(214, "bench/grey8"), camera).ok());
    REQUIRE(writer.Create(path).ok());
    constexpr int kFrames = 600;
    std::vector<std::vector<uint8_t>> images;
    for (int f = 0; f < 8; ++f) images.push_back(GreyImage(640, 480, uint64_t(f)));
    auto start = Clock::now();
    for (int f = 0; f < kFrames; ++f) {
      REQUIRE(
          writer.AddRecord(camera, {RecordType::kData, 1, f / 30.0}, images[size_t(f % 8)]).ok());
    }
    REQUIRE(writer.Close().ok());
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    WriterStats stats = writer.stats();
    std::printf(
        "640x480 grey8, zfaster, %u cores: %d frames in %.2f s = %.0f frames/s, %.0f MB/s "
        "in, ratio %.2f\n",
        std::thread::hardware_concurrency(), kFrames, seconds, kFrames / seconds,
        double(stats.bytes_written) / seconds / 1e6, stats.compression_ratio());
  }
  {
    std::string path = dir.File("small.vrs");
    Writer writer;
    StreamId imu;
    REQUIRE(writer.AddStream(StreamDefinition(241, "bench/imu"), imu).ok());
    REQUIRE(writer.Create(path).ok());
    constexpr int kRecords = 1'000'000;
    std::vector<uint8_t> payload = Pattern(48, 1);
    auto start = Clock::now();
    for (int i = 0; i < kRecords; ++i) {
      REQUIRE(writer.AddRecord(imu, {RecordType::kData, 1, i * 1e-3}, payload).ok());
    }
    double handed = std::chrono::duration<double>(Clock::now() - start).count();
    REQUIRE(writer.Close().ok());
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf(
        "1M records of 48 bytes: handed in %.2f s, closed after %.2f s = %.2f M "
        "records/s, %.0f MB file\n",
        handed, seconds, kRecords / seconds / 1e6, double(fs::file_size(path)) / 1e6);
    Reader reader;
    REQUIRE(reader.Open(path).ok());
    CHECK(reader.index().size() == kRecords);
  }
}
