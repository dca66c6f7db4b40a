// One logical byte stream over the chunks of a VRS file (spec 01 §8), read through a FileSource
// (local chunks, memory, a URL or a user's own source).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vrsx/file_source.h"
#include "vrsx/record.h"
#include "vrsx/status.h"

namespace vrsx::format {

class ChunkedFile {
 public:
  // Opens exactly these local chunks, in order; every one must exist.
  Status Open(const std::vector<std::string>& chunk_paths);
  // Opens a local path with its further chunks, or a URL.
  Status OpenPath(const std::string& path_or_url);
  // Reads through `source`, shared with the caller.
  Status Open(std::shared_ptr<const FileSource> source);
  // Serves `size` bytes at `data` as a one-chunk file called `name`. The bytes are not copied:
  // they must outlive this object (or the next Open/Close).
  Status OpenMemory(const uint8_t* data, size_t size, std::string name);
  void Close();
  bool is_open() const { return source_ != nullptr; }

  const std::vector<ChunkInfo>& chunks() const { return chunks_; }
  uint64_t size() const { return total_size_; }
  // Logical offset where chunk `i` starts.
  uint64_t chunk_start(size_t i) const { return starts_[i]; }

  // Reads up to `size` bytes at logical `offset`, across chunk boundaries. Returns the number of
  // bytes read (short at the end of the file), or an error for a failed read.
  Status ReadAt(uint64_t offset, void* buffer, size_t size, size_t* bytes_read) const;
  // Reads exactly `size` bytes or fails with kTruncated.
  Status ReadExactly(uint64_t offset, void* buffer, size_t size) const;

  // Forgets the chunks that start at or after `end` (they hold nothing the file uses).
  void DropChunksFrom(uint64_t end);

 private:
  std::shared_ptr<const FileSource> source_;
  std::vector<ChunkInfo> chunks_;
  std::vector<uint64_t> starts_;
  uint64_t total_size_ = 0;
};

// Whether a file named `path` may have further chunks (io/chunk_naming.h).
bool HasFurtherChunks(const std::string& path);

// The chunk paths of a local file named by its first chunk (io/chunk_naming.h).
std::vector<std::string> DiscoverChunks(const std::string& first_chunk_path);

}  // namespace vrsx::format
