#include "memory_bounds.h"

#include <sys/mman.h>

#include <cstdint>

#include "io/huge_pages.h"

namespace vrsx::bench {

Result MeasureFirstWrite(FirstWrite how) {
  constexpr size_t kBytes = size_t(64) << 20;
  constexpr size_t kHugePage = size_t(2) << 20;
  Result result;
  Stopwatch stopwatch;
  // One huge page more, so that the huge page run starts on a 2 MiB boundary.
  void* mapped =
      mmap(nullptr, kBytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  Require(mapped != MAP_FAILED, "mapping 64 MiB");
  auto start = reinterpret_cast<uintptr_t>(mapped);
  auto* bytes = reinterpret_cast<uint8_t*>((start + kHugePage - 1) / kHugePage * kHugePage);
  if (how == FirstWrite::kMappedFirst) io::MapPages(bytes, kBytes);
  if (how == FirstWrite::kHugePages) io::AdviseHugePages(bytes, kBytes);
  for (size_t i = 0; i < kBytes; i += 4096) bytes[i] = uint8_t(i >> 12);
  munmap(mapped, kBytes + kHugePage);
  stopwatch.Stop(result);
  result.bytes = kBytes;
  return result;
}

}  // namespace vrsx::bench
