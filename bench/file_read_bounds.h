// What getting a file's bytes from the page cache costs, whatever the format: one pass over the
// whole file with large preads into one buffer, or through mmap, reading every cache line.
// Row bytes are file bytes.
#pragma once

#include <string>

#include "harness.h"

namespace vrsx::bench {

Result MeasurePreadFile(const std::string& path);
Result MeasureMmapFile(const std::string& path);

}  // namespace vrsx::bench
