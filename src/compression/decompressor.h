// Decodes lz4-frame and zstd record payloads into a buffer of known size (spec 01 §4.3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "vrsx/status.h"

struct ZSTD_DCtx_s;
struct LZ4F_dctx_s;

namespace vrsx::compression {

enum class Codec : uint8_t { kNone = 0, kLz4 = 1, kZstd = 2 };

// lz4frame decodes a block straight into the output only when a whole block (64 KiB, the size
// lz4 and VRS writers use) fits in the room left; otherwise into its own buffer, then copies it.
// Output room past a payload's end, enough for its last block to be a whole one, saves that: the
// lz4 frames of 640x480 pixels of bench/tool_rows.sh decode 7-9% faster (bench/README.md).
inline constexpr size_t kLz4DirectRoom = 64 * 1024;

// The room worth giving Decode past a payload of `output_size` bytes: for lz4 payloads of more
// than one block, what the last block lacks to be a whole one (20,480 bytes for a 640x480
// frame); else none (on a small one, zeroing the room would cost more than the copy it saves;
// zstd decodes in place anyway). The room is zeroed for every record: it is kept to what lz4
// uses.
constexpr size_t DecodeRoom(Codec codec, size_t output_size) {
  if (codec != Codec::kLz4 || output_size < kLz4DirectRoom) return 0;
  return (kLz4DirectRoom - output_size % kLz4DirectRoom) % kLz4DirectRoom;
}

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
  // Bytes from `output_size` up to `output_capacity`, when larger, may be overwritten: lz4 uses
  // them (kLz4DirectRoom) to decode a payload's last block in place.
  Status Decode(Codec codec, const uint8_t* input, size_t input_size, uint8_t* output,
                size_t output_size, size_t output_capacity = 0);

 private:
  Status DecodeZstd(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size);
  Status DecodeLz4(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size,
                   size_t output_capacity);
  Status DecodeLz4Frames(const uint8_t* input, size_t input_size, uint8_t* output,
                         size_t output_size, size_t output_capacity);

  ZSTD_DCtx_s* zstd_ = nullptr;
  LZ4F_dctx_s* lz4_ = nullptr;
};

}  // namespace vrsx::compression
