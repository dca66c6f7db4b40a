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
  // Records before the last one kept are out of place: counted first, so that a file far out of
  // order goes straight to the plain sort.
  size_t moved_count = 0;
  const RecordInfo* last = &*std::prev(unsorted);
  for (auto it = unsorted; it != records.end(); ++it) {
    if (RecordBefore(*it, *last)) {
      if (++moved_count > records.size() / kMaxMovedShare) {
        std::sort(records.begin(), records.end(), RecordBefore);
        return;
      }
    } else {
      last = &*it;
    }
  }
  std::vector<RecordInfo> moved;
  moved.reserve(moved_count);
  auto kept_end = unsorted;
  for (auto it = unsorted; it != records.end(); ++it) {
    if (RecordBefore(*it, *std::prev(kept_end))) {
      moved.push_back(*it);
    } else {
      *kept_end++ = *it;
    }
  }
  std::sort(moved.begin(), moved.end(), RecordBefore);
  std::copy(moved.begin(), moved.end(), kept_end);
  std::inplace_merge(records.begin(), kept_end, records.end(), RecordBefore);
}

}  // namespace vrsx::index
