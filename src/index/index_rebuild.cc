#include "index/index_rebuild.h"

#include <algorithm>

#include "format/record_header.h"
#include "index/index_record.h"

namespace vrsx::index {

using format::RecordHeader;

RebuiltIndex RebuildIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                          const ReadUpTo& read) {
  RebuiltIndex out;
  const uint32_t header_size = header.record_header_size;
  uint64_t offset = header.file_header_size;
  bool check_previous = true;
  if (IsSplitHead(file, header)) {
    offset = file.chunk_start(1);
    check_previous = false;
  }
  const uint64_t file_size = file.size();
  std::vector<uint8_t> bytes(header_size);
  uint32_t expected_previous = 0;
  bool distrust_last = false;
  bool last_added = false;
  uint64_t last_offset = offset;
  while (true) {
    size_t got = read(offset, bytes.data(), header_size);
    if (got == 0 && offset >= file_size) {
      out.clean_end = true;
      break;
    }
    if (got < header_size) {
      out.warnings.push_back("Reindexing: partial record header at offset " +
                             std::to_string(offset) + ".");
      break;
    }
    RecordHeader record = RecordHeader::Decode(bytes.data());
    if (check_previous && record.previous_record_size != expected_previous) {
      out.warnings.push_back("Reindexing: record at offset " + std::to_string(offset) +
                             " doesn't follow the previous record.");
      distrust_last = true;
      break;
    }
    check_previous = true;
    if (record.record_size < header_size) {
      out.warnings.push_back("Reindexing: bad record size at offset " + std::to_string(offset) +
                             ".");
      distrust_last = true;
      break;
    }
    if (!record.IsSane(header_size)) {
      out.warnings.push_back("Reindexing: bad record header at offset " + std::to_string(offset) +
                             ".");
      break;
    }
    if (record.IsIndex() && record.format_version == kSplitIndexFormat) {
      // A split head merged with its body: the first user record follows an empty index.
      offset += record.record_size;
      expected_previous = format::kRecordHeaderSize;
      continue;
    }
    if (offset + record.record_size > file_size) {
      out.warnings.push_back(
          "Reindexing: record #" + std::to_string(out.records.size()) + " truncated. " +
          std::to_string(offset + record.record_size - file_size) + " bytes missing out of " +
          std::to_string(record.record_size) + " bytes.");
      break;
    }
    last_added = !record.IsIndex() && !record.IsDescription();
    if (last_added) {
      out.records.push_back(
          {record.timestamp, offset, record.record_size, record.stream(), record.type()});
    }
    last_offset = offset;
    offset += record.record_size;
    out.end = offset;
    expected_previous = record.record_size;
  }
  if (distrust_last && out.end > 0) {
    out.end = last_offset;
    if (last_added) out.records.pop_back();
  }
  return out;
}

IndexLoad LoadOrRebuildIndex(format::ChunkedFile& file, const format::FileHeader& header,
                             uint64_t description_size, const ReadUpTo& read,
                             const std::string& path) {
  IndexLoad out;
  Status status = ReadIndex(file, header, description_size, out.index);
  if (status.ok()) {
    file.DropChunksFrom(out.index.used_end);
    return out;
  }
  out.rebuilt = true;
  out.index = {};
  out.index.in_order = false;         // unknown after a rebuild
  out.index.has_tags_records = true;  // idem
  out.index.warnings.push_back(status.message() + ". Index incomplete: rebuilding the index of '" +
                               path + "'.");
  RebuiltIndex rebuilt = RebuildIndex(file, header, read);
  out.index.records = std::move(rebuilt.records);
  out.index.used_end = rebuilt.end;
  for (std::string& warning : rebuilt.warnings) out.index.warnings.push_back(std::move(warning));
  if (rebuilt.end > 0) file.DropChunksFrom(rebuilt.end);
  return out;
}

}  // namespace vrsx::index
