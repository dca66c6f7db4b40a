// vrsx::Recover (docs/recover.md): the file head checked, the records scanned past any damage,
// the kept ones written into a new file, and what was kept and lost counted. `vrsx recover` only
// formats the result.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_head.h"
#include "format/file_header.h"
#include "index/index_record.h"
#include "recovery/record_scan.h"
#include "recovery/recovered_file.h"
#include "vrsx/recovery.h"

namespace vrsx {

namespace {

// True when `output` names the input file or one of its chunks.
bool IsInput(const std::string& output, const format::ChunkedFile& file) {
  std::error_code ec;
  for (const ChunkInfo& chunk : file.chunks()) {
    if (std::filesystem::equivalent(output, chunk.path, ec)) return true;
  }
  return false;
}

// Where user records start and which streams a scanned record may belong to: the description's,
// and the index's when it still reads (`prelude_streams`, also listed in the new index).
recovery::ScanOptions PlanScan(const format::ChunkedFile& file, const format::FileHead& head,
                               const index::LoadedIndex* original_index,
                               std::set<StreamId>& prelude_streams) {
  recovery::ScanOptions scan;
  for (const auto& [stream, tags] : head.description.streams) scan.known_streams.insert(stream);
  if (original_index != nullptr) {
    for (StreamId stream : original_index->streams) prelude_streams.insert(stream);
    for (const RecordInfo& record : original_index->records)
      scan.known_streams.insert(record.stream);
  }
  scan.known_streams.insert(prelude_streams.begin(), prelude_streams.end());
  if (index::IsSplitHead(file, head.header)) {
    scan.start = file.chunk_start(1);
    scan.check_first_previous = false;
  } else {
    scan.start = head.description_offset + head.description_size;
    scan.first_previous = head.description_size;
  }
  return scan;
}

}  // namespace

Status Recover(const std::string& input, const std::string& output, const RecoverOptions& options,
               RecoverResult& result) {
  result = {};
  if (output.empty()) return {ErrorCode::kInvalidArgument, "recover needs an output path"};
  format::ChunkedFile file;
  Status status = file.Open(format::DiscoverChunks(input));
  if (!status.ok()) return {status.code(), "'" + input + "': " + status.message()};
  // Refused before anything is read: writing would destroy what is to be recovered.
  if (IsInput(output, file)) {
    return {ErrorCode::kInvalidArgument,
            "'" + output + "' is the input file: recover writes a new file."};
  }
  format::FileHead head;
  status = format::ReadFileHeader(file, head.header);
  if (!status.ok()) {
    return {status.code(),
            "'" + input + "': not a VRS file (" + status.message() + "), nothing recovered."};
  }
  status = format::ReadDescriptionRecord(file, head);
  if (status.ok() && head.description_size == 0) {
    status = {ErrorCode::kCorrupt, "the file header names no description record"};
  }
  if (!status.ok()) {
    return {status.code(), "'" + input + "': " + status.message() +
                               ". Without it the streams' tags and formats are unknown: nothing "
                               "recovered."};
  }

  index::LoadedIndex original_index;
  bool index_read = index::ReadIndex(file, head.header, head.description_size, original_index).ok();
  std::set<StreamId> streams;
  recovery::ScanOptions scan =
      PlanScan(file, head, index_read ? &original_index : nullptr, streams);
  scan.on_damaged_region = options.on_damaged_region;
  recovery::ScanResult found = recovery::ScanRecords(file, head.header, scan);

  for (const auto& [stream, tags] : head.description.streams) streams.insert(stream);
  for (const recovery::ScannedRecord& record : found.records) {
    streams.insert(record.header.stream());
    result.bytes_kept += record.header.record_size;
  }
  result.records_kept = found.records.size();
  result.records_lost = found.damaged_records;
  if (index_read && original_index.records.size() > result.records_kept) {
    result.records_lost = std::max<uint64_t>(result.records_lost,
                                             original_index.records.size() - result.records_kept);
  }
  result.bytes_lost = found.lost_bytes();
  result.streams = streams.size();
  result.damaged = std::move(found.damaged);
  result.messages = std::move(found.warnings);
  bool lost = result.records_lost > 0 || !result.damaged.empty();
  result.outcome = !lost                     ? RecoverOutcome::kAllRecovered
                   : result.records_kept > 0 ? RecoverOutcome::kSomeLost
                                             : RecoverOutcome::kNothingRecovered;

  recovery::RecoveredFileSource source{&file, head.header, head.description_offset,
                                       head.description_size};
  status =
      recovery::WriteRecoveredFile(source, found.records, {streams.begin(), streams.end()}, output);
  if (!status.ok()) {
    // Nothing was written after all: what was found stays in `result`, the outcome says so.
    result.outcome = RecoverOutcome::kNothingRecovered;
    return status;
  }
  return Status::Ok();
}

}  // namespace vrsx
