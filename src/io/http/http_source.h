// A FileSource over the chunks of a recording served over HTTP. Reads are served from a block
// cache filled by range requests. A miss fetches one block, or, right where the previous fetch
// ended, twice as many blocks as it did (sequential reads). While a sequential reader is in the
// runs fetched, the next ones are fetched in the background, so that transfers overlap with
// the reader's work (decompression, checksums) and with each other.
#pragma once

#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/http/block_cache.h"
#include "io/http/http_client.h"
#include "io/run_buffer_pool.h"
#include "vrsx/file_source.h"

namespace vrsx::io {

class HttpSource final : public FileSource {
 public:
  // `chunks` name the chunks for messages; `urls` are what is fetched (same order).
  HttpSource(std::vector<ChunkInfo> chunks, std::vector<std::string> urls,
             const UrlOptions& options, std::unique_ptr<HttpClient> client);
  ~HttpSource() override;

  const std::string& name() const override { return chunks_.front().path; }
  uint64_t size() const override { return total_size_; }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override;
  std::vector<ChunkInfo> chunks() const override { return chunks_; }

 private:
  // The block `block` of chunk `chunk`, from the cache or fetched.
  Status GetBlock(size_t chunk, uint64_t block, uint64_t blocks_wanted, Block& out) const;
  // Fetches `count` blocks from `block` of chunk `chunk` in one request and caches them.
  Status FetchRun(size_t chunk, uint64_t block, uint64_t count, Block* first) const;
  // Starts fetching the run after the last one when a sequential reader reached `key`.
  void MaybeReadAhead(uint64_t key) const;
  uint64_t BlocksIn(size_t chunk) const;

  std::vector<ChunkInfo> chunks_;
  std::vector<std::string> urls_;
  std::vector<uint64_t> starts_;
  uint64_t total_size_ = 0;
  size_t block_size_;
  uint64_t max_run_blocks_;
  std::unique_ptr<HttpClient> client_;
  mutable BlockCache cache_;
  mutable RunBufferPool buffers_;

  // Runs fetched in the background ahead of a sequential reader, at most this many at once:
  // two keep the connection busy while the reader waits on neither.
  static constexpr size_t kRunsAhead = 2;
  struct Run {
    uint64_t begin_key = 0;
    uint64_t end_key = 0;
    std::shared_future<void> fetched;  // invalid for a run the reader fetched itself
  };

  mutable std::mutex run_mutex_;
  // The last runs fetched, contiguous, oldest first: the one the reader is in, then the ones
  // fetched ahead of it. A miss where the last one ends continues a sequential read.
  mutable std::deque<Run> runs_;
  mutable uint64_t run_blocks_ = 0;  // the length of the last run
  // Whether the last run continued the one before: only sequential readers get read-ahead (one
  // large read, such as the index at open, does not).
  mutable bool run_sequential_ = false;
};

}  // namespace vrsx::io
