// The bounds the hardware and the codecs set: memcpy bandwidth, XXH64 hashing, and the raw lz4/zstd
// codecs on the frames the reader and writer benchmarks handle, with the settings vrsx uses (lz4
// frame level 0; zstd -1 with the content size, no checksum), on one thread or on several threads
// that each take an equal share of the frames.
#pragma once

#include "harness.h"
#include "options.h"

namespace vrsx::bench {

enum class BoundCodec { kLz4, kZstd };

Result MeasureMemcpy();
// XXH64 over the frames, the hash of `vrsx checksum`.
Result MeasureXxh64(const Options& options);
Result MeasureRawCompression(const Options& options, BoundCodec codec, unsigned threads);
Result MeasureRawDecompression(const Options& options, BoundCodec codec, unsigned threads);

}  // namespace vrsx::bench
