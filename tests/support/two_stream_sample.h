// A small recording for the damaged-file tests: a camera (1201-1) and an IMU (241-1), 12 data
// records alternating between them, the camera's 600-byte payloads zstd-compressed.
#pragma once

#include <cstdint>
#include <vector>

#include "support/vrs_file_builder.h"

namespace vrsx::testing {

inline constexpr StreamKey kSampleCamera{1201, 1};
inline constexpr StreamKey kSampleImu{241, 1};

inline void AddTwoStreamSample(VrsFileBuilder& builder) {
  builder.AddStream(kSampleCamera);
  builder.AddStream(kSampleImu);
  for (int i = 0; i < 12; ++i) {
    std::vector<uint8_t> payload(i % 2 == 0 ? 600 : 48, uint8_t(i));
    RecordOptions options;
    if (i % 2 == 0) options.codec = Codec::kZstd;
    builder.AddRecord(i % 2 == 0 ? kSampleCamera : kSampleImu, RecordKind::kData, 1.0 + i, payload,
                      options);
  }
}

}  // namespace vrsx::testing
