#include "writer/file_writer.h"

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

namespace vrsx::writing {

namespace {

constexpr size_t kMaxIovecs = IOV_MAX < 1024 ? IOV_MAX : 1024;

Status OsError(const std::string& what, const std::string& path, int error) {
  return {ErrorCode::kIoError, what + " " + path + ": " + std::strerror(error), error};
}

// fsync of the folder holding `path`: its new entry survives a power cut.
Status SyncFolder(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return OsError("can't open the folder", folder, errno);
  int result = ::fsync(fd);
  int error = errno;
  ::close(fd);
  // Some file systems can't sync a folder (EINVAL): nothing more to do there.
  if (result != 0 && error != EINVAL) return OsError("can't sync the folder", folder, error);
  return Status::Ok();
}

Status SyncFile(int fd, const std::string& path) {
  while (::fdatasync(fd) != 0) {
    if (errno != EINTR) return OsError("can't sync", path, errno);
  }
  return Status::Ok();
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
  chunk_starts_ = {0};
  {
    std::lock_guard lock(paths_mutex_);
    paths_ = {path};
  }
  // Chunks of an older, longer file would be read as the continuation of this one, when the
  // reader looks for chunks at all (names ending in ".vrs" or "_0", spec 01 §8).
  for (size_t n = 1; format::HasFurtherChunks(path) && Exists(ChunkPath(path, n)); ++n) {
    if (::unlink(ChunkPath(path, n).c_str()) != 0) {
      return OsError("can't remove the stale chunk", ChunkPath(path, n), errno);
    }
  }
  return sync_data_ ? SyncFolder(path) : Status::Ok();
}

std::vector<std::string> ChunkedFileWriter::chunk_paths() const {
  std::lock_guard lock(paths_mutex_);
  return paths_;
}

Status ChunkedFileWriter::StartChunk() {
  std::string path = ChunkPath(first_path_, chunk_count_);
  if (sync_data_) {
    if (Status status = SyncFile(fd_, current_path_); !status.ok()) return status;
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return OsError("can't create the chunk", path, errno);
  if (sync_data_) {
    if (Status status = SyncFolder(path); !status.ok()) {
      ::close(fd);
      return status;
    }
  }
  if (fd_ != first_fd_) ::close(fd_);
  fd_ = fd;
  chunk_bytes_ = 0;
  ++chunk_count_;
  chunk_starts_.push_back(total_size_);
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

Status ChunkedFileWriter::WriteAt(uint64_t offset, std::span<const uint8_t> bytes) {
  if (first_fd_ < 0) return {ErrorCode::kInvalidArgument, "the file is not open"};
  size_t chunk = chunk_starts_.size();
  while (chunk > 0 && chunk_starts_[chunk - 1] > offset) --chunk;
  uint64_t chunk_end = chunk < chunk_starts_.size() ? chunk_starts_[chunk] : total_size_;
  if (chunk == 0 || offset + bytes.size() > chunk_end) {
    return {ErrorCode::kInvalidArgument,
            "can't rewrite bytes that straddle chunks or are not "
            "written yet"};
  }
  --chunk;
  std::string path = chunk == 0 ? first_path_ : ChunkPath(first_path_, chunk);
  // Chunk 0 and the current chunk are open; another one is opened for the time of the write.
  int fd = chunk == 0 ? first_fd_ : chunk + 1 == chunk_count_ ? fd_ : -1;
  bool own = fd < 0;
  if (own && (fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC)) < 0) {
    return OsError("can't reopen", path, errno);
  }
  off_t at = off_t(offset - chunk_starts_[chunk]);
  Status status;
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, at + off_t(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      status = OsError("can't rewrite bytes of", path, n < 0 ? errno : EIO);
      break;
    }
    done += size_t(n);
  }
  if (own) {
    if (status.ok() && sync_data_) status = SyncFile(fd, path);
    ::close(fd);
  }
  return status;
}

Status ChunkedFileWriter::SyncData() {
  if (fd_ < 0) return {ErrorCode::kInvalidArgument, "the file is not open"};
  return SyncFile(fd_, current_path_);
}

Status ChunkedFileWriter::Close() {
  Status status;
  if (sync_data_ && fd_ >= 0) {
    status = SyncFile(fd_, current_path_);
    if (status.ok() && first_fd_ != fd_) status = SyncFile(first_fd_, first_path_);
  }
  if (fd_ >= 0 && fd_ != first_fd_ && ::close(fd_) != 0 && status.ok()) {
    status = OsError("can't close", current_path_, errno);
  }
  if (first_fd_ >= 0 && ::close(first_fd_) != 0 && status.ok()) {
    status = OsError("can't close", first_path_, errno);
  }
  fd_ = first_fd_ = -1;
  return status;
}

}  // namespace vrsx::writing
