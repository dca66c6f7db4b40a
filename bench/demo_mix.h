// The demo recorder's mix (examples/demo_record.cc, examples/synthetic_capture.h), 10 s at 30
// frames per second, prepared before any clock starts: a 640x480 grey8 camera (DataLayout block
// + the bench's CameraFrame pixels), 10 DataLayout IMU samples per frame, and stereo 48 kHz
// audio, each stream with its RecordFormat and DataLayouts.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "vrsx/data_layout.h"
#include "vrsx/writer.h"

namespace vrsx::bench {

// A record ready to hand over: which stream (position in the definitions), when, and up to two
// pieces (a DataLayout block, then pixels). Plain data: handing it over allocates nothing.
struct PreparedRecord {
  size_t stream = 0;
  double timestamp = 0;
  std::array<Writer::Piece, 2> pieces;
  size_t piece_count = 1;
};

class DemoMix {
 public:
  static constexpr uint64_t kFrames = 300;
  static constexpr double kSeconds = 10;

  DemoMix();
  // Records point into the mix: it stays where it is.
  DemoMix(const DemoMix&) = delete;
  DemoMix& operator=(const DemoMix&) = delete;

  std::vector<StreamDefinition> Streams(CompressionPreset preset) const;
  // In hand-over order: per frame, the camera, its IMU samples, then its audio.
  const std::vector<PreparedRecord>& records() const { return records_; }
  // Each record's payload in one piece, as the writer's one copy makes it.
  std::vector<std::vector<uint8_t>> Payloads() const;

 private:
  const DataLayoutDefinition camera_data_;  // the encoders keep a reference
  const DataLayoutDefinition imu_data_;
  std::vector<std::vector<uint8_t>> frames_;
  std::vector<std::vector<uint8_t>> blocks_;  // camera and IMU DataLayout blocks
  std::vector<std::vector<uint8_t>> sounds_;
  std::vector<PreparedRecord> records_;
};

}  // namespace vrsx::bench
