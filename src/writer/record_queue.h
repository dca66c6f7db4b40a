// The writer's queue: records handed over and not yet written, the memory cap on them, and when
// the background thread takes a batch of them (spec 01 §9.1).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "format/file_header.h"
#include "format/record_header.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/writer.h"
#include "writer/record_buffer_pool.h"

namespace vrsx::writing {

// One record on its way to the file. `buffer` holds the record header (filled in when the
// record's place in the file is known) then the payload, raw or compressed: one write puts it
// on disk whole.
struct QueuedRecord {
  enum State : uint8_t { kWaiting = 0, kClaimed = 1, kReady = 2 };

  double timestamp = 0;
  StreamId stream;
  RecordType type = RecordType::kUndefined;
  uint32_t format_version = 0;
  CompressionPreset preset = CompressionPreset::kNone;
  bool user_record = true;  // false for the writer's own tags records (not in the stats)
  uint64_t sequence = 0;    // hand-over order, set by RecordQueue::Push

  // Header + stored payload: inside this object for a small record (one allocation per record,
  // the case of IMU-like streams), else in a buffer of the writer's RecordBufferPool.
  static constexpr size_t kInlineBytes = 256;
  uint8_t* buffer = nullptr;
  size_t buffer_size = 0;     // header + stored payload
  uint32_t payload_size = 0;  // before compression
  uint8_t compression = format::kCompressionNone;
  size_t charged = 0;  // bytes counted against the cap (fixed once pushed)
  size_t shrunk = 0;   // of which compression gave back early (set by the compressing thread)

  // kWaiting until someone claims the compression; kReady once `buffer` is final.
  std::atomic<uint8_t> state{kWaiting};

 private:
  RecordBufferPool* pool_ = nullptr;  // where `heap_` came from, and goes back
  RecordBufferPool::Buffer heap_;
  uint8_t inline_bytes_[kInlineBytes];

 public:
  QueuedRecord() = default;
  QueuedRecord(const QueuedRecord&) = delete;
  QueuedRecord& operator=(const QueuedRecord&) = delete;
  ~QueuedRecord() { Free(); }

  // What a record of `size` bytes (header included) counts against the cap once allocated.
  static size_t Charge(size_t size) {
    return sizeof(QueuedRecord) + (size <= kInlineBytes ? 0 : RecordBufferPool::SizeClass(size));
  }
  // Bytes of the pooled buffer held now.
  size_t heap_capacity() const { return heap_.capacity; }

  // The thread that wins this compresses the record; the others wait for kReady.
  bool TryClaim() {
    uint8_t expected = kWaiting;
    return state.compare_exchange_strong(expected, kClaimed, std::memory_order_acquire);
  }
  void MarkReady() {
    state.store(kReady, std::memory_order_release);
    state.notify_all();
  }
  void WaitReady() const {
    for (uint8_t s = state.load(std::memory_order_acquire); s != kReady;
         s = state.load(std::memory_order_acquire)) {
      state.wait(s, std::memory_order_acquire);
    }
  }

  // Points `buffer` at room for `size` bytes, within Charge(size) (may throw std::bad_alloc).
  // `pool` must outlive the record.
  void Allocate(size_t size, RecordBufferPool& pool) {
    pool_ = &pool;
    if (size <= kInlineBytes) {
      buffer = inline_bytes_;
    } else {
      heap_ = pool.Take(size, RecordBufferPool::SizeClass(size));
      buffer = heap_.bytes;
    }
    buffer_size = size;
  }
  // Replaces the payload with `stored` (its compressed form, shorter): in a buffer no larger
  // than the one held, which goes back to the pool (may throw std::bad_alloc, record intact).
  void ReplacePayload(std::span<const uint8_t> stored) {
    size_t size = format::kRecordHeaderSize + stored.size();
    if (size <= kInlineBytes) {
      std::memcpy(inline_bytes_ + format::kRecordHeaderSize, stored.data(), stored.size());
      buffer = inline_bytes_;
      pool_->Give(std::exchange(heap_, {}));
    } else {
      RecordBufferPool::Buffer replacement = pool_->Take(size, heap_.capacity);
      std::memcpy(replacement.bytes + format::kRecordHeaderSize, stored.data(), stored.size());
      buffer = replacement.bytes;
      pool_->Give(std::exchange(heap_, replacement));
    }
    buffer_size = size;
  }
  // Gives the buffer back to the pool (done at destruction if not before).
  void Free() {
    if (heap_.bytes != nullptr) pool_->Give(std::exchange(heap_, {}));
    buffer = nullptr;
  }

