// Index records, classic (format 2) and split (format 3): spec 01 §7.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "index/record_order.h"
#include "vrsx/record.h"
#include "vrsx/status.h"

namespace vrsx::index {

inline constexpr uint32_t kClassicIndexFormat = 2;
inline constexpr uint32_t kSplitIndexFormat = 3;
inline constexpr size_t kDiskRecordInfoSize = 19;
inline constexpr uint64_t kMaxIndexEntries = 500'000'000;
inline constexpr uint64_t kMaxIndexCompressionRatio = 100'000;
inline constexpr size_t kMaxIndexStreams = 5000;

// What a file's index says, offsets reconstructed, in file order (not yet sorted).
struct LoadedIndex {
  std::vector<StreamId> streams;    // classic prelude's list
  std::vector<RecordInfo> records;  // file order
  uint64_t used_end = 0;            // end of the last indexed record or of the index data
  bool in_order = true;             // records already in the reader's order (record_order.h)
  bool has_tags_records = false;
  std::vector<std::string> warnings;
};

// Reads the index the file header points to. A non-ok status means "rebuild by walking the
// records"; its message says why.
Status ReadIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                 uint64_t description_record_size, LoadedIndex& out);

// Writes one 19-byte entry (spec 01 §7.2).
void EncodeEntry(const RecordInfo& record, uint8_t* bytes);

// True when this file's index record is a split-head one (format 3, in chunk 0, several chunks).
bool IsSplitHead(const format::ChunkedFile& file, const format::FileHeader& header);

}  // namespace vrsx::index
