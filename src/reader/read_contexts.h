// What one record read needs of its own: a read-ahead window, a decompressor and a buffer for the
// stored bytes. A Reader lends them out, so that reads from several threads each use their own,
// and keeps a few idle ones, so that a thread reading in order gets its window back.
#pragma once

#include <memory>
#include <mutex>
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
  explicit ReadContexts(const format::ChunkedFile& file) : file_(file) {}

  // A context for the duration of one read, given back when it goes out of scope.
  class Lease {
   public:
    Lease(ReadContexts& owner, std::unique_ptr<ReadContext> context)
        : owner_(owner), context_(std::move(context)) {}
    ~Lease() { owner_.GiveBack(std::move(context_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ReadContext* operator->() const { return context_.get(); }
    ReadContext& operator*() const { return *context_; }

   private:
    ReadContexts& owner_;
    std::unique_ptr<ReadContext> context_;
  };

  Lease Take() {
    std::unique_ptr<ReadContext> context;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        context = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!context) context = std::make_unique<ReadContext>(file_);
    return Lease(*this, std::move(context));
  }

 private:
  // Each holds up to a 1 MiB window: more idle ones than threads that read at once are waste.
  static constexpr size_t kMaxIdle = 8;

  void GiveBack(std::unique_ptr<ReadContext> context) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(context));
  }

  const format::ChunkedFile& file_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<ReadContext>> idle_;
};

}  // namespace vrsx::reading
