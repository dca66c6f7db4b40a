// Appends whole records to a VRS file, in chunks P, P_1, P_2... (spec 01 §8 writer rollover),
// with one gathered write per group of records, and cuts a failed write back to the last whole
// record so that the daisy chain on disk stays consistent.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "vrsx/status.h"

namespace vrsx::writing {

// Name of chunk `n` (n >= 1; 0 is `first`) of a file: `first` + "_n"; but "x_0" is followed by
// "x_1", "x_2"... (the reader's discovery rule) and "x_1" by "x_2", "x_3"... (spec 01 §8).
std::string ChunkPath(const std::string& first, size_t n);

class ChunkedFileWriter {
 public:
  ChunkedFileWriter() = default;
  ~ChunkedFileWriter();
  ChunkedFileWriter(const ChunkedFileWriter&) = delete;
  ChunkedFileWriter& operator=(const ChunkedFileWriter&) = delete;

  // Creates (or truncates) the first chunk and removes the chunks an older file of that name
  // left behind (P_1, P_2... up to the first missing one, for names the reader looks for chunks
  // of: ending in ".vrs" or "_0"). max_chunk_size 0: one chunk.
  Status Create(const std::string& path, uint64_t max_chunk_size);

  // Appends `items` in order, each one whole record (or the file head): before an item of size s,
  // when the current chunk holds c > 0 bytes and c + s >= max_chunk_size, a new chunk starts.
  // `complete` tells how many items are entirely in the file; on failure the file is cut back
  // to the end of the last of them.
  Status Append(std::span<const std::span<const uint8_t>> items, size_t& complete);

  // Overwrites bytes already written, at a logical offset (the file header, a preallocated
  // index): they must lie in one chunk.
  Status WriteAt(uint64_t offset, std::span<const uint8_t> bytes);

  // fdatasync of the current chunk: what was appended so far survives a power cut.
  Status SyncData();
  // SyncData() for every chunk still open after Close(), and new chunks synced before the
  // writer moves on from them.
  void set_sync_data(bool sync) { sync_data_ = sync; }

  // Logical size: the bytes of every chunk.
  uint64_t size() const { return total_size_; }
  // Thread safe (the other calls are not).
  std::vector<std::string> chunk_paths() const;
  bool is_open() const { return first_fd_ >= 0; }

  Status Close();

 private:
  Status StartChunk();
  // Writes the items [begin, end) into the current chunk with as few calls as possible.
  Status WriteGroup(std::span<const std::span<const uint8_t>> items, size_t& complete);

  std::string first_path_;
  uint64_t max_chunk_size_ = 0;
  int first_fd_ = -1;
  int fd_ = -1;  // current chunk (== first_fd_ for chunk 0)
  size_t chunk_count_ = 0;
  std::string current_path_;
  uint64_t chunk_bytes_ = 0;
  uint64_t total_size_ = 0;
  bool sync_data_ = false;
  std::vector<uint64_t> chunk_starts_;  // logical offset of each chunk
  mutable std::mutex paths_mutex_;
  std::vector<std::string> paths_;
};

}  // namespace vrsx::writing
