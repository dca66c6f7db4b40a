#include "write_bench.h"

#include <unistd.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <numbers>
#include <vector>

#include "inputs.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_format.h"

namespace vrsx::bench {
namespace {

// A record ready to hand over: which stream (position in the definitions), when, and up to two
// pieces (a DataLayout block, then pixels). Plain data: handing it over allocates nothing.
struct PreparedRecord {
  size_t stream = 0;
  double timestamp = 0;
  std::array<Writer::Piece, 2> pieces;
  size_t piece_count = 1;
};

void CheckOrDie(const Status& status) {
  Require(status.ok(), "writing (" + status.message() + ")");
}

// Writes `count` records, record(i) for i in [0, count), into a new file of the streams
// `definitions`, timed from Create to Close.
Result MeasureWrite(const Options& options, const std::string& name,
                    const std::vector<StreamDefinition>& definitions, uint64_t count,
                    const std::function<PreparedRecord(uint64_t)>& record) {
  std::string path = options.dir + "/write-" + name + "-" + std::to_string(getpid()) + ".vrs";
  Writer writer;
  std::vector<StreamId> ids(definitions.size());
  for (size_t s = 0; s < definitions.size(); ++s) {
    CheckOrDie(writer.AddStream(definitions[s], ids[s]));
  }
  Stopwatch stopwatch;
  CheckOrDie(writer.Create(path));
  for (uint64_t i = 0; i < count; ++i) {
    PreparedRecord r = record(i);
    CheckOrDie(writer.AddRecord(ids[r.stream], RecordType::kData, 1, r.timestamp,
                                std::span<const Writer::Piece>(r.pieces.data(), r.piece_count)));
  }
  CheckOrDie(writer.Close());
  Result result;
  stopwatch.Stop(result);
  WriterStats stats = writer.stats();
  result.records = stats.records_written;
  result.bytes = stats.bytes_written;
  std::filesystem::remove(path);
  Require(result.records == count, "writing every record");
  return result;
}

DataLayoutDefinition Layout(std::initializer_list<PieceDefinition> pieces) {
  DataLayoutDefinition layout;
  for (const PieceDefinition& piece : pieces) CheckOrDie(layout.Add(piece));
  return layout;
}

}  // namespace

Result MeasureWriteImu(const Options& options, CompressionPreset preset) {
  std::vector<std::vector<uint8_t>> payloads;
  for (uint64_t i = 0; i < 256; ++i) payloads.push_back(ImuPayload(i));
  std::vector<StreamDefinition> streams(4, StreamDefinition(241, "bench/imu", preset));
  return MeasureWrite(options, "imu", streams, options.records, [&](uint64_t i) {
    return PreparedRecord{i % 4, double(i) * 1e-3 / 4, {payloads[i % payloads.size()]}};
  });
}

Result MeasureWriteFrames(const Options& options, CompressionPreset preset) {
  std::vector<std::vector<uint8_t>> frames = MemoryFrames(options.image_mb);
  return MeasureWrite(options, "frames", {StreamDefinition(214, "bench/camera", preset)},
                      frames.size(), [&](uint64_t i) {
                        return PreparedRecord{0, double(i) / 30, {frames[i]}};
                      });
}

Result MeasureWriteDemoMix(const Options& options, CompressionPreset preset) {
  constexpr uint64_t kFrames = 300;
  constexpr uint32_t kImuPerFrame = 10;
  constexpr size_t kAudioBytesPerFrame = 1600 * 2 * 2;  // 48 kHz / 30, stereo int16

  DataLayoutDefinition camera_data = Layout({
      PieceDefinition::Value<uint64_t>("exposure_time"),
      PieceDefinition::Value<float>("exposure"),
      PieceDefinition::Value<uint64_t>("frame_counter"),
      PieceDefinition::Value<float>("temperature"),
  });
  DataLayoutDefinition imu_data = Layout({
      PieceDefinition::Value<int64_t>("capture_timestamp_ns"),
      PieceDefinition::Value<Point3Df>("accelerometer"),
      PieceDefinition::Value<Point3Df>("gyroscope"),
      PieceDefinition::Value<float>("temperature"),
      PieceDefinition::Array<int32_t>("status", 4),
      PieceDefinition::Vector<double>("magnetometer"),
  });
  StreamDefinition camera(214, "demo/camera", preset);
  camera.record_formats.push_back({RecordType::kData,
                                   1,
                                   RecordFormat::Parse("data_layout/size=24+image/raw"),
                                   {{0, camera_data}}});
  StreamDefinition imu(241, "demo/imu", preset);
  imu.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse("data_layout"), {{0, imu_data}}});
  StreamDefinition audio(101, "demo/audio", preset);
  audio.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"), {}});

  // Every payload, before the clock.
  std::vector<std::vector<uint8_t>> frames;
  std::vector<std::vector<uint8_t>> blocks;  // camera and IMU DataLayout blocks
  std::vector<std::vector<uint8_t>> sounds;
  DataLayoutEncoder frame_encoder(camera_data);
  DataLayoutEncoder imu_encoder(imu_data);
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    frames.push_back(CameraFrame(frame));
    CheckOrDie(frame_encoder.SetValue<uint64_t>(2, frame));
    blocks.push_back(frame_encoder.Encode());
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      double w = 0.1 * double(frame * kImuPerFrame + k);
      CheckOrDie(imu_encoder.SetValue<Point3Df>(1, {float(std::sin(w)), 0.2f, 9.81f}));
      CheckOrDie(imu_encoder.SetVector<double>(5, {std::cos(w), 5.1, -41.0}));
      blocks.push_back(imu_encoder.Encode());
    }
    std::vector<uint8_t> sound(kAudioBytesPerFrame);
    for (size_t i = 0; i < sound.size() / 4; ++i) {  // 440 Hz left, 660 Hz right
      double s = double(frame * (sound.size() / 4) + i) / 48000;
      StoreElement(int16_t(std::lround(8000 * std::sin(2 * std::numbers::pi * 440 * s))),
                   &sound[i * 4]);
      StoreElement(int16_t(std::lround(6000 * std::sin(2 * std::numbers::pi * 660 * s))),
                   &sound[i * 4 + 2]);
    }
    sounds.push_back(std::move(sound));
  }
  std::vector<PreparedRecord> records;
  size_t block = 0;
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    double t = double(frame) / 30;
    records.push_back({0, t, {blocks[block], frames[frame]}, 2});
    ++block;
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      records.push_back({1, t + k / 300.0, {blocks[block++]}});
    }
    records.push_back({2, t, {sounds[frame]}});
  }
  return MeasureWrite(options, "demo", {camera, imu, audio}, records.size(),
                      [&](uint64_t i) { return records[i]; });
}

}  // namespace vrsx::bench
