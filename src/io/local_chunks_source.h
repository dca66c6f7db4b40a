// A FileSource over local files, the chunks of one recording, read with pread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vrsx/file_source.h"

namespace vrsx::io {

class LocalChunksSource final : public FileSource {
 public:
  // Opens exactly these chunks, in order; every one must be a regular file.
  static Status Open(const std::vector<std::string>& chunk_paths,
                     std::shared_ptr<const FileSource>& out);
  ~LocalChunksSource() override;

  const std::string& name() const override { return chunks_.front().path; }
  uint64_t size() const override { return total_size_; }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override;
  std::vector<ChunkInfo> chunks() const override { return chunks_; }

 private:
  LocalChunksSource() = default;

  std::vector<int> fds_;
  std::vector<ChunkInfo> chunks_;
  std::vector<uint64_t> starts_;
  uint64_t total_size_ = 0;
};

}  // namespace vrsx::io
