// Writes a rebuilt record index back into a file whose index was missing or incomplete
// (spec 01 §7.7, `fix-index`), for the classic layout.
//
// Classic (not split) layout: the index record (entries in file order, zstd level 7) is written
// right after the last good record, in the chunk holding that record's last byte; that chunk is
// truncated right after the index record; then only the first 32 bytes of the file header are
// rewritten, with the new indexRecordOffset (version and firstUserRecordOffset unchanged).
// Chunks after that one hold nothing a reader uses (partial records): they are left alone, and a
// reader ignores them because the index ends before them.
//
// The chunk files are opened for writing only here, and only for local files. Split-head files
// are not repaired (kUnsupported): the file is then left unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "vrsx/record.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx::index {

// The INFO message of a successful repair starts with this.
inline constexpr const char* kRepairSuccessPrefix = "Successfully created an index for ";

// `records`: the rebuilt records, in file order; `end`: end of the last good record;
// `streams`: the streams to list in the index prelude (description streams and indexed ones).
Status RepairClassicIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                          const std::vector<RecordInfo>& records, uint64_t end,
                          const std::vector<StreamId>& streams);

}  // namespace vrsx::index
