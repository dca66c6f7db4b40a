// Test payloads both codecs shrink, and the lz4 frames lz4's own frame API makes of them.
#pragma once

#include <lz4frame.h>

#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

namespace vrsx::testing {

// Image-like bytes: smooth, with some noise, so that both codecs shrink them.
inline std::vector<uint8_t> PictureBytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = uint8_t((i % 640) / 3 + (random() % 16 == 0));
  return bytes;
}

// One lz4 frame of `data` with default preferences but the level: 64 KiB linked blocks, no
// content size, no checksums, as VRS writers make them.
inline std::vector<uint8_t> Lz4Frame(const std::vector<uint8_t>& data, int level = 0) {
  LZ4F_preferences_t preferences{};
  preferences.compressionLevel = level;
  std::vector<uint8_t> frame(LZ4F_compressFrameBound(data.size(), &preferences));
  size_t size =
      LZ4F_compressFrame(frame.data(), frame.size(), data.data(), data.size(), &preferences);
  REQUIRE_FALSE(LZ4F_isError(size));
  frame.resize(size);
  return frame;
}

}  // namespace vrsx::testing
