// The reader's record order (spec 01 §9.2): timestamp, then StreamId, then file offset.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "vrsx/record.h"

namespace vrsx::index {

// NaN timestamps (only in damaged files) sort last, so that the order stays a strict weak one.
inline bool RecordBefore(const RecordInfo& a, const RecordInfo& b) {
  bool a_nan = std::isnan(a.timestamp);
  bool b_nan = std::isnan(b.timestamp);
  if (a_nan || b_nan) {
    if (a_nan != b_nan) return b_nan;
  } else if (a.timestamp != b.timestamp) {
    return a.timestamp < b.timestamp;
  }
  if (a.stream != b.stream) return a.stream < b.stream;
  return a.offset < b.offset;
}

// Sorts only when needed: most files are written in order.
inline void SortRecords(std::vector<RecordInfo>& records) {
  if (!std::is_sorted(records.begin(), records.end(), RecordBefore)) {
    std::sort(records.begin(), records.end(), RecordBefore);
  }
}

}  // namespace vrsx::index
