// The public record filter (vrsx/record_filter.h): the small types, and the calls on readers.
#include "vrsx/record_filter.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "io/huge_pages.h"
#include "reader/index_view.h"
#include "reader/record_filtering.h"

namespace vrsx {

RecordFilter& RecordFilter::Include(std::string streams_named) {
  streams.push_back({true, std::move(streams_named)});
  return *this;
}

RecordFilter& RecordFilter::Exclude(std::string streams_named) {
  streams.push_back({false, std::move(streams_named)});
  return *this;
}

RecordFilter& RecordFilter::Include(RecordType type) {
  record_types.push_back({true, type});
  return *this;
}

RecordFilter& RecordFilter::Exclude(RecordType type) {
  record_types.push_back({false, type});
  return *this;
}

bool RecordSelection::Includes(StreamId stream) const {
  return std::binary_search(streams.begin(), streams.end(), stream);
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

std::vector<size_t> FilteredRecords::AllWithPreroll() const {
  std::vector<size_t> all;
  io::ReserveToFill(all, preroll.size() + records.size());
  all.insert(all.end(), preroll.begin(), preroll.end());
  all.insert(all.end(), records.begin(), records.end());
  return all;
}

RecordSelection SelectRecords(const Reader& reader, const RecordFilter& filter) {
  return reading::SelectRecords(reading::IndexView::Of(reader), filter);
}

FilteredRecords FilterRecords(const Reader& reader, const RecordFilter& filter) {
  return reading::FilterRecords(reading::IndexView::Of(reader), filter);
}

std::vector<FilteredRecords> FilterRecords(const std::vector<const Reader*>& readers,
                                           const RecordFilter& filter) {
  std::vector<reading::IndexView> files;
  files.reserve(readers.size());
  for (const Reader* reader : readers) files.push_back(reading::IndexView::Of(*reader));
  return reading::FilterRecords(files, filter);
}

}  // namespace vrsx
