#include "compression/decompressor.h"

#include <lz4frame.h>
#include <zstd.h>

#include <algorithm>
#include <string>

#include "compression/zstd_workspace.h"

namespace vrsx::compression {

Decompressor::Decompressor() = default;

Decompressor::~Decompressor() {
  if (zstd_ != nullptr) ZSTD_freeDCtx(zstd_);
  if (lz4_ != nullptr) LZ4F_freeDecompressionContext(lz4_);
}

Status Decompressor::Decode(Codec codec, const uint8_t* input, size_t input_size, uint8_t* output,
                            size_t output_size, size_t output_capacity) {
  switch (codec) {
    case Codec::kZstd:
      return DecodeZstd(input, input_size, output, output_size);
    case Codec::kLz4:
      return DecodeLz4(input, input_size, output, output_size,
                       std::max(output_size, output_capacity));
    case Codec::kNone:
      break;
  }
  return {ErrorCode::kUnsupported, "unsupported compression type"};
}

Status Decompressor::DecodeZstd(const uint8_t* input, size_t input_size, uint8_t* output,
                                size_t output_size) {
  if (zstd_ == nullptr) {
    zstd_ = NewZstdDecompressionContext();
    if (zstd_ == nullptr) return {ErrorCode::kIoError, "out of memory for a zstd context"};
  }
  ZSTD_DCtx_reset(zstd_, ZSTD_reset_session_only);
  ZSTD_inBuffer in{input, input_size, 0};
  ZSTD_outBuffer out{output, output_size, 0};
  while (true) {
    size_t in_before = in.pos;
    size_t out_before = out.pos;
    size_t ret = ZSTD_decompressStream(zstd_, &out, &in);
    if (ZSTD_isError(ret)) {
      return {ErrorCode::kCorrupt, std::string("zstd decoding failed: ") + ZSTD_getErrorName(ret)};
    }
    if (out.pos == out.size) {
      // The frame must end here: a decoder that could still produce bytes holds more data.
      if (ret != 0) {
        uint8_t probe;
        ZSTD_outBuffer extra{&probe, 1, 0};
        size_t more = ZSTD_decompressStream(zstd_, &extra, &in);
        if (!ZSTD_isError(more) && extra.pos > 0) {
          return {ErrorCode::kCorrupt, "zstd payload decodes to more bytes than announced"};
        }
      }
      return Status::Ok();
    }
    if (in.pos == in.size) {
      return {ErrorCode::kCorrupt, "zstd payload decodes to " + std::to_string(out.pos) +
                                       " bytes, " + std::to_string(output_size) + " expected"};
    }
    if (in.pos == in_before && out.pos == out_before) {
      return {ErrorCode::kCorrupt, "zstd decoding made no progress"};
    }
  }
}

Status Decompressor::DecodeLz4(const uint8_t* input, size_t input_size, uint8_t* output,
                               size_t output_size, size_t output_capacity) {
  if (lz4_ == nullptr) {
    if (LZ4F_isError(LZ4F_createDecompressionContext(&lz4_, LZ4F_VERSION))) {
      lz4_ = nullptr;
      return {ErrorCode::kIoError, "out of memory for an lz4 context"};
    }
  }
  Status status = DecodeLz4Frames(input, input_size, output, output_size, output_capacity);
  // With room, lz4frame may decode blocks past the announced size that an exact-size decode
  // never looks at: the outcome must not depend on the room, so any failure is decided without.
  if (!status.ok() && output_capacity > output_size) {
    status = DecodeLz4Frames(input, input_size, output, output_size, output_size);
  }
  return status;
}

Status Decompressor::DecodeLz4Frames(const uint8_t* input, size_t input_size, uint8_t* output,
                                     size_t output_size, size_t output_capacity) {
  LZ4F_resetDecompressionContext(lz4_);
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (out_pos < output_size) {
    size_t in_len = input_size - in_pos;
    size_t out_len = output_capacity - out_pos;
    size_t ret =
        LZ4F_decompress(lz4_, output + out_pos, &out_len, input + in_pos, &in_len, nullptr);
    if (LZ4F_isError(ret)) {
      LZ4F_resetDecompressionContext(lz4_);
      return {ErrorCode::kCorrupt, std::string("lz4 decoding failed: ") + LZ4F_getErrorName(ret)};
    }
    in_pos += in_len;
    out_pos += out_len;
    if (out_pos > output_size) {
      LZ4F_resetDecompressionContext(lz4_);
      return {ErrorCode::kCorrupt, "lz4 payload decodes to more than the " +
                                       std::to_string(output_size) + " bytes announced"};
    }
    if (in_len == 0 && out_len == 0) {
      LZ4F_resetDecompressionContext(lz4_);
      return {ErrorCode::kCorrupt, "lz4 payload decodes to " + std::to_string(out_pos) +
                                       " bytes, " + std::to_string(output_size) + " expected"};
    }
  }
  return Status::Ok();
}

}  // namespace vrsx::compression
