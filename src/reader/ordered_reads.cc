#include "reader/ordered_reads.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

namespace vrsx::reading {
namespace {

// Below this average stored size, the loop on one thread is faster than any hand-over.
constexpr uint64_t kMinParallelRecordBytes = 64 * 1024;
// Records read ahead: enough to keep every core busy, few enough to bound memory.
constexpr size_t kSlots = 8;

OrderedReadResult ReadSerially(const Reader& reader, const std::vector<size_t>& positions,
                               const OrderedRecordConsumer& consume,
                               const OrderedReadProgress& progress) {
  OrderedReadResult result;
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t pos : positions) {
    if (progress) progress(result.consumed, positions.size());
    result.status = reader.ReadRecord(pos, payload, &details);
    if (!result.status.ok()) return result;
    consume(pos, details, payload);
    ++result.consumed;
  }
  return result;
}

bool WorthThreads(const Reader& reader, const std::vector<size_t>& positions) {
  if (positions.size() < 2 * kSlots || std::thread::hardware_concurrency() < 2) return false;
  uint64_t bytes = 0;
  for (size_t pos : positions) bytes += reader.index()[pos].disk_size;
  return bytes / positions.size() >= kMinParallelRecordBytes;
}

// Slot i % kSlots holds record i of `positions` once read, until consumed.
struct Slot {
  bool ready = false;
  Status status;
  RecordDetails details;
  std::vector<uint8_t> payload;
};

class ReadAheadPool {
 public:
  ReadAheadPool(const Reader& reader, const std::vector<size_t>& positions)
      : reader_(reader), positions_(positions) {}

  // Workers: claim the next record once its slot is free, read it into the slot.
  void Work() {
    while (true) {
      size_t i;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return stop_ || next_ >= positions_.size() || next_ < consumed_ + kSlots;
        });
        if (stop_ || next_ >= positions_.size()) return;
        i = next_++;
      }
      Slot& slot = slots_[i % kSlots];
      slot.status = reader_.ReadRecord(positions_[i], slot.payload, &slot.details);
      std::lock_guard lock(mutex_);
      slot.ready = true;
      changed_.notify_all();
    }
  }

  // The calling thread: records in order, as they become ready.
  OrderedReadResult Consume(const OrderedRecordConsumer& consume,
                            const OrderedReadProgress& progress) {
    OrderedReadResult result;
    for (size_t i = 0; i < positions_.size(); ++i) {
      if (progress) progress(i, positions_.size());
      Slot& slot = slots_[i % kSlots];
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return slot.ready; });
      }
      if (!slot.status.ok()) {
        result.status = slot.status;
        break;
      }
      consume(positions_[i], slot.details, slot.payload);
      ++result.consumed;
      std::lock_guard lock(mutex_);
      slot.ready = false;
      ++consumed_;
      changed_.notify_all();
    }
    Stop();
    return result;
  }

  void Stop() {
    std::lock_guard lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }

 private:
  const Reader& reader_;
  const std::vector<size_t>& positions_;
  std::mutex mutex_;
  std::condition_variable changed_;
  Slot slots_[kSlots];
  size_t next_ = 0;      // the next record a worker claims
  size_t consumed_ = 0;  // records consumed: slots before it are free
  bool stop_ = false;
};

}  // namespace

OrderedReadResult ReadInOrder(const Reader& reader, const std::vector<size_t>& positions,
                              const OrderedRecordConsumer& consume,
                              const OrderedReadProgress& progress) {
  if (!WorthThreads(reader, positions)) return ReadSerially(reader, positions, consume, progress);
  ReadAheadPool pool(reader, positions);
  std::vector<std::thread> workers;
  const unsigned count = std::min(4u, std::thread::hardware_concurrency());
  try {
    for (unsigned i = 0; i < count; ++i) workers.emplace_back([&pool] { pool.Work(); });
  } catch (const std::system_error&) {
    if (workers.empty()) return ReadSerially(reader, positions, consume, progress);
  }
  OrderedReadResult result = pool.Consume(consume, progress);
  for (std::thread& worker : workers) worker.join();
  return result;
}

}  // namespace vrsx::reading
