// Recycles the memory of the writer's QueuedRecord objects (each with its shared_ptr control
// block, through allocate_shared). A capture hands over up to millions of small records a
// second; a fresh heap block for each cost a malloc on the producer, a free on the writing thread,
// and page faults whenever glibc had given the freed heap back to the OS: a tenth of the CPU of
// writing 1M IMU samples (bench/README.md). Blocks are kept for reuse, never freed before the
// recycler dies: their number is bounded by the records the queue's cap lets live at once.
// Producers take blocks from one list and the writing thread gives them back to another, each
// under its own lock, the lists swapping when the first runs dry: with one lock, its cache line
// went from core to core twice per record. New blocks are cut from 4 MiB slabs on huge pages, a
// cache line apart: a malloc and a page fault every few blocks were a sixth of the producer's
// time, and neighbours in one line made the producer and the writing thread fight over it.
#pragma once

#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

namespace vrsx::writing {

class BlockRecycler {
 public:
  BlockRecycler() = default;
  ~BlockRecycler();
  BlockRecycler(const BlockRecycler&) = delete;
  BlockRecycler& operator=(const BlockRecycler&) = delete;

  // A block of `bytes` (always the same size for one recycler; another size goes to the heap).
  // Throws std::bad_alloc.
  void* Take(size_t bytes);
  void Give(void* block, size_t bytes) noexcept;

  size_t idle_blocks() const;

 private:
  // A new block from the current slab, or a new slab, rounded up to a cache line (under
  // take_mutex_).
  void* Cut();

  mutable std::mutex take_mutex_;  // taken before give_mutex_ when both are
  std::vector<void*> taking_;      // blocks to take
  size_t block_bytes_ = 0;         // fixed by the first Take (under take_mutex_)
  std::vector<void*> slabs_;       // every block of block_bytes_ is in one, until the end
  size_t slab_used_ = 0;           // bytes of the last slab cut
  mutable std::mutex give_mutex_;
  std::vector<void*> given_;  // blocks given back, taken once `taking_` is empty
  size_t given_bytes_ = 0;    // block_bytes_ as Give sees it (under give_mutex_)
};

// An allocator for std::allocate_shared that takes single objects from a BlockRecycler.
template <class T>
struct RecyclingAllocator {
  using value_type = T;
  BlockRecycler* recycler;

  explicit RecyclingAllocator(BlockRecycler& r) : recycler(&r) {}
  template <class U>
  RecyclingAllocator(const RecyclingAllocator<U>& other) : recycler(other.recycler) {}

  T* allocate(size_t n) {
    if (n != 1) return static_cast<T*>(::operator new(n * sizeof(T)));
    return static_cast<T*>(recycler->Take(sizeof(T)));
  }
  void deallocate(T* p, size_t n) noexcept {
    if (n != 1) return ::operator delete(p);
    recycler->Give(p, sizeof(T));
  }
  template <class U>
  bool operator==(const RecyclingAllocator<U>& other) const {
    return recycler == other.recycler;
  }
};

}  // namespace vrsx::writing
