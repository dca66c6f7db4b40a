// What the index knows of a record, and what reading its header adds.
#pragma once

#include <cstdint>
#include <string>

#include "vrsx/stream_id.h"

namespace vrsx {

// One entry of a file's record index, in the reader's order (timestamp, stream, offset).
struct RecordInfo {
  double timestamp = 0;
  uint64_t offset = 0;     // logical offset of the record header (across chunks)
  uint32_t disk_size = 0;  // header + payload as stored
  StreamId stream;
  RecordType type = RecordType::kUndefined;
};

// Fields of the record header beyond the index entry.
struct RecordDetails {
  uint32_t format_version = 0;
  uint32_t payload_size = 0;  // uncompressed size
  uint32_t stored_size = 0;   // payload bytes on disk (compressed or not)
  uint8_t compression = 0;    // 0 none, 1 lz4, 2 zstd
};

// One chunk of a file: `P`, `P_1`, `P_2`... (spec 01 §8).
struct ChunkInfo {
  std::string path;
  uint64_t size = 0;
};

}  // namespace vrsx
