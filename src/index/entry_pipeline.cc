#include "index/entry_pipeline.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include "index/index_record.h"

namespace vrsx::index {
namespace {

struct Block {
  std::vector<uint8_t> bytes;
  size_t entries = 0;
};

// Blocks decoded and waiting, blocks free for decoding, and how the producer ended.
class BlockQueue {
 public:
  BlockQueue(size_t buffers, size_t block_bytes) {
    for (size_t i = 0; i < buffers; ++i) free_.push_back(Block{std::vector<uint8_t>(block_bytes)});
  }

  // Producer side. False once the consumer has stopped.
  bool TakeFree(Block& block) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || !free_.empty(); });
    if (stopped_) return false;
    block = std::move(free_.front());
    free_.pop_front();
    return true;
  }
  void PushFull(Block block) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(block));
    changed_.notify_all();
  }
  void Finish(Status status) {
    std::lock_guard lock(mutex_);
    producer_status_ = std::move(status);
    finished_ = true;
    changed_.notify_all();
  }

  // Consumer side. False when no block will come.
  bool TakeFull(Block& block) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || !full_.empty(); });
    if (full_.empty()) return false;
    block = std::move(full_.front());
    full_.pop_front();
    return true;
  }
  void GiveBack(Block block) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(block));
    changed_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  Status producer_status() {
    std::lock_guard lock(mutex_);
    return producer_status_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Block> free_;
  std::deque<Block> full_;
  bool stopped_ = false;
  bool finished_ = false;
  Status producer_status_;
};

}  // namespace

Status RunEntryLoop(size_t block_entries, const ProduceEntries& produce,
                    const ConsumeEntries& consume) {
  std::vector<uint8_t> block(block_entries * kDiskRecordInfoSize);
  while (true) {
    size_t entries = 0;
    if (Status status = produce(block.data(), block_entries, entries); !status.ok()) return status;
    if (entries == 0) return Status::Ok();
    if (Status status = consume(block.data(), entries); !status.ok()) return status;
  }
}

Status RunEntryPipeline(size_t block_entries, const ProduceEntries& produce,
                        const ConsumeEntries& consume) {
  // Three buffers: one being decoded, one being placed, one ready.
  BlockQueue queue(3, block_entries * kDiskRecordInfoSize);
  auto producer = [&] {
    Status status;
    Block block;
    while (queue.TakeFree(block)) {
      status = produce(block.bytes.data(), block_entries, block.entries);
      if (!status.ok() || block.entries == 0) break;
      queue.PushFull(std::move(block));
    }
    queue.Finish(std::move(status));
  };
  std::thread thread;
  try {
    thread = std::thread(producer);
  } catch (const std::system_error&) {
    return RunEntryLoop(block_entries, produce, consume);
  }
  Status consumed;
  Block block;
  while (queue.TakeFull(block)) {
    consumed = consume(block.bytes.data(), block.entries);
    if (!consumed.ok()) break;
    queue.GiveBack(std::move(block));
  }
  queue.Stop();
  thread.join();
  // Blocks are consumed in order: a decoding error shows only once the good blocks are placed,
  // as on one thread.
  if (!consumed.ok()) return consumed;
  return queue.producer_status();
}

}  // namespace vrsx::index
