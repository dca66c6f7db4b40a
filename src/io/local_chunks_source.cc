#include "io/local_chunks_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vrsx::io {

Status LocalChunksSource::Open(const std::vector<std::string>& chunk_paths,
                               std::shared_ptr<const FileSource>& out) {
  if (chunk_paths.empty()) return {ErrorCode::kInvalidArgument, "no file given"};
  std::shared_ptr<LocalChunksSource> source(new LocalChunksSource());
  for (const std::string& path : chunk_paths) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      return {err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIoError,
              "can't open '" + path + "': " + std::strerror(err)};
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return {ErrorCode::kIoError, "'" + path + "' is not a regular file"};
    }
    source->fds_.push_back(fd);
    source->starts_.push_back(source->total_size_);
    source->chunks_.push_back({path, uint64_t(st.st_size)});
    source->total_size_ += uint64_t(st.st_size);
  }
  out = std::move(source);
  return Status::Ok();
}

LocalChunksSource::~LocalChunksSource() {
  for (int fd : fds_) ::close(fd);
}

Status LocalChunksSource::ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const {
  got = 0;
  // The chunk holding `offset` (few chunks: a linear scan from the end is enough).
  size_t chunk = starts_.size();
  while (chunk > 0 && starts_[chunk - 1] > offset) --chunk;
  if (chunk == 0) return Status::Ok();
  --chunk;
  while (got < out.size() && chunk < fds_.size()) {
    uint64_t in_chunk = offset - starts_[chunk];
    if (in_chunk >= chunks_[chunk].size) {
      ++chunk;
      continue;
    }
    size_t want = size_t(std::min<uint64_t>(out.size() - got, chunks_[chunk].size - in_chunk));
    ssize_t n = ::pread(fds_[chunk], out.data() + got, want, off_t(in_chunk));
    if (n < 0) {
      if (errno == EINTR) continue;
      return {ErrorCode::kIoError,
              "read error in '" + chunks_[chunk].path + "': " + std::strerror(errno), errno};
    }
    if (n == 0) break;  // the chunk shrank under us
    offset += uint64_t(n);
    got += size_t(n);
  }
  return Status::Ok();
}

}  // namespace vrsx::io
