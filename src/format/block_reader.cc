#include "format/block_reader.h"

#include <algorithm>
#include <string>

namespace vrsx::format {

bool BlockReader::Next(const uint8_t*& data, size_t& size) {
  if (offset_ >= file_.size()) return false;
  size_t want = size_t(std::min<uint64_t>(kBlockSize, file_.size() - offset_));
  size_t got = 0;
  status_ = file_.ReadAt(offset_, buffer_.data(), want, &got);
  if (status_.ok() && got != want) {
    status_ = {ErrorCode::kTruncated, "unexpected end of file at offset " +
                                          std::to_string(offset_ + got) + " of " +
                                          file_.chunks().front().path};
  }
  if (!status_.ok()) return false;
  offset_ += got;
  data = buffer_.data();
  size = got;
  return true;
}

}  // namespace vrsx::format
