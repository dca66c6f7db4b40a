// How much a compressed record payload may claim to expand, checked on its stored bytes before
// any memory is allocated for the decoded payload (no decompression bombs).
#pragma once

#include <cstddef>
#include <cstdint>

#include "compression/decompressor.h"
#include "vrsx/status.h"

namespace vrsx::compression {

// zstd's best ratio is about 1:32768 (an RLE block of 128 KiB costs 4 bytes); lz4's about 1:255
// (each further 255 bytes of a match cost one byte). The slack covers tiny frames.
inline constexpr uint64_t kMaxZstdExpansion = 65536;
inline constexpr uint64_t kMaxLz4Expansion = 256;
inline constexpr uint64_t kExpansionSlack = 64 * 1024;

// Ok when `input` (the stored frames) can plausibly decode to `claimed_size` bytes: zstd frames
// that declare their sizes (the reference writes them) must add up to exactly the claim; frames
// that don't, and lz4 frames, must stay within the codec's best ratio. Errors are kTooLarge
// (a claim beyond the ratio) or kCorrupt (frames that contradict the claim).
Status CheckClaimedSize(Codec codec, const uint8_t* input, size_t input_size,
                        uint64_t claimed_size);

}  // namespace vrsx::compression
