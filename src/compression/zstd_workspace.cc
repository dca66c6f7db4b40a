#include "compression/zstd_workspace.h"

#include <sys/mman.h>
#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_customMem and the contexts' _advanced constructors
#include <zstd.h>

#include <cstdint>
#include <cstdlib>

namespace vrsx::compression {
namespace {

// Below this, an allocation comes from pages malloc has used already.
constexpr size_t kMapFrom = size_t(64) << 10;

void* AllocateMapped(void*, size_t size) {
  void* data = std::malloc(size);
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  uintptr_t start = (reinterpret_cast<uintptr_t>(data) + kPage - 1) / kPage * kPage;
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) / kPage * kPage;
  // A hint: an older kernel without it (EINVAL) faults the pages in as before.
  if (data != nullptr && size >= kMapFrom && end > start)
    madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_WRITE);
#endif
  return data;
}

void Free(void*, void* data) {
  std::free(data);
}

}  // namespace

ZSTD_CCtx* NewZstdCompressionContext() {
  return ZSTD_createCCtx_advanced({AllocateMapped, Free, nullptr});
}

ZSTD_DCtx* NewZstdDecompressionContext() {
  return ZSTD_createDCtx_advanced({AllocateMapped, Free, nullptr});
}

}  // namespace vrsx::compression
