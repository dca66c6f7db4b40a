#include "writer/compression_pool.h"

#include <utility>

namespace vrsx::writing {

CompressionPool::CompressionPool(unsigned threads, Work work) : work_(std::move(work)) {
  if (threads == 0) threads = 1;
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

CompressionPool::~CompressionPool() {
  Stop();
}

void CompressionPool::Submit(std::shared_ptr<writing::QueuedRecord> record) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(record));
  }
  cv_.notify_one();
}

void CompressionPool::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void CompressionPool::Run() {
  compression::Compressor compressor;
  while (true) {
    std::shared_ptr<writing::QueuedRecord> record;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      record = std::move(jobs_.front());
      jobs_.pop_front();
    }
    if (record->TryClaim()) {
      work_(*record, compressor);
      record->MarkReady();
    }
  }
}

}  // namespace vrsx::writing
