#include "reader/ordered_reads.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <system_error>
#include <thread>

namespace vrsx::reading {
namespace {

// Below this stored size, a record is read by the thread consuming it: a hand-over would cost
// more than the read.
constexpr uint64_t kMinParallelRecordBytes = 64 * 1024;
// Threads reading: the caller and a worker per other core, up to this many.
constexpr unsigned kMaxThreads = 4;
// Fewer large records than this are read by the calling thread alone.
constexpr size_t kMinLargeRecords = 16;

// Indices into `positions` of the records worth reading ahead on other threads.
std::vector<size_t> LargeRecords(const Reader& reader, const std::vector<size_t>& positions) {
  std::vector<size_t> large;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (reader.index()[positions[i]].disk_size >= kMinParallelRecordBytes) large.push_back(i);
  }
  return large;
}

// Slot j % slots holds the j-th large record once read, until consumed. One slot per reading
// thread: the readers are at most a record each ahead of the consumer, and the few payload
// buffers they decode into stay in their cores' caches. Eight slots (eight buffers of a 640x480
// frame, more than a core's L2 holds) cost checksum 3-10% more CPU on two cores
// (bench/README.md).
struct Slot {
  bool ready = false;
  Status status;
  RecordDetails details;
  std::vector<uint8_t> payload;
};

// Every thread (the caller and one worker per other core) runs the same loop: read the next
// unclaimed large record, up to a slot per thread ahead; or take the consumer's turn when the next
// record in order is ready, and consume records in order (reading the small ones itself) until the
// next large one isn't ready yet. A thread that has just decompressed the next record thus
// hands it to the consumer itself, while the bytes are still in its core's cache: hashing
// them on another core cost 60% more than the hash itself (bench/README.md).
class OrderedReads {
 public:
  OrderedReads(const Reader& reader, const std::vector<size_t>& positions,
               std::vector<size_t> large, unsigned threads, const OrderedRecordConsumer& consume,
               const OrderedReadProgress& progress)
      : reader_(reader),
        positions_(positions),
        large_(std::move(large)),
        consume_(consume),
        progress_(progress),
        slots_(std::max(threads, 1u)) {}

  void Run() {
    std::unique_lock lock(mutex_);
    while (!finished_) {
      if (!consuming_ && NextIsReady()) {
        consuming_ = true;
        lock.unlock();
        bool more = ConsumeWhileReady();
        lock.lock();
        consuming_ = false;
        if (!more) finished_ = true;
        changed_.notify_all();
      } else if (next_read_ < large_.size() && next_read_ < large_consumed_ + slots_.size()) {
        size_t j = next_read_++;
        lock.unlock();
        ReadInto(j);
        lock.lock();
        slots_[j % slots_.size()].ready = true;
        changed_.notify_all();
      } else {
        changed_.wait(lock);
      }
    }
  }

  OrderedReadResult result() {
    if (exception_) std::rethrow_exception(exception_);
    return result_;
  }

 private:
  // Under the lock: the next record to consume is small, or large and read.
  bool NextIsReady() const {
    if (next_consume_ >= positions_.size()) return true;  // the turn that ends the walk
    if (large_consumed_ >= large_.size() || large_[large_consumed_] != next_consume_) return true;
    return slots_[large_consumed_ % slots_.size()].ready;
  }

  // On a worker, where an exception would end the process: out of memory is the record's error.
  void ReadInto(size_t j) {
    Slot& slot = slots_[j % slots_.size()];
    try {
      slot.status = reader_.ReadRecord(positions_[large_[j]], slot.payload, &slot.details);
    } catch (const std::bad_alloc&) {
      slot.status = {ErrorCode::kTooLarge,
                     "out of memory reading record #" + std::to_string(positions_[large_[j]])};
    }
  }

  // The consumer's turn, held by this thread: consumes in order until the next large record
  // isn't read yet (true) or the walk is over (false).
  bool ConsumeWhileReady() {
    try {
      while (next_consume_ < positions_.size()) {
        size_t i = next_consume_;
        bool large = large_consumed_ < large_.size() && large_[large_consumed_] == i;
        Slot& slot = slots_[large_consumed_ % slots_.size()];
        if (large) {
          std::lock_guard lock(mutex_);
          if (!slot.ready) return true;
        }
        if (progress_) progress_(i, positions_.size());
        if (!large) {
          result_.status = reader_.ReadRecord(positions_[i], payload_, &details_);
          if (!result_.status.ok()) return false;
          consume_(positions_[i], details_, payload_);
        } else {
          if (!slot.status.ok()) {
            result_.status = slot.status;
            return false;
          }
          consume_(positions_[i], slot.details, slot.payload);
          std::lock_guard lock(mutex_);
          slot.ready = false;
          ++large_consumed_;
          changed_.notify_all();  // a slot is free to read into
        }
        ++result_.consumed;
        ++next_consume_;
      }
    } catch (...) {
      exception_ = std::current_exception();
    }
    return false;
  }

  const Reader& reader_;
  const std::vector<size_t>& positions_;
  const std::vector<size_t> large_;
  const OrderedRecordConsumer& consume_;
  const OrderedReadProgress& progress_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;
  size_t next_read_ = 0;       // the next large record to claim for reading
  size_t large_consumed_ = 0;  // large records consumed: slots before it are free
  bool consuming_ = false;     // a thread holds the consumer's turn
  bool finished_ = false;      // every record consumed, or the walk stopped

  // The consumer's turn's own: touched only by the thread holding it (the lock passes it on).
  size_t next_consume_ = 0;
  std::vector<uint8_t> payload_;  // small records'
  RecordDetails details_;
  OrderedReadResult result_;
  std::exception_ptr exception_;
};

}  // namespace

OrderedReadResult ReadInOrder(const Reader& reader, const std::vector<size_t>& positions,
                              const OrderedRecordConsumer& consume,
                              const OrderedReadProgress& progress) {
  const unsigned cores = std::thread::hardware_concurrency();
  std::vector<size_t> large;
  if (cores >= 2) large = LargeRecords(reader, positions);
  // Too few large records to be worth threads: all of them read in the loop.
  if (large.size() < kMinLargeRecords) large.clear();
  // The calling thread reads too: one worker per other core.
  const unsigned threads = large.empty() ? 1 : std::min(kMaxThreads, cores);
  OrderedReads reads(reader, positions, std::move(large), threads, consume, progress);
  std::vector<std::thread> workers;
  try {
    for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&reads] { reads.Run(); });
  } catch (const std::system_error&) {
    // Fewer workers: the calling thread reads what they don't.
  }
  reads.Run();
  for (std::thread& worker : workers) worker.join();
  return reads.result();
}

}  // namespace vrsx::reading
