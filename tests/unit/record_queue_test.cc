// The writer's queue on its own: when it starts a batch without being asked, and the recycled
// memory of its records.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "writer/block_recycler.h"
#include "writer/record_queue.h"

using vrsx::writing::BlockRecycler;
using vrsx::writing::QueuedRecord;
using vrsx::writing::RecordQueue;

namespace {

// Pushes records charged `each` bytes until `total` bytes are pending.
void PushCharged(RecordQueue& queue, size_t each, size_t total) {
  for (size_t pushed = 0; pushed < total; pushed += each) {
    REQUIRE(queue.Admit(each, 0, true).ok());
    auto record = std::make_shared<QueuedRecord>();
    record->timestamp = double(pushed);
    record->charged = each;
    REQUIRE(queue.Push(std::move(record)));
  }
}

// Whether the writing thread gets a batch within 300 ms, without a flush, close or timer.
bool BatchStartsUnasked(RecordQueue& queue) {
  auto batch = std::async(std::launch::async, [&] {
    RecordQueue::Batch b;
    return queue.NextBatch(b) ? b.records.size() : size_t(0);
  });
  bool started = batch.wait_for(std::chrono::milliseconds(300)) == std::future_status::ready;
  queue.Close();  // lets a waiting NextBatch return
  return started && batch.get() > 0;
}

}  // namespace

TEST_CASE("a batch starts once 32 MiB, or half of a smaller cap, are queued", "[queue]") {
  constexpr size_t kMiB = size_t(1) << 20;
  struct Case {
    size_t cap, threshold;
  };
  for (const Case& c : {Case{size_t(4) << 30, 32 * kMiB}, Case{8 * kMiB, 4 * kMiB}}) {
    INFO("cap " << c.cap);
    RecordQueue::Options options;
    options.max_bytes = c.cap;
    {
      RecordQueue queue(options);
      PushCharged(queue, kMiB, c.threshold - kMiB);
      CHECK_FALSE(BatchStartsUnasked(queue));
    }
    {
      RecordQueue queue(options);
      PushCharged(queue, kMiB, c.threshold);
      CHECK(BatchStartsUnasked(queue));
    }
  }
}

TEST_CASE("a record's memory is taken again once given back", "[queue]") {
  BlockRecycler recycler;
  vrsx::writing::RecyclingAllocator<QueuedRecord> allocator(recycler);
  const QueuedRecord* first = nullptr;
  {
    auto record = std::allocate_shared<QueuedRecord>(allocator);
    first = record.get();
    CHECK(recycler.idle_blocks() == 0);
  }
  CHECK(recycler.idle_blocks() == 1);
  auto again = std::allocate_shared<QueuedRecord>(allocator);
  CHECK(again.get() == first);
  CHECK(recycler.idle_blocks() == 0);
  // Many alive at once: each its own block; all kept once they die.
  std::vector<std::shared_ptr<QueuedRecord>> many;
  for (int i = 0; i < 100; ++i) many.push_back(std::allocate_shared<QueuedRecord>(allocator));
  for (size_t i = 1; i < many.size(); ++i) CHECK(many[i].get() != many[i - 1].get());
  many.clear();
  CHECK(recycler.idle_blocks() == 100);
}

TEST_CASE("a block of another size goes to the heap, not to the recycler", "[queue]") {
  BlockRecycler recycler;
  void* block = recycler.Take(64);
  recycler.Give(block, 64);
  CHECK(recycler.idle_blocks() == 1);
  void* other = recycler.Take(128);
  CHECK(other != block);
  recycler.Give(other, 128);
  CHECK(recycler.idle_blocks() == 1);
  CHECK(recycler.Take(64) == block);
  recycler.Give(block, 64);
}

TEST_CASE("blocks given back on one thread are taken again on another, never two at once",
          "[queue]") {
  BlockRecycler recycler;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<void*> handed;  // taken by the producer, to be given back by the other thread
  std::set<void*> alive;
  bool done = false;
  std::thread giver([&] {
    while (true) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return done || !handed.empty(); });
      if (handed.empty()) return;
      void* block = handed.front();
      handed.pop_front();
      alive.erase(block);
      lock.unlock();
      recycler.Give(block, 64);
    }
  });
  std::set<void*> made;  // every block ever taken
  for (int i = 0; i < 20000; ++i) {
    void* block = recycler.Take(64);
    made.insert(block);
    std::lock_guard lock(mutex);
    CHECK(alive.insert(block).second);  // not handed out while still alive
    handed.push_back(block);
    changed.notify_one();
  }
  {
    std::lock_guard lock(mutex);
    done = true;
    changed.notify_one();
  }
  giver.join();
  CHECK(made.size() < 20000);                    // blocks given back were taken again
  CHECK(recycler.idle_blocks() == made.size());  // and every one is back
}

TEST_CASE("new blocks start on their own cache line, and are freed with the recycler", "[queue]") {
  BlockRecycler recycler;
  std::vector<void*> blocks;
  // More than one 4 MiB slab's worth of 300-byte blocks.
  for (int i = 0; i < 20000; ++i) blocks.push_back(recycler.Take(300));
  std::set<uintptr_t> lines;
  bool aligned = true, apart = true;
  for (void* block : blocks) {
    auto at = reinterpret_cast<uintptr_t>(block);
    aligned &= at % 64 == 0;
    for (uintptr_t line = at; line < at + 300; line += 64) apart &= lines.insert(line / 64).second;
  }
  CHECK(aligned);
  CHECK(apart);  // no two blocks share a cache line
  for (void* block : blocks) recycler.Give(block, 300);
  CHECK(recycler.idle_blocks() == blocks.size());
  // The recycler's end frees the slabs (ASan builds check that nothing leaks).
}
