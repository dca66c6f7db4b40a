// Finds every intact record of a damaged file, even past corrupted regions (`vrsx recover`,
// docs/recover.md).
//
// The walk follows the daisy chain (spec 01 §3.4) like an index rebuild (§7.7), but where the
// chain breaks it does not stop: it scans forward byte by byte for the next plausible record
// header and goes on from there. A record is kept only when its header is sane (§3.5), its
// stream is known, it fits in the file, it chains to the record before it when that one is
// adjacent, and its payload checks out: a compressed payload decodes to the announced size; a raw
// payload, which can't be checked, must be vouched for by the next header chaining to it (or end
// the file), the "distrust" rule of §7.7.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "vrsx/recovery.h"
#include "vrsx/stream_id.h"

namespace vrsx::recovery {

// A record found intact, as it is in the file.
struct ScannedRecord {
  uint64_t offset = 0;  // logical offset of its header
  format::RecordHeader header;
  uint64_t payload_offset = 0;  // offset + the file's record header size
  uint32_t payload_size = 0;    // stored bytes (compressed size when compressed)
};

// Bytes of the file that held nothing recoverable: the public type, which Recover reports as is.
using DamagedRegion = vrsx::DamagedRegion;

struct ScanResult {
  std::vector<ScannedRecord> records;  // user and tags records kept, in file order
  std::vector<DamagedRegion> damaged;  // in file order, not overlapping
  uint64_t damaged_records = 0;        // records whose header was found but not their payload
  uint64_t internal_records = 0;       // description and index records passed over
  std::vector<std::string> warnings;   // one line per problem, with its offset
  uint64_t lost_bytes() const {
    uint64_t total = 0;
    for (const DamagedRegion& region : damaged) total += region.size;
    return total;
  }
};

struct ScanOptions {
  // Where user records start (after the description; chunk 1 of a split head) and whether the
  // first record there may have any previousRecordSize (split head: it was written as 32).
  uint64_t start = 0;
  bool check_first_previous = true;
  uint32_t first_previous = 0;  // expected previousRecordSize of the first record
  // Streams a record found by scanning may belong to: the description's and the index's. Streams
  // of tags records and of records found along the chain are added as they come.
  std::set<StreamId> known_streams;
  // Called with each damaged region as soon as its end is found.
  std::function<void(const DamagedRegion&)> on_damaged_region;
};

// Walks and scans the records of `file` from `options.start` to its end.
ScanResult ScanRecords(const format::ChunkedFile& file, const format::FileHeader& header,
                       const ScanOptions& options);

}  // namespace vrsx::recovery
