// Recycles the heap buffers of the writer's large records. A capture hands over records of the
// same few sizes again and again; memory taken fresh from the OS costs a page fault per 4 KiB,
// which for lz4 frames is a tenth of the writer's time (bench/README.md). Large buffers are cut
// from an arena the kernel may back with 2 MiB pages (transparent huge pages, where enabled):
// one fault per 2 MiB instead of 512.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>

namespace vrsx::writing {

class RecordBufferPool {
 public:
  // Owned by whoever took it, until given back; the pool must outlive it.
  struct Buffer {
    uint8_t* bytes = nullptr;
    size_t capacity = 0;
  };

  // Keeps at most `max_idle_bytes` of buffers that nobody uses; reserves `arena_bytes` of
  // address space (not memory) for large buffers, 0 for none.
  RecordBufferPool(size_t max_idle_bytes, size_t arena_bytes);
  ~RecordBufferPool();
  RecordBufferPool(const RecordBufferPool&) = delete;
  RecordBufferPool& operator=(const RecordBufferPool&) = delete;

  // The capacity a new buffer for `size` bytes gets: `size` rounded up to 1/8 of its power of
  // two, so that records of about the same size share buffers.
  static size_t SizeClass(size_t size);

  // A buffer of `size` bytes at least and `max_capacity` at most: an idle one if one fits, else
  // a new one of SizeClass(size) (or `max_capacity`, if smaller). Throws std::bad_alloc.
  Buffer Take(size_t size, size_t max_capacity);
  // Gives back a buffer: kept for a later Take while the idle bytes stay under the limit.
  void Give(Buffer buffer);

  // Changes the limit on idle bytes, freeing idle buffers above it.
  void SetMaxIdleBytes(size_t max_idle_bytes);

  size_t idle_bytes() const;
  // Bytes of the arena handed out so far (its high-water mark), for tests.
  size_t arena_used() const;

 private:
  bool InArena(const uint8_t* bytes) const;
  // Frees a buffer nobody holds, or gives an arena buffer's memory back to the OS and keeps
  // its address range for a later Take.
  void Release(Buffer buffer);

  mutable std::mutex mutex_;
  size_t max_idle_bytes_;
  size_t idle_bytes_ = 0;
  std::multimap<size_t, uint8_t*> idle_;  // by capacity, with memory behind them
  // Arena ranges whose memory went back to the OS, by capacity: reused before the arena grows.
  std::multimap<size_t, uint8_t*> unbacked_;
  uint8_t* arena_ = nullptr;
  size_t arena_size_ = 0;
  size_t arena_used_ = 0;
};

}  // namespace vrsx::writing
