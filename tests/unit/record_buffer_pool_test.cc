// The writer's record buffers: size classes, reuse, the idle limit, and what a queued record
// holds against what it was charged.
#include <catch2/catch.hpp>

#include <cstring>
#include <thread>
#include <vector>

#include "format/record_buffer_pool.h"
#include "format/record_queue.h"

using vrsx::format::QueuedRecord;
using vrsx::format::RecordBufferPool;

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
  RecordBufferPool pool(size_t(1) << 20);
  RecordBufferPool::Buffer first = pool.Take(300000, RecordBufferPool::SizeClass(300000));
  REQUIRE(first.capacity == RecordBufferPool::SizeClass(300000));
  const uint8_t* bytes = first.bytes.get();
  pool.Give(std::move(first));
  CHECK(pool.idle_bytes() == RecordBufferPool::SizeClass(300000));

  SECTION("same size") {
    RecordBufferPool::Buffer again = pool.Take(300000, RecordBufferPool::SizeClass(300000));
    CHECK(again.bytes.get() == bytes);
    CHECK(pool.idle_bytes() == 0);
  }
  SECTION("a smaller record within the caller's limit gets it") {
    RecordBufferPool::Buffer again = pool.Take(200000, 400000);
    CHECK(again.bytes.get() == bytes);
  }
  SECTION("not above the caller's limit: a new buffer of its own class") {
    RecordBufferPool::Buffer other = pool.Take(200000, RecordBufferPool::SizeClass(200000));
    CHECK(other.bytes.get() != bytes);
    CHECK(other.capacity == RecordBufferPool::SizeClass(200000));
    CHECK(pool.idle_bytes() == RecordBufferPool::SizeClass(300000));
  }
  SECTION("a new buffer never exceeds the caller's limit") {
    RecordBufferPool::Buffer other = pool.Take(250000, 250010);
    CHECK(other.capacity >= 250000);
    CHECK(other.capacity <= 250010);
  }
}

TEST_CASE("idle buffers stay under the limit", "[buffer_pool]") {
  RecordBufferPool pool(3 * 8192);
  std::vector<RecordBufferPool::Buffer> taken;
  for (int i = 0; i < 5; ++i) taken.push_back(pool.Take(8000, 8192));
  for (RecordBufferPool::Buffer& buffer : taken) pool.Give(std::move(buffer));
  CHECK(pool.idle_bytes() == 3 * 8192);  // the last two were freed

  pool.SetMaxIdleBytes(8192);
  CHECK(pool.idle_bytes() == 8192);
  pool.SetMaxIdleBytes(0);
  CHECK(pool.idle_bytes() == 0);
  pool.Give(pool.Take(8000, 8192));
  CHECK(pool.idle_bytes() == 0);
}

TEST_CASE("threads take and give buffers concurrently", "[buffer_pool]") {
  RecordBufferPool pool(size_t(4) << 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pool, t] {
      for (int i = 0; i < 2000; ++i) {
        size_t size = 5000 + size_t((i * 7919 + t * 104729) % 200000);
        RecordBufferPool::Buffer buffer = pool.Take(size, RecordBufferPool::SizeClass(size));
        REQUIRE(buffer.capacity >= size);
        std::memset(buffer.bytes.get(), t, size);  // ASan: the whole buffer is ours
        pool.Give(std::move(buffer));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(pool.idle_bytes() <= (size_t(4) << 20));
}

TEST_CASE("a queued record holds no more than it was charged", "[buffer_pool]") {
  RecordBufferPool pool(size_t(16) << 20);
  const size_t size = vrsx::format::kRecordHeaderSize + 100000;

  SECTION("a large record, then its compressed payload in a smaller buffer") {
    QueuedRecord record;
    record.Allocate(size, pool);
    CHECK(sizeof(QueuedRecord) + record.heap_capacity() <= QueuedRecord::Charge(size));
    size_t held = record.heap_capacity();
    std::vector<uint8_t> compressed(30000, 0x5a);
    record.ReplacePayload(compressed, pool);
    CHECK(record.heap_capacity() <= held);
    CHECK(record.buffer_size == vrsx::format::kRecordHeaderSize + compressed.size());
    CHECK(std::memcmp(record.payload(), compressed.data(), compressed.size()) == 0);
    CHECK(pool.idle_bytes() == held);  // the raw buffer, ready for the next record
    record.Free(pool);
    CHECK(pool.idle_bytes() == held + RecordBufferPool::SizeClass(size - 70000));
  }
  SECTION("a compressed payload small enough to live inside the record") {
    QueuedRecord record;
    record.Allocate(size, pool);
    std::vector<uint8_t> compressed(100, 0x33);
    record.ReplacePayload(compressed, pool);
    CHECK(record.heap_capacity() == 0);
    CHECK(std::memcmp(record.payload(), compressed.data(), compressed.size()) == 0);
    record.Free(pool);
  }
  SECTION("a small record lives inside its queue entry") {
    QueuedRecord record;
    record.Allocate(QueuedRecord::kInlineBytes, pool);
    CHECK(record.heap_capacity() == 0);
    CHECK(QueuedRecord::Charge(QueuedRecord::kInlineBytes) == sizeof(QueuedRecord));
  }
}
