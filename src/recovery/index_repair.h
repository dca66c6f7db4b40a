// Writes a rebuilt record index back into a file whose index was missing or incomplete
// (spec 01 §7.7, spec 03 §9.1, `fix-index`).
//
// Classic (not split) layout: the index record (entries in file order, zstd level 7) is written
// right after the last good record, in the chunk holding that record's last byte; that chunk is
// truncated right after the index record; then only the first 32 bytes of the file header are
// rewritten, with the new indexRecordOffset (version and firstUserRecordOffset unchanged). One
// exception: when the first good record is not where a reader of a classic index looks for it
// (a split index merged into one chunk with its body lies before it), firstUserRecordOffset is
// set to it as well.
// Chunks after that one hold nothing a reader uses (partial records): they are left alone, and a
// reader ignores them because the index ends before them.
//
// Split head (index in chunk 0, user records in chunks 1...): the split index record is rewritten
// in place in chunk 0 with all the entries as one zstd frame (level 7; compressionType 2,
// uncompressedSize = 19 x entries), chunk 0 is truncated right after it, and the whole file header
// is rewritten with firstUserRecordOffset = the new size of chunk 0. The body chunks are not
// touched: a partial record after the last good one stays, but the index ends before it.
//
// The chunk files are opened for writing only here, and only for local files.
#pragma once

#include <cstdint>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "vrsx/record.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx::recovery {

// The INFO message of a successful repair starts with this.
inline constexpr const char* kRepairSuccessPrefix = "Successfully created an index for ";

// `records`: the rebuilt records, in file order; `end`: end of the last good record;
// `streams`: the streams to list in a classic index prelude (description streams and indexed
// ones). Repairs either layout.
Status RepairIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                   const std::vector<RecordInfo>& records, uint64_t end,
                   const std::vector<StreamId>& streams);

}  // namespace vrsx::recovery
