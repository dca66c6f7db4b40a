// The head of a VRS file: its file header, then the description record it names (spec 01 §2,
// §6), read and checked in one place for the reader, recover, debug and the fuzz targets.
#pragma once

#include <cstdint>

#include "format/chunked_file.h"
#include "format/description_record.h"
#include "format/file_header.h"
#include "vrsx/status.h"

namespace vrsx::format {

// Description records hold tags only; anything bigger than this is corrupt.
inline constexpr uint64_t kMaxDescriptionSize = 1u << 30;

struct FileHead {
  FileHeader header;
  uint64_t description_offset = 0;  // 0: the header names no description record
  uint32_t description_size = 0;    // the whole record, header included
  Description description;
};

// Reads and validates the file header. Messages say what is wrong, not which file.
Status ReadFileHeader(const ChunkedFile& file, FileHeader& header);

// Reads the description record `out.header` names into `out` (nothing when it names none).
// Errors are kCorrupt, "description record at offset N: ...".
Status ReadDescriptionRecord(const ChunkedFile& file, FileHead& out);

// Both of the above.
Status ReadFileHead(const ChunkedFile& file, FileHead& out);

}  // namespace vrsx::format
