#include "writer/record_buffer_pool.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <new>
#include <vector>

#include "io/huge_pages.h"

namespace vrsx::writing {

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kHugePage = size_t(2) << 20;
// Smaller buffers come from the heap: they are a few pages, and many.
constexpr size_t kArenaMinCapacity = size_t(64) << 10;

// The first entry of `ranges` of capacity in [size, max_capacity], removed; nullptr if none.
uint8_t* TakeFitting(std::multimap<size_t, uint8_t*>& ranges, size_t size, size_t max_capacity,
                     size_t& capacity) {
  auto found = ranges.lower_bound(size);
  if (found == ranges.end() || found->first > max_capacity) return nullptr;
  uint8_t* bytes = found->second;
  capacity = found->first;
  ranges.erase(found);
  return bytes;
}

}  // namespace

size_t RecordBufferPool::SizeClass(size_t size) {
  if (size <= kPage) return size;
  size_t step = std::bit_floor(size) / 8;
  if (step < kPage) step = kPage;
  return (size + step - 1) / step * step;
}

RecordBufferPool::RecordBufferPool(size_t max_idle_bytes, size_t arena_bytes)
    : max_idle_bytes_(max_idle_bytes) {
  if (arena_bytes == 0) return;
  arena_bytes = (arena_bytes + kHugePage - 1) / kHugePage * kHugePage;
  // One huge page more, to start on a 2 MiB boundary. Address space only: memory is taken page
  // by page as buffers are first written.
  void* mapped = mmap(nullptr, arena_bytes + kHugePage, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) return;  // the heap serves every buffer
  auto start = reinterpret_cast<uintptr_t>(mapped);
  uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(mapped, aligned - start);
  size_t tail = kHugePage - (aligned - start);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + arena_bytes), tail);
  arena_ = reinterpret_cast<uint8_t*>(aligned);
  arena_size_ = arena_bytes;
  io::AdviseHugePages(arena_, arena_size_);
}

RecordBufferPool::~RecordBufferPool() {
  for (const auto& [capacity, bytes] : idle_) {
    if (!InArena(bytes)) ::operator delete[](bytes);
  }
  if (arena_ != nullptr) munmap(arena_, arena_size_);
}

bool RecordBufferPool::InArena(const uint8_t* bytes) const {
  return arena_ != nullptr && bytes >= arena_ && bytes < arena_ + arena_size_;
}

RecordBufferPool::Buffer RecordBufferPool::Take(size_t size, size_t max_capacity) {
  // Never above `max_capacity`: a record's buffer must stay within what it was charged.
  size_t capacity = std::max(size, std::min(SizeClass(size), max_capacity));
  {
    std::lock_guard lock(mutex_);
    size_t found_capacity = 0;
    if (uint8_t* bytes = TakeFitting(idle_, size, max_capacity, found_capacity)) {
      idle_bytes_ -= found_capacity;
      return {bytes, found_capacity};
    }
    if (capacity >= kArenaMinCapacity && arena_ != nullptr) {
      if (uint8_t* bytes = TakeFitting(unbacked_, size, max_capacity, found_capacity)) {
        return {bytes, found_capacity};
      }
      size_t aligned = (capacity + kPage - 1) / kPage * kPage;
      if (aligned <= max_capacity && arena_size_ - arena_used_ >= aligned) {
        uint8_t* bytes = arena_ + arena_used_;
        arena_used_ += aligned;
        return {bytes, aligned};
      }
    }
  }
  return {static_cast<uint8_t*>(::operator new[](capacity)), capacity};
}

void RecordBufferPool::Give(Buffer buffer) {
  if (buffer.bytes == nullptr) return;
  {
    std::lock_guard lock(mutex_);
    if (idle_bytes_ + buffer.capacity <= max_idle_bytes_) {
      idle_bytes_ += buffer.capacity;
      idle_.emplace(buffer.capacity, buffer.bytes);
      return;
    }
  }
  Release(buffer);
}

void RecordBufferPool::Release(Buffer buffer) {
  if (!InArena(buffer.bytes)) {
    ::operator delete[](buffer.bytes);
    return;
  }
  // The range stays ours; its pages go back to the OS (and come back zeroed when written).
  madvise(buffer.bytes, buffer.capacity, MADV_DONTNEED);
  std::lock_guard lock(mutex_);
  unbacked_.emplace(buffer.capacity, buffer.bytes);
}

void RecordBufferPool::SetMaxIdleBytes(size_t max_idle_bytes) {
  std::vector<Buffer> released;
  {
    std::lock_guard lock(mutex_);
    max_idle_bytes_ = max_idle_bytes;
    while (idle_bytes_ > max_idle_bytes_) {
      auto largest = std::prev(idle_.end());
      idle_bytes_ -= largest->first;
      released.push_back({largest->second, largest->first});
      idle_.erase(largest);
    }
  }
  for (const Buffer& buffer : released) Release(buffer);
}

size_t RecordBufferPool::idle_bytes() const {
  std::lock_guard lock(mutex_);
  return idle_bytes_;
}

size_t RecordBufferPool::arena_used() const {
  std::lock_guard lock(mutex_);
  return arena_used_;
}

}  // namespace vrsx::writing
