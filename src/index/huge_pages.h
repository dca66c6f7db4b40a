// Transparent huge pages for a large buffer about to be written for the first time: one page
// fault per 2 MiB instead of 512. Page faults are most of the cost of filling a fresh buffer of
// tens of MiB, such as the in-memory index of a million records (bench/README.md).
#pragma once

#include <cstddef>

namespace vrsx::index {

// Advises the whole 2 MiB pages inside [data, data + bytes) (none in a buffer under 2 MiB).
// Harmless where huge pages are off or the advice fails.
void AdviseHugePages(void* data, size_t bytes);

}  // namespace vrsx::index
