#include "tools/commands/record_filter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <set>
#include <utility>

namespace vrsx::cli {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Leading decimal digits of `text` as a number (saturated), and how many digits there were.
std::pair<uint32_t, size_t> LeadingNumber(std::string_view text) {
  uint64_t value = 0;
  size_t i = 0;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    value = std::min<uint64_t>(value * 10 + static_cast<uint64_t>(text[i] - '0'), 0xffffffff);
  }
  return {static_cast<uint32_t>(value), i};
}

// A non-empty run of digits fitting 16 bits.
std::optional<uint16_t> Uint16Digits(std::string_view digits) {
  auto [value, count] = LeadingNumber(digits);
  if (count == 0 || count != digits.size() || value > 0xffff) return std::nullopt;
  return static_cast<uint16_t>(value);
}

bool Contains(const std::vector<StreamId>& sorted, StreamId stream) {
  return std::binary_search(sorted.begin(), sorted.end(), stream);
}

// Data record decimation (§3.5), fed with the records that passed every other filter.
class Decimator {
 public:
  Decimator(const RecordSelection& selection, const FilterOptions& filters)
      : selection_(selection) {
    if (!filters.decimate.empty()) {
      mode_ = Mode::kInterval;
    } else if (filters.bucket_interval && *filters.bucket_interval > 0) {
      mode_ = Mode::kBucket;
      interval_ = *filters.bucket_interval;
      max_delta_ = filters.bucket_max_delta.value_or(FilterOptions::kDefaultBucketMaxDelta);
    }
  }

  void Add(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
    if (mode_ == Mode::kNone || record.type != RecordType::kData) {
      out.push_back(pos);
    } else if (mode_ == Mode::kInterval) {
      AddInterval(pos, record, out);
    } else {
      AddToBucket(pos, record, out);
    }
  }

  void Finish(std::vector<size_t>& out) {
    if (mode_ == Mode::kBucket) EmitBucket(out);
  }

 private:
  enum class Mode { kNone, kInterval, kBucket };

  void AddInterval(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
    auto interval = selection_.decimate_intervals.find(record.stream);
    if (interval == selection_.decimate_intervals.end()) {
      out.push_back(pos);
      return;
    }
    auto [last, first] = last_kept_.try_emplace(record.stream, record.timestamp);
    if (first || record.timestamp >= last->second + interval->second) {
      last->second = record.timestamp;
      out.push_back(pos);
    }
  }

  void AddToBucket(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
    double t = record.timestamp;
    if (!bucket_started_) {
      bucket_ = t;
      bucket_started_ = true;
    }
    if (t - bucket_ > max_delta_) {
      // This record closes the bucket, moves it by one interval, and is dropped.
      EmitBucket(out);
      bucket_ += interval_;
    } else if (std::fabs(t - bucket_) <= max_delta_) {
      auto [candidate, added] = candidates_.try_emplace(record.stream, Candidate{pos, t});
      // Reference quirk: a farther record replaces a closer one; a tie keeps the existing one.
      if (!added && std::fabs(candidate->second.timestamp - bucket_) < std::fabs(t - bucket_)) {
        candidate->second = Candidate{pos, t};
      }
    }
  }

  void EmitBucket(std::vector<size_t>& out) {
    for (const auto& [stream, candidate] : candidates_) out.push_back(candidate.pos);
    candidates_.clear();
  }

  struct Candidate {
    size_t pos;
    double timestamp;
  };

  const RecordSelection& selection_;
  Mode mode_ = Mode::kNone;
  std::map<StreamId, double> last_kept_;  // interval mode
  double interval_ = 0;                   // bucket mode
  double max_delta_ = 0;
  bool bucket_started_ = false;
  double bucket_ = 0;
  std::map<StreamId, Candidate> candidates_;  // StreamId order
};

}  // namespace

