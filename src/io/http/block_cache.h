// A bounded cache of fixed-size blocks of a URL source, least recently used first out.
// Thread-safe: blocks are shared, so a reader keeps its block while others are evicted.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "io/run_buffer_pool.h"

namespace vrsx::io {

// A block's bytes: a slice of the buffer of the request that fetched it, shared with the other
// blocks of that request (no copy per block).
struct Block {
  std::shared_ptr<const RunBuffer> run;
  size_t begin = 0;
  size_t size = 0;

  explicit operator bool() const { return run != nullptr; }
  const uint8_t* data() const { return run->bytes.get() + begin; }
};

class BlockCache {
 public:
  explicit BlockCache(size_t capacity_bytes) : capacity_(capacity_bytes) {}

  // The block with this key, or an empty Block.
  Block Find(uint64_t key);
  void Insert(uint64_t key, Block block);

 private:
  struct Entry {
    Block block;
    std::list<uint64_t>::iterator age;
  };

  const size_t capacity_;
  std::mutex mutex_;
  size_t bytes_ = 0;
  std::list<uint64_t> ages_;  // most recently used first
  std::unordered_map<uint64_t, Entry> entries_;
};

}  // namespace vrsx::io
