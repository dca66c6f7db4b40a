#include "format/read_ahead.h"

#include <cstring>

namespace vrsx::format {

Status ReadAhead::Read(uint64_t offset, void* out, size_t size) {
  if (size == 0) return Status::Ok();
  bool sequential = offset == next_offset_;
  next_offset_ = offset + size;
  if (offset >= window_start_ && offset + size <= window_start_ + window_.size()) {
    std::memcpy(out, window_.data() + (offset - window_start_), size);
    return Status::Ok();
  }
  if (!sequential || size >= kLargeRead) return file_.ReadExactly(offset, out, size);
  window_.resize(kWindowSize);
  size_t got = 0;
  Status status = file_.ReadAt(offset, window_.data(), window_.size(), &got);
  window_.resize(status.ok() ? got : 0);
  window_start_ = offset;
  if (!status.ok() || got < size) return file_.ReadExactly(offset, out, size);
  std::memcpy(out, window_.data(), size);
  return Status::Ok();
}

}  // namespace vrsx::format
