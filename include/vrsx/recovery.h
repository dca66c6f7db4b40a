// Repairing recordings: writing back the index of a file that was never closed, or salvaging the
// intact records of a damaged file into a new one.
//
// Reader::Open never writes: it rebuilds a missing or damaged index in memory. RepairIndex
// writes that rebuilt index into the file, so that later opens are fast and other tools see
// every record. Recover goes on past damage that stops an index rebuild (docs/recover.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
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

struct RecoverOptions {
  // Called as each damaged region is found, in file order (before Recover returns).
  std::function<void(const DamagedRegion&)> on_damaged_region;
};

// What Recover's outcome would be as an exit status (`vrsx recover` exits 0, 3, 1).
enum class RecoverOutcome {
  kAllRecovered,      // nothing lost (the original index is rewritten, so it doesn't count)
  kSomeLost,          // records or bytes lost, at least one record kept
  kNothingRecovered,  // nothing kept although something was lost, or an error
};

struct RecoverResult {
  RecoverOutcome outcome = RecoverOutcome::kNothingRecovered;
  uint64_t records_kept = 0;  // user and tags records written (the description is always kept)
  // A lower bound: records whose header was found but not their payload, or the records the
  // original index lists that were not kept. 0 with damaged regions: an unknown number.
  uint64_t records_lost = 0;
  uint64_t bytes_kept = 0;             // bytes of the kept records, as they were in the input
  uint64_t bytes_lost = 0;             // bytes of the damaged regions
  size_t streams = 0;                  // streams the output's index lists
  std::vector<DamagedRegion> damaged;  // in file order, not overlapping
  // What the scan met, in order, one line each with its offset (as `vrsx recover` prints them).
  std::vector<std::string> messages;
};

// Writes every intact record of `input` (and its chunks `input_1`...) into `output`, a new
// single-chunk VRS file with a fresh index (docs/recover.md). The input is never modified.
// Returns an error, naming the file, and writes nothing when the input is not a VRS file or its
// description record is damaged, or when `output` is the input or one of its chunks. An error
// also when writing `output` failed: then it is removed, and `result` says what the scan found
// with the outcome kNothingRecovered. Otherwise `result` says what was kept and what was lost.
Status Recover(const std::string& input, const std::string& output, const RecoverOptions& options,
               RecoverResult& result);

}  // namespace vrsx
