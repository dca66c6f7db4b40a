// The writer's record buffers: size classes, reuse, the idle limit, and what a queued record
// holds against what it was charged.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "writer/record_buffer_pool.h"
#include "writer/record_queue.h"

using vrsx::writing::QueuedRecord;
using vrsx::writing::RecordBufferPool;

TEST_CASE("size classes round up by at most an eighth, and never down", "[buffer_pool]") {
  CHECK(RecordBufferPool::SizeClass(1) == 1);
  CHECK(RecordBufferPool::SizeClass(4096) == 4096);
  CHECK(RecordBufferPool::SizeClass(4097) == 8192);
  // A 640x480 grey8 frame behind its record header, and its lz4 and zstd bounds: one class.
  CHECK(RecordBufferPool::SizeClass(32 + 640 * 480) == 327680);
  CHECK(RecordBufferPool::SizeClass(32 + 640 * 480 + 1300) == 327680);
  size_t previous = 0;
  for (size_t size = 1; size < (size_t(64) << 20); size = size * 9 / 8 + 1) {
    size_t rounded = RecordBufferPool::SizeClass(size);
    INFO(size);
    CHECK(rounded >= size);
    CHECK(rounded <= size + std::max<size_t>(4095, size / 8));
    CHECK(rounded >= previous);
    previous = rounded;
  }
}

TEST_CASE("a buffer given back is taken again for a record of its class", "[buffer_pool]") {
  RecordBufferPool pool(size_t(1) << 20, 0);
  RecordBufferPool::Buffer first = pool.Take(300000, RecordBufferPool::SizeClass(300000));
  REQUIRE(first.capacity == RecordBufferPool::SizeClass(300000));
  const uint8_t* bytes = first.bytes;
  pool.Give(first);
  CHECK(pool.idle_bytes() == RecordBufferPool::SizeClass(300000));

  SECTION("same size") {
    RecordBufferPool::Buffer again = pool.Take(300000, RecordBufferPool::SizeClass(300000));
    CHECK(again.bytes == bytes);
    CHECK(pool.idle_bytes() == 0);
    pool.Give(again);
  }
  SECTION("a smaller record within the caller's limit gets it") {
    RecordBufferPool::Buffer again = pool.Take(200000, 400000);
    CHECK(again.bytes == bytes);
    pool.Give(again);
  }
  SECTION("not above the caller's limit: a new buffer of its own class") {
    RecordBufferPool::Buffer other = pool.Take(200000, RecordBufferPool::SizeClass(200000));
    CHECK(other.bytes != bytes);
    CHECK(other.capacity == RecordBufferPool::SizeClass(200000));
    CHECK(pool.idle_bytes() == RecordBufferPool::SizeClass(300000));
    pool.Give(other);
  }
  SECTION("a new buffer never exceeds the caller's limit") {
    RecordBufferPool::Buffer other = pool.Take(250000, 250010);
    CHECK(other.capacity >= 250000);
    CHECK(other.capacity <= 250010);
    pool.Give(other);
  }
}

TEST_CASE("large buffers come from the arena, and their memory goes back to the OS",
          "[buffer_pool]") {
  const size_t frame = 32 + 640 * 480;
  const size_t capacity = RecordBufferPool::SizeClass(frame);
  RecordBufferPool pool(capacity, size_t(2) << 20);  // room for 6 frames
  RecordBufferPool::Buffer a = pool.Take(frame, capacity);
  RecordBufferPool::Buffer b = pool.Take(frame, capacity);
  CHECK(pool.arena_used() == 2 * capacity);
  CHECK(b.bytes == a.bytes + capacity);
  std::memset(a.bytes, 0xab, a.capacity);
  std::memset(b.bytes, 0xcd, b.capacity);

  pool.Give(a);  // kept: within the idle limit
  pool.Give(b);  // over it: its pages go back to the OS, its range is kept
  CHECK(pool.idle_bytes() == capacity);
  RecordBufferPool::Buffer again_a = pool.Take(frame, capacity);
  RecordBufferPool::Buffer again_b = pool.Take(frame, capacity);
  CHECK(again_a.bytes == a.bytes);
  CHECK(again_a.bytes[100] == 0xab);  // an idle buffer keeps its memory
  CHECK(again_b.bytes == b.bytes);
  CHECK(again_b.bytes[100] == 0);  // a released one comes back as fresh zeroed pages
  CHECK(pool.arena_used() == 2 * capacity);

  // Large buffers once the arena is used up, and small ones, come from the heap.
  std::vector<RecordBufferPool::Buffer> taken = {again_a, again_b};
  for (int i = 0; i < 4; ++i) taken.push_back(pool.Take(frame, capacity));
  CHECK(pool.arena_used() == 6 * capacity);
  auto in_arena = [&](const RecordBufferPool::Buffer& buffer) {
    auto start = reinterpret_cast<uintptr_t>(a.bytes);
    auto at = reinterpret_cast<uintptr_t>(buffer.bytes);
    return at >= start && at < start + (size_t(2) << 20);
  };
  for (const RecordBufferPool::Buffer& buffer : taken) CHECK(in_arena(buffer));
  taken.push_back(pool.Take(frame, capacity));
  taken.push_back(pool.Take(5000, RecordBufferPool::SizeClass(5000)));
  CHECK(pool.arena_used() == 6 * capacity);
  CHECK_FALSE(in_arena(taken[6]));
  CHECK_FALSE(in_arena(taken[7]));
  for (const RecordBufferPool::Buffer& buffer : taken) {
    std::memset(buffer.bytes, 1, buffer.capacity);
    pool.Give(buffer);
  }
  pool.SetMaxIdleBytes(0);
  CHECK(pool.idle_bytes() == 0);
}

