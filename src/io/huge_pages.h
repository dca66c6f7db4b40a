// Fresh memory about to be written for the first time: on transparent huge pages, one page fault
// per 2 MiB instead of 512; else mapped in one call. Page faults are most of the cost of filling
// a fresh buffer of tens of MiB, such as the in-memory index of a million records: on the VM we
// measure on, ~11 us a 4 KiB page faulted, ~6 us mapped first, 0.25 us on a huge page
// (`vrsx_bench --only "first write"`, bench/README.md).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace vrsx::io {

// Advises the whole 2 MiB pages inside [data, data + bytes) (none in a buffer under 2 MiB).
// Harmless where huge pages are off or the advice fails.
void AdviseHugePages(void* data, size_t bytes);

// Maps the pages inside [data, data + bytes) now, in one call, as a first write to each would
// one at a time: about half the cost where a fault is dear. Harmless where the kernel can't
// (before Linux 5.14).
void MapPages(void* data, size_t bytes);

// Reserves room for up to `count` elements in `v`, on huge pages when that is large: for the
// vectors of one entry per record that opening, filtering and copying a large file fill.
template <class T>
void ReserveOnHugePages(std::vector<T>& v, size_t count) {
  v.reserve(count);
  AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

// The same for exactly `count` elements about to be written, whose pages are mapped now.
template <class T>
void ReserveToFill(std::vector<T>& v, size_t count) {
  ReserveOnHugePages(v, count);
  MapPages(v.data() + v.size(), (count - std::min(count, v.size())) * sizeof(T));
}

}  // namespace vrsx::io
