#include "synthetic_capture.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace vrsx::examples {
namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// The pieces are fixed here: one that does not fit is a bug, not a runtime condition.
DataLayoutDefinition Layout(std::initializer_list<PieceDefinition> pieces) {
  DataLayoutDefinition layout;
  for (const PieceDefinition& piece : pieces) {
    Status status = layout.Add(piece);
    if (!status.ok()) throw std::logic_error("synthetic capture layout: " + status.message());
  }
  return layout;
}

}  // namespace

void FillCameraFrame(std::span<uint8_t> pixels, uint32_t width, uint32_t height, uint64_t frame,
                     Grain grain) {
  // Pixel = x * 256 / width + y * 64 / height + frame * 2 (+ grain), modulo 256. The horizontal
  // gradient is computed once, not divided out per pixel: the generator was half of the
  // demo recorder's CPU, more than the writer and lz4 together.
  const uint32_t mask = (1u << grain.bits) - 1;
  const uint32_t spacing = std::max<uint32_t>(grain.spacing, 1);
  std::vector<uint8_t> gradient(width);
  for (uint32_t x = 0; x < width; ++x) gradient[x] = uint8_t(x * 256 / width);
  uint32_t noise = uint32_t(frame) * 2654435761u + 1;
  for (uint32_t y = 0; y < height; ++y) {
    uint8_t* row = pixels.data() + size_t(y) * width;
    const uint8_t base = uint8_t(y * 64 / height + frame * 2);
    for (uint32_t x = 0; x < width; ++x) row[x] = uint8_t(gradient[x] + base);
    for (uint32_t x = 0; x < width; x += spacing) {
      noise = noise * 1664525u + 1013904223u;
      row[x] = uint8_t(row[x] + ((noise >> 28) & mask));
    }
  }
}

DataLayoutDefinition CameraDataLayout() {
  return Layout({
      PieceDefinition::Value<uint64_t>("exposure_time"),
      PieceDefinition::Value<float>("exposure"),
      PieceDefinition::Value<uint64_t>("frame_counter"),
      PieceDefinition::Value<float>("temperature"),
  });
}

DataLayoutDefinition ImuDataLayout() {
  return Layout({
      PieceDefinition::Value<int64_t>("capture_timestamp_ns"),
      PieceDefinition::Value<Point3Df>("accelerometer"),
      PieceDefinition::Value<Point3Df>("gyroscope"),
      PieceDefinition::Value<float>("temperature"),
      PieceDefinition::Array<int32_t>("status", 4),
      PieceDefinition::Vector<double>("magnetometer"),
  });
}

Status SetCameraData(DataLayoutEncoder& encoder, uint64_t frame) {
  double phase = double(frame) / 90.0;
  float exposure = 0.008f + 0.004f * float(std::sin(kTwoPi * phase));
  Status status = encoder.SetValue<uint64_t>(0, uint64_t(exposure * 1e6f));  // microseconds
  if (status.ok()) status = encoder.SetValue<float>(1, exposure);
  if (status.ok()) status = encoder.SetValue<uint64_t>(2, frame);
  if (status.ok()) status = encoder.SetValue<float>(3, 35.0f + 0.001f * float(frame));
  return status;
}

Status SetImuSample(DataLayoutEncoder& encoder, uint64_t sample, double timestamp) {
  double w = kTwoPi * 0.5 * timestamp;
  Status status = encoder.SetValue<int64_t>(0, int64_t(std::llround(timestamp * 1e9)));
  if (status.ok()) {
    status =
        encoder.SetValue<Point3Df>(1, {float(0.3 * std::sin(w)), float(0.2 * std::cos(w)), 9.81f});
  }
  if (status.ok()) {
    status = encoder.SetValue<Point3Df>(
        2, {float(0.05 * std::cos(w)), float(-0.03 * std::sin(w)), 0.01f});
  }
  if (status.ok()) {
    status = encoder.SetValue<float>(3, 36.5f + float(0.1 * std::sin(0.01 * timestamp)));
  }
  if (status.ok()) status = encoder.SetArray<int32_t>(4, {0, int32_t(sample % 256), 1, -1});
  if (status.ok()) {
    status = encoder.SetVector<double>(5, {22.5 * std::cos(w), 5.1, -41.0 * std::sin(w)});
  }
  return status;
}

double ImuTimestamp(uint64_t frame, uint32_t k, uint32_t per_frame) {
  const double frame_period = 1.0 / kFrameRate;
  return double(frame) * frame_period + frame_period * k / per_frame;
}

void FillAudio(std::span<uint8_t> samples, uint64_t first) {
  // Both tones repeat every kAudioPeriod frames: one period is computed once and copied, since
  // two sines a frame made the generator cost more than compressing what it generates.
  static const std::vector<uint8_t> period = [] {
    std::vector<uint8_t> bytes(kAudioPeriod * 4);
    for (uint32_t n = 0; n < kAudioPeriod; ++n) {
      double s = double(n) / kAudioRate;
      StoreElement(int16_t(std::lround(8000 * std::sin(kTwoPi * 440 * s))), &bytes[n * 4]);
      StoreElement(int16_t(std::lround(6000 * std::sin(kTwoPi * 660 * s))), &bytes[n * 4 + 2]);
    }
    return bytes;
  }();
  size_t done = 0;
  const size_t total = samples.size() / 4 * 4;
  size_t at = size_t(first % kAudioPeriod) * 4;
  while (done < total) {
    size_t n = std::min(total - done, period.size() - at);
    std::memcpy(samples.data() + done, period.data() + at, n);
    done += n;
    at = 0;
  }
}

}  // namespace vrsx::examples
