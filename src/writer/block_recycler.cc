#include "writer/block_recycler.h"

#include <cstdint>

#include "io/huge_pages.h"

namespace vrsx::writing {
namespace {

constexpr size_t kSlabBytes = size_t(4) << 20;
constexpr std::align_val_t kSlabAlignment{size_t(2) << 20};
constexpr size_t kCacheLine = 64;

}  // namespace

BlockRecycler::~BlockRecycler() {
  // Blocks of block_bytes_ live in the slabs; the lists only point into them.
  for (void* slab : slabs_) ::operator delete(slab, kSlabAlignment);
}

void* BlockRecycler::Cut() {
  const size_t cut_bytes = (block_bytes_ + kCacheLine - 1) / kCacheLine * kCacheLine;
  if (slabs_.empty() || slab_used_ + cut_bytes > kSlabBytes) {
    slabs_.reserve(slabs_.size() + 1);  // before the slab: no leak if this throws
    void* slab = ::operator new(kSlabBytes, kSlabAlignment);
    io::AdviseHugePages(slab, kSlabBytes);
    slabs_.push_back(slab);
    slab_used_ = 0;
  }
  void* block = static_cast<uint8_t*>(slabs_.back()) + slab_used_;
  slab_used_ += cut_bytes;
  return block;
}

void* BlockRecycler::Take(size_t bytes) {
  {
    std::lock_guard lock(take_mutex_);
    if (block_bytes_ == 0 && bytes <= kSlabBytes) {
      block_bytes_ = bytes;
      std::lock_guard give_lock(give_mutex_);
      given_bytes_ = bytes;
    }
    if (bytes == block_bytes_) {
      if (taking_.empty()) {
        std::lock_guard give_lock(give_mutex_);
        taking_.swap(given_);
      }
      if (taking_.empty()) return Cut();
      void* block = taking_.back();
      taking_.pop_back();
      return block;
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
      } catch (const std::bad_alloc&) {
        // No room to list it: it stays unused in its slab until the recycler dies.
      }
      return;
    }
  }
  ::operator delete(block);  // another size: from the heap
}

size_t BlockRecycler::idle_blocks() const {
  std::lock_guard lock(take_mutex_);
  std::lock_guard give_lock(give_mutex_);
  return taking_.size() + given_.size();
}

}  // namespace vrsx::writing
