// Reader measurements, on a file already in the page cache (the inputs were just generated or
// read): what is timed is the library, not the disk.
#pragma once

#include <cstdint>
#include <string>

#include "harness.h"

namespace vrsx::bench {

// Open (index read, or index rebuilt when the file has none).
Result MeasureOpen(const std::string& path);
// What `vrsx FILE` does: open, then the overview of every stream (counts, times, sizes, tags).
Result MeasureOverview(const std::string& path);
// Every record read and decompressed, like `vrsx check`.
Result MeasureCheck(const std::string& path);
// The same plus the logical checksum of `vrsx checksum` (XXH64 of headers and payloads).
Result MeasureChecksum(const std::string& path);
// Every record read, decompressed and split into its content blocks by RecordContentDecoder
// (RecordFormat, DataLayout conventions); every block's bytes are summed, so they are touched.
Result MeasureDecode(const std::string& path);
// One accelerometer field of every IMU record, resolved once then read through
// DataLayoutBlock::Bind + value<T> (typed access), or through the generic record decoder.
Result MeasureTypedField(const std::string& path);
Result MeasureDecodedField(const std::string& path);
// `lookups` random times between the first and last record: Reader::LowerBound then ReadRecord
// of the record found; latency per lookup + read.
Result MeasureRandomAccess(const std::string& path, uint64_t lookups);

}  // namespace vrsx::bench
