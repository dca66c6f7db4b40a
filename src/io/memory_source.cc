#include "io/memory_source.h"

#include <algorithm>
#include <cstring>

namespace vrsx::io {

Status MemorySource::ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const {
  got = 0;
  if (offset >= size_) return Status::Ok();
  got = size_t(std::min<uint64_t>(out.size(), size_ - offset));
  if (got > 0) std::memcpy(out.data(), data_ + offset, got);
  return Status::Ok();
}

}  // namespace vrsx::io
