// Fuzz target: the index of a file held in memory. Reads the index record the file header
// points to (classic, format 2, or split, format 3), then rebuilds the index by walking the
// records, as the reader does when the index is missing or damaged (spec 01 §7).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "format/chunked_file.h"
#include "format/file_head.h"
#include "index/index_rebuild.h"
#include "index/index_record.h"
#include "index/record_order.h"
#include "reader/read_ahead.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vrsx::format::ChunkedFile file;
  if (!file.OpenMemory(data, size, "fuzz.vrs").ok()) std::abort();
  // The reader stops at a header that does not validate; so does this target.
  vrsx::format::FileHead head;
  if (!vrsx::format::ReadFileHeader(file, head.header).ok()) return 0;
  vrsx::format::ReadDescriptionRecord(file, head);
  const vrsx::format::FileHeader& header = head.header;

  vrsx::index::IsSplitHead(file, header);
  vrsx::index::LoadedIndex loaded;
  if (vrsx::index::ReadIndex(file, header, head.description_size, loaded).ok()) {
    for (const vrsx::RecordInfo& record : loaded.records) {
      if (record.offset + record.disk_size > size) std::abort();  // entries lie inside the file
    }
    vrsx::index::SortRecords(loaded.records);
  }
  vrsx::reading::ReadAhead read_ahead(file);
  vrsx::index::RebuiltIndex rebuilt =
      vrsx::index::RebuildIndex(file, header, [&](uint64_t offset, void* out, size_t size) {
        return read_ahead.ReadUpTo(offset, out, size);
      });
  if (rebuilt.end > size) std::abort();
  for (const vrsx::RecordInfo& record : rebuilt.records) {
    if (record.offset + record.disk_size > size) std::abort();
  }
  vrsx::index::SortRecords(rebuilt.records);
  return 0;
}
