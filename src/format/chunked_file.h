// One logical byte stream over the chunks of a VRS file (spec 01 §8), read with pread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vrsx/record.h"
#include "vrsx/status.h"

namespace vrsx::format {

class ChunkedFile {
 public:
  ChunkedFile() = default;
  ~ChunkedFile();
  ChunkedFile(const ChunkedFile&) = delete;
  ChunkedFile& operator=(const ChunkedFile&) = delete;
  ChunkedFile(ChunkedFile&& other) noexcept;
  ChunkedFile& operator=(ChunkedFile&& other) noexcept;

  // Opens exactly these chunks, in order; every one must exist.
  Status Open(const std::vector<std::string>& chunk_paths);
  // Serves `size` bytes at `data` as a one-chunk file called `name`. The bytes are not copied:
  // they must outlive this object (or the next Open/Close).
  Status OpenMemory(const uint8_t* data, size_t size, std::string name);
  void Close();
  bool is_open() const { return !fds_.empty() || memory_ != nullptr; }
  // True for a file opened with OpenMemory: there is no path to write to.
  bool in_memory() const { return memory_ != nullptr; }

  const std::vector<ChunkInfo>& chunks() const { return chunks_; }
  uint64_t size() const { return total_size_; }
  // Logical offset where chunk `i` starts.
  uint64_t chunk_start(size_t i) const { return starts_[i]; }

  // Reads up to `size` bytes at logical `offset`, across chunk boundaries. Returns the number of
  // bytes read (short at the end of the file), or an error for a failed OS read.
  Status ReadAt(uint64_t offset, void* buffer, size_t size, size_t* bytes_read) const;
  // Reads exactly `size` bytes or fails with kTruncated.
  Status ReadExactly(uint64_t offset, void* buffer, size_t size) const;

  // Forgets the chunks that start at or after `end` (they hold nothing the file uses).
  void DropChunksFrom(uint64_t end);

 private:
  std::vector<int> fds_;
  const uint8_t* memory_ = nullptr;  // OpenMemory's bytes (never null once opened)
  std::vector<ChunkInfo> chunks_;
  std::vector<uint64_t> starts_;
  uint64_t total_size_ = 0;
};

// Whether a file named `path` may have further chunks: like the reference, only `.vrs` names
// (any case) and `_0` chunks do; a copy named `x.bin` is one file even with `x.bin_1` beside it.
bool HasFurtherChunks(const std::string& path);

// The chunk paths of a file named by its first chunk: `P`, `P_1`, `P_2`... (or `x_0`, `x_1`...),
// probing until a name is missing, for paths ending in `.vrs` (any case) or `_0`; any other path
// is a single chunk. A symbolic link is resolved first.
std::vector<std::string> DiscoverChunks(const std::string& first_chunk_path);

}  // namespace vrsx::format
