#include "writer/compression_pool.h"

#include <utility>

namespace vrsx::writing {
namespace {

// Jobs at least this large wake a sleeping thread at once.
constexpr size_t kWakeForBytes = 16 * 1024;

}  // namespace

CompressionPool::CompressionPool(unsigned threads, Work work) : work_(std::move(work)) {
  if (threads == 0) threads = 1;
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

CompressionPool::~CompressionPool() {
  Stop();
}

void CompressionPool::Submit(std::shared_ptr<writing::QueuedRecord> record) {
  // Waking a sleeping thread is a system call on the producer, as long as compressing a few KiB:
  // a small job is left for a busy thread to take when it is done, unless every busy thread
  // already has one waiting.
  const bool large = record->payload_size >= kWakeForBytes;
  bool wake;
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(record));
    wake = large || jobs_.size() > busy_;
  }
  if (wake) cv_.notify_one();
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
    const bool was_busy = record != nullptr;
    record.reset();  // outside the lock: the last reference frees the record
    {
      std::unique_lock lock(mutex_);
      if (was_busy) --busy_;
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      record = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
    }
    if (record->TryClaim()) {
      work_(*record, compressor);
      record->MarkReady();
    }
  }
}

}  // namespace vrsx::writing
