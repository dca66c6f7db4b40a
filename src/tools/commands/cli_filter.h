// The command line's record selection options (spec 03-cli.md §3) as a vrsx::RecordFilter, and
// the library's filter calls with their warnings written on the command's stderr.
//
//   vrsx::FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
//   for (size_t pos : plan.preroll) ...   // only for the commands that pre-roll
//   for (size_t pos : plan.records) ...   // positions in reader.index(), visiting order
#pragma once

#include <iosfwd>

#include "tools/commands/cli_options.h"
#include "vrsx/reader.h"
#include "vrsx/record_filter.h"

namespace vrsx::cli {

// The options as typed, as a filter: `+`/`-` rules in order, relative times from the first data
// record ("+x") or the last one ("-x"), stream names read like the vrs tool does (no globs).
RecordFilter ToRecordFilter(const FilterOptions& filters);

// vrsx::SelectRecords, then its warnings on `err`.
RecordSelection SelectRecords(const Reader& reader, const FilterOptions& filters,
                              std::ostream& err);
// vrsx::FilterRecords, then its warnings on `err`.
FilteredRecords PlanRecords(const Reader& reader, const FilterOptions& filters, std::ostream& err);

}  // namespace vrsx::cli
