// Record selection in an open file: streams, record types, a time window, first records,
// decimation. What the `vrs` tool's filter options do (and pyvrs's `filtered_by_fields`).
//
//   vrsx::RecordFilter filter;
//   filter.Include("1201-*");                        // every stream of type 1201...
//   filter.Exclude("1201-2");                        // ...but 1201-2
//   filter.Include(vrsx::RecordType::kData);         // data records only
//   filter.after = vrsx::FilterTime::FromFirst(2);   // from 2 s after the first data record
//   filter.before = vrsx::FilterTime::FromLast(-1);  // to 1 s before the last one
//   vrsx::FilteredRecords selected = vrsx::FilterRecords(reader, filter);
//   for (const std::string& warning : selected.warnings) log(warning);
//   for (size_t pos : selected.AllWithPreroll()) reader.ReadRecord(pos, payload);
//
// Streams and record types are rules applied in order: starting with every stream (type) when
// the first rule excludes, none when it includes. A default RecordFilter selects every record.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx {

// Include or exclude the streams named by `streams`:
// "1201-1" that stream, "1201+2" the 2nd stream of type 1201, "1201" or "1201-" every stream of
// type 1201, "1201-<flavor>" those of that flavor, and with '*' or '?' a glob on
// "<type>-<instance>"
// ("1201-*", "12*"). A name that is none of these matches nothing, with a warning.
struct StreamRule {
  bool include = true;
  std::string streams;
};

// Include or exclude the records of one type (kConfiguration, kState or kData).
struct RecordTypeRule {
  bool include = true;
  RecordType type = RecordType::kData;
};

// What a time is relative to: the first or last data record of the selected streams (of any
// record type when they have no data record, 0 when they have no record at all).
enum class TimeBase { kAbsolute, kFirstDataRecord, kLastDataRecord };

// A time, absolute or as an offset (seconds, added) from the first/last data record.
struct FilterTime {
  double seconds = 0;
  TimeBase base = TimeBase::kAbsolute;

  static FilterTime Absolute(double t) { return {t, TimeBase::kAbsolute}; }
  static FilterTime FromFirst(double offset) { return {offset, TimeBase::kFirstDataRecord}; }
  static FilterTime FromLast(double offset) { return {offset, TimeBase::kLastDataRecord}; }
};

// A window of `width` seconds centred on `center`.
struct TimeAround {
  FilterTime center;
  double width = 0;  // the sign is ignored
};

// Keep the first data record of these streams, then none closer than `interval` seconds to the
// last one kept. `streams` is named like StreamRule::streams.
struct Decimation {
  std::string streams;
  double interval = 0;
};

struct RecordFilter {
  std::vector<StreamRule> streams;           // empty: every stream
  std::vector<RecordTypeRule> record_types;  // empty: every record type

  // The window keeps after < timestamp <= before (open at its start, like the vrs tool).
  std::optional<FilterTime> after;
  std::optional<FilterTime> before;
  std::optional<TimeAround> around;  // when set, replaces `after` and `before`

  // Only the first record of each selected (stream, record type).
  bool first_records = false;

  // Data record decimation, per stream (the last rule naming a stream wins)...
  std::vector<Decimation> decimate;
  // ...or else, with a positive interval, buckets: every `bucket_interval` seconds, for each
  // stream, the data record farthest from the bucket's time within `bucket_max_delta` of it.
  double bucket_interval = 0;
  double bucket_max_delta = 1.0 / 30;

  // False: '*' and '?' are plain characters of a flavor, as the vrs tool reads stream names.
  bool stream_globs = true;

  RecordFilter& Include(std::string streams_named);
  RecordFilter& Exclude(std::string streams_named);
  RecordFilter& Include(RecordType type);
  RecordFilter& Exclude(RecordType type);
};

// The streams and record types a filter selects in one file.
struct RecordSelection {
  std::vector<StreamId> streams;  // StreamId order
  bool configuration = true;
  bool state = true;
  bool data = true;
  std::map<StreamId, double> decimate_intervals;  // RecordFilter::decimate, resolved
  std::vector<std::string> warnings;              // names that could not be read

  bool Includes(StreamId stream) const;
  bool Includes(RecordType type) const;
  bool Includes(const RecordInfo& record) const {
    return Includes(record.type) && Includes(record.stream);
  }
};

// A resolved time window: a record is in it iff min_time < timestamp <= max_time.
struct TimeWindow {
  double min_time = -std::numeric_limits<double>::infinity();
  double max_time = std::numeric_limits<double>::infinity();

  bool has_min() const { return min_time > -std::numeric_limits<double>::infinity(); }
  bool has_max() const { return max_time < std::numeric_limits<double>::infinity(); }
  // False when min_time > max_time: nothing is selected.
  bool valid() const { return !(min_time > max_time); }
  bool Contains(double t) const { return min_time < t && t <= max_time; }
  // "Time Range invalid:  between A and B sec" (or " after A sec", " before B sec").
  std::string InvalidMessage() const;
  // " between A and B sec", " after A sec", " before B sec" or "".
  std::string Description() const;
};

struct FilteredRecords {
  RecordSelection selection;
  TimeWindow window;
  // When the window has a start: the last configuration and state record of each selected
  // stream before it (of the selected types), index order. What a player needs to start there.
  std::vector<size_t> preroll;
  // Positions in reader.index() of the selected records, in visiting order: index order, except
  // for bucketed data records, which come when their bucket closes.
  std::vector<size_t> records;
  // The selection's warnings, then "Time Range invalid: ..." when the window is empty.
  std::vector<std::string> warnings;

  // preroll, then records.
  std::vector<size_t> AllWithPreroll() const;
};

// The streams and record types `filter` selects in `reader`'s file (times are not looked at).
RecordSelection SelectRecords(const Reader& reader, const RecordFilter& filter);
// The records `filter` selects in `reader`'s file.
FilteredRecords FilterRecords(const Reader& reader, const RecordFilter& filter);
// The same for several files with one time window: relative times count from the first/last
// data record of all of them. One result per reader, in order.
std::vector<FilteredRecords> FilterRecords(const std::vector<const Reader*>& readers,
                                           const RecordFilter& filter);

}  // namespace vrsx
