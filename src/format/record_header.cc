#include "format/record_header.h"

#include <algorithm>

#include "format/file_header.h"
#include "format/little_endian.h"

namespace vrsx::format {

RecordHeader RecordHeader::Decode(const uint8_t* b) {
  RecordHeader h;
  h.record_size = LoadU32(b + 0);
  h.previous_record_size = LoadU32(b + 4);
  h.type_id = int32_t(LoadU32(b + 8));
  h.format_version = LoadU32(b + 12);
  h.timestamp = LoadF64(b + 16);
  h.instance_id = LoadU16(b + 24);
  h.record_type = b[26];
  h.compression = b[27];
  h.uncompressed_size = LoadU32(b + 28);
  return h;
}

void RecordHeader::Encode(uint8_t* b) const {
  StoreU32(b + 0, record_size);
  StoreU32(b + 4, previous_record_size);
  StoreU32(b + 8, uint32_t(type_id));
  StoreU32(b + 12, format_version);
  StoreF64(b + 16, timestamp);
  StoreU16(b + 24, instance_id);
  b[26] = record_type;
  b[27] = compression;
  StoreU32(b + 28, uncompressed_size);
}

uint16_t TypeIdFromDisk(int32_t stored) {
  if (stored >= 100000) stored = stored - 100000 + 65500;
  return uint16_t(stored);
}

StreamId RecordHeader::stream() const {
  return StreamId{TypeIdFromDisk(type_id), instance_id};
}

bool RecordHeader::IsSane(uint32_t record_header_size) const {
  if (record_size < record_header_size) return false;
  if (previous_record_size != 0 && previous_record_size < kRecordHeaderSize) return false;
  if (record_type < 1 || record_type > 4) return false;
  if (uncompressed_size > 0) {
    if (compression != kCompressionLz4 && compression != kCompressionZstd) return false;
    if (!IsIndex()) {
      uint64_t u = uncompressed_size;
      uint64_t max_increase =
          u < 200 ? std::max<uint64_t>(50, u / 2) : std::max<uint64_t>(100, u * 5 / 100);
      if (uint64_t(record_size) - record_header_size >= u + max_increase) return false;
    }
  }
  return true;
}

}  // namespace vrsx::format
