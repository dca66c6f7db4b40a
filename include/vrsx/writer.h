// Writes a VRS file while a capture runs: cameras, IMUs, audio, for hours.
//
//   vrsx::Writer writer;                                  // WriterOptions: memory cap, chunks...
//   writer.SetFileTag("session_id", "1234");
//   vrsx::StreamDefinition camera(214, "rig/rgb");         // type id, flavor, preset
//   camera.record_formats.push_back({vrsx::RecordType::kData, 1,
//                                    vrsx::RecordFormat::Parse("data_layout+image/raw"),
//                                    {{0, frame_layout}}});
//   vrsx::StreamId rgb;
//   writer.AddStream(camera, rgb);                        // 214-1
//   if (vrsx::Status s = writer.Create("capture.vrs"); !s.ok()) { ... }
//   // from any thread, as samples arrive: one copy into the record, nothing else
//   writer.AddRecord(rgb, {vrsx::RecordType::kData, 1, t}, {block_bytes, pixels});
//   ...
//   vrsx::Status s = writer.Close();                      // drains, writes the index
//
// Records are queued, compressed on a pool of threads with their stream's preset and written in
// (timestamp, stream, hand-over order) by a background thread, batch by batch: every
// WriterOptions::auto_flush_interval, on WriteRecordsOlderThan()/Flush(), when 32 MiB (at most
// half the queue's cap) are queued, and on Close(). Each record reaches the OS whole, after the
// records before it, so the file a crash leaves behind opens (the reader rebuilds the index) with
// everything written so far.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vrsx/compression.h"
#include "vrsx/data_layout.h"
#include "vrsx/record.h"
#include "vrsx/record_format.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/tags.h"

namespace vrsx {

// How the records of one (record type, format version) are laid out: stored in the stream's
// VRS tags as `RF:<Type>:<version>` and one `DL:<Type>:<version>:<block>` per data_layout block
// (spec 02 §1, §10). The writer fills in the `/size=` of data_layout blocks from their layouts.
struct StreamRecordFormat {
  RecordType type = RecordType::kData;  // kState, kConfiguration or kData
  uint32_t format_version = 1;
  RecordFormat format;
  // The layout of every data_layout block, by block index; no entry for other blocks.
  std::map<size_t, DataLayoutDefinition> layouts;
};

// What a record is, besides its stream and payload. Named fields, so that the format version and
// the timestamp can't be swapped: `{.type = RecordType::kData, .format_version = 1,
// .timestamp = t}`, or `{RecordType::kData, 1, t}` (braces refuse a double version, and an
// integer variable as timestamp: `double(i)`).
struct RecordSpec {
  RecordType type = RecordType::kData;  // kState, kConfiguration or kData
  uint32_t format_version = 1;
  double timestamp = 0;
};

struct StreamDefinition {
  StreamDefinition() = default;
  explicit StreamDefinition(uint16_t type, std::string stream_flavor = {},
                            CompressionPreset preset = CompressionPreset::kZstdFaster)
      : type_id(type), flavor(std::move(stream_flavor)), compression(preset) {}

  uint16_t type_id = 0xffff;  // RecordableTypeId (spec 01 §5.3); not 1, 2 nor 65535
  std::string flavor;         // required for the "Recordable Class" ids 200..999
  TagMap user_tags;
  std::vector<StreamRecordFormat> record_formats;
  CompressionPreset compression = CompressionPreset::kZstdFaster;
  // Copy tools only: the stream's VRS tags are exactly these (serial number, original name,
  // RF:/DL: tags... of the source), instead of generated ones. Record formats still add theirs.
  std::optional<TagMap> copied_vrs_tags;
};

// What to do when AddRecord finds the queue at WriterOptions::max_queued_bytes.
enum class QueueFullPolicy : uint8_t {
  kBlock,  // wait until the background threads have written enough records to make room
  kDrop,   // refuse the record at once (kTooLarge) and count it in WriterStats::records_dropped
};

struct WriterOptions {
  // Memory held by records handed to AddRecord and not yet written to the OS, at most (their
  // payload copies, compressed or not, and bookkeeping). A record bigger than this waits with
  // kBlock until the queue is empty, then is queued alone (memory peaks at its size); kDrop
  // refuses it.
  // (The tags records of streams added after Create() are never held back nor dropped.)
  size_t max_queued_bytes = size_t(256) << 20;
  QueueFullPolicy queue_full_policy = QueueFullPolicy::kBlock;
  // Split the file into chunks P, P_1, P_2... of fewer than this many bytes (a record is never
  // split; one larger than this gets a chunk of its own); 0: one file.
  uint64_t max_chunk_size = 0;
  // Compression threads; 0: one per core.
  unsigned compression_threads = 0;
  // Seconds between automatic batches; 0: none (records are then written by
  // WriteRecordsOlderThan, Flush, Close, and when 32 MiB, or half of max_queued_bytes, are
  // queued).
  double auto_flush_interval = 1.0;
  // An automatic batch takes the records with timestamp <= (newest timestamp handed so far -
  // auto_flush_delay), so that late records of slower streams still sort before the ones after.
  double auto_flush_delay = 0.0;

