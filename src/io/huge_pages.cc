#include "io/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace vrsx::io {

void AdviseHugePages(void* data, size_t bytes) {
  constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
  if (data == nullptr) return;
  uintptr_t start = reinterpret_cast<uintptr_t>(data);
  uintptr_t first = (start + kHugePage - 1) / kHugePage * kHugePage;
  uintptr_t end = (start + bytes) / kHugePage * kHugePage;
  if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
}

void MapPages(void* data, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  if (data == nullptr) return;
  uintptr_t start = reinterpret_cast<uintptr_t>(data);
  uintptr_t first = (start + kPage - 1) / kPage * kPage;
  uintptr_t end = (start + bytes) / kPage * kPage;
  if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace vrsx::io
