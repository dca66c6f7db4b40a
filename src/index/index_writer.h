// Builds the classic index record a writer appends at close (spec 01 §7.3, §7.6 case A).
#pragma once

#include <cstdint>
#include <vector>

#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx::index {

// zstd level of the index entries: preset zmedium.
inline constexpr int kIndexCompressionLevel = 7;

class ClassicIndexWriter {
 public:
  // Notes a record written to the file, in file order (its offset is implied by the order).
  void Add(double timestamp, uint32_t record_size, RecordType type, StreamId stream);
  size_t size() const { return count_; }

  // The whole index record, header included: prelude (every stream, ascending), record count,
  // then the entries as one zstd frame (content size set) when that is smaller, else raw.
  std::vector<uint8_t> BuildRecord(const std::vector<StreamId>& streams,
                                   uint32_t previous_record_size) const;

 private:
  std::vector<uint8_t> entries_;  // 19 bytes each
  size_t count_ = 0;
};

}  // namespace vrsx::index