  // Durability against power cuts: fdatasync the file after each batch is written, before the
  // next one, and at Close (and fsync the folder when a file or chunk is created). Without it,
  // what reached the OS survives a crash of the app but not of the machine. Costs one disk
  // flush per batch: a few ms on an SSD, tens on a spinning disk or network storage, during
  // which the queue fills (memory up to max_queued_bytes, then QueueFullPolicy applies).
  bool sync_data = false;

  // Index preallocated at the front, as `vrsx copy` and `merge` write it (spec 01 §7.6 case B,
  // "streaming-ready"): when set, the index record is reserved right after the description
  // record, sized from these entries (the records the caller expects to write, in write order;
  // `disk_size` an estimate, `offset` unused), the file version is VRS2 and its header's
  // firstUserRecordOffset points after the reservation. Close() writes the real index into the
  // reservation if it fits (the unused tail is slack), else at the end of the file, where the
  // header then points. The reservation's size follows the reference's rules (see
  // docs/writer.md). Unset: the index is written at the end (VRS1).
  std::optional<std::vector<RecordInfo>> preallocated_index;
};

struct WriterStats {
  uint64_t records_queued = 0;     // accepted by AddRecord
  uint64_t records_written = 0;    // in the file (reached the OS)
  uint64_t records_dropped = 0;    // refused by AddRecord for want of room (and bytes_dropped)
  uint64_t records_lost = 0;       // accepted, then never written because writing failed
  uint64_t bytes_queued = 0;       // payload bytes accepted
  uint64_t bytes_dropped = 0;      // payload bytes refused
  uint64_t bytes_written = 0;      // payload bytes of the written records, before compression
  uint64_t bytes_stored = 0;       // payload bytes of the written records, as stored
  uint64_t queued_bytes = 0;       // memory held by the queue now (see max_queued_bytes)
  uint64_t peak_queued_bytes = 0;  // its maximum so far

  // bytes_written / bytes_stored; 1 before anything is written.
  double compression_ratio() const {
    return bytes_stored == 0 ? 1.0 : double(bytes_written) / double(bytes_stored);
  }
};

class Writer {
 public:
  using Piece = std::span<const uint8_t>;

  explicit Writer(WriterOptions options = {});
  // Closes the file if Close() was not called (call it to learn whether everything was written).
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // File tags, before Create().
  Status SetFileTag(const std::string& name, const std::string& value);

  // Adds a stream, any time before Close(), from any thread. Instance ids are 1, 2... per type
  // id in the order of the calls. The stream gets the VRS tags VRS_Original_Recordable_Name,
  // VRS_Recordable_Flavor (if any) and a random UUID VRS_Serial_Number, and the RF:/DL: tags of
  // its record formats. Before Create() it goes in the description record; afterwards, in a
  // tags record (spec 01 §6.6). Errors (kInvalidArgument): a reserved type id, a Recordable
  // Class id without flavor, a record format declared twice or whose layouts do not match its
  // blocks; in the layouts, a field that misspells a convention label or has another type than
  // the convention's (vrsx::conventions::CheckConventionFields), or two fields of one label.
  Status AddStream(const StreamDefinition& definition, StreamId& id);

  // Creates the file (and removes stale chunks P_1, P_2... of an older file of that name):
  // file header, then the description record, handed to the OS when this returns.
  Status Create(const std::string& path);

  // Hands a record over, from any thread, after Create(): the pieces (a DataLayout block, then
  // pixels...) are copied back to back into the record, once, and the call returns; it waits
  // only when the queue is full under QueueFullPolicy::kBlock. Errors: kInvalidArgument
  // (unknown stream, type not kState/kConfiguration/kData, NaN time, not created or already
  // closed; a format version the stream did not declare for a record type it declared, or a
  // record whose image or audio block only a Configuration record can describe, with no
  // Configuration record at or before its time), kTooLarge (refused for want of room: the
  // writer is fine), kIoError (writing failed: nothing more will be written).
  Status AddRecord(StreamId stream, const RecordSpec& record, std::span<const Piece> pieces);
  Status AddRecord(StreamId stream, const RecordSpec& record, std::initializer_list<Piece> pieces) {
    return AddRecord(stream, record, std::span<const Piece>(pieces.begin(), pieces.size()));
  }
  Status AddRecord(StreamId stream, const RecordSpec& record, Piece payload) {
    return AddRecord(stream, record, std::span<const Piece>(&payload, 1));
  }
  // A record with an empty payload.
  Status AddRecord(StreamId stream, const RecordSpec& record) {
    return AddRecord(stream, record, std::span<const Piece>());
  }

  // Writes the queued records with timestamp <= t, in order, and waits until they reached the
  // OS. For a housekeeping thread, not a sensor thread; the automatic batches make it optional.
  Status WriteRecordsOlderThan(double t);
  // Writes every record handed so far and waits until they reached the OS.
  Status Flush();

  // Writes what is queued, the index at the end and the final file header. Returns the first
  // error met since Create() (records already written stay readable). Idempotent.
  Status Close();

  WriterStats stats() const;
  // The chunks written so far (one path unless max_chunk_size is set).
  std::vector<std::string> chunk_paths() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vrsx
