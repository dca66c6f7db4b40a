// Per-record compression with the writer presets (spec 01 §4.1, §4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "compression/decompressor.h"
#include "vrsx/writer.h"

struct ZSTD_CCtx_s;

namespace vrsx::compression {

// Payloads shorter than this are never compressed.
inline constexpr size_t kMinCompressedPayload = 250;

struct PresetInfo {
  Codec codec = Codec::kNone;
  int level = 0;
};
PresetInfo GetPresetInfo(CompressionPreset preset);

// A compressed payload in a buffer of its own, `room` bytes after the buffer's start (where the
// caller puts a record header).
struct CompressedBuffer {
  std::unique_ptr<uint8_t[]> bytes;
  size_t size = 0;  // room + compressed bytes
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
  // no checksum). False (and `out` untouched) for the preset kNone, a payload under 250 bytes,
  // a result that is not strictly smaller, or a codec error: then store the payload as it is.
  bool Compress(CompressionPreset preset, const uint8_t* data, size_t size, size_t room,
                CompressedBuffer& out);
  // The same with zstd at `level`, whatever the payload size (the index record), on `workers`
  // extra threads of zstd's own when more than 0 (a big index, when nothing else runs).
  bool CompressZstd(int level, const uint8_t* data, size_t size, size_t room, CompressedBuffer& out,
                    int workers = 0);

 private:
  bool Finish(size_t compressed, size_t size, size_t room, Codec codec, CompressedBuffer& out);

  ZSTD_CCtx_s* zstd_ = nullptr;
  std::vector<uint8_t> scratch_;
};

}  // namespace vrsx::compression
