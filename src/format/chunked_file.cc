#include "format/chunked_file.h"

#include <algorithm>
#include <utility>

#include "io/chunk_naming.h"

namespace vrsx::format {

Status ChunkedFile::Open(const std::vector<std::string>& chunk_paths) {
  Close();
  std::shared_ptr<const FileSource> source;
  Status status = OpenLocalChunks(chunk_paths, source);
  return status.ok() ? Open(std::move(source)) : status;
}

Status ChunkedFile::OpenPath(const std::string& path_or_url) {
  Close();
  std::shared_ptr<const FileSource> source;
  Status status = OpenFileSource(path_or_url, source);
  return status.ok() ? Open(std::move(source)) : status;
}

Status ChunkedFile::Open(std::shared_ptr<const FileSource> source) {
  Close();
  if (source == nullptr) return {ErrorCode::kInvalidArgument, "no file source given"};
  chunks_ = source->chunks();
  if (chunks_.empty()) chunks_.push_back({source->name(), source->size()});
  for (const ChunkInfo& chunk : chunks_) {
    starts_.push_back(total_size_);
    total_size_ += chunk.size;
  }
  if (total_size_ != source->size()) {
    Close();
    return {ErrorCode::kInvalidArgument,
            "'" + source->name() + "': its chunks' sizes don't add up to its size"};
  }
  source_ = std::move(source);
  return Status::Ok();
}

Status ChunkedFile::OpenMemory(const uint8_t* data, size_t size, std::string name) {
  if (data == nullptr && size > 0) return {ErrorCode::kInvalidArgument, "no bytes given"};
  return Open(MemoryFileSource(data, size, std::move(name)));
}

void ChunkedFile::Close() {
  source_.reset();
  chunks_.clear();
  starts_.clear();
  total_size_ = 0;
}

Status ChunkedFile::ReadAt(uint64_t offset, void* buffer, size_t size, size_t* bytes_read) const {
  *bytes_read = 0;
  if (source_ == nullptr || offset >= total_size_) return Status::Ok();
  size = size_t(std::min<uint64_t>(size, total_size_ - offset));  // not in dropped chunks
  std::span<uint8_t> out(static_cast<uint8_t*>(buffer), size);
  // A source may return fewer bytes than asked before its end: ask again for the rest.
  while (*bytes_read < size) {
    size_t got = 0;
    Status status = source_->ReadAt(offset + *bytes_read, out.subspan(*bytes_read), got);
    if (!status.ok()) return status;
    if (got == 0) break;
    *bytes_read += got;
  }
  return Status::Ok();
}

Status ChunkedFile::ReadExactly(uint64_t offset, void* buffer, size_t size) const {
  size_t got = 0;
  Status status = ReadAt(offset, buffer, size, &got);
  if (!status.ok()) return status;
  if (got != size) {
    return {ErrorCode::kTruncated,
            "unexpected end of file at offset " + std::to_string(offset + got) + " (needed " +
                std::to_string(size) + " bytes at " + std::to_string(offset) + ")"};
  }
  return Status::Ok();
}

void ChunkedFile::DropChunksFrom(uint64_t end) {
  while (chunks_.size() > 1 && starts_.back() >= end) {
    total_size_ -= chunks_.back().size;
    chunks_.pop_back();
    starts_.pop_back();
  }
}

bool HasFurtherChunks(const std::string& path) {
  return io::HasFurtherChunks(path);
}

std::vector<std::string> DiscoverChunks(const std::string& first_chunk_path) {
  return io::DiscoverLocalChunks(first_chunk_path);
}

}  // namespace vrsx::format
