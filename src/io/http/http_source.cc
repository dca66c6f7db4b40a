#include "io/http/http_source.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace vrsx::io {

namespace {

// Cache keys: the chunk in the top 16 bits, the block in the others.
uint64_t KeyOf(size_t chunk, uint64_t block) {
  return (uint64_t(chunk) << 48) | block;
}

bool Running(const std::shared_future<void>& future) {
  return future.valid() && future.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

// The largest run fetched in one request: the run being read and the kRunsAhead fetched ahead
// of it stay within three quarters of the cache.
size_t MaxRunBytes(const UrlOptions& options) {
  return std::min(options.max_read_ahead, options.cache_size / 4);
}

}  // namespace

HttpSource::HttpSource(std::vector<ChunkInfo> chunks, std::vector<std::string> urls,
                       const UrlOptions& options, std::unique_ptr<HttpClient> client)
    : chunks_(std::move(chunks)),
      urls_(std::move(urls)),
      block_size_(std::max<size_t>(options.block_size, 512)),
      client_(std::move(client)),
      cache_(options.cache_size),
      // Room for the run being read, the ones fetched ahead and the ones the cache lets go of.
      buffers_(4 * MaxRunBytes(options)) {
  for (const ChunkInfo& chunk : chunks_) {
    starts_.push_back(total_size_);
    total_size_ += chunk.size;
  }
  max_run_blocks_ = std::max<uint64_t>(1, MaxRunBytes(options) / block_size_);
}

HttpSource::~HttpSource() {
  for (const Run& run : runs_) {
    if (run.fetched.valid()) run.fetched.wait();
  }
}

uint64_t HttpSource::BlocksIn(size_t chunk) const {
  return (chunks_[chunk].size + block_size_ - 1) / block_size_;
}

Status HttpSource::FetchRun(size_t chunk, uint64_t block, uint64_t count, Block* first) const {
  uint64_t begin = block * block_size_;
  uint64_t end = std::min<uint64_t>((block + count) * block_size_, chunks_[chunk].size);
  size_t size = size_t(end - begin);
  std::shared_ptr<RunBuffer> bytes = buffers_.Take(size);
  Status status = client_->GetRange(urls_[chunk], begin, std::span(bytes->bytes.get(), size));
  if (!status.ok()) return status;
  std::shared_ptr<const RunBuffer> run = std::move(bytes);
  for (uint64_t i = 0; i < count; ++i) {
    size_t from = size_t(i * block_size_);
    Block piece{run, from, std::min(size - from, block_size_)};
    if (i == 0 && first != nullptr) *first = piece;
    cache_.Insert(KeyOf(chunk, block + i), std::move(piece));
  }
  return Status::Ok();
}

void HttpSource::MaybeReadAhead(uint64_t key) const {
  std::lock_guard lock(run_mutex_);
  if (!run_sequential_ || runs_.empty() || key < runs_.front().begin_key ||
      key >= runs_.back().end_key) {
    return;
  }
  // Runs the reader has left, once fetched (destroying a pending async result would block).
  while (runs_.size() > 1 && runs_.front().end_key <= key && !Running(runs_.front().fetched)) {
    runs_.pop_front();
  }
  size_t ahead = size_t(std::count_if(runs_.begin(), runs_.end(),
                                      [key](const Run& run) { return run.begin_key > key; }));
  while (ahead < kRunsAhead) {
    uint64_t next = runs_.back().end_key;
    size_t chunk = size_t(next >> 48);
    uint64_t block = next & ((uint64_t(1) << 48) - 1);
    if (block >= BlocksIn(chunk)) return;  // the end of a chunk: the next starts with a miss
    uint64_t count = std::min({run_blocks_ * 2, max_run_blocks_, BlocksIn(chunk) - block});
    run_blocks_ = count;
    // Failures are not reported here: the reader's own fetch will retry and report them.
    std::shared_future<void> fetched = std::async(std::launch::async, [this, chunk, block, count] {
                                         FetchRun(chunk, block, count, nullptr);
                                       }).share();
    runs_.push_back({next, next + count, std::move(fetched)});
    ++ahead;
  }
}

Status HttpSource::GetBlock(size_t chunk, uint64_t block, uint64_t blocks_wanted,
                            Block& out) const {
  uint64_t key = KeyOf(chunk, block);
  std::shared_future<void> pending;
  {
    std::lock_guard lock(run_mutex_);
    for (const Run& run : runs_) {
      if (key >= run.begin_key && key < run.end_key) pending = run.fetched;
    }
  }
  if (pending.valid()) pending.wait();  // the block is on its way
  out = cache_.Find(key);
  if (!out) {
    uint64_t count = 1;
    {
      std::lock_guard lock(run_mutex_);
      bool continues = !runs_.empty() && key == runs_.back().end_key;
      count = continues ? std::min(run_blocks_ * 2, max_run_blocks_) : 1;
      count = std::max(count, std::min(blocks_wanted, max_run_blocks_));
      count = std::min(count, BlocksIn(chunk) - block);
      // A read elsewhere while runs are fetched ahead (another thread's random read) leaves the
      // sequential reader's runs alone.
      bool fetching = std::any_of(runs_.begin(), runs_.end(),
                                  [](const Run& run) { return Running(run.fetched); });
      if (!fetching) {
        runs_.clear();
        runs_.push_back({key, key + count, {}});
        run_blocks_ = count;
        run_sequential_ = continues;
      }
    }
    Status status = FetchRun(chunk, block, count, &out);
    if (!status.ok()) return status;
  }
  MaybeReadAhead(key);
  return Status::Ok();
}

Status HttpSource::ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const {
  got = 0;
  while (got < out.size() && offset < total_size_) {
    size_t chunk =
        size_t(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
    uint64_t in_chunk = offset - starts_[chunk];
    if (in_chunk >= chunks_[chunk].size) break;  // an empty last chunk
    uint64_t block = in_chunk / block_size_;
    size_t want = size_t(std::min<uint64_t>(out.size() - got, chunks_[chunk].size - in_chunk));
    uint64_t blocks_wanted = (in_chunk % block_size_ + want + block_size_ - 1) / block_size_;
    Block bytes;
    Status status = GetBlock(chunk, block, blocks_wanted, bytes);
    if (!status.ok()) return status;
    size_t at = size_t(in_chunk % block_size_);
    if (at >= bytes.size) break;
    size_t n = std::min(want, bytes.size - at);
    std::memcpy(out.data() + got, bytes.data() + at, n);
    got += n;
    offset += n;
  }
  return Status::Ok();
}

}  // namespace vrsx::io
