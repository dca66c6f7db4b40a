// Checksums of VRS files, as pyvrs's `records_checksum` and `verbatim_checksum` and the vrs
// tool's `checksum`, `checksums` and `checksum-verbatim` commands compute them.
//
//   vrsx::ChecksumResult sum;
//   vrsx::RecordFilter cameras;
//   cameras.Include("1201-*");
//   if (vrsx::RecordsChecksum(reader, &cameras, sum).ok()) use(sum.checksum);
//   std::string bytes;
//   if (vrsx::VerbatimChecksum("capture.vrs", bytes).ok()) use(bytes);
//
// The records checksum hashes what a file holds, not how: the same for any compression,
// chunking, index layout, on-disk record order or stream instance numbering.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record_filter.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx {

// The parts of one stream, each 16 lowercase hex digits (`checksums` prints them).
struct StreamChecksum {
  StreamId stream;  // the file's id (the checksum itself uses ids renumbered per type)
  std::string vrs_tags;
  std::string user_tags;
  std::string headers;
  std::string payloads;
};

struct ChecksumResult {
  std::string checksum;                 // 16 lowercase hex digits; "" when not computed
  std::string file_tags;                // the file tags' part
  std::vector<StreamChecksum> streams;  // the selected streams, StreamId order
  size_t records_read = 0;              // hashed records, pre-roll included
  bool valid_time_window = true;        // false: the filter's window is empty, nothing hashed
  std::vector<std::string> warnings;    // the filter's warnings
};

// Called before each record is read, with the records read so far and how many will be.
using ChecksumProgress = std::function<void(size_t done, size_t total)>;

// Checksum of the records `filter` selects (with their pre-roll), or of the whole file when
// `filter` is null. Fails on an empty time window (kInvalidArgument) or on the first record that
// can't be read (its status; `out.records_read` tells how far it went).
Status RecordsChecksum(const Reader& reader, const RecordFilter* filter, ChecksumResult& out,
                       const ChecksumProgress& progress = {});

// Checksum of the file's bytes, chunks included, as 16 lowercase hex digits. On failure `out` is
// "<file open error>" or "<read error>", as the vrs tool reports it.
Status VerbatimChecksum(const std::string& path, std::string& out);

}  // namespace vrsx