FilterSource FilterSource::Of(const Reader& reader) {
  FilterSource source;
  source.index = &reader.index();
  source.streams = &reader.streams();
  source.flavor = [&reader](StreamId stream) { return reader.flavor(stream); };
  return source;
}

bool RecordSelection::Includes(StreamId stream) const {
  return Contains(streams, stream);
}

bool RecordSelection::Includes(RecordType type) const {
  switch (type) {
    case RecordType::kConfiguration:
      return configuration;
    case RecordType::kState:
      return state;
    case RecordType::kData:
      return data;
    default:
      return false;
  }
}

std::vector<StreamId> ResolveStreamSpec(const FilterSource& source, std::string_view spec,
                                        std::ostream& err) {
  const std::vector<StreamId>& streams = *source.streams;
  std::vector<StreamId> result;
  // R-N naming an existing stream, or R+N: the N-th stream of type R.
  size_t sep = spec.find_first_of("-+");
  if (sep != std::string_view::npos) {
    std::optional<uint16_t> type = Uint16Digits(spec.substr(0, sep));
    std::optional<uint16_t> number = Uint16Digits(spec.substr(sep + 1));
    if (type && number) {
      if (spec[sep] == '-') {
        StreamId id{*type, *number};
        if (Contains(streams, id)) return {id};
      } else {
        uint32_t rank = 0;
        for (StreamId stream : streams) {
          if (stream.type_id == *type && ++rank == *number) return {stream};
        }
      }
    }
  }
  // R, R-, R-<flavor>.
  auto [type, digits] = LeadingNumber(spec);
  std::string_view rest = spec.substr(digits);
  if (digits > 0 && (rest.empty() || rest == "-")) {
    for (StreamId stream : streams) {
      if (stream.type_id == type) result.push_back(stream);
    }
  } else if (digits > 0 && rest[0] == '-') {
    std::string_view flavor = rest.substr(1);
    for (StreamId stream : streams) {
      if (stream.type_id == type && source.flavor(stream) == flavor) result.push_back(stream);
    }
  } else {
    err << "Can't parse '" << spec << "' as one or more stream id.\n";
  }
  return result;
}

