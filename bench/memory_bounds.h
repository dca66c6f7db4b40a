// What the first write to fresh memory costs: 64 MiB taken from the OS and written once, a page
// fault per 4 KiB page, with its pages mapped in one call first (MADV_POPULATE_WRITE, as the
// library does for buffers it fills whole), or on 2 MiB huge pages. Row bytes are memory bytes.
#pragma once

#include "harness.h"

namespace vrsx::bench {

enum class FirstWrite { kFaulted, kMappedFirst, kHugePages };

Result MeasureFirstWrite(FirstWrite how);

}  // namespace vrsx::bench
