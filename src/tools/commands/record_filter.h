// Record selection shared by most commands (spec 03-cli.md §3): which streams and record types,
// which time window, pre-roll of configuration/state records, first-records and decimation.
//
// Single file, the usual way:
//
//   RecordPlan plan = PlanRecords(reader, options.filters, std::cerr);
//   for (size_t pos : plan.visits.preroll) ...   // only for the commands that pre-roll
//   for (size_t pos : plan.visits.records) ...   // positions in reader.index(), visiting order
//
// Several files sharing one time window (copy/merge with several inputs):
//
//   for each file: sel[i] = SelectRecords(reader[i], filters, std::cerr);
//                  range = UnionTimeRange(range, DataTimeRange(reader[i], sel[i].streams));
//   TimeWindow window = ResolveTimeWindow(filters.time, range);
//   if (!window.valid()) std::cerr << window.InvalidMessage() << '\n';
//   for each file: visits[i] = ComputeVisits(reader[i], sel[i], window, filters);
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/commands/cli_options.h"
#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx::cli {

// The parts of an opened file that record selection looks at. Of(reader) is what the tools use;
// the tests may build one from a synthetic index.
struct FilterSource {
  const std::vector<RecordInfo>* index = nullptr;  // ordered by (timestamp, stream, offset)
  const std::vector<StreamId>* streams = nullptr;  // every stream of the file, StreamId order
  std::function<std::string(StreamId)> flavor;     // "" when the stream has none

  // Borrows from `reader`, which must outlive the result.
  static FilterSource Of(const Reader& reader);
};

// The streams and record types selected in one file, and the resolved `--decimate` intervals.
struct RecordSelection {
  std::vector<StreamId> streams;  // selected streams of the file, StreamId order
  bool configuration = true;
  bool state = true;
  bool data = true;
  std::map<StreamId, double> decimate_intervals;  // `--decimate`, resolved against the file

  bool Includes(StreamId stream) const;
  bool Includes(RecordType type) const;
  bool Includes(const RecordInfo& record) const {
    return Includes(record.type) && Includes(record.stream);
  }
};

// Resolves one stream spec of `+`/`-`/`--decimate` against a file (§3.1): "R-N", "R+N", "R",
// "R-", "R-<flavor>". An unparsable spec writes "Can't parse '<spec>' as one or more stream id."
// on `err` and selects nothing. Result in StreamId order.
std::vector<StreamId> ResolveStreamSpec(const FilterSource& source, std::string_view spec,
                                        std::ostream& err);

// Stream and record type selection (§3.1, §3.2), and `--decimate` resolution.
RecordSelection SelectRecords(const FilterSource& source, const FilterOptions& filters,
                              std::ostream& err);
RecordSelection SelectRecords(const Reader& reader, const FilterOptions& filters,
                              std::ostream& err);

struct TimeRange {
  double start = 0;
  double end = 0;
};

// Timestamps of the first and last data records of these streams: the base of relative times.
// Without any data record, those of the first and last records of any type; without any record,
// nullopt (relative times are then taken from 0).
std::optional<TimeRange> DataTimeRange(const FilterSource& source,
                                       const std::vector<StreamId>& streams);
std::optional<TimeRange> DataTimeRange(const Reader& reader, const std::vector<StreamId>& streams);
// The smallest range covering both (for time windows common to several files).
std::optional<TimeRange> UnionTimeRange(const std::optional<TimeRange>& a,
                                        const std::optional<TimeRange>& b);

// A resolved time window: a record is in it iff min_time < t <= max_time.
struct TimeWindow {
  double min_time = -std::numeric_limits<double>::infinity();
  double max_time = std::numeric_limits<double>::infinity();

  bool has_min() const { return min_time > -std::numeric_limits<double>::infinity(); }
  bool has_max() const { return max_time < std::numeric_limits<double>::infinity(); }
  // False when min_time > max_time: nothing is visited.
  bool valid() const { return !(min_time > max_time); }
  bool Contains(double t) const { return min_time < t && t <= max_time; }
  // "Time Range invalid:  between A and B sec" (or " after A sec", " before B sec"), no "\n".
  std::string InvalidMessage() const;
  // " between A and B sec", " after A sec", " before B sec" or "".
  std::string Description() const;
};

// Resolves relative times against `range` (§3.3): +x is range.start + x, -x is range.end - x;
// `--around c w` gives [c - |w|/2, c + |w|/2].
TimeWindow ResolveTimeWindow(const TimeConstraint& time, const std::optional<TimeRange>& range);

struct RecordVisits {
  bool valid_time_range = true;  // false: the window was invalid, nothing to visit
  // Last configuration/state record of each selected (stream, type) before the window, when the
  // window has a minimum; index order. Only for the commands that pre-roll (§3.3).
  std::vector<size_t> preroll;
  // Positions in the index of the visited records, in visiting order (index order, except for
  // bucket-decimated data records which come out when their bucket is submitted).
  std::vector<size_t> records;

  // preroll then records.
  std::vector<size_t> AllWithPreroll() const;
};

// The records to visit in one file with an already resolved window (§3.3-§3.5).
RecordVisits ComputeVisits(const FilterSource& source, const RecordSelection& selection,
                           const TimeWindow& window, const FilterOptions& filters);
RecordVisits ComputeVisits(const Reader& reader, const RecordSelection& selection,
                           const TimeWindow& window, const FilterOptions& filters);

// Everything for one file: selection, window resolved on that file, visits. Writes the "Can't
// parse" and "Time Range invalid: ..." messages on `err`.
struct RecordPlan {
  RecordSelection selection;
  TimeWindow window;
  RecordVisits visits;
};
RecordPlan PlanRecords(const FilterSource& source, const FilterOptions& filters, std::ostream& err);
RecordPlan PlanRecords(const Reader& reader, const FilterOptions& filters, std::ostream& err);

}  // namespace vrsx::cli
