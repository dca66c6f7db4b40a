#include "demo_mix.h"

#include <cmath>
#include <numbers>

#include "harness.h"
#include "inputs.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_format.h"

namespace vrsx::bench {
namespace {

constexpr uint32_t kImuPerFrame = 10;
constexpr size_t kAudioBytesPerFrame = 1600 * 2 * 2;  // 48 kHz / 30, stereo int16

void CheckOrDie(const Status& status) {
  Require(status.ok(), "preparing the demo mix (" + status.message() + ")");
}

DataLayoutDefinition Layout(std::initializer_list<PieceDefinition> pieces) {
  DataLayoutDefinition layout;
  for (const PieceDefinition& piece : pieces) CheckOrDie(layout.Add(piece));
  return layout;
}

DataLayoutDefinition CameraData() {
  return Layout({
      PieceDefinition::Value<uint64_t>("exposure_time"),
      PieceDefinition::Value<float>("exposure"),
      PieceDefinition::Value<uint64_t>("frame_counter"),
      PieceDefinition::Value<float>("temperature"),
  });
}

DataLayoutDefinition ImuData() {
  return Layout({
      PieceDefinition::Value<int64_t>("capture_timestamp_ns"),
      PieceDefinition::Value<Point3Df>("accelerometer"),
      PieceDefinition::Value<Point3Df>("gyroscope"),
      PieceDefinition::Value<float>("temperature"),
      PieceDefinition::Array<int32_t>("status", 4),
      PieceDefinition::Vector<double>("magnetometer"),
  });
}

}  // namespace

DemoMix::DemoMix() : camera_data_(CameraData()), imu_data_(ImuData()) {
  DataLayoutEncoder frame_encoder(camera_data_);
  DataLayoutEncoder imu_encoder(imu_data_);
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    frames_.push_back(CameraFrame(frame));
    CheckOrDie(frame_encoder.SetValue<uint64_t>(2, frame));
    blocks_.push_back(frame_encoder.Encode());
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      double w = 0.1 * double(frame * kImuPerFrame + k);
      CheckOrDie(imu_encoder.SetValue<Point3Df>(1, {float(std::sin(w)), 0.2f, 9.81f}));
      CheckOrDie(imu_encoder.SetVector<double>(5, {std::cos(w), 5.1, -41.0}));
      blocks_.push_back(imu_encoder.Encode());
    }
    std::vector<uint8_t> sound(kAudioBytesPerFrame);
    for (size_t i = 0; i < sound.size() / 4; ++i) {  // 440 Hz left, 660 Hz right
      double s = double(frame * (sound.size() / 4) + i) / 48000;
      StoreElement(int16_t(std::lround(8000 * std::sin(2 * std::numbers::pi * 440 * s))),
                   &sound[i * 4]);
      StoreElement(int16_t(std::lround(6000 * std::sin(2 * std::numbers::pi * 660 * s))),
                   &sound[i * 4 + 2]);
    }
    sounds_.push_back(std::move(sound));
  }
  size_t block = 0;
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    double t = double(frame) / 30;
    records_.push_back({0, t, {blocks_[block], frames_[frame]}, 2});
    ++block;
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      records_.push_back({1, t + k / 300.0, {blocks_[block++]}});
    }
    records_.push_back({2, t, {sounds_[frame]}});
  }
}

std::vector<StreamDefinition> DemoMix::Streams(CompressionPreset preset) const {
  StreamDefinition camera(214, "demo/camera", preset);
  // The image's size and pixel format in the record format: the mix has no configuration
  // record (the writer refuses data records that would need one before it).
  camera.record_formats.push_back(
      {RecordType::kData,
       1,
       RecordFormat::Parse("data_layout/size=24+image/raw/" + std::to_string(kFrameWidth) + "x" +
                           std::to_string(kFrameHeight) + "/pixel=grey8"),
       {{0, camera_data_}}});
  StreamDefinition imu(241, "demo/imu", preset);
  imu.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse("data_layout"), {{0, imu_data_}}});
  StreamDefinition audio(101, "demo/audio", preset);
  audio.record_formats.push_back(
      {RecordType::kData, 1, RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"), {}});
  return {camera, imu, audio};
}

std::vector<std::vector<uint8_t>> DemoMix::Payloads() const {
  std::vector<std::vector<uint8_t>> payloads;
  payloads.reserve(records_.size());
  for (const PreparedRecord& record : records_) {
    std::vector<uint8_t>& payload = payloads.emplace_back();
    for (size_t p = 0; p < record.piece_count; ++p) {
      payload.insert(payload.end(), record.pieces[p].begin(), record.pieces[p].end());
    }
  }
  return payloads;
}

}  // namespace vrsx::bench
