#include "format/chunked_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace vrsx::format {

namespace {

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

ChunkedFile::~ChunkedFile() {
  Close();
}

ChunkedFile::ChunkedFile(ChunkedFile&& other) noexcept {
  *this = std::move(other);
}

ChunkedFile& ChunkedFile::operator=(ChunkedFile&& other) noexcept {
  if (this != &other) {
    Close();
    fds_ = std::move(other.fds_);
    memory_ = other.memory_;
    other.memory_ = nullptr;
    chunks_ = std::move(other.chunks_);
    starts_ = std::move(other.starts_);
    total_size_ = other.total_size_;
    other.fds_.clear();
    other.total_size_ = 0;
  }
  return *this;
}

Status ChunkedFile::Open(const std::vector<std::string>& chunk_paths) {
  Close();
  if (chunk_paths.empty()) return {ErrorCode::kInvalidArgument, "no file given"};
  for (const std::string& path : chunk_paths) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      Close();
      return {err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIoError,
              "can't open '" + path + "': " + std::strerror(err)};
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      Close();
      return {ErrorCode::kIoError, "'" + path + "' is not a regular file"};
    }
    fds_.push_back(fd);
    starts_.push_back(total_size_);
    chunks_.push_back({path, uint64_t(st.st_size)});
    total_size_ += uint64_t(st.st_size);
  }
  return Status::Ok();
}

Status ChunkedFile::OpenMemory(const uint8_t* data, size_t size, std::string name) {
  Close();
  if (data == nullptr && size > 0) return {ErrorCode::kInvalidArgument, "no bytes given"};
  // An empty buffer may come with a null pointer: any valid address marks the file as open.
  static const uint8_t kNoBytes = 0;
  memory_ = data != nullptr ? data : &kNoBytes;
  starts_.push_back(0);
  chunks_.push_back({std::move(name), uint64_t(size)});
  total_size_ = uint64_t(size);
  return Status::Ok();
}

void ChunkedFile::Close() {
  for (int fd : fds_) ::close(fd);
  fds_.clear();
  memory_ = nullptr;
  chunks_.clear();
  starts_.clear();
  total_size_ = 0;
}

Status ChunkedFile::ReadAt(uint64_t offset, void* buffer, size_t size, size_t* bytes_read) const {
  *bytes_read = 0;
  auto* out = static_cast<uint8_t*>(buffer);
  if (memory_ != nullptr) {
    if (offset >= total_size_) return Status::Ok();
    size_t got = size_t(std::min<uint64_t>(size, total_size_ - offset));
    if (got > 0) std::memcpy(out, memory_ + offset, got);
    *bytes_read = got;
    return Status::Ok();
  }
  // Find the chunk holding `offset` (few chunks: a linear scan from the end is enough).
  size_t chunk = starts_.size();
  while (chunk > 0 && starts_[chunk - 1] > offset) --chunk;
  if (chunk == 0) return Status::Ok();
  --chunk;
  while (size > 0 && chunk < fds_.size()) {
    uint64_t in_chunk = offset - starts_[chunk];
    if (in_chunk >= chunks_[chunk].size) {
      ++chunk;
      continue;
    }
    size_t want = size_t(std::min<uint64_t>(size, chunks_[chunk].size - in_chunk));
    ssize_t got = ::pread(fds_[chunk], out, want, off_t(in_chunk));
    if (got < 0) {
      if (errno == EINTR) continue;
      return {ErrorCode::kIoError,
              "read error in '" + chunks_[chunk].path + "': " + std::strerror(errno)};
    }
    if (got == 0) break;  // the chunk shrank under us
    out += got;
    offset += uint64_t(got);
    size -= size_t(got);
    *bytes_read += size_t(got);
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
  while (fds_.size() > 1 && starts_.back() >= end) {
    ::close(fds_.back());
    fds_.pop_back();
    total_size_ -= chunks_.back().size;
    chunks_.pop_back();
    starts_.pop_back();
  }
}

bool HasFurtherChunks(const std::string& path) {
  if (path.ends_with("_0")) return true;
  if (path.size() < 4) return false;
  std::string tail = path.substr(path.size() - 4);
  for (char& c : tail) c = char(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".vrs";
}

std::vector<std::string> DiscoverChunks(const std::string& first_chunk_path) {
  std::string first = first_chunk_path;
  std::error_code ec;
  if (std::filesystem::is_symlink(first, ec)) {
    std::filesystem::path target = std::filesystem::read_symlink(first, ec);
    if (!ec) {
      if (target.is_relative()) target = std::filesystem::path(first).parent_path() / target;
      first = target.string();
    }
  }
  std::vector<std::string> chunks{first};
  if (!HasFurtherChunks(first)) return chunks;
  std::string root = first + "_";
  if (first.size() >= 2 && first.ends_with("_0")) root = first.substr(0, first.size() - 1);
  for (int i = 1;; ++i) {
    std::string next = root + std::to_string(i);
    if (!IsRegularFile(next)) break;
    chunks.push_back(next);
  }
  return chunks;
}

}  // namespace vrsx::format
