#include "tools/commands/cli_filter.h"

#include <limits>
#include <ostream>

namespace vrsx::cli {
namespace {

// "+x" counts from the first data record, "-x" from the last one ("-0" is "+0"), others are
// absolute.
FilterTime TimeOf(double value, bool relative) {
  if (!relative) return FilterTime::Absolute(value);
  return value < 0 ? FilterTime::FromLast(value) : FilterTime::FromFirst(value);
}

void PrintWarnings(const std::vector<std::string>& warnings, std::ostream& err) {
  for (const std::string& warning : warnings) err << warning << '\n';
}

}  // namespace

RecordFilter ToRecordFilter(const FilterOptions& filters) {
  RecordFilter filter;
  filter.stream_globs = false;
  for (const StreamFilterOp& op : filters.stream_ops)
    filter.streams.push_back({op.include, op.spec});
  for (const TypeFilterOp& op : filters.type_ops)
    filter.record_types.push_back({op.include, op.type});
  const TimeConstraint& time = filters.time;
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (time.around) {
    // `--around c w`: the last `--before` given replaces the width, as in the vrs tool.
    filter.around = TimeAround{TimeOf(time.min_time, time.relative_min), time.max_time};
  } else {
    if (time.relative_min || time.min_time != -kInfinity) {
      filter.after = TimeOf(time.min_time, time.relative_min);
    }
    if (time.relative_max || time.max_time != kInfinity) {
      filter.before = TimeOf(time.max_time, time.relative_max);
    }
  }
  filter.first_records = filters.first_records;
  for (const DecimateOp& op : filters.decimate)
    filter.decimate.push_back({op.stream_spec, op.interval});
  filter.bucket_interval = filters.bucket_interval.value_or(0);
  filter.bucket_max_delta =
      filters.bucket_max_delta.value_or(FilterOptions::kDefaultBucketMaxDelta);
  return filter;
}

RecordSelection SelectRecords(const Reader& reader, const FilterOptions& filters,
                              std::ostream& err) {
  RecordSelection selection = vrsx::SelectRecords(reader, ToRecordFilter(filters));
  PrintWarnings(selection.warnings, err);
  return selection;
}

FilteredRecords PlanRecords(const Reader& reader, const FilterOptions& filters, std::ostream& err) {
  FilteredRecords plan = vrsx::FilterRecords(reader, ToRecordFilter(filters));
  PrintWarnings(plan.warnings, err);
  return plan;
}

}  // namespace vrsx::cli