RecordSelection SelectRecords(const FilterSource& source, const FilterOptions& filters,
                              std::ostream& err) {
  RecordSelection selection;
  const std::vector<StreamId>& all = *source.streams;
  if (filters.stream_ops.empty()) {
    selection.streams = all;
  } else {
    std::set<StreamId> working;
    if (!filters.stream_ops.front().include) working.insert(all.begin(), all.end());
    for (const StreamFilterOp& op : filters.stream_ops) {
      for (StreamId stream : ResolveStreamSpec(source, op.spec, err)) {
        if (op.include) {
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
  if (!filters.type_ops.empty()) {
    bool start = !filters.type_ops.front().include;
    selection.configuration = selection.state = selection.data = start;
    for (const TypeFilterOp& op : filters.type_ops) {
      switch (op.type) {
        case RecordType::kConfiguration:
          selection.configuration = op.include;
          break;
        case RecordType::kState:
          selection.state = op.include;
          break;
        case RecordType::kData:
          selection.data = op.include;
          break;
        default:
          break;
      }
    }
  }
  for (const DecimateOp& op : filters.decimate) {
    for (StreamId stream : ResolveStreamSpec(source, op.stream_spec, err)) {
      selection.decimate_intervals[stream] = op.interval;
    }
  }
  return selection;
}

RecordSelection SelectRecords(const Reader& reader, const FilterOptions& filters,
                              std::ostream& err) {
  return SelectRecords(FilterSource::Of(reader), filters, err);
}

std::optional<TimeRange> DataTimeRange(const FilterSource& source,
                                       const std::vector<StreamId>& streams) {
  const std::vector<RecordInfo>& index = *source.index;
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

std::optional<TimeRange> DataTimeRange(const Reader& reader, const std::vector<StreamId>& streams) {
  return DataTimeRange(FilterSource::Of(reader), streams);
}

std::optional<TimeRange> UnionTimeRange(const std::optional<TimeRange>& a,
                                        const std::optional<TimeRange>& b) {
  if (!a) return b;
  if (!b) return a;
  return TimeRange{std::min(a->start, b->start), std::max(a->end, b->end)};
}

std::string TimeWindow::Description() const {
  char text[128];
  if (has_min() && has_max()) {
    std::snprintf(text, sizeof(text), " between %.3f and %.3f sec", min_time, max_time);
  } else if (has_min()) {
    std::snprintf(text, sizeof(text), " after %.3f sec", min_time);
  } else if (has_max()) {
    std::snprintf(text, sizeof(text), " before %.3f sec", max_time);
  } else {
    text[0] = '\0';
  }
  return text;
}

std::string TimeWindow::InvalidMessage() const {
  return "Time Range invalid: " + Description();
}

TimeWindow ResolveTimeWindow(const TimeConstraint& time, const std::optional<TimeRange>& range) {
  double start = range ? range->start : 0;
  double end = range ? range->end : 0;
  TimeWindow window;
  double min_time = time.min_time;
  if (time.relative_min) min_time += min_time < 0 ? end : start;
  if (time.around) {
    double half = std::fabs(time.max_time) / 2;
    window.min_time = min_time - half;
    window.max_time = min_time + half;
  } else {
    double max_time = time.max_time;
    if (time.relative_max) max_time += max_time < 0 ? end : start;
    window.min_time = min_time;
    window.max_time = max_time;
  }
  return window;
}

std::vector<size_t> RecordVisits::AllWithPreroll() const {
  std::vector<size_t> all;
  all.reserve(preroll.size() + records.size());
  all.insert(all.end(), preroll.begin(), preroll.end());
  all.insert(all.end(), records.begin(), records.end());
  return all;
}

RecordVisits ComputeVisits(const FilterSource& source, const RecordSelection& selection,
                           const TimeWindow& window, const FilterOptions& filters) {
  RecordVisits visits;
  if (!window.valid()) {
    visits.valid_time_range = false;
    return visits;
  }
  const std::vector<RecordInfo>& index = *source.index;
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
      if (missing.erase({index[pos].stream, index[pos].type}) != 0) visits.preroll.push_back(pos);
    }
    std::reverse(visits.preroll.begin(), visits.preroll.end());
  }

  Decimator decimator(selection, filters);
  std::set<std::pair<StreamId, RecordType>> seen;  // first-records
  const size_t all_seen = 3 * selection.streams.size();
  for (size_t pos = begin; pos < index.size(); ++pos) {
    const RecordInfo& record = index[pos];
    if (record.timestamp > window.max_time) break;
    if (!selection.Includes(record)) continue;
    if (filters.first_records && !seen.emplace(record.stream, record.type).second) continue;
    decimator.Add(pos, record, visits.records);
    if (filters.first_records && seen.size() >= all_seen) break;
  }
  decimator.Finish(visits.records);
  return visits;
}

RecordVisits ComputeVisits(const Reader& reader, const RecordSelection& selection,
                           const TimeWindow& window, const FilterOptions& filters) {
  return ComputeVisits(FilterSource::Of(reader), selection, window, filters);
}

RecordPlan PlanRecords(const FilterSource& source, const FilterOptions& filters,
                       std::ostream& err) {
  RecordPlan plan;
  plan.selection = SelectRecords(source, filters, err);
  plan.window = ResolveTimeWindow(filters.time, DataTimeRange(source, plan.selection.streams));
  if (!plan.window.valid()) err << plan.window.InvalidMessage() << '\n';
  plan.visits = ComputeVisits(source, plan.selection, plan.window, filters);
  return plan;
}

RecordPlan PlanRecords(const Reader& reader, const FilterOptions& filters, std::ostream& err) {
  return PlanRecords(FilterSource::Of(reader), filters, err);
}

}  // namespace vrsx::cli
