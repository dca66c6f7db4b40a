// The bounds the hardware and the codecs set: memcpy bandwidth, XXH64 hashing, and the raw lz4/zstd
// codecs on the frames the reader and writer benchmarks handle, with the settings vrsx uses (lz4
// frame level 0; zstd -1 with the content size, no checksum), on one thread or on several threads
// that each take an equal share of the frames.
#pragma once

#include <cstdint>
#include <vector>

#include "harness.h"
#include "options.h"
#include "vrsx/writer.h"

namespace vrsx::bench {

enum class BoundCodec { kLz4, kZstd };

Result MeasureMemcpy();
// XXH64 over the frames, the hash of `vrsx checksum`.
Result MeasureXxh64(const Options& options);
// The raw codec with a writer preset's settings (fast, zfaster or zlight) on the payloads a
// writer row hands over, each as the writer's one copy makes it. MiB/s is of all the payload
// bytes, like the writer rows', though only those of 250 bytes or more are compressed.
using Payloads = std::vector<std::vector<uint8_t>>;
Result MeasureRawCompression(const Payloads& payloads, CompressionPreset preset, unsigned threads);
Result MeasureRawDecompression(const Options& options, BoundCodec codec, unsigned threads);
// The codec work of `vrsx checksum` on payloads stored with `preset`: each decompressed (when
// stored compressed) and hashed with XXH64, on `threads` threads that each take an equal share.
Result MeasureRawDecodeAndHash(const Payloads& payloads, CompressionPreset preset,
                               unsigned threads);

}  // namespace vrsx::bench
