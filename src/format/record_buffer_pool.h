// Recycles the heap buffers of the writer's large records. A capture hands over records of the
// same few sizes again and again; memory taken fresh from the OS costs a page fault per 4 KiB,
// which for lz4 frames is a tenth of the writer's time (bench/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace vrsx::format {

class RecordBufferPool {
 public:
  struct Buffer {
    std::unique_ptr<uint8_t[]> bytes;
    size_t capacity = 0;
  };

  // Keeps at most `max_idle_bytes` of buffers that nobody uses.
  explicit RecordBufferPool(size_t max_idle_bytes) : max_idle_bytes_(max_idle_bytes) {}

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

 private:
  size_t max_idle_bytes_;
  mutable std::mutex mutex_;
  std::multimap<size_t, std::unique_ptr<uint8_t[]>> idle_;  // by capacity
  size_t idle_bytes_ = 0;
};

}  // namespace vrsx::format
