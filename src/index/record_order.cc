#include "index/record_order.h"

#include <algorithm>
#include <iterator>

namespace vrsx::index {
namespace {

// Past this share of the records out of place, a plain sort is as quick.
constexpr size_t kMaxMovedShare = 16;

}  // namespace

void SortRecords(std::vector<RecordInfo>& records) {
  auto unsorted = std::is_sorted_until(records.begin(), records.end(), RecordBefore);
  if (unsorted == records.end()) return;
  // Records before the last one kept are out of place: taken out, the others closed up.
  std::vector<RecordInfo> moved;
  auto kept_end = unsorted;
  for (auto it = unsorted; it != records.end(); ++it) {
    if (!RecordBefore(*it, *std::prev(kept_end))) {
      *kept_end++ = *it;
    } else {
      moved.push_back(*it);
      if (moved.size() > records.size() / kMaxMovedShare) {
        // Far out of order: the records taken out fill the gap they left, and all are sorted.
        std::copy(moved.begin(), moved.end(), kept_end);
        std::sort(records.begin(), records.end(), RecordBefore);
        return;
      }
    }
  }
  std::sort(moved.begin(), moved.end(), RecordBefore);
  std::copy(moved.begin(), moved.end(), kept_end);
  std::inplace_merge(records.begin(), kept_end, records.end(), RecordBefore);
}

}  // namespace vrsx::index
