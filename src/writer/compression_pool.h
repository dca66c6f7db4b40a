// Threads that compress queued records as soon as they are handed over, each with its own
// compression::Compressor, so that a batch is usually compressed by the time it is written.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "compression/compressor.h"
#include "writer/record_queue.h"

namespace vrsx::writing {

class CompressionPool {
 public:
  // `work` compresses one claimed record; it runs on the pool's threads.
  using Work = std::function<void(writing::QueuedRecord&, compression::Compressor&)>;
  CompressionPool(unsigned threads, Work work);
  ~CompressionPool();
  CompressionPool(const CompressionPool&) = delete;
  CompressionPool& operator=(const CompressionPool&) = delete;

  // Queues a record in state kWaiting. Whoever claims it first (a pool thread, or the writing
  // thread when it needs the record now) compresses it and marks it ready.
  void Submit(std::shared_ptr<writing::QueuedRecord> record);
  // Finishes the jobs still queued (those already claimed elsewhere are skipped) and joins.
  void Stop();

 private:
  void Run();

  Work work_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<writing::QueuedRecord>> jobs_;
  bool stopping_ = false;
  size_t busy_ = 0;  // threads working on a job
  std::vector<std::thread> threads_;
};

}  // namespace vrsx::writing
