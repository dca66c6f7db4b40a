// Rebuilds a file's record index by walking the daisy chain of records (spec 01 §7.7), for
// recordings that were never closed or whose index is damaged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "index/index_record.h"
#include "vrsx/record.h"

namespace vrsx::index {

struct RebuiltIndex {
  std::vector<RecordInfo> records;  // file order
  uint64_t end = 0;                 // end of the last good record
  bool clean_end = false;           // the walk reached the end of the file exactly
  std::vector<std::string> warnings;
};

// Copies up to `size` bytes at `offset` and returns how many the file has there: the reader's
// read-ahead, so that walking a million record headers costs a few large reads.
using ReadUpTo = std::function<size_t(uint64_t offset, void* out, size_t size)>;

RebuiltIndex RebuildIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                          const ReadUpTo& read);

// The index of an opened file as the reader takes it: the one the header points to, or else one
// rebuilt by walking the records (then `rebuilt` is true, `index.records` are in file order and
// `index.used_end` is the end of the last good record). Chunks past the end of what the index
// uses are dropped from `file`. `warnings` say what was wrong, naming `path`.
struct IndexLoad {
  LoadedIndex index;
  bool rebuilt = false;
};
IndexLoad LoadOrRebuildIndex(format::ChunkedFile& file, const format::FileHeader& header,
                             uint64_t description_size, const ReadUpTo& read,
                             const std::string& path);

}  // namespace vrsx::index
