// vrsx::RecordsChecksum: the selected records read in visiting order into a LogicalChecksum.
#include <cstdint>
#include <vector>

#include "reader/logical_checksum.h"
#include "reader/ordered_reads.h"
#include "vrsx/checksum.h"

namespace vrsx {

Status RecordsChecksum(const Reader& reader, const RecordFilter* filter, ChecksumResult& out,
                       const ChecksumProgress& progress) {
  out = ChecksumResult{};
  FilteredRecords selected = FilterRecords(reader, filter != nullptr ? *filter : RecordFilter{});
  out.warnings = selected.warnings;
  if (!selected.window.valid()) {
    out.valid_time_window = false;
    return {ErrorCode::kInvalidArgument, selected.window.InvalidMessage()};
  }
  reading::LogicalChecksum checksum(reader, selected.selection.streams);
  // Pre-roll first: the configuration and state the first selected records depend on.
  const std::vector<size_t> positions = selected.AllWithPreroll();
  const std::vector<RecordInfo>& index = reader.index();
  reading::OrderedReadResult read = reading::ReadInOrder(
      reader, positions,
      [&](size_t pos, const RecordDetails& details, const std::vector<uint8_t>& payload) {
        checksum.AddRecord(index[pos], details, payload);
      },
      progress);
  out.records_read = read.consumed;
  if (!read.status.ok()) return read.status;
  out.file_tags = checksum.file_tags_hash();
  for (const reading::LogicalChecksum::StreamPart& part : checksum.StreamParts()) {
    out.streams.push_back(
        {part.stream, part.vrs_tags, part.user_tags, part.headers, part.payloads});
  }
  out.checksum = checksum.Final();
  return Status::Ok();
}

}  // namespace vrsx
