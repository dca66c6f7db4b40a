// Writer measurements: records handed to vrsx::Writer (default WriterOptions: one compression
// thread per core) into a file in --dir, removed afterwards, timed from Create to Close.
// Payloads are prepared before the clock starts; MiB/s is of payload before compression.
#pragma once

#include "harness.h"
#include "options.h"
#include "vrsx/writer.h"

namespace vrsx::bench {

// `records` 64-byte IMU records on 4 streams.
Result MeasureWriteImu(const Options& options, CompressionPreset preset);
// The writer absorbs a burst that fits in its queue (`passes` = 1, every buffer is fresh
// memory), or runs at its sustained rate: with `passes` = 10, 880 MiB go through a 256 MiB queue,
// which stays at its cap while the producer waits for room, as a capture at the writer's limit.

// The 640x480 grey8 frames of MemoryFrames, on one stream, handed over `passes` times.
Result MeasureWriteFrames(const Options& options, CompressionPreset preset, unsigned passes);
// The demo recorder's mix (demo_mix.h), 10 s of it `passes` times in a row.
Result MeasureWriteDemoMix(const Options& options, CompressionPreset preset, unsigned passes);

}  // namespace vrsx::bench
