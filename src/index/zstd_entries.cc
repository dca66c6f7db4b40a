#include "index/zstd_entries.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "compression/zstd_workspace.h"
#include "index/index_record.h"

namespace vrsx::index {

ZstdEntryStream::ZstdEntryStream(const uint8_t* data, size_t size, uint64_t count)
    : context_(compression::NewZstdDecompressionContext(), ZSTD_freeDCtx),
      in_{data, size, 0},
      total_(count * kDiskRecordInfoSize) {}

Status ZstdEntryStream::Next(uint8_t* out, size_t capacity, size_t& entries) {
  entries = 0;
  if (!context_) return {ErrorCode::kCorrupt, "index: out of memory"};
  const size_t room = capacity * kDiskRecordInfoSize;
  std::memcpy(out, carry_, carried_);
  size_t filled = carried_;
  carried_ = 0;
  while (filled < room && decoded_ < total_) {
    ZSTD_outBuffer buffer{out + filled,
                          size_t(std::min<uint64_t>(room - filled, total_ - decoded_)), 0};
    size_t in_before = in_.pos;
    size_t ret = ZSTD_decompressStream(context_.get(), &buffer, &in_);
    if (ZSTD_isError(ret)) {
      return {ErrorCode::kCorrupt, std::string("index: zstd: ") + ZSTD_getErrorName(ret)};
    }
    if (buffer.pos == 0 && in_.pos == in_before) {
      return {ErrorCode::kCorrupt, "index: entries end after " + std::to_string(decoded_) +
                                       " bytes, " + std::to_string(total_) + " announced"};
    }
    decoded_ += buffer.pos;
    filled += buffer.pos;
  }
  entries = filled / kDiskRecordInfoSize;
  carried_ = filled - entries * kDiskRecordInfoSize;
  std::memcpy(carry_, out + entries * kDiskRecordInfoSize, carried_);
  return Status::Ok();
}

}  // namespace vrsx::index
