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
// The 640x480 grey8 frames of MemoryFrames, on one stream.
Result MeasureWriteFrames(const Options& options, CompressionPreset preset);
// The demo recorder's mix (src/tools/demo_record.cc), 10 s at 30 frames per second: a 640x480
// grey8 camera (DataLayout block + pixels), 10 DataLayout IMU samples per frame, and stereo
// 48 kHz audio, each stream with its RecordFormat and DataLayouts.
Result MeasureWriteDemoMix(const Options& options, CompressionPreset preset);

}  // namespace vrsx::bench
