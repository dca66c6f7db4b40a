// Decodes lz4-frame and zstd record payloads into a buffer of known size (spec 01 §4.3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "vrsx/status.h"

struct ZSTD_DCtx_s;
struct LZ4F_dctx_s;

namespace vrsx::compression {

enum class Codec : uint8_t { kNone = 0, kLz4 = 1, kZstd = 2 };

// Holds decoder contexts so that decoding many records allocates nothing per record.
// Not thread safe: one per thread.
class Decompressor {
 public:
  Decompressor();
  ~Decompressor();
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Decodes `input` (one or more frames) into exactly `output_size` bytes. Fails if the frames
  // hold fewer bytes, more bytes (a size mismatch or a decompression bomb), or are corrupt.
  Status Decode(Codec codec, const uint8_t* input, size_t input_size, uint8_t* output,
                size_t output_size);

 private:
  Status DecodeZstd(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size);
  Status DecodeLz4(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size);

  ZSTD_DCtx_s* zstd_ = nullptr;
  LZ4F_dctx_s* lz4_ = nullptr;
};

}  // namespace vrsx::compression
