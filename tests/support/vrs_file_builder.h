// An independent, minimal generator of VRS files, written from spec/01-container.md only.
//
// It exists so that tests and benchmarks can produce files with exactly known contents, and so
// that the reader and this generator check each other. It never uses the vrsx library.
//
// Usage:
//   VrsFileBuilder b;                       // or VrsFileBuilder(options), or (options, path)
//   b.SetFileTag("purpose", "test");
//   b.AddStream({100, 1}, {{"user", "tag"}}, {{"VRS_Original_Recordable_Name", "X"}});
//   b.AddRecord({100, 1}, RecordKind::kConfiguration, 0.0, payload);
//   b.AddRecord({100, 1}, RecordKind::kData, 1.0, payload, {.codec = Codec::kZstd});
//   b.Finish();
//   b.WriteFile(path);                      // or b.WriteChunks(path, cuts), or b.bytes()
//
// Streams and file tags declared before the first record go into the description record; a
// stream declared later gets a tags record (§6.6). Everything is written field by field, little
// endian. Record offsets and the expected index are known after Finish().
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vrsx::testing {

// ---- Little-endian field access (never memcpy a struct) -------------------------------------

namespace le {

inline void Put8(std::vector<uint8_t>& out, uint8_t v) {
  out.push_back(v);
}
inline void Put16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}
inline void Put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
inline void Put64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
inline void PutI32(std::vector<uint8_t>& out, int32_t v) {
  Put32(out, static_cast<uint32_t>(v));
}
inline void PutI64(std::vector<uint8_t>& out, int64_t v) {
  Put64(out, static_cast<uint64_t>(v));
}
inline void PutF64(std::vector<uint8_t>& out, double v) {
  uint64_t bits = 0;
  static_assert(sizeof bits == sizeof v);
  std::memcpy(&bits, &v, sizeof bits);  // a scalar's bits, not a struct
  Put64(out, bits);
}
inline void Set32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

inline uint16_t U16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
inline uint32_t U32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t U64(const uint8_t* p) {
  return static_cast<uint64_t>(U32(p)) | (static_cast<uint64_t>(U32(p + 4)) << 32);
}
inline int32_t I32(const uint8_t* p) {
  return static_cast<int32_t>(U32(p));
}
inline int64_t I64(const uint8_t* p) {
  return static_cast<int64_t>(U64(p));
}
inline double F64(const uint8_t* p) {
  uint64_t bits = U64(p);
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

}  // namespace le

// ---- Format constants (§2, §3, §7) ----------------------------------------------------------

inline constexpr uint32_t kFileHeaderSize = 80;
inline constexpr uint32_t kRecordHeaderSize = 32;
inline constexpr uint32_t kMagic1 = 0x69736956;  // "Visi"
inline constexpr uint32_t kMagic2 = 0x65526E6F;  // "onRe"
inline constexpr uint32_t kMagic3 = 0x64726F63;  // "cord"
inline constexpr uint32_t kVersionVrs1 = 0x31535256;
inline constexpr uint32_t kVersionVrs2 = 0x32535256;
inline constexpr int32_t kIndexTypeId = 1;
inline constexpr int32_t kDescriptionTypeId = 2;
inline constexpr uint32_t kClassicIndexFormat = 2;
inline constexpr uint32_t kSplitIndexFormat = 3;
inline constexpr uint32_t kIndexEntrySize = 19;

// ---- Vocabulary -------------------------------------------------------------------------------

// (typeId, instanceId), ordered by type then instance (§5.1).
struct StreamKey {
  uint16_t type_id = 0;
  uint16_t instance_id = 0;
  auto operator<=>(const StreamKey&) const = default;
};

enum class RecordKind : uint8_t { kState = 1, kConfiguration = 2, kData = 3, kTags = 4 };
enum class Codec : uint8_t { kNone = 0, kLz4 = 1, kZstd = 2 };

enum class CompressPolicy {
  kLikeReference,  // compress only payloads >= 250 bytes, keep the frame only if strictly smaller
  kAlways,         // always store the frame, whatever its size; for an empty payload this gives
                   // compressionType != 0 with uncompressedSize 0 (inconsistent, §3.2)
};

enum class IndexLayout {
  kClassicAtEnd,       // layout A: VRS1, classic index appended after the last record
  kFrontPreallocated,  // layout B: VRS2, classic index preallocated after the description
  kSplitHead,          // layout C: chunk 0 = header + description + split index (format 3)
  kNone,               // layout A interrupted before close: no index, indexRecordOffset = 0
};

using Tags = std::map<std::string, std::string>;  // std::string orders bytes as unsigned

struct BuilderOptions {
  IndexLayout index = IndexLayout::kClassicAtEnd;
  // Simulate a crash before close (§2 "When the header is written", §7.7): B keeps its
  // preliminary index and indexRecordOffset = 0; C keeps a 32-byte split index record (plus the
  // frames flushed every split_index_frame_entries) and firstUserRecordOffset = 0.
  bool interrupted = false;
  // Index entries as zstd (one frame for classic, one frame per split_index_frame_entries for
  // split) or raw.
  bool compress_index = true;
  int index_zstd_level = 7;
  uint32_t split_index_frame_entries = 100000;
  // Layout B: the preallocated record holds the prelude + this many raw entries + slack. Unset:
  // exactly the final index + slack (in memory only; streaming requires a capacity). If the final
  // index does not fit, it is appended at the end and the preallocated record stays, stale.
  std::optional<uint32_t> front_index_capacity = std::nullopt;
  uint32_t front_index_slack = 0;
  uint32_t description_format = 2;  // 2, or 1 (legacy json, §6.4)
  uint64_t creation_id = 0x16B4D4434B414DE8;
  // Streaming only: start a new chunk before a record when the chunk holds c > 0 bytes and
  // c + recordSize >= max_chunk_size (§8 writer rollover). 0 = no limit.
  uint64_t max_chunk_size = 0;
};

struct RecordOptions {
  uint32_t format_version = 1;
  Codec codec = Codec::kNone;
  CompressPolicy policy = CompressPolicy::kLikeReference;
  std::optional<int> level = std::nullopt;  // default: lz4 0 (fast), zstd -1 (zfaster)
};

// A record written exactly as given (no compression done, no checks): for malformed files.
struct RawRecord {
  int32_t disk_type_id = 0;  // stored as is (e.g. a legacy id >= 100000)
  uint16_t instance_id = 0;
  uint8_t record_type = 3;
  uint32_t format_version = 1;
  double timestamp = 0;
  uint8_t compression_type = 0;
  uint32_t uncompressed_size = 0;
  std::span<const uint8_t> payload = {};  // the on-disk payload
};

// A user or tags record as written, in file order.
struct BuiltRecord {
  uint64_t offset = 0;  // logical offset: valid after Finish()
  uint32_t record_size = 0;
  uint32_t previous_record_size = 0;  // valid after Finish()
  int32_t disk_type_id = 0;
  StreamKey stream = {};  // disk_type_id after the legacy remap of §5.1
  uint8_t record_type = 0;
  uint8_t compression_type = 0;
  uint32_t format_version = 0;
  uint32_t uncompressed_size = 0;  // header field
  double timestamp = 0;
};

// One entry of the reader's record index, in reader order (§9.2).
struct ExpectedEntry {
  double timestamp = 0;
  StreamKey stream = {};
  uint64_t offset = 0;
  uint8_t record_type = 0;
  uint32_t record_size = 0;
  bool operator==(const ExpectedEntry&) const = default;
};

// ---- The builder ------------------------------------------------------------------------------

class VrsFileBuilder {
 public:
  // Builds in memory: bytes() after Finish().
  explicit VrsFileBuilder(BuilderOptions options = {});
  // Streams to `path` (and `path_1`, `path_2`... for split head or max_chunk_size): bytes() stays
  // empty; the output is the same as WriteChunks(path, RecordBoundaryCuts(max_chunk_size)) of an
  // in-memory build. Without Finish(), the files are left as by a crash (after the first record).
  // Throws std::runtime_error on I/O errors.
  VrsFileBuilder(BuilderOptions options, std::string path);
  ~VrsFileBuilder();
  VrsFileBuilder(const VrsFileBuilder&) = delete;
  VrsFileBuilder& operator=(const VrsFileBuilder&) = delete;

  // Before the first record only (std::logic_error otherwise).
  void SetFileTag(const std::string& key, const std::string& value);
  // Before the first record: the stream goes into the description record. After: a tags record
  // (vrs tags, user tags) is written for it. Re-adding a stream is an error.
  void AddStream(StreamKey stream, const Tags& user_tags = {}, const Tags& vrs_tags = {});
  // Writes a tags record (type 4, format 1, timestamp -DBL_MAX) for any stream.
  size_t AddTagsRecord(StreamKey stream, const Tags& vrs_tags, const Tags& user_tags);
  // Writes a user record; the stream need not be declared (then it is listed only in the index).
  // Returns the record's number in Records().
  size_t AddRecord(StreamKey stream, RecordKind type, double timestamp,
                   std::span<const uint8_t> payload, const RecordOptions& options = {});
  // Writes a record header and payload as given; its stream is not added to the index prelude.
  size_t AddRawRecord(const RawRecord& record);

  // Writes the index and the final file header. Nothing can be added afterwards.
  void Finish();

  // ---- Results (after Finish) ----
  const std::vector<uint8_t>& bytes() const { return bytes_; }  // in-memory mode
  uint64_t total_size() const { return total_size_; }
  const std::vector<BuiltRecord>& Records() const { return records_; }  // user+tags, file order
  // The reader's index (§9.2): sorted by (timestamp, stream, offset), tags records removed.
  std::vector<ExpectedEntry> ExpectedIndex() const;
  uint64_t description_offset() const { return kFileHeaderSize; }
  uint32_t description_size() const { return description_size_; }
  uint64_t index_offset() const { return index_offset_; }              // the live index, 0 if none
  uint64_t stale_index_offset() const { return stale_index_offset_; }  // layout B fallback, or 0
  // Where the first user record is (or would be), whatever the header's firstUserRecordOffset.
  uint64_t user_records_offset() const { return body_start_; }
  uint64_t head_size() const { return head_size_; }  // split head: size of chunk 0, else 0
  std::vector<StreamKey> IndexStreams() const;       // streams listed in a classic index prelude

  // ---- Writing the in-memory bytes (after Finish) ----
  void WriteFile(const std::string& path) const;  // one chunk (a split head file is "merged")
  // Chunks start at the given logical offsets (plus the head/body cut of a split head file).
  std::vector<std::string> WriteChunks(const std::string& path,
                                       std::vector<uint64_t> chunk_starts) const;
  // Chunk starts the reference writer would use for this max chunk size (records never split).
  std::vector<uint64_t> RecordBoundaryCuts(uint64_t max_chunk_size) const;

 private:
  class Sink;
  class MemorySink;
  class FileSink;
  struct Compressor;

  void CheckOpen() const;
  void Freeze();
  size_t AppendRecord(BuiltRecord record, std::span<const uint8_t> payload);
  std::vector<uint8_t> DescriptionPayload() const;
  std::vector<uint8_t> IndexEntries(size_t begin, size_t end) const;
  std::vector<uint8_t> ClassicIndexPayload(uint32_t& uncompressed_size) const;
  std::vector<uint8_t> PreallocatedIndexRecord(const std::vector<uint8_t>* final_payload,
                                               uint32_t final_uncompressed_size) const;
  std::vector<uint8_t> SplitIndexRecord(bool complete) const;
  std::vector<uint8_t> FileHeader(uint32_t version, uint64_t index_offset,
                                  uint64_t first_user_offset) const;

  BuilderOptions options_;
  std::string path_;  // empty: in memory
  Tags file_tags_;
  std::map<StreamKey, std::pair<Tags, Tags>> description_streams_;  // user tags, vrs tags
  std::map<StreamKey, bool> streams_;  // every stream the writer knew; true = declared
  std::vector<StreamKey> streams_at_creation_;
  std::vector<BuiltRecord> records_;  // offsets relative to the body until Finish()
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<Compressor> compressor_;
  std::vector<uint8_t> description_;  // the whole description record
  std::vector<uint8_t> scratch_;
  std::vector<uint8_t> bytes_;
  bool frozen_ = false;
  bool finished_ = false;
  uint64_t sink_base_ = 0;  // where the body starts in the sink
  uint64_t body_size_ = 0;
  uint32_t description_size_ = 0;
  uint32_t prealloc_size_ = 0;
  uint32_t first_previous_ = 0;  // previousRecordSize of the first user record
  uint64_t index_offset_ = 0;
  uint64_t stale_index_offset_ = 0;
  uint64_t body_start_ = 0;
  uint64_t head_size_ = 0;
  uint64_t total_size_ = 0;
};

// ---- Byte-level helpers (for truncated or hand-made files) -------------------------------------

void WriteBytesToFile(const std::string& path, std::span<const uint8_t> bytes);
// Writes chunk k from chunk_starts[k-1] (chunk 0 from 0) as `path`, `path_1`, `path_2`...
// Removes stale `path_N` files left after the last one so that chunk discovery stops there.
std::vector<std::string> WriteBytesAsChunks(const std::string& path, std::span<const uint8_t> bytes,
                                            std::vector<uint64_t> chunk_starts);
// Name of chunk k of `path` (§8): path, path_1, path_2...
std::string ChunkPath(const std::string& path, size_t k);

}  // namespace vrsx::testing
