// Writes the records a scan kept (record_scan.h) as a clean, single-chunk VRS file (layout A,
// spec 01 §1): a fresh file header, the source's description record, the kept records byte for
// byte (compressed payloads as they are) with their previousRecordSize fixed to the new chain,
// then a classic index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "recovery/record_scan.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx::recovery {

struct RecoveredFileSource {
  const format::ChunkedFile* file = nullptr;
  format::FileHeader header;        // the source's, already validated
  uint64_t description_offset = 0;  // its description record, checked readable
  uint32_t description_size = 0;    // recordSize of that record
};

// `streams`: every stream to list in the index prelude. Overwrites `path`; on failure, removes it.
Status WriteRecoveredFile(const RecoveredFileSource& source,
                          const std::vector<ScannedRecord>& records,
                          const std::vector<StreamId>& streams, const std::string& path);

}  // namespace vrsx::recovery
