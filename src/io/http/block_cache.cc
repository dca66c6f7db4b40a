#include "io/http/block_cache.h"

namespace vrsx::io {

Block BlockCache::Find(uint64_t key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  ages_.splice(ages_.begin(), ages_, it->second.age);
  return it->second.block;
}

void BlockCache::Insert(uint64_t key, Block block) {
  std::lock_guard lock(mutex_);
  if (entries_.count(key) != 0) return;
  bytes_ += block.size;
  ages_.push_front(key);
  entries_[key] = {std::move(block), ages_.begin()};
  // The newest block always stays, even when it alone is larger than the capacity.
  while (bytes_ > capacity_ && ages_.size() > 1) {
    auto oldest = entries_.find(ages_.back());
    bytes_ -= oldest->second.block.size;
    entries_.erase(oldest);
    ages_.pop_back();
  }
}

}  // namespace vrsx::io
