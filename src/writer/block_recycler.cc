#include "writer/block_recycler.h"

namespace vrsx::writing {

BlockRecycler::~BlockRecycler() {
  for (void* block : taking_) ::operator delete(block);
  for (void* block : given_) ::operator delete(block);
}

void* BlockRecycler::Take(size_t bytes) {
  {
    std::lock_guard lock(take_mutex_);
    if (block_bytes_ == 0) {
      block_bytes_ = bytes;
      std::lock_guard give_lock(give_mutex_);
      given_bytes_ = bytes;
    }
    if (bytes == block_bytes_) {
      if (taking_.empty()) {
        std::lock_guard give_lock(give_mutex_);
        taking_.swap(given_);
      }
      if (!taking_.empty()) {
        void* block = taking_.back();
        taking_.pop_back();
        return block;
      }
    }
  }
  return ::operator new(bytes);
}

void BlockRecycler::Give(void* block, size_t bytes) noexcept {
  {
    std::lock_guard lock(give_mutex_);
    if (bytes == given_bytes_) {
      try {
        given_.push_back(block);
        return;
      } catch (const std::bad_alloc&) {
        // No room to keep it: freed below.
      }
    }
  }
  ::operator delete(block);
}

size_t BlockRecycler::idle_blocks() const {
  std::lock_guard lock(take_mutex_);
  std::lock_guard give_lock(give_mutex_);
  return taking_.size() + given_.size();
}

}  // namespace vrsx::writing
