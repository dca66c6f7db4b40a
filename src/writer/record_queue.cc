#include "writer/record_queue.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "io/huge_pages.h"

namespace vrsx::writing {
namespace {

// Queued bytes at which a batch is written without waiting for a flush: half the cap, and at
// most 32 MiB, so that records are written while their memory is still in the CPU's caches and
// goes back to the producers soon (batches of half a 256 MiB cap made writing 1M IMU samples
// 7% slower: bench/README.md).
size_t PressureBytes(size_t max_bytes) {
  return std::min(max_bytes / 2, size_t(32) << 20);
}

}  // namespace

RecordQueue::RecordQueue(const Options& options)
    : options_(options), next_auto_flush_(Clock::now()) {
  if (options_.auto_flush_interval > 0) {
    next_auto_flush_ += std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(options_.auto_flush_interval));
  }
}

Status RecordQueue::Admit(size_t bytes, size_t payload_bytes, bool user_record) {
  std::unique_lock lock(mutex_);
  auto refused = [&]() -> Status {
    if (!error_.ok()) return error_;
    if (closed_) return {ErrorCode::kInvalidArgument, "the writer is closed"};
    return Status::Ok();
  };
  if (Status status = refused(); !status.ok()) return status;
  auto drop = [&](std::string why) -> Status {
    ++counters_.records_dropped;
    counters_.bytes_dropped += payload_bytes;
    return {ErrorCode::kTooLarge, "record dropped: " + why};
  };
  // The writer's own records (tags) are small and rare, and must not be lost: never held back.
  if (user_record) {
    const bool oversized = bytes > options_.max_bytes;
    if (oversized && options_.policy == QueueFullPolicy::kDrop) {
      return drop("its " + std::to_string(bytes) + " bytes exceed the queue's cap of " +
                  std::to_string(options_.max_bytes));
    }
    // kBlock loses no record: one larger than the cap waits for the queue to empty and is then
    // queued alone, memory peaking at its size. Other records wait behind it, or a steady flow
    // of them could keep the queue from ever emptying.
    auto no_room = [&] {
      if (oversized) return counters_.queued_bytes > 0;
      return counters_.queued_bytes + bytes > options_.max_bytes || oversized_waiting_ > 0;
    };
    if (no_room()) {
      if (options_.policy == QueueFullPolicy::kDrop) {
        return drop("the queue is full (" + std::to_string(counters_.queued_bytes) + " of " +
                    std::to_string(options_.max_bytes) + " bytes)");
      }
      if (oversized) ++oversized_waiting_;
      Status status;
      while (status.ok() && no_room()) {
        // Each time: others may have filled the room freed since the last batch was taken.
        pressure_ = true;
        work_cv_.notify_one();
        ++waiting_producers_;
        room_cv_.wait(lock);
        --waiting_producers_;
        status = refused();
      }
      if (oversized) --oversized_waiting_;
      if (!status.ok()) return status;
    }
  }
  counters_.queued_bytes += bytes;
  counters_.peak_queued_bytes = std::max(counters_.peak_queued_bytes, counters_.queued_bytes);
  return Status::Ok();
}

void RecordQueue::Release(size_t bytes) {
  std::lock_guard lock(mutex_);
  counters_.queued_bytes -= std::min<uint64_t>(bytes, counters_.queued_bytes);
  if (waiting_producers_ > 0) room_cv_.notify_all();
}

size_t RecordQueue::queued_bytes() const {
  std::lock_guard lock(mutex_);
  return size_t(counters_.queued_bytes);
}

bool RecordQueue::Push(std::shared_ptr<QueuedRecord> record) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  record->sequence = next_sequence_++;
  if (record->user_record) {
    ++counters_.records_queued;
    counters_.bytes_queued += record->payload_size;
    newest_timestamp_ = std::max(newest_timestamp_, record->timestamp);
  }
  pending_bytes_ += record->charged;
  if (pending_.size() == pending_.capacity()) {
    // Doubled on huge pages mapped up front: the hand-over list of a million small records is
    // tens of MiB, which a page fault at a time cost a tenth of the writer's time.
    std::vector<Pending> larger;
    io::ReserveToFill(larger, std::max<size_t>(2 * pending_.capacity(), 1024));
    std::move(pending_.begin(), pending_.end(), std::back_inserter(larger));
    pending_.swap(larger);
  }
  pending_.push_back({record->timestamp, record->stream, record->sequence, std::move(record)});
  // A producer waiting for room needs this record written too: admitted before the last batch
  // was taken but handed over after it, it would otherwise wait for the next flush, or forever
  // without auto-flush.
  if ((pending_bytes_ >= PressureBytes(options_.max_bytes) || waiting_producers_ > 0) &&
      !pressure_) {
    pressure_ = true;
    work_cv_.notify_one();
  }
  return true;
}

