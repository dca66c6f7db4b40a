#include "format/record_buffer_pool.h"

#include <algorithm>
#include <bit>

namespace vrsx::format {

size_t RecordBufferPool::SizeClass(size_t size) {
  constexpr size_t kPage = 4096;
  if (size <= kPage) return size;
  size_t step = std::bit_floor(size) / 8;
  if (step < kPage) step = kPage;
  return (size + step - 1) / step * step;
}

RecordBufferPool::Buffer RecordBufferPool::Take(size_t size, size_t max_capacity) {
  {
    std::lock_guard lock(mutex_);
    auto found = idle_.lower_bound(size);
    if (found != idle_.end() && found->first <= max_capacity) {
      Buffer buffer{std::move(found->second), found->first};
      idle_.erase(found);
      idle_bytes_ -= buffer.capacity;
      return buffer;
    }
  }
  // Never above `max_capacity`: a record's buffer must stay within what it was charged.
  size_t capacity = std::max(size, std::min(SizeClass(size), max_capacity));
  return {std::make_unique_for_overwrite<uint8_t[]>(capacity), capacity};
}

void RecordBufferPool::Give(Buffer buffer) {
  if (buffer.bytes == nullptr) return;
  std::unique_lock lock(mutex_);
  if (idle_bytes_ + buffer.capacity > max_idle_bytes_) {
    lock.unlock();  // freed outside the lock
    return;
  }
  idle_bytes_ += buffer.capacity;
  idle_.emplace(buffer.capacity, std::move(buffer.bytes));
}

void RecordBufferPool::SetMaxIdleBytes(size_t max_idle_bytes) {
  std::vector<std::unique_ptr<uint8_t[]>> freed;  // freed outside the lock
  std::lock_guard lock(mutex_);
  max_idle_bytes_ = max_idle_bytes;
  while (idle_bytes_ > max_idle_bytes_) {
    auto largest = std::prev(idle_.end());
    idle_bytes_ -= largest->first;
    freed.push_back(std::move(largest->second));
    idle_.erase(largest);
  }
}

size_t RecordBufferPool::idle_bytes() const {
  std::lock_guard lock(mutex_);
  return idle_bytes_;
}

}  // namespace vrsx::format
