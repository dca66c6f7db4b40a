// Transparent huge pages for a large buffer about to be written for the first time: one page
// fault per 2 MiB instead of 512. Page faults are most of the cost of filling a fresh buffer of
// tens of MiB, such as the in-memory index of a million records (bench/README.md).
#pragma once

#include <cstddef>
#include <vector>

namespace vrsx::index {

// Advises the whole 2 MiB pages inside [data, data + bytes) (none in a buffer under 2 MiB).
// Harmless where huge pages are off or the advice fails.
void AdviseHugePages(void* data, size_t bytes);

// Reserves room for `count` elements in `v`, on huge pages when that is large: for the vectors
// of one entry per record that opening, filtering and copying a large file fill.
template <class T>
void ReserveOnHugePages(std::vector<T>& v, size_t count) {
  v.reserve(count);
  AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace vrsx::index
