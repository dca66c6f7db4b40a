// RecordFilter applied to an index, step by step (the public calls of vrsx/record_filter.h are
// these on a Reader): stream and record type selection, the time window, then the visits.
#pragma once

#include <optional>
#include <vector>

#include "reader/index_view.h"
#include "vrsx/record_filter.h"

namespace vrsx::reading {

// Stream and record type selection, and the decimation intervals, with their warnings.
RecordSelection SelectRecords(const IndexView& file, const RecordFilter& filter);

struct TimeRange {
  double start = 0;
  double end = 0;
};

// Timestamps of the first and last data records of these streams: the base of relative times.
// Without any data record, those of the first and last records of any type; without any record,
// nullopt (relative times are then taken from 0).
std::optional<TimeRange> DataTimeRange(const IndexView& file, const std::vector<StreamId>& streams);
// The smallest range covering both (one time window for several files).
std::optional<TimeRange> UnionTimeRange(const std::optional<TimeRange>& a,
                                        const std::optional<TimeRange>& b);

// The filter's times resolved against `range`.
TimeWindow ResolveTimeWindow(const RecordFilter& filter, const std::optional<TimeRange>& range);

// Fills result.preroll and result.records from result.selection and result.window.
void ComputeVisits(const IndexView& file, const RecordFilter& filter, FilteredRecords& result);

// Everything for one file, or for several sharing one time window.
FilteredRecords FilterRecords(const IndexView& file, const RecordFilter& filter);
std::vector<FilteredRecords> FilterRecords(const std::vector<IndexView>& files,
                                           const RecordFilter& filter);

}  // namespace vrsx::reading
