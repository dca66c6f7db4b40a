#include "compression/expansion_limit.h"

#include <zstd.h>

#include <string>

namespace vrsx::compression {

namespace {

Status CheckRatio(const char* codec, uint64_t max_expansion, size_t input_size,
                  uint64_t claimed_size) {
  if (claimed_size <= uint64_t(input_size) * max_expansion + kExpansionSlack) return Status::Ok();
  return {ErrorCode::kTooLarge, std::string(codec) + " payload of " + std::to_string(input_size) +
                                    " bytes can't decode to the " + std::to_string(claimed_size) +
                                    " bytes announced"};
}

}  // namespace

Status CheckClaimedSize(Codec codec, const uint8_t* input, size_t input_size,
                        uint64_t claimed_size) {
  switch (codec) {
    case Codec::kZstd: {
      // The frames' declared sizes, frame after frame (stable zstd API only).
      uint64_t total = 0;
      for (size_t pos = 0; pos < input_size;) {
        unsigned long long content = ZSTD_getFrameContentSize(input + pos, input_size - pos);
        if (content == ZSTD_CONTENTSIZE_UNKNOWN) {
          return CheckRatio("zstd", kMaxZstdExpansion, input_size, claimed_size);
        }
        size_t frame = ZSTD_findFrameCompressedSize(input + pos, input_size - pos);
        if (content == ZSTD_CONTENTSIZE_ERROR || ZSTD_isError(frame) || frame == 0) {
          return {ErrorCode::kCorrupt, "zstd payload is not a sequence of whole zstd frames"};
        }
        total += content;
        pos += frame;
      }
      if (total != claimed_size) {
        return {ErrorCode::kCorrupt, "zstd frames hold " + std::to_string(total) + " bytes, " +
                                         std::to_string(claimed_size) + " announced"};
      }
      return Status::Ok();
    }
    case Codec::kLz4:
      return CheckRatio("lz4", kMaxLz4Expansion, input_size, claimed_size);
    case Codec::kNone:
      break;
  }
  return claimed_size == input_size
             ? Status::Ok()
             : Status{ErrorCode::kCorrupt, "uncompressed payload size mismatch"};
}

}  // namespace vrsx::compression
