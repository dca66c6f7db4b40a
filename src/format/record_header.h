// The 32-byte header in front of every record (spec 01 §3).
#pragma once

#include <cstdint>
#include <limits>

#include "vrsx/stream_id.h"

namespace vrsx::format {

inline constexpr int32_t kIndexTypeId = 1;
inline constexpr int32_t kDescriptionTypeId = 2;
inline constexpr uint8_t kCompressionNone = 0;
inline constexpr uint8_t kCompressionLz4 = 1;
inline constexpr uint8_t kCompressionZstd = 2;
inline constexpr double kMaxTimestamp = std::numeric_limits<double>::max();

struct RecordHeader {
  uint32_t record_size = 0;  // header included
  uint32_t previous_record_size = 0;
  int32_t type_id = 0;  // as stored: see StreamIdFromDisk()
  uint32_t format_version = 0;
  double timestamp = 0;
  uint16_t instance_id = 0;
  uint8_t record_type = 0;
  uint8_t compression = 0;
  uint32_t uncompressed_size = 0;

  static RecordHeader Decode(const uint8_t* bytes);
  void Encode(uint8_t* bytes) const;

  StreamId stream() const;
  RecordType type() const { return RecordType(record_type); }
  // By the stream's type id, as the reader sees it (a damaged 65537 is an index too).
  bool IsIndex() const { return stream().type_id == kIndexTypeId; }
  bool IsDescription() const { return stream().type_id == kDescriptionTypeId; }

  // The reference reader's sanity rules (spec 01 §3.5), given the file's record header size.
  bool IsSane(uint32_t record_header_size) const;
};

// Legacy type ids >= 100000 are remapped into the 65500+ range, then truncated to 16 bits.
uint16_t TypeIdFromDisk(int32_t stored);

}  // namespace vrsx::format
