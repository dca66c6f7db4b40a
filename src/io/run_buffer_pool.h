// Buffers for the runs a URL source fetches (io/http/), reused once the cache has let go of every
// block of a run. Sequential reads fetch megabytes a request: a fresh buffer each time costs the
// kernel faulting in and zeroing its pages, which was most of the CPU of a read over loopback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace vrsx::io {

// The bytes of one run. Not zeroed: a run is filled whole by one range request before any block
// of it is read.
struct RunBuffer {
  std::unique_ptr<uint8_t[]> bytes;
  size_t capacity = 0;
};

class RunBufferPool {
 public:
  // Keeps at most `max_idle_bytes` of idle buffers.
  explicit RunBufferPool(size_t max_idle_bytes);

  // A buffer of at least `size` bytes; it comes back to the pool when the last owner lets go
  // (the pool may be gone by then: the buffer is freed).
  std::shared_ptr<RunBuffer> Take(size_t size);

 private:
  struct Idle {
    std::mutex mutex;
    std::vector<std::unique_ptr<RunBuffer>> buffers;
    size_t bytes = 0;
    size_t max_bytes = 0;
  };
  static void GiveBack(const std::weak_ptr<Idle>& idle, RunBuffer* buffer);

  std::shared_ptr<Idle> idle_;
};

}  // namespace vrsx::io
