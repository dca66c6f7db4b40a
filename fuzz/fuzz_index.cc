// Fuzz target: the index of a file held in memory. Reads the index record the file header
// points to (classic, format 2, or split, format 3), then rebuilds the index by walking the
// records, as the reader does when the index is missing or damaged (spec 01 §7).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "index/index_rebuild.h"
#include "index/index_record.h"
#include "index/record_order.h"

namespace {

// The description record's size, which the classic index needs when firstUserRecordOffset is 0.
uint64_t DescriptionSize(const vrsx::format::ChunkedFile& file,
                         const vrsx::format::FileHeader& header) {
  uint8_t bytes[vrsx::format::kMaxRecordHeaderSize];
  if (header.description_record_offset <= 0 ||
      !file.ReadExactly(uint64_t(header.description_record_offset), bytes,
                        header.record_header_size)
           .ok()) {
    return 0;
  }
  vrsx::format::RecordHeader record = vrsx::format::RecordHeader::Decode(bytes);
  return record.IsSane(header.record_header_size) ? record.record_size : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vrsx::format::ChunkedFile file;
  if (!file.OpenMemory(data, size, "fuzz.vrs").ok()) std::abort();
  if (size < vrsx::format::kFileHeaderSize) return 0;
  vrsx::format::FileHeader header = vrsx::format::FileHeader::Decode(data);
  // The reader stops at a header that does not validate; so does this target.
  if (!header.Validate().ok()) return 0;

  vrsx::index::IsSplitHead(file, header);
  vrsx::index::LoadedIndex loaded;
  if (vrsx::index::ReadIndex(file, header, DescriptionSize(file, header), loaded).ok()) {
    for (const vrsx::RecordInfo& record : loaded.records) {
      if (record.offset + record.disk_size > size) std::abort();  // entries lie inside the file
    }
    vrsx::index::SortRecords(loaded.records);
  }
  vrsx::index::RebuiltIndex rebuilt = vrsx::index::RebuildIndex(file, header);
  if (rebuilt.end > size) std::abort();
  for (const vrsx::RecordInfo& record : rebuilt.records) {
    if (record.offset + record.disk_size > size) std::abort();
  }
  vrsx::index::SortRecords(rebuilt.records);
  return 0;
}
