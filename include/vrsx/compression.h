// The compression presets a writer applies to record payloads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vrsx {

// Per-record compression (spec 01 §4.2). Payloads under 250 bytes are stored as they are; a
// compressed payload is kept only when strictly smaller.
enum class CompressionPreset : int8_t {
  kNone = 0,
  kLz4Fast = 1,     // "fast": lz4 frame, level 0
  kLz4Tight = 2,    // "tight": lz4 frame, level 4 (HC)
  kZstdFaster = 3,  // "zfaster": zstd -1, the default
  kZstdFast = 4,    // "zfast": zstd 1
  kZstdLight = 5,   // "zlight": zstd 3
  kZstdMedium = 6,  // "zmedium": zstd 7
  kZstdHeavy = 7,   // "zheavy": zstd 12
  kZstdHigh = 8,    // "zhigh": zstd 15
  kZstdTight = 9,   // "ztight": zstd 18
  kZstdMax = 10,    // "zmax": zstd 20
};
inline constexpr int kCompressionPresetCount = 11;

// "none", "fast", "tight", "zfaster"... (the CLI names).
const char* CompressionPresetName(CompressionPreset preset);
// "none", "lz4-fast", "zstd-medium(7)"...
std::string CompressionPresetPrettyName(CompressionPreset preset);
// CLI name, any case; nullopt for anything else.
std::optional<CompressionPreset> CompressionPresetFromName(std::string_view name);

}  // namespace vrsx
