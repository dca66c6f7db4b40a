// Rebuilds a file's record index by walking the daisy chain of records (spec 01 §7.7), for
// recordings that were never closed or whose index is damaged.
#pragma once

#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "vrsx/record.h"

namespace vrsx::index {

struct RebuiltIndex {
  std::vector<RecordInfo> records;  // file order
  uint64_t end = 0;                 // end of the last good record
  bool clean_end = false;           // the walk reached the end of the file exactly
  std::vector<std::string> warnings;
};

RebuiltIndex RebuildIndex(const format::ChunkedFile& file, const format::FileHeader& header);

}  // namespace vrsx::index
