#include "copy/write_order.h"

#include <algorithm>
#include <map>
#include <utility>

#include "index/record_order.h"
#include "io/huge_pages.h"
#include "writer/front_index.h"

namespace vrsx::copying {

std::vector<PendingRecord> OrderRecords(const std::vector<const Reader*>& inputs,
                                        const std::vector<FilteredRecords>& visits) {
  size_t count = 0;
  for (const FilteredRecords& visit : visits) count += visit.preroll.size() + visit.records.size();
  std::vector<PendingRecord> records;
  io::ReserveToFill(records, count);
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (size_t pos : visits[k].preroll) records.push_back({k, pos});
    for (size_t pos : visits[k].records) records.push_back({k, pos});
  }
  // The reader's order (NaN timestamps of damaged files last), then the input's rank.
  auto before = [&](const PendingRecord& a, const PendingRecord& b) {
    const RecordInfo& x = inputs[a.input]->index()[a.pos];
    const RecordInfo& y = inputs[b.input]->index()[b.pos];
    if (index::RecordBefore(x, y)) return true;
    if (index::RecordBefore(y, x)) return false;
    return a.input < b.input;
  };
  // One input comes in index order already, which is this order.
  if (!std::is_sorted(records.begin(), records.end(), before)) {
    std::stable_sort(records.begin(), records.end(), before);
  }
  return records;
}

std::vector<RecordInfo> PreliminaryIndex(const std::vector<const Reader*>& inputs,
                                         const std::vector<PendingRecord>& records,
                                         const StreamRouting& routing) {
  std::vector<RecordInfo> entries;
  io::ReserveToFill(entries, records.size());
  for (const PendingRecord& record : records) {
    RecordInfo info = inputs[record.input]->index()[record.pos];
    info.stream = routing.outputs[routing.OutputOf(record.input, info.stream)].id;
    entries.push_back(info);
  }
  writing::SetReferencePreliminarySizes(entries);
  return entries;
}

size_t DropDuplicates(const std::vector<const Reader*>& inputs, const StreamRouting& routing,
                      std::vector<PendingRecord>& records) {
  std::map<std::pair<size_t, RecordType>, double> last_accepted;
  auto duplicate = [&](const PendingRecord& record) {
    const RecordInfo& info = inputs[record.input]->index()[record.pos];
    auto key = std::make_pair(routing.OutputOf(record.input, info.stream), info.type);
    auto [found, inserted] = last_accepted.try_emplace(key, info.timestamp);
    if (inserted) return false;
    if (found->second == info.timestamp) return true;
    found->second = info.timestamp;
    return false;
  };
  size_t before = records.size();
  records.erase(std::remove_if(records.begin(), records.end(), duplicate), records.end());
  return before - records.size();
}

}  // namespace vrsx::copying
