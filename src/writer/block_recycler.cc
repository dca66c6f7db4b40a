#include "writer/block_recycler.h"

namespace vrsx::writing {

BlockRecycler::~BlockRecycler() {
  for (void* block : idle_) ::operator delete(block);
}

void* BlockRecycler::Take(size_t bytes) {
  {
    std::lock_guard lock(mutex_);
    if (block_bytes_ == 0) block_bytes_ = bytes;
    if (bytes == block_bytes_ && !idle_.empty()) {
      void* block = idle_.back();
      idle_.pop_back();
      return block;
    }
  }
  return ::operator new(bytes);
}

void BlockRecycler::Give(void* block, size_t bytes) noexcept {
  {
    std::lock_guard lock(mutex_);
    if (bytes == block_bytes_) {
      try {
        idle_.push_back(block);
        return;
      } catch (const std::bad_alloc&) {
        // No room to keep it: freed below.
      }
    }
  }
  ::operator delete(block);
}

size_t BlockRecycler::idle_blocks() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace vrsx::writing
