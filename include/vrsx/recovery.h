// Repairing recordings: writing back the index of a file that was never closed; the damaged
// regions of a file that a recovery passes over.
//
// Reader::Open never writes: it rebuilds a missing or damaged index in memory. RepairIndex
// writes that rebuilt index into the file, so that later opens are fast and other tools see
// every record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vrsx/status.h"

namespace vrsx {

struct IndexRepairResult {
  bool index_was_complete = false;  // nothing to do: the file was not modified
  bool repaired = false;            // a rebuilt index was written into the file
  size_t records = 0;               // records the rebuilt index lists
  // What was found and done, in order, one line each: why the index was rebuilt, what the walk
  // met, then the outcome (as `vrsx fix-index` prints them).
  std::vector<std::string> messages;
};

// Opens `path` (and its chunks `path_1`...) and, when its index is missing or incomplete,
// writes the index rebuilt by walking its records into it (spec 01 §7.7, docs/recover.md).
// A file whose index is complete is not touched. Returns an error when the file can't be read
// as a VRS file, or when writing the index failed (then `result.messages` says so too).
Status RepairIndex(const std::string& path, IndexRepairResult& result);

// What was found where a damaged region starts.
enum class DamageReason {
  kBadHeader,        // a record header that fails the sanity rules (spec 01 §3.5)
  kBrokenChain,      // a header whose previousRecordSize doesn't match the record before it
  kBadPayload,       // a compressed payload that doesn't decode, or tags that don't
  kUnvouchedRecord,  // a raw record not followed by a record chained to it (§7.7 "distrust")
  kTruncated,        // the file ends inside a record or a record header
};

// Bytes [offset, offset + size) of the input (logical offsets, across chunks) where nothing
// could be recovered.
struct DamagedRegion {
  uint64_t offset = 0;
  uint64_t size = 0;
  DamageReason reason = DamageReason::kBadHeader;
  std::string what;  // one line, e.g. "record of 1201-1 has a bad payload"
  uint64_t end() const { return offset + size; }
};

}  // namespace vrsx
