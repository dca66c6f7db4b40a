// Builds the classic index record a writer appends at close (spec 01 §7.3, §7.6 case A).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "format/record_header.h"
#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx::index {

// zstd level of the index entries: preset zmedium, the reference's (desktop builds). Index repair
// and recovery use it: a repaired file has the reference's size to the byte (spec 03 §13.11).
inline constexpr int kIndexCompressionLevel = 7;
// The writer's index at close: preset zlight, which the reference's mobile builds use. Close()
// waits for it, and on a million entries 3 takes a quarter of the time of 7 (docs/writer.md).
inline constexpr int kCloseIndexCompressionLevel = 3;

// The header fields every index record shares (spec 01 §7.1): the index type id, the largest
// timestamp, a data record; sizes and compression are the caller's.
format::RecordHeader IndexRecordHeader(uint32_t previous_record_size, uint32_t format_version);

class ClassicIndexWriter {
 public:
  // Notes a record written to the file, in file order (its offset is implied by the order).
  void Add(double timestamp, uint32_t record_size, RecordType type, StreamId stream);
  size_t size() const { return count_; }

  // The whole index record, header included: prelude (every stream, ascending), record count,
  // then the entries as one zstd frame (content size set) when that is smaller, else raw.
  std::vector<uint8_t> BuildRecord(const std::vector<StreamId>& streams,
                                   uint32_t previous_record_size) const;
  // The same with the entries as one zstd frame at `zstd_level` when that is smaller, or raw
  // when `zstd_level` is nullopt.
  std::vector<uint8_t> BuildRecord(const std::vector<StreamId>& streams,
                                   uint32_t previous_record_size,
                                   std::optional<int> zstd_level) const;

 private:
  // The entries, 19 bytes each, in pieces of kPieceEntries (4.75 MiB) on huge pages: a
  // million-record index grows without copying itself (the doublings of one buffer were a third
  // of the page faults of a capture of IMU samples, bench/README.md).
  static constexpr size_t kPieceEntries = size_t(1) << 18;
  static constexpr size_t kMapAheadBytes = size_t(64) << 10;
  std::vector<std::vector<uint8_t>> pieces_;
  size_t mapped_ = 0;  // bytes of the last piece mapped ahead
  size_t count_ = 0;
};

}  // namespace vrsx::index
