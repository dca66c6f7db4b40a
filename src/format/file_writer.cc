#include "format/file_writer.h"

#include "format/chunked_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

namespace vrsx::format {

namespace {

constexpr size_t kMaxIovecs = IOV_MAX < 1024 ? IOV_MAX : 1024;

Status OsError(const std::string& what, const std::string& path, int error) {
  return {ErrorCode::kIoError, what + " " + path + ": " + std::strerror(error)};
}

bool Exists(const std::string& path) {
  struct stat info;
  return ::lstat(path.c_str(), &info) == 0;
}

}  // namespace

std::string ChunkPath(const std::string& first, size_t n) {
  std::string stem = first.substr(0, first.size() - 1);
  if (first.ends_with("_0")) return stem + std::to_string(n);
  if (first.ends_with("_1")) return stem + std::to_string(n + 1);
  return first + "_" + std::to_string(n);
}

ChunkedFileWriter::~ChunkedFileWriter() {
  Close();
}

Status ChunkedFileWriter::Create(const std::string& path, uint64_t max_chunk_size) {
  Close();
  first_path_ = path;
  max_chunk_size_ = max_chunk_size;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return OsError("can't create", path, errno);
  first_fd_ = fd_ = fd;
  chunk_count_ = 1;
  current_path_ = path;
  chunk_bytes_ = total_size_ = 0;
  {
    std::lock_guard lock(paths_mutex_);
    paths_ = {path};
  }
  // Chunks of an older, longer file would be read as the continuation of this one, when the
  // reader looks for chunks at all (names ending in ".vrs" or "_0", spec 01 §8).
  for (size_t n = 1; HasFurtherChunks(path) && Exists(ChunkPath(path, n)); ++n) {
    if (::unlink(ChunkPath(path, n).c_str()) != 0) {
      return OsError("can't remove the stale chunk", ChunkPath(path, n), errno);
    }
  }
  return Status::Ok();
}

std::vector<std::string> ChunkedFileWriter::chunk_paths() const {
  std::lock_guard lock(paths_mutex_);
  return paths_;
}

Status ChunkedFileWriter::StartChunk() {
  std::string path = ChunkPath(first_path_, chunk_count_);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return OsError("can't create the chunk", path, errno);
  if (fd_ != first_fd_) ::close(fd_);
  fd_ = fd;
  chunk_bytes_ = 0;
  ++chunk_count_;
  current_path_ = path;
  std::lock_guard lock(paths_mutex_);
  paths_.push_back(path);
  return Status::Ok();
}

Status ChunkedFileWriter::Append(std::span<const std::span<const uint8_t>> items,
                                 size_t& complete) {
  complete = 0;
  if (fd_ < 0) return {ErrorCode::kInvalidArgument, "the file is not open"};
  size_t next = 0;
  while (next < items.size()) {
    auto starts_chunk = [&](uint64_t held, size_t item_size) {
      return max_chunk_size_ > 0 && held > 0 && held + item_size >= max_chunk_size_;
    };
    if (starts_chunk(chunk_bytes_, items[next].size())) {
      if (Status status = StartChunk(); !status.ok()) return status;
    }
    // The items that go into this chunk, as many as one call can take.
    uint64_t held = chunk_bytes_;
    size_t end = next;
    while (end < items.size() && end - next < kMaxIovecs &&
           (end == next || !starts_chunk(held, items[end].size()))) {
      held += items[end].size();
      ++end;
    }
    size_t written = 0;
    Status status = WriteGroup(items.subspan(next, end - next), written);
    complete += written;
    if (!status.ok()) return status;
    next = end;
  }
  return Status::Ok();
}

Status ChunkedFileWriter::WriteGroup(std::span<const std::span<const uint8_t>> items,
                                     size_t& complete) {
  iovec vectors[kMaxIovecs];
  size_t count = items.size();
  for (size_t i = 0; i < count; ++i) {
    vectors[i].iov_base = const_cast<uint8_t*>(items[i].data());
    vectors[i].iov_len = items[i].size();
  }
  uint64_t start = chunk_bytes_;
  uint64_t done = 0;  // bytes of this group on disk
  size_t first = 0;   // first vector not entirely written
  while (first < count) {
    ssize_t n = ::writev(fd_, vectors + first, int(std::min(count - first, kMaxIovecs)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = n < 0 ? errno : ENOSPC;
      // Cut the partial item off: the file ends with a whole record.
      uint64_t whole = 0;
      complete = 0;
      while (complete < count && whole + items[complete].size() <= done) {
        whole += items[complete++].size();
      }
      if (whole < done) {
        while (::ftruncate(fd_, off_t(start + whole)) != 0 && errno == EINTR) {
        }
      }
      chunk_bytes_ = start + whole;
      total_size_ += whole;
      return OsError("can't write", current_path_, error);
    }
    done += uint64_t(n);
    size_t left = size_t(n);
    while (first < count && left >= vectors[first].iov_len) {
      left -= vectors[first].iov_len;
      ++first;
    }
    if (first < count) {
      vectors[first].iov_base = static_cast<uint8_t*>(vectors[first].iov_base) + left;
      vectors[first].iov_len -= left;
    }
  }
  complete = count;
  chunk_bytes_ += done;
  total_size_ += done;
  return Status::Ok();
}

Status ChunkedFileWriter::RewriteHead(const uint8_t* bytes, size_t size) {
  if (first_fd_ < 0) return {ErrorCode::kInvalidArgument, "the file is not open"};
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pwrite(first_fd_, bytes + done, size - done, off_t(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return OsError("can't rewrite the header of", first_path_, n < 0 ? errno : EIO);
    done += size_t(n);
  }
  return Status::Ok();
}

Status ChunkedFileWriter::Close() {
  Status status;
  if (fd_ >= 0 && fd_ != first_fd_ && ::close(fd_) != 0) {
    status = OsError("can't close", current_path_, errno);
  }
  if (first_fd_ >= 0 && ::close(first_fd_) != 0 && status.ok()) {
    status = OsError("can't close", first_path_, errno);
  }
  fd_ = first_fd_ = -1;
  return status;
}

}  // namespace vrsx::format
