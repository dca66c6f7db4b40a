// The order a copy writes its records in (spec 03 §7.3): every selected record of every input,
// sorted by (timestamp, source stream, source offset, input), then the duplicates of a merge
// dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "copy/stream_routing.h"
#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/record_filter.h"

namespace vrsx::copying {

struct PendingRecord {
  size_t input;
  size_t pos;  // in that input's index()
};

// The records of `visits[k]` (pre-roll and records) of every `inputs[k]`, in writing order.
std::vector<PendingRecord> OrderRecords(const std::vector<const Reader*>& inputs,
                                        const std::vector<FilteredRecords>& visits);

// The index the writer reserves at the front of the file: the records' entries with their output
// streams and the sizes the reference announces (writing::SetReferencePreliminarySizes).
std::vector<RecordInfo> PreliminaryIndex(const std::vector<const Reader*>& inputs,
                                         const std::vector<PendingRecord>& records,
                                         const StreamRouting& routing);

// Drops each record whose output stream's previous accepted record of its type has the same
// timestamp. Returns how many were dropped.
size_t DropDuplicates(const std::vector<const Reader*>& inputs, const StreamRouting& routing,
                      std::vector<PendingRecord>& records);

}  // namespace vrsx::copying
