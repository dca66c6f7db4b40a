// vrsx::RecordsChecksum: the selected records read in visiting order into a LogicalChecksum.
#include <cstdint>
#include <vector>

#include "reader/logical_checksum.h"
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
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t pos : positions) {
    if (progress) progress(out.records_read, positions.size());
    if (Status status = reader.ReadRecord(pos, payload, &details); !status.ok()) return status;
    checksum.AddRecord(reader.index()[pos], details, payload);
    ++out.records_read;
  }
  out.file_tags = checksum.file_tags_hash();
  for (const reading::LogicalChecksum::StreamPart& part : checksum.StreamParts()) {
    out.streams.push_back(
        {part.stream, part.vrs_tags, part.user_tags, part.headers, part.payloads});
  }
  out.checksum = checksum.Final();
  return Status::Ok();
}

}  // namespace vrsx
