#include "io/run_buffer_pool.h"

#include <algorithm>

namespace vrsx::io {

RunBufferPool::RunBufferPool(size_t max_idle_bytes) : idle_(std::make_shared<Idle>()) {
  idle_->max_bytes = max_idle_bytes;
}

std::shared_ptr<RunBuffer> RunBufferPool::Take(size_t size) {
  std::unique_ptr<RunBuffer> buffer;
  {
    std::lock_guard lock(idle_->mutex);
    auto& buffers = idle_->buffers;
    // The smallest idle buffer that is large enough.
    auto best = buffers.end();
    for (auto it = buffers.begin(); it != buffers.end(); ++it) {
      if ((*it)->capacity >= size && (best == buffers.end() || (*it)->capacity < (*best)->capacity))
        best = it;
    }
    if (best != buffers.end()) {
      buffer = std::move(*best);
      buffers.erase(best);
      idle_->bytes -= buffer->capacity;
    }
  }
  if (!buffer) {
    buffer = std::make_unique<RunBuffer>();
    buffer->bytes.reset(new uint8_t[std::max<size_t>(size, 1)]);
    buffer->capacity = size;
  }
  std::weak_ptr<Idle> idle = idle_;
  return std::shared_ptr<RunBuffer>(buffer.release(),
                                    [idle](RunBuffer* done) { GiveBack(idle, done); });
}

void RunBufferPool::GiveBack(const std::weak_ptr<Idle>& idle, RunBuffer* buffer) {
  std::unique_ptr<RunBuffer> owned(buffer);
  std::shared_ptr<Idle> pool = idle.lock();
  if (!pool) return;
  std::lock_guard lock(pool->mutex);
  // Past the bound, the smallest buffers go first: runs only grow while reading on.
  pool->buffers.push_back(std::move(owned));
  pool->bytes += buffer->capacity;
  std::sort(pool->buffers.begin(), pool->buffers.end(),
            [](const auto& a, const auto& b) { return a->capacity > b->capacity; });
  while (pool->bytes > pool->max_bytes && !pool->buffers.empty()) {
    pool->bytes -= pool->buffers.back()->capacity;
    pool->buffers.pop_back();
  }
}

}  // namespace vrsx::io