uint64_t RecordQueue::RequestFlush(double t) {
  std::lock_guard lock(mutex_);
  requested_time_ = std::max(requested_time_, t);
  ++requested_ticket_;
  work_cv_.notify_one();
  return requested_ticket_;
}

void RecordQueue::WaitFlushed(uint64_t ticket) {
  std::unique_lock lock(mutex_);
  flush_cv_.wait(lock, [&] { return done_ticket_ >= ticket || stopped_; });
}

bool RecordQueue::TakeDue(std::vector<Pending>& due, uint64_t& ticket, Clock::time_point now) {
  bool requested = requested_ticket_ > taken_ticket_;
  bool auto_due = options_.auto_flush_interval > 0 && now >= next_auto_flush_;
  if (!closed_ && !pressure_ && !requested && !auto_due) return false;

  constexpr double kAll = std::numeric_limits<double>::infinity();
  double limit = -kAll;
  if (closed_ || pressure_) limit = kAll;
  if (requested) limit = std::max(limit, requested_time_);
  if (auto_due) {
    limit = std::max(limit, options_.auto_flush_delay > 0
                                ? newest_timestamp_ - options_.auto_flush_delay
                                : kAll);
    next_auto_flush_ = now + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(options_.auto_flush_interval));
  }
  due.clear();
  if (limit == kAll) {
    due.swap(pending_);
    pending_bytes_ = 0;
  } else {
    auto first_due = std::stable_partition(pending_.begin(), pending_.end(), [&](const Pending& p) {
      return !(p.timestamp <= limit);
    });
    due.assign(std::make_move_iterator(first_due), std::make_move_iterator(pending_.end()));
    pending_.erase(first_due, pending_.end());
    for (const Pending& p : due) pending_bytes_ -= p.record->charged;
  }
  ticket = requested_ticket_;
  taken_ticket_ = requested_ticket_;
  requested_time_ = -kAll;
  pressure_ = false;
  return true;
}

bool RecordQueue::NextBatch(Batch& batch) {
  // The last batch's array, empty: swapped for the pending one, so neither regrows from nothing.
  std::vector<Pending> due = std::move(spare_due_);
  {
    std::unique_lock lock(mutex_);
    while (true) {
      if (closed_ && pending_.empty() && requested_ticket_ == taken_ticket_) return false;
      if (TakeDue(due, batch.ticket, Clock::now())) break;
      if (options_.auto_flush_interval > 0) {
        work_cv_.wait_until(lock, next_auto_flush_);
      } else {
        work_cv_.wait(lock);
      }
    }
  }
  // Sorted without the lock: producers never wait for it. Write order (spec 01 §9.1):
  // timestamp, stream, hand-over order. Producers mostly hand records in time order already.
  auto before = [](const Pending& a, const Pending& b) {
    if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
    if (a.stream != b.stream) return a.stream < b.stream;
    return a.sequence < b.sequence;
  };
  if (!std::is_sorted(due.begin(), due.end(), before)) std::sort(due.begin(), due.end(), before);
  batch.records.clear();
  batch.records.reserve(due.size());
  for (Pending& p : due) batch.records.push_back(std::move(p.record));
  due.clear();
  spare_due_ = std::move(due);
  return true;
}

void RecordQueue::BatchDone(const Batch& batch) {
  std::lock_guard lock(mutex_);
  done_ticket_ = std::max(done_ticket_, batch.ticket);
  flush_cv_.notify_all();
}

void RecordQueue::Fail(const Status& error) {
  std::lock_guard lock(mutex_);
  if (error_.ok()) error_ = error;
  room_cv_.notify_all();
}

Status RecordQueue::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void RecordQueue::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  work_cv_.notify_all();
  room_cv_.notify_all();
}

void RecordQueue::Stopped() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  flush_cv_.notify_all();
}

WriterStats RecordQueue::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace vrsx::writing
