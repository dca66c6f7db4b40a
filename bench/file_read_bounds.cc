#include "file_read_bounds.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace vrsx::bench {
namespace {

// A read-only descriptor closed on scope exit, and the file's size.
struct OpenFile {
  explicit OpenFile(const std::string& path) : fd(open(path.c_str(), O_RDONLY)) {
    struct stat info {};
    Require(fd >= 0 && fstat(fd, &info) == 0, "opening " + path);
    size = size_t(info.st_size);
  }
  ~OpenFile() { close(fd); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  int fd;
  size_t size = 0;
};

}  // namespace

Result MeasurePreadFile(const std::string& path) {
  OpenFile file(path);
  std::vector<uint8_t> buffer(1 << 20);
  Result result;
  Stopwatch stopwatch;
  while (result.bytes < file.size) {
    ssize_t got = pread(file.fd, buffer.data(), buffer.size(), off_t(result.bytes));
    Require(got > 0, "reading " + path);
    result.bytes += uint64_t(got);
  }
  stopwatch.Stop(result);
  return result;
}

Result MeasureMmapFile(const std::string& path) {
  OpenFile file(path);
  Result result;
  Stopwatch stopwatch;
  void* map = mmap(nullptr, file.size, PROT_READ, MAP_PRIVATE, file.fd, 0);
  Require(map != MAP_FAILED, "mapping " + path);
  madvise(map, file.size, MADV_SEQUENTIAL);
  const uint8_t* bytes = static_cast<const uint8_t*>(map);
  uint64_t sum = 0;
  for (size_t i = 0; i < file.size; i += 64) sum += bytes[i];  // every cache line, as a decoder
  munmap(map, file.size);
  stopwatch.Stop(result);
  result.bytes = file.size;
  Require(sum != 1, "summing");
  return result;
}

}  // namespace vrsx::bench
