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

// Indices into `positions` of the records worth reading ahead on other threads.
std::vector<size_t> LargeRecords(const Reader& reader, const std::vector<size_t>& positions) {
  std::vector<size_t> large;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (reader.index()[positions[i]].disk_size >= kMinParallelRecordBytes) large.push_back(i);
  }
  return large;
}

// Slot j % kSlots holds the j-th large record once read, until consumed.
struct Slot {
  bool ready = false;
  Status status;
  RecordDetails details;
  std::vector<uint8_t> payload;
};

// Large records are read up to kSlots ahead of the consumer by workers, and by the consumer
// itself instead of waiting for them: one worker per other core, so that no core idles and
// none runs two threads. Small ones, between them, by the consumer, in the loop (camera frames
// among IMU samples and audio blocks).
class ReadAheadPool {
 public:
  ReadAheadPool(const Reader& reader, const std::vector<size_t>& positions,
                std::vector<size_t> large)
      : reader_(reader), positions_(positions), large_(std::move(large)) {}

  bool has_large_records() const { return !large_.empty(); }

  // Workers: claim the next large record once its slot is free, read it into the slot.
  void Work() {
    while (true) {
      size_t j;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(
            lock, [&] { return stop_ || next_ >= large_.size() || next_ < consumed_ + kSlots; });
        if (stop_ || next_ >= large_.size()) return;
        j = next_++;
      }
      ReadInto(j);
    }
  }

  // Reads the j-th large record into its slot, claimed by this thread, and marks it ready.
  void ReadInto(size_t j) {
    Slot& slot = slots_[j % kSlots];
    slot.status = reader_.ReadRecord(positions_[large_[j]], slot.payload, &slot.details);
    std::lock_guard lock(mutex_);
    slot.ready = true;
    changed_.notify_all();
  }

  // The calling thread: records in order, as they become ready.
  OrderedReadResult Consume(const OrderedRecordConsumer& consume,
                            const OrderedReadProgress& progress) {
    OrderedReadResult result;
    std::vector<uint8_t> payload;
    RecordDetails details;
    size_t j = 0;  // the next large record
    for (size_t i = 0; i < positions_.size(); ++i) {
      if (progress) progress(i, positions_.size());
      if (j >= large_.size() || large_[j] != i) {
        result.status = reader_.ReadRecord(positions_[i], payload, &details);
        if (!result.status.ok()) break;
        consume(positions_[i], details, payload);
        ++result.consumed;
        continue;
      }
      Slot& slot = slots_[j % kSlots];
      {
        // Rather than wait for a worker, read the next unclaimed record (this one, or one
        // ahead) on this thread.
        std::unique_lock lock(mutex_);
        while (!slot.ready) {
          if (next_ < large_.size() && next_ < consumed_ + kSlots) {
            size_t k = next_++;
            lock.unlock();
            ReadInto(k);
            lock.lock();
          } else {
            changed_.wait(lock);
          }
        }
      }
      if (!slot.status.ok()) {
        result.status = slot.status;
        break;
      }
      consume(positions_[i], slot.details, slot.payload);
      ++result.consumed;
      ++j;
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
  const std::vector<size_t> large_;
  std::mutex mutex_;
  std::condition_variable changed_;
  Slot slots_[kSlots];
  size_t next_ = 0;      // the next large record to claim (by a worker or the consumer)
  size_t consumed_ = 0;  // large records consumed: slots before it are free
  bool stop_ = false;
};

}  // namespace

OrderedReadResult ReadInOrder(const Reader& reader, const std::vector<size_t>& positions,
                              const OrderedRecordConsumer& consume,
                              const OrderedReadProgress& progress) {
  std::vector<size_t> large;
  if (std::thread::hardware_concurrency() >= 2) large = LargeRecords(reader, positions);
  // Too few large records to be worth threads: all of them read in the loop.
  if (large.size() < 2 * kSlots) large.clear();
  ReadAheadPool pool(reader, positions, std::move(large));
  std::vector<std::thread> workers;
  if (pool.has_large_records()) {
    // The calling thread reads too: one worker per other core.
    const unsigned count = std::min(4u, std::thread::hardware_concurrency()) - 1;
    try {
      for (unsigned i = 0; i < count; ++i) workers.emplace_back([&pool] { pool.Work(); });
    } catch (const std::system_error&) {
      // Fewer workers: the calling thread reads what they don't.
    }
  }
  OrderedReadResult result = pool.Consume(consume, progress);
  for (std::thread& worker : workers) worker.join();
  return result;
}

}  // namespace vrsx::reading
