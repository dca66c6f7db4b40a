// What one record read needs of its own: a read-ahead window, a decompressor and a buffer for the
// stored bytes. A Reader lends them out, so that reads from several threads each use their own,
// and keeps a few idle ones, so that a thread reading in order gets its window back.
//
// Each thread also keeps the last context it gave back in a thread-local slot, taken back without
// a lock or atomic operation: on 64-byte records, a mutex (or even one atomic exchange) per read
// cost a fifth of the read. A slot whose Reader is gone is recycled by that thread's next read of
// any Reader, or freed when the thread ends; until then it holds at most one read-ahead window.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "compression/decompressor.h"
#include "format/chunked_file.h"
#include "reader/read_ahead.h"

namespace vrsx::reading {

struct ReadContext {
  explicit ReadContext(const format::ChunkedFile& file) : read_ahead(file) {}
  compression::Decompressor decompressor;
  ReadAhead read_ahead;
  std::vector<uint8_t> stored;  // a compressed payload as stored
};

class ReadContexts {
 public:
  explicit ReadContexts(const format::ChunkedFile& file)
      : file_(file), id_(next_id_.fetch_add(1, std::memory_order_relaxed)) {}
  ReadContexts(const ReadContexts&) = delete;
  ReadContexts& operator=(const ReadContexts&) = delete;

  // A context for the duration of one read, given back when it goes out of scope.
  class Lease {
   public:
    Lease(ReadContexts& owner, ReadContext* context) : owner_(owner), context_(context) {}
    ~Lease() { owner_.GiveBack(context_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ReadContext* operator->() const { return context_; }
    ReadContext& operator*() const { return *context_; }

   private:
    ReadContexts& owner_;
    ReadContext* context_;  // owned
  };

  Lease Take() {
    if (slot_owner_ == id_ && slot_context_ != nullptr) {
      return Lease(*this, std::exchange(slot_context_, nullptr));
    }
    return Lease(*this, TakeFromPool());
  }

 private:
  // Each holds up to a 1 MiB window: more idle ones than threads that read at once are waste.
  static constexpr size_t kMaxIdle = 8;

  // Frees the thread's slot when the thread ends. `alive` tells, without touching the Reader,
  // whether the slot's owner is gone.
  struct SlotKeeper {
    std::weak_ptr<void> alive;
    ~SlotKeeper() { delete slot_context_; }
  };

  void GiveBack(ReadContext* context) {
    if (slot_owner_ == id_ && slot_context_ == nullptr) {
      slot_context_ = context;
      return;
    }
    GiveBackSlowly(context);
  }

  ReadContext* TakeFromPool() {
    std::unique_ptr<ReadContext> context;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        context = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!context) context = std::make_unique<ReadContext>(file_);
    return context.release();
  }

  void GiveBackSlowly(ReadContext* context) {
    SlotKeeper& keeper = slot_keeper_;  // constructed on first use, so destroyed at thread end
    if (slot_context_ == nullptr || keeper.alive.expired()) {
      delete slot_context_;  // a gone Reader's: its window only, the file is not touched
      slot_context_ = context;
      slot_owner_ = id_;
      keeper.alive = alive_;
      return;
    }
    std::unique_ptr<ReadContext> owned(context);
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(owned));
  }

  static inline std::atomic<uint64_t> next_id_{1};
  // The thread's slot: plain thread-locals, so that the fast path is two loads and a store.
  static inline thread_local uint64_t slot_owner_ = 0;  // ids are never reused
  static inline thread_local ReadContext* slot_context_ = nullptr;
  static inline thread_local SlotKeeper slot_keeper_;

  const format::ChunkedFile& file_;
  const uint64_t id_;
  const std::shared_ptr<void> alive_ = std::make_shared<char>();
  std::mutex mutex_;
  std::vector<std::unique_ptr<ReadContext>> idle_;
};

}  // namespace vrsx::reading