  // Payload as handed over, or compressed.
  const uint8_t* payload() const { return buffer + format::kRecordHeaderSize; }
  size_t stored_payload_size() const { return buffer_size - format::kRecordHeaderSize; }
};

class RecordQueue {
 public:
  struct Options {
    size_t max_bytes = 0;
    QueueFullPolicy policy = QueueFullPolicy::kBlock;
    double auto_flush_interval = 0;  // seconds, 0: none
    double auto_flush_delay = 0;     // timestamp seconds
  };
  explicit RecordQueue(const Options& options);

  // ---- Producers
  // Charges `bytes` against the cap before the record is built: waits for room (kBlock) or
  // refuses (kDrop, kTooLarge). Fails once the queue is closed or has failed.
  // `user_record` records count in the queued/dropped counters.
  Status Admit(size_t bytes, size_t payload_bytes, bool user_record);
  // Gives back bytes charged: a record written, shrunk by compression, or abandoned.
  void Release(size_t bytes);
  // Bytes charged now.
  size_t queued_bytes() const;
  // Queues a record whose bytes were admitted; false (record not taken, bytes still charged)
  // when the queue was closed in between.
  bool Push(std::shared_ptr<QueuedRecord> record);

  // ---- Flush requests (any thread)
  // Asks for the queued records with timestamp <= t; returns a ticket to wait on.
  uint64_t RequestFlush(double t);
  // Waits until the batch that took the request is written, or the queue stopped.
  void WaitFlushed(uint64_t ticket);

  // ---- The writing thread
  struct Batch {
    std::vector<std::shared_ptr<QueuedRecord>> records;  // in write order
    uint64_t ticket = 0;                                 // requests it serves
  };
  // Waits for a reason to write (a request, the auto-flush time, 32 MiB or half the cap queued,
  // close), then takes the records due, sorted. False when closed and nothing is left.
  bool NextBatch(Batch& batch);
  void BatchDone(const Batch& batch);

  // A write failed: producers now get `error` (sticky; the first one wins).
  void Fail(const Status& error);
  Status error() const;
  // No more records; NextBatch drains what is left, then returns false.
  void Close();
  // The writing thread is gone: flush waiters stop waiting.
  void Stopped();

  // The writer's stats that the queue keeps: queued, dropped and queue memory (the others 0).
  WriterStats counters() const;

 private:
  using Clock = std::chrono::steady_clock;

  const Options options_;
  mutable std::mutex mutex_;
  std::condition_variable room_cv_;   // producers waiting for room
  std::condition_variable work_cv_;   // the writing thread waiting for work
  std::condition_variable flush_cv_;  // flush requests waiting for their batch

  // The sort key next to the record: sorting a batch touches no record.
  struct Pending {
    double timestamp;
    StreamId stream;
    uint64_t sequence;
    std::shared_ptr<QueuedRecord> record;
  };
  std::vector<Pending> pending_;    // hand-over order
  std::vector<Pending> spare_due_;  // the writing thread's, between batches
  // Under the lock: moves the records due now to `due`; false when nothing is due.
  bool TakeDue(std::vector<Pending>& due, uint64_t& ticket, Clock::time_point now);
  size_t pending_bytes_ = 0;
  uint64_t next_sequence_ = 0;
  double newest_timestamp_ = -std::numeric_limits<double>::infinity();
  bool pressure_ = false;  // 32 MiB or half the cap is pending, or a producer waits for room

  size_t waiting_producers_ = 0;
  size_t oversized_waiting_ = 0;  // records larger than the cap waiting for an empty queue

  uint64_t requested_ticket_ = 0;
  uint64_t taken_ticket_ = 0;
  uint64_t done_ticket_ = 0;
  double requested_time_ = -std::numeric_limits<double>::infinity();
  Clock::time_point next_auto_flush_;

  bool closed_ = false;
  bool stopped_ = false;
  Status error_;
  WriterStats counters_;  // see counters()
};

}  // namespace vrsx::writing
