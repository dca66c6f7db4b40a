// vrsx::RepairIndex: the reader's index load, then the rebuilt index written back.
#include <algorithm>
#include <set>

#include "format/chunked_file.h"
#include "format/file_head.h"
#include "index/index_rebuild.h"
#include "index/index_record.h"
#include "reader/read_ahead.h"
#include "recovery/index_repair.h"
#include "vrsx/recovery.h"

namespace vrsx {

Status RepairIndex(const std::string& path, IndexRepairResult& result) {
  result = {};
  format::ChunkedFile file;
  Status status = file.Open(format::DiscoverChunks(path));
  if (!status.ok()) return status;
  const std::string where = "'" + file.chunks().front().path + "': ";
  format::FileHead head;
  status = format::ReadFileHead(file, head);
  if (!status.ok()) return {status.code(), where + status.message()};
  reading::ReadAhead read_ahead(file);
  index::IndexLoad loaded = index::LoadOrRebuildIndex(
      file, head.header, head.description_size,
      [&](uint64_t offset, void* out, size_t size) {
        return read_ahead.ReadUpTo(offset, out, size);
      },
      file.chunks().front().path);
  result.messages = std::move(loaded.index.warnings);
  if (!loaded.rebuilt) {
    result.index_was_complete = true;
    return Status::Ok();
  }
  // The streams a classic index lists: the description's and those of the records found.
  std::set<StreamId> stream_set;
  for (const auto& [id, tags] : head.description.streams) stream_set.insert(id);
  for (const RecordInfo& record : loaded.index.records) stream_set.insert(record.stream);
  std::vector<StreamId> streams(stream_set.begin(), stream_set.end());
  if (streams.size() > index::kMaxIndexStreams) streams.resize(index::kMaxIndexStreams);

  status = recovery::RepairIndex(file, head.header, loaded.index.records, loaded.index.used_end,
                                 streams);
  if (!status.ok()) {
    result.messages.push_back("Could not write the rebuilt index: " + status.message());
    return status;
  }
  result.repaired = true;
  result.records = loaded.index.records.size();
  result.messages.push_back(std::string(recovery::kRepairSuccessPrefix) +
                            std::to_string(result.records) + " records.");
  return Status::Ok();
}

}  // namespace vrsx
