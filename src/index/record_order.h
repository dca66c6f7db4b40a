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

// Sorts into the reader's order. Most files are written in order, and most others nearly so (a
// writer sorts the records it holds, and a late one lands after records already written): the
// few records out of place are taken out, sorted and merged back, in linear time; many are
// sorted with the rest. Records differ by offset, so the order is total and both ways give it.
void SortRecords(std::vector<RecordInfo>& records);

}  // namespace vrsx::index
