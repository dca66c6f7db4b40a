// Repairing recordings: writing back the index of a file that was never closed.
//
// Reader::Open never writes: it rebuilds a missing or damaged index in memory. RepairIndex
// writes that rebuilt index into the file, so that later opens are fast and other tools see
// every record.
#pragma once

#include <cstddef>
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

}  // namespace vrsx
