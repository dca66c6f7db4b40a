// The index that copy tools reserve right after the description record and fill in at close
// (spec 01 §7.6 case B, "layout B", file version VRS2), so that a reader streaming the file
// finds the index before the records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "index/index_writer.h"
#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx::writing {

// Up to this many entries the reference's preset ladders are followed exactly: the reservation
// is the preliminary index at zhigh (raw under 100 entries), the final index tries none (under
// 100 entries), zhigh, then ztight. Above it, zstd 15 and 18 would cost seconds per million
// entries, so both use zmedium and the reservation gets 1/8 of headroom instead of a retry.
inline constexpr size_t kReferenceLadderMaxEntries = 10000;

// The sizes the reference's copy and merge announce in their preliminary index, which spec 01
// §7.6 case B leaves open (found on the golden copies, docs/writer.md): each entry gets its
// record's offset in its source minus the previous entry's offset (0 before the first), cut to
// 32 bits. A plain copy thus announces the size of the record before (the first record its own
// offset); a merge mixes offsets of different files, wrapping when the difference is negative.
// `entries` are in write order, with their source offsets.
void SetReferencePreliminarySizes(std::vector<RecordInfo>& entries);

// The preallocated index record: a classic index of the preliminary entries (the records the
// writer expects, with estimated sizes), whose recordSize is then fixed.
std::vector<uint8_t> BuildFrontIndexReservation(const std::vector<StreamId>& streams,
                                                const index::ClassicIndexWriter& preliminary,
                                                uint32_t previous_record_size);

// The final index to write over a reservation of `reserved_size` bytes: the first encoding of
// the ladder that fits, with recordSize = reserved_size (the bytes after it are left as they
// are: slack). Empty when none fits: the index then goes at the end of the file.
std::vector<uint8_t> FitFrontIndex(const std::vector<StreamId>& streams,
                                   const index::ClassicIndexWriter& index,
                                   uint32_t previous_record_size, uint32_t reserved_size);

}  // namespace vrsx::writing
