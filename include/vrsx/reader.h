// Reads a VRS file: streams, tags, the record index, and record payloads.
//
//   vrsx::Reader reader;
//   if (vrsx::Status s = reader.Open("capture.vrs"); !s.ok()) { report(s.message()); }
//   std::vector<uint8_t> payload;
//   for (size_t i = 0; i < reader.index().size(); ++i) reader.ReadRecord(i, payload);
//
// Threads: once Open returned, every const method may be called from several threads at once
// (each read takes a read-ahead window and a decompressor of its own, and the file is read with
// pread). Open, OpenChunks, OpenMemory, Close, moves and destruction must not overlap with
// anything else on the same Reader. Helpers that keep state between records
// (RecordContentDecoder) are one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vrsx/file_source.h"
#include "vrsx/record.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/tags.h"

namespace vrsx {

// Which records to visit: by stream, record type and time (inclusive bounds).
struct RecordQuery {
  std::vector<StreamId> streams;  // empty: every stream
  std::vector<RecordType> types;  // empty: every record type
  double min_time = -std::numeric_limits<double>::infinity();
  double max_time = std::numeric_limits<double>::infinity();
};

// What a lookup by time accepts: `NearestRecord(t, stream, {.type = RecordType::kData,
// .epsilon = 0.001})`.
struct TimeLookup {
  RecordType type = RecordType::kUndefined;  // any type
  double epsilon = std::numeric_limits<double>::infinity();
};

class Reader {
 public:
  Reader();
  ~Reader();
  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;

  // Opens `path`, then `path_1`, `path_2`... as further chunks (or `x_0`, `x_1`...). An
  // http://, https:// or s3:// URL is read with range requests (vrsx/url_source.h).
  Status Open(const std::string& path);
  // Reads every byte through `source` (vrsx/file_source.h), which the Reader shares.
  Status Open(std::shared_ptr<const FileSource> source);
  // Opens exactly these chunks, in this order; every one must exist.
  Status OpenChunks(const std::vector<std::string>& chunk_paths);
  // Reads a whole VRS file held in memory, named `name` in messages and chunks(). The bytes are
  // not copied: they must stay valid and unchanged until Close() or the next Open.
  Status OpenMemory(const void* data, size_t size, const std::string& name = "<memory>");
  void Close();
  bool IsOpen() const;

  const std::vector<ChunkInfo>& chunks() const;
  uint64_t total_size() const;
  // False when the index had to be rebuilt by walking the records.
  bool had_complete_index() const;
  // Non-fatal problems met while opening (index rebuilt, entries dropped...).
  const std::vector<std::string>& warnings() const;

  const TagMap& file_tags() const;
  // Every stream of the file (description record, index, tags records), in StreamId order.
  const std::vector<StreamId>& streams() const;
  // Tags of a stream; empty maps for an unknown stream.
  const StreamTags& stream_tags(StreamId stream) const;
  std::string flavor(StreamId stream) const;
  std::string original_name(StreamId stream) const;
  std::string serial_number(StreamId stream) const;

  // Streams of a type, optionally with a given flavor, in StreamId order.
  std::vector<StreamId> FindStreams(uint16_t type_id, const std::string& flavor = {}) const;
  std::optional<StreamId> FindStreamBySerialNumber(const std::string& serial) const;
  std::vector<StreamId> FindStreamsByTag(const std::string& name, const std::string& value) const;

  // All records, ordered by (timestamp, stream, file offset).
  const std::vector<RecordInfo>& index() const;
  // Positions in index() of one stream's records, in index order.
  const std::vector<uint32_t>& stream_index(StreamId stream) const;
  uint32_t record_count(StreamId stream, RecordType type) const;
  // Positions in index() of the records matching `query`, in index order.
  std::vector<size_t> FindRecords(const RecordQuery& query) const;

  // First record with timestamp >= t (index().size() if none), globally or in one stream.
  size_t LowerBound(double t) const;
  std::optional<size_t> FirstRecordAtOrAfter(double t, StreamId stream,
                                             RecordType type = RecordType::kUndefined) const;
  // The record of `stream` closest to t, ties to the earlier one (of several at that time, the
  // first), of `lookup.type` if set, and nullopt when it is more than `lookup.epsilon` away.
  std::optional<size_t> NearestRecord(double t, StreamId stream,
                                      const TimeLookup& lookup = {}) const;
  // Neighbours of index position `pos` within its stream; with a type, the nearest of that type.
  std::optional<size_t> NextInStream(size_t pos) const;
  std::optional<size_t> PreviousInStream(size_t pos,
                                         RecordType type = RecordType::kUndefined) const;

  // Timestamps of the first and last data records (of the whole file or of one stream).
  std::optional<double> first_data_timestamp() const;
  std::optional<double> last_data_timestamp() const;
  std::optional<double> first_data_timestamp(StreamId stream) const;
  std::optional<double> last_data_timestamp(StreamId stream) const;
  // Data records per second over the stream's data time span; 0 with fewer than 2 records.
  double EstimatedFrameRate(StreamId stream) const;

  // Reads the record header of index position `pos` (checked against the index entry).
  Status ReadRecordDetails(size_t pos, RecordDetails& details) const;
  // Reads and decompresses the payload of index position `pos` into `payload`, whose capacity is
  // reused from call to call.
  Status ReadRecord(size_t pos, std::vector<uint8_t>& payload,
                    RecordDetails* details = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vrsx
