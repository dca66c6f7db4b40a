#include "compression/zstd_workspace.h"

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_customMem and the contexts' _advanced constructors
#include <zstd.h>

#include <cstdlib>

#include "io/huge_pages.h"

namespace vrsx::compression {
namespace {

// Below this, an allocation comes from pages malloc has used already.
constexpr size_t kMapFrom = size_t(64) << 10;

void* AllocateMapped(void*, size_t size) {
  void* data = std::malloc(size);
  if (size >= kMapFrom) io::MapPages(data, size);
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
