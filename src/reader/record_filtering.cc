#include "reader/record_filtering.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "io/huge_pages.h"
#include "reader/record_decimator.h"
#include "reader/stream_names.h"

namespace vrsx::reading {
namespace {

bool Contains(const std::vector<StreamId>& sorted, StreamId stream) {
  return std::binary_search(sorted.begin(), sorted.end(), stream);
}

double Resolve(const FilterTime& time, const std::optional<TimeRange>& range) {
  switch (time.base) {
    case TimeBase::kFirstDataRecord:
      return time.seconds + (range ? range->start : 0);
    case TimeBase::kLastDataRecord:
      return time.seconds + (range ? range->end : 0);
    default:
      return time.seconds;
  }
}

}  // namespace

RecordSelection SelectRecords(const IndexView& file, const RecordFilter& filter) {
  RecordSelection selection;
  const std::vector<StreamId>& all = *file.streams;
  if (filter.streams.empty()) {
    selection.streams = all;
  } else {
    std::set<StreamId> working;
    if (!filter.streams.front().include) working.insert(all.begin(), all.end());
    for (const StreamRule& rule : filter.streams) {
      for (StreamId stream :
           ResolveStreamName(file, rule.streams, filter.stream_globs, selection.warnings)) {
        if (rule.include) {
          working.insert(stream);
        } else {
          working.erase(stream);
        }
      }
    }
    for (StreamId stream : all) {
      if (working.count(stream) != 0) selection.streams.push_back(stream);
    }
  }
  std::sort(selection.streams.begin(), selection.streams.end());
  if (!filter.record_types.empty()) {
    bool start = !filter.record_types.front().include;
    selection.configuration = selection.state = selection.data = start;
    for (const RecordTypeRule& rule : filter.record_types) {
      switch (rule.type) {
        case RecordType::kConfiguration:
          selection.configuration = rule.include;
          break;
        case RecordType::kState:
          selection.state = rule.include;
          break;
        case RecordType::kData:
          selection.data = rule.include;
          break;
        default:
          break;
      }
    }
  }
  for (const Decimation& decimation : filter.decimate) {
    for (StreamId stream :
         ResolveStreamName(file, decimation.streams, filter.stream_globs, selection.warnings)) {
      selection.decimate_intervals[stream] = decimation.interval;
    }
  }
  return selection;
}

std::optional<TimeRange> DataTimeRange(const IndexView& file,
                                       const std::vector<StreamId>& streams) {
  const std::vector<RecordInfo>& index = *file.index;
  auto selected = [&streams](const RecordInfo& record, bool data_only) {
    return (!data_only || record.type == RecordType::kData) && Contains(streams, record.stream);
  };
  for (bool data_only : {true, false}) {
    auto first = std::find_if(index.begin(), index.end(),
                              [&](const RecordInfo& r) { return selected(r, data_only); });
    if (first == index.end()) continue;
    auto last = std::find_if(index.rbegin(), index.rend(),
                             [&](const RecordInfo& r) { return selected(r, data_only); });
    return TimeRange{first->timestamp, last->timestamp};
  }
  return std::nullopt;
}

std::optional<TimeRange> UnionTimeRange(const std::optional<TimeRange>& a,
                                        const std::optional<TimeRange>& b) {
  if (!a) return b;
  if (!b) return a;
  return TimeRange{std::min(a->start, b->start), std::max(a->end, b->end)};
}

TimeWindow ResolveTimeWindow(const RecordFilter& filter, const std::optional<TimeRange>& range) {
  TimeWindow window;
  if (filter.around) {
    double center = Resolve(filter.around->center, range);
    double half = std::fabs(filter.around->width) / 2;
    window.min_time = center - half;
    window.max_time = center + half;
    return window;
  }
  if (filter.after) window.min_time = Resolve(*filter.after, range);
  if (filter.before) window.max_time = Resolve(*filter.before, range);
  return window;
}

void ComputeVisits(const IndexView& file, const RecordFilter& filter, FilteredRecords& result) {
  result.preroll.clear();
  result.records.clear();
  const TimeWindow& window = result.window;
  const RecordSelection& selection = result.selection;
  if (!window.valid()) return;
  const std::vector<RecordInfo>& index = *file.index;
  size_t begin = 0;
  if (window.has_min()) {
    // Like a search for a probe record at min_time with the largest stream id: records at exactly
    // min_time come before it, so the window is open on its minimum.
    const StreamId probe_stream{0xffff, 0};
    double min_time = window.min_time;
    auto first = std::partition_point(index.begin(), index.end(), [&](const RecordInfo& r) {
      return r.timestamp < min_time || (r.timestamp == min_time && r.stream < probe_stream);
    });
    begin = static_cast<size_t>(first - index.begin());

    // Pre-roll: the last configuration & state records of each selected stream before `begin`.
    std::set<std::pair<StreamId, RecordType>> missing;
    for (StreamId stream : selection.streams) {
      if (selection.configuration) missing.emplace(stream, RecordType::kConfiguration);
      if (selection.state) missing.emplace(stream, RecordType::kState);
    }
    for (size_t pos = begin; pos > 0 && !missing.empty();) {
      --pos;
      if (missing.erase({index[pos].stream, index[pos].type}) != 0) result.preroll.push_back(pos);
    }
    std::reverse(result.preroll.begin(), result.preroll.end());
  }

  // Room for every record left, which most filters keep; given back below when few are kept.
  if (!filter.first_records) io::ReserveOnHugePages(result.records, index.size() - begin);
  RecordDecimator decimator(selection, filter);
  std::set<std::pair<StreamId, RecordType>> seen;  // first_records
  const size_t all_seen = 3 * selection.streams.size();
  for (size_t pos = begin; pos < index.size(); ++pos) {
    const RecordInfo& record = index[pos];
    if (record.timestamp > window.max_time) break;
    if (!selection.Includes(record)) continue;
    if (filter.first_records && !seen.emplace(record.stream, record.type).second) continue;
    decimator.Add(pos, record, result.records);
    if (filter.first_records && seen.size() >= all_seen) break;
  }
  decimator.Finish(result.records);
  if (result.records.size() < result.records.capacity() / 4) result.records.shrink_to_fit();
}

std::vector<FilteredRecords> FilterRecords(const std::vector<IndexView>& files,
                                           const RecordFilter& filter) {
  std::vector<FilteredRecords> results(files.size());
  std::optional<TimeRange> range;
  for (size_t i = 0; i < files.size(); ++i) {
    results[i].selection = SelectRecords(files[i], filter);
    range = UnionTimeRange(range, DataTimeRange(files[i], results[i].selection.streams));
  }
  TimeWindow window = ResolveTimeWindow(filter, range);
  for (size_t i = 0; i < files.size(); ++i) {
    FilteredRecords& result = results[i];
    result.window = window;
    result.warnings = result.selection.warnings;
    if (!window.valid()) result.warnings.push_back(window.InvalidMessage());
    ComputeVisits(files[i], filter, result);
  }
  return results;
}

FilteredRecords FilterRecords(const IndexView& file, const RecordFilter& filter) {
  return std::move(FilterRecords(std::vector<IndexView>{file}, filter).front());
}

}  // namespace vrsx::reading
