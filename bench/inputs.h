// The benchmark's inputs: payloads like real sensors' (IMU samples, camera frames), and VRS
// files made of them with the tests' independent file builder, generated once into --dir.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "options.h"
#include "support/vrs_file_builder.h"
#include "vrsx/data_layout.h"

namespace vrsx::bench {

inline constexpr uint32_t kFrameWidth = 640;
inline constexpr uint32_t kFrameHeight = 480;
inline constexpr size_t kFrameBytes = size_t(kFrameWidth) * kFrameHeight;

// A small IMU-like payload of 64 bytes: below the 250-byte compression threshold, like real
// IMU records.
std::vector<uint8_t> ImuPayload(uint64_t i);

// Frame `i` of a 640x480 grey8 camera: the demo recorder's frames (examples/synthetic_capture.h)
// with 2-bit sensor noise on every 4th pixel, so that zstd -1 compresses it about 3x and lz4
// about 2x, like a camera image.
std::vector<uint8_t> CameraFrame(uint64_t i);

// Frames in an image file of `megabytes` MiB.
uint64_t ImageFileFrames(uint64_t megabytes);
// The first frames of the image files, at most 300: the writer's and the codec bounds' payloads.
std::vector<std::vector<uint8_t>> MemoryFrames(uint64_t megabytes);

// Every record's payload of a VRS file, uncompressed, in file order (exits on a read error).
std::vector<std::vector<uint8_t>> FilePayloads(const std::string& path);

// The IMU samples of the typed-access benchmark: a DataLayout per record.
DataLayoutDefinition ImuLayout();

// The input files, generated into options.dir unless already there.
struct Inputs {
  std::string small;      // `records` 64-byte records on 4 streams, stored raw, zstd index
  std::string unindexed;  // the same without index: a crashed recording
  std::string imu;        // `records` DataLayout IMU samples with their RF:/DL: tags
  std::string images_none;
  std::string images_lz4;
  std::string images_zstd;  // zstd -1, vrsx's default preset
};
Inputs MakeInputs(const Options& options);

}  // namespace vrsx::bench
