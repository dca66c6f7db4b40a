#include "index/index_rebuild.h"

#include <algorithm>

#include "format/record_header.h"
#include "index/index_record.h"
#include "index/window_reader.h"

namespace vrsx::index {

using format::RecordHeader;

RebuiltIndex RebuildIndex(const format::ChunkedFile& file, const format::FileHeader& header) {
  RebuiltIndex out;
  const uint32_t header_size = header.record_header_size;
  uint64_t offset = header.file_header_size;
  bool check_previous = true;
  if (IsSplitHead(file, header)) {
    offset = file.chunk_start(1);
    check_previous = false;
  }
  const uint64_t file_size = file.size();
  WindowReader scanner(file);
  std::vector<uint8_t> bytes(header_size);
  uint32_t expected_previous = 0;
  bool distrust_last = false;
  bool last_added = false;
  uint64_t last_offset = offset;
  while (true) {
    size_t got = scanner.Read(offset, header_size, bytes.data());
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

}  // namespace vrsx::index
