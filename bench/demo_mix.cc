#include "demo_mix.h"

#include "harness.h"
#include "inputs.h"
#include "synthetic_capture.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_format.h"

namespace vrsx::bench {
namespace {

constexpr uint32_t kImuPerFrame = 10;

void CheckOrDie(const Status& status) {
  Require(status.ok(), "preparing the demo mix (" + status.message() + ")");
}

}  // namespace

DemoMix::DemoMix()
    : camera_data_(examples::CameraDataLayout()), imu_data_(examples::ImuDataLayout()) {
  DataLayoutEncoder frame_encoder(camera_data_);
  DataLayoutEncoder imu_encoder(imu_data_);
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    frames_.push_back(CameraFrame(frame));
    CheckOrDie(examples::SetCameraData(frame_encoder, frame));
    blocks_.push_back(frame_encoder.Encode());
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      double timestamp = examples::ImuTimestamp(frame, k, kImuPerFrame);
      CheckOrDie(examples::SetImuSample(imu_encoder, frame * kImuPerFrame + k, timestamp));
      blocks_.push_back(imu_encoder.Encode());
    }
    std::vector<uint8_t> sound(examples::kAudioBytesPerVideoFrame);
    examples::FillAudio(sound, frame * examples::kAudioFramesPerVideoFrame);
    sounds_.push_back(std::move(sound));
  }
  size_t block = 0;
  for (uint64_t frame = 0; frame < kFrames; ++frame) {
    double t = double(frame) / examples::kFrameRate;
    records_.push_back({0, t, {blocks_[block], frames_[frame]}, 2});
    ++block;
    for (uint32_t k = 0; k < kImuPerFrame; ++k) {
      records_.push_back({1, examples::ImuTimestamp(frame, k, kImuPerFrame), {blocks_[block++]}});
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
