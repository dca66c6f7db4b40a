#include "reader/read_ahead.h"

#include <algorithm>
#include <cstring>

namespace vrsx::reading {

Status ReadAhead::Read(uint64_t offset, void* out, size_t size) {
  if (size == 0) return Status::Ok();
  bool sequential = offset == next_offset_;
  next_offset_ = offset + size;
  uint64_t window_end = window_start_ + window_.size();
  if (offset >= window_start_ && offset + size <= window_end) {
    std::memcpy(out, window_.data() + (offset - window_start_), size);
    return Status::Ok();
  }
  // A random read (a record found by time) refills a small window: its header and a small
  // payload after it then cost one system call.
  if (!sequential) refill_size_ = kMinWindow;
  // What the window holds of the start, then the rest from the file.
  size_t head = 0;
  if (offset >= window_start_ && offset < window_end) {
    head = size_t(window_end - offset);
    std::memcpy(out, window_.data() + (offset - window_start_), head);
  }
  uint8_t* rest = static_cast<uint8_t*>(out) + head;
  uint64_t rest_offset = offset + head;
  size_t rest_size = size - head;
  if (size >= kDirectRead) {
    refill_size_ = kMinWindow;
    Status status = file_.ReadExactly(rest_offset, rest, rest_size);
    return status.ok() ? status : file_.ReadExactly(offset, out, size);  // the whole read's error
  }
  window_.resize(std::max(refill_size_, rest_size));
  size_t got = 0;
  Status status = file_.ReadAt(rest_offset, window_.data(), window_.size(), &got);
  window_.resize(status.ok() ? got : 0);
  window_start_ = rest_offset;
  refill_size_ = std::min(refill_size_ * 2, kMaxWindow);
  if (!status.ok() || got < rest_size) return file_.ReadExactly(offset, out, size);
  std::memcpy(rest, window_.data(), rest_size);
  return Status::Ok();
}

size_t ReadAhead::ReadUpTo(uint64_t offset, void* out, size_t size) {
  if (offset < window_start_ || offset + size > window_start_ + window_.size()) {
    window_.resize(std::max(kMaxWindow, size));
    size_t got = 0;
    if (!file_.ReadAt(offset, window_.data(), window_.size(), &got).ok()) got = 0;
    window_.resize(got);
    window_start_ = offset;
  }
  size_t available = size_t(std::min<uint64_t>(size, window_start_ + window_.size() - offset));
  std::memcpy(out, window_.data() + (offset - window_start_), available);
  next_offset_ = offset + available;
  return available;
}

}  // namespace vrsx::reading
