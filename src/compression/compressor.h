// Per-record compression with the writer presets (spec 01 §4.1, §4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "compression/decompressor.h"
#include "vrsx/compression.h"

struct ZSTD_CCtx_s;

namespace vrsx::compression {

// Payloads shorter than this are never compressed.
inline constexpr size_t kMinCompressedPayload = 250;

struct PresetInfo {
  Codec codec = Codec::kNone;
  int level = 0;
};
PresetInfo GetPresetInfo(CompressionPreset preset);

// A compressed payload, in the Compressor's scratch buffer: valid until its next call.
struct Compressed {
  const uint8_t* data = nullptr;
  size_t size = 0;
  Codec codec = Codec::kNone;
};

// Holds an encoder context and a scratch buffer, reused from record to record. Not thread safe:
// one per thread.
class Compressor {
 public:
  Compressor();
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;

  // Compresses one payload as one lz4 or zstd frame (zstd: content size in the frame header,
  // no checksum). Nothing for the preset kNone, a payload under 250 bytes, a result that is
  // not strictly smaller, or a codec error: then store the payload as it is.
  std::optional<Compressed> Compress(CompressionPreset preset, const uint8_t* data, size_t size);
  // The same with zstd at `level`, whatever the payload size (the index record). On one thread:
  // zstd's own workers made a million-entry index slower, not faster (docs/writer.md).
  std::optional<Compressed> CompressZstd(int level, const uint8_t* data, size_t size);
  // The same for the concatenation of `pieces`, streamed as one frame with their total size in
  // its header (an index's entries, kept in pieces while a capture runs).
  std::optional<Compressed> CompressZstd(int level,
                                         std::span<const std::span<const uint8_t>> pieces);

 private:
  // Room for `bound` bytes; a huge scratch left by an earlier record is given back first.
  uint8_t* Scratch(size_t bound);
  // The zstd context (made on first use) reset for a new frame at `level`, with the content
  // size in its header and no checksum; false when no context can be made.
  bool StartZstdFrame(int level);
  std::optional<Compressed> Finish(size_t compressed, size_t size, Codec codec) const;

  ZSTD_CCtx_s* zstd_ = nullptr;
  std::unique_ptr<uint8_t[]> scratch_;
  size_t scratch_size_ = 0;
};

}  // namespace vrsx::compression