TEST_CASE("idle buffers stay under the limit", "[buffer_pool]") {
  RecordBufferPool pool(3 * 8192, 0);
  std::vector<RecordBufferPool::Buffer> taken;
  for (int i = 0; i < 5; ++i) taken.push_back(pool.Take(8000, 8192));
  for (RecordBufferPool::Buffer& buffer : taken) pool.Give(buffer);
  CHECK(pool.idle_bytes() == 3 * 8192);  // the last two were freed

  pool.SetMaxIdleBytes(8192);
  CHECK(pool.idle_bytes() == 8192);
  pool.SetMaxIdleBytes(0);
  CHECK(pool.idle_bytes() == 0);
  pool.Give(pool.Take(8000, 8192));
  CHECK(pool.idle_bytes() == 0);
  for (int i = 0; i < 2; ++i) pool.Give(pool.Take(8000, 8192));  // nothing leaks (ASan)
}

TEST_CASE("threads take and give buffers concurrently", "[buffer_pool]") {
  RecordBufferPool pool(size_t(4) << 20, size_t(16) << 20);
  std::vector<std::thread> threads;
  std::atomic<int> too_small{0};  // Catch2's assertions are not for other threads
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pool, &too_small, t] {
      for (int i = 0; i < 2000; ++i) {
        size_t size = 5000 + size_t((i * 7919 + t * 104729) % 200000);
        RecordBufferPool::Buffer buffer = pool.Take(size, RecordBufferPool::SizeClass(size));
        if (buffer.capacity < size) {
          ++too_small;
        } else {
          std::memset(buffer.bytes, t, size);  // ASan: the whole buffer is ours
        }
        pool.Give(buffer);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(too_small == 0);
  CHECK(pool.idle_bytes() <= (size_t(4) << 20));
}

TEST_CASE("a queued record holds no more than it was charged", "[buffer_pool]") {
  RecordBufferPool pool(size_t(16) << 20, size_t(16) << 20);
  const size_t size = vrsx::format::kRecordHeaderSize + 100000;

  SECTION("a large record, then its compressed payload in a smaller buffer") {
    QueuedRecord record;
    record.Allocate(size, pool);
    CHECK(sizeof(QueuedRecord) + record.heap_capacity() <= QueuedRecord::Charge(size));
    size_t held = record.heap_capacity();
    std::vector<uint8_t> compressed(30000, 0x5a);
    record.ReplacePayload(compressed);
    CHECK(record.heap_capacity() <= held);
    CHECK(record.buffer_size == vrsx::format::kRecordHeaderSize + compressed.size());
    CHECK(std::memcmp(record.payload(), compressed.data(), compressed.size()) == 0);
    CHECK(pool.idle_bytes() == held);  // the raw buffer, ready for the next record
    record.Free();
    CHECK(pool.idle_bytes() == held + RecordBufferPool::SizeClass(size - 70000));
  }
  SECTION("a compressed payload small enough to live inside the record") {
    QueuedRecord record;
    record.Allocate(size, pool);
    std::vector<uint8_t> compressed(100, 0x33);
    record.ReplacePayload(compressed);
    CHECK(record.heap_capacity() == 0);
    CHECK(std::memcmp(record.payload(), compressed.data(), compressed.size()) == 0);
    record.Free();
  }
  SECTION("a record gives its buffer back when it dies") {
    {
      QueuedRecord record;
      record.Allocate(size, pool);
    }
    CHECK(pool.idle_bytes() == RecordBufferPool::SizeClass(size));
  }
  SECTION("a small record lives inside its queue entry") {
    QueuedRecord record;
    record.Allocate(QueuedRecord::kInlineBytes, pool);
    CHECK(record.heap_capacity() == 0);
    CHECK(QueuedRecord::Charge(QueuedRecord::kInlineBytes) == sizeof(QueuedRecord));
  }
}
