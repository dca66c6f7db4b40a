#include "index/index_record.h"

#include <algorithm>
#include <memory>

#include "format/little_endian.h"
#include "format/record_header.h"
#include "index/entry_pipeline.h"
#include "index/zstd_entries.h"
#include "io/huge_pages.h"

namespace vrsx::index {

using format::ByteReader;
using format::ChunkedFile;
using format::FileHeader;
using format::LoadU32;
using format::RecordHeader;

namespace {

Status Invalid(const std::string& what) {
  return {ErrorCode::kCorrupt, "index: " + what};
}

uint64_t MaxRecords(uint64_t file_size) {
  return file_size / format::kRecordHeaderSize + 1;
}

// Walks entries in file order, giving them offsets by summing sizes from `start` (spec 01
// §7.5). Entries whose record would end past the file are dropped, with a warning. An entry with
// an invalid type or size makes the whole index invalid: then it is rebuilt.
class EntryPlacer {
 public:
  EntryPlacer(uint32_t min_record_size, uint64_t start, uint64_t file_size, LoadedIndex& out)
      : min_record_size_(min_record_size),
        offset_(start),
        file_size_(file_size),
        max_records_(MaxRecords(file_size)),
        out_(out) {}

  // Takes `count` consecutive 19-byte entries; false when one is invalid.
  bool Add(const uint8_t* bytes, size_t count) {
    // Mapped a block at a time, as entries arrive: never more than the index really holds.
    std::vector<RecordInfo>& records = out_.records;
    io::MapPages(records.data() + records.size(),
                 std::min(count, records.capacity() - records.size()) * sizeof(RecordInfo));
    for (size_t i = 0; i < count; ++i, bytes += kDiskRecordInfoSize) {
      RecordInfo record;
      record.timestamp = format::LoadF64(bytes);
      record.disk_size = LoadU32(bytes + 8);
      uint8_t type = bytes[12];
      if (type < uint8_t(RecordType::kState) || type > uint8_t(RecordType::kTags) ||
          record.disk_size < min_record_size_) {
        return false;
      }
      if (out_.records.size() >= max_records_) return false;
      if (past_end_ > 0 || offset_ + record.disk_size > file_size_) {
        ++past_end_;  // still validated, no longer placed
        continue;
      }
      record.type = RecordType(type);
      record.stream.type_id = format::TypeIdFromDisk(int32_t(LoadU32(bytes + 13)));
      record.stream.instance_id = format::LoadU16(bytes + 17);
      record.offset = offset_;
      offset_ += record.disk_size;
      // Noted while the entry is at hand, to spare the reader two more passes over the index.
      if (!out_.records.empty() && out_.in_order) {
        out_.in_order = !RecordBefore(record, out_.records.back());
      }
      out_.has_tags_records |= record.type == RecordType::kTags;
      out_.records.push_back(record);
    }
    return true;
  }

  uint64_t file_size() const { return file_size_; }

  void Finish() {
    if (past_end_ > 0) {
      out_.warnings.push_back(std::to_string(past_end_) +
                              " records are beyond the end of the file. Dropping them.");
    }
    out_.used_end = std::max(out_.used_end, offset_);
  }

 private:
  uint32_t min_record_size_;
  uint64_t offset_;
  uint64_t file_size_;
  // Every record takes a record header in the file: an index placing more records than that
  // (entries of size 0 all fit) is invalid, not a reason to fill the memory.
  uint64_t max_records_;
  LoadedIndex& out_;
  uint64_t past_end_ = 0;
};

// Entries name records of 32 bytes at least, all inside the file: an index claiming more than
// that gets no memory for them up front (a 1 KB file can't make us reserve gigabytes).
size_t PlausibleCount(uint64_t count, const EntryPlacer& placer) {
  return size_t(std::min<uint64_t>(count, placer.file_size() / format::kRecordHeaderSize + 1));
}

Status PlaceRawEntries(const uint8_t* bytes, size_t count, EntryPlacer& placer) {
  if (!placer.Add(bytes, count))
    return Invalid("invalid entry (record type or size), or more entries than the file can hold");
  placer.Finish();
  return Status::Ok();
}

// Room for `count` records, on huge pages when that is large: filling a fresh 32 MiB index page
// by page was most of the time of opening a million-record file.
void ReserveRecords(LoadedIndex& out, size_t count) {
  io::ReserveOnHugePages(out.records, count);
}

// Decodes zstd frame(s) holding exactly `count` entries, a block at a time: a million-entry
// index never needs its 19 MB of entries in memory at once. Large ones decode on a second thread
// while this one places the entries.
Status PlaceZstdEntries(const uint8_t* data, size_t size, uint64_t count, EntryPlacer& placer,
                        LoadedIndex& out) {
  uint64_t total = count * kDiskRecordInfoSize;
  if (size == 0 || total / size > kMaxIndexCompressionRatio) {
    return Invalid("implausible compression ratio");
  }
  ReserveRecords(out, PlausibleCount(count, placer));
  ZstdEntryStream stream(data, size, count);
  auto produce = [&stream](uint8_t* block, size_t capacity, size_t& entries) {
    return stream.Next(block, capacity, entries);
  };
  auto consume = [&placer](const uint8_t* entries, size_t n) {
    if (placer.Add(entries, n)) return Status::Ok();
    return Invalid("invalid entry (record type or size), or more entries than the file can hold");
  };
  constexpr size_t kBlockEntries = 4096;
  constexpr uint64_t kPipelineEntries = 64 * kBlockEntries;  // ~5 ms of work: worth a thread
  Status status = count >= kPipelineEntries ? RunEntryPipeline(kBlockEntries, produce, consume)
                                            : RunEntryLoop(kBlockEntries, produce, consume);
  if (!status.ok()) return status;
  placer.Finish();
  return Status::Ok();
}

Status ReadClassic(const ChunkedFile& file, const FileHeader& header, const RecordHeader& record,
                   const std::vector<uint8_t>& payload, uint64_t description_size,
                   LoadedIndex& out) {
  ByteReader reader(payload.data(), payload.size());
  uint32_t stream_count = reader.U32();
  if (reader.failed() || stream_count > kMaxIndexStreams) return Invalid("bad stream count");
  for (uint32_t i = 0; i < stream_count; ++i) {
    int32_t type_id = reader.I32();
    uint16_t instance_id = reader.U16();
    out.streams.push_back({format::TypeIdFromDisk(type_id), instance_id});
  }
  uint32_t count = reader.U32();
  if (reader.failed()) return Invalid("truncated prelude");
  if (count > kMaxIndexEntries) return Invalid("too many entries");
  uint64_t start = uint64_t(header.first_user_record_offset);
  if (start == 0) {
    start = header.file_header_size;
    if (uint64_t(header.description_record_offset) == header.file_header_size) {
      start += description_size;
    }
  }
  const uint8_t* entries = payload.data() + reader.position();
  size_t available = reader.remaining();
  EntryPlacer placer(0, start, file.size(), out);
  if (record.uncompressed_size > 0) return PlaceZstdEntries(entries, available, count, placer, out);
  if (uint64_t(count) * kDiskRecordInfoSize > available) return Invalid("entries truncated");
  ReserveRecords(out, count);
  return PlaceRawEntries(entries, count, placer);
}

Status ReadSplit(const ChunkedFile& file, const FileHeader& header, const RecordHeader& record,
                 const std::vector<uint8_t>& payload, LoadedIndex& out) {
  if (payload.empty()) return Invalid("split index is empty");
  if (header.first_user_record_offset == 0) return Invalid("split index not finished");
  uint64_t start = uint64_t(header.first_user_record_offset);
  uint32_t min_size = header.record_header_size;
  out.used_end = uint64_t(header.index_record_offset) + header.record_header_size + payload.size();
  EntryPlacer placer(min_size, start, file.size(), out);
  if (record.uncompressed_size > 0) {
    if (record.uncompressed_size % kDiskRecordInfoSize != 0) return Invalid("partial entry");
    return PlaceZstdEntries(payload.data(), payload.size(),
                            record.uncompressed_size / kDiskRecordInfoSize, placer, out);
  }
  if (payload.size() % kDiskRecordInfoSize != 0) return Invalid("partial entry");
  size_t count = payload.size() / kDiskRecordInfoSize;
  ReserveRecords(out, count);
  return PlaceRawEntries(payload.data(), count, placer);
}

}  // namespace

void EncodeEntry(const RecordInfo& record, uint8_t* bytes) {
  format::StoreF64(bytes, record.timestamp);
  format::StoreU32(bytes + 8, record.disk_size);
  bytes[12] = uint8_t(record.type);
  format::StoreU32(bytes + 13, record.stream.type_id);
  format::StoreU16(bytes + 17, record.stream.instance_id);
}

bool IsSplitHead(const ChunkedFile& file, const FileHeader& header) {
  if (file.chunks().size() < 2 || header.index_record_offset <= 0) return false;
  uint64_t offset = uint64_t(header.index_record_offset);
  if (offset + format::kRecordHeaderSize > file.chunk_start(1)) return false;
  uint8_t bytes[format::kRecordHeaderSize];
  if (!file.ReadExactly(offset, bytes, sizeof bytes).ok()) return false;
  RecordHeader record = RecordHeader::Decode(bytes);
  return record.IsIndex() && record.format_version == kSplitIndexFormat;
}

Status ReadIndex(const ChunkedFile& file, const FileHeader& header, uint64_t description_size,
                 LoadedIndex& out) {
  if (header.index_record_offset <= 0) return Invalid("no index (the recording was not closed)");
  uint64_t offset = uint64_t(header.index_record_offset);
  std::vector<uint8_t> header_bytes(header.record_header_size);
  Status status = file.ReadExactly(offset, header_bytes.data(), header_bytes.size());
  if (!status.ok()) return Invalid("can't read the index record header: " + status.message());
  RecordHeader record = RecordHeader::Decode(header_bytes.data());
  if (!record.IsIndex() || !record.IsSane(header.record_header_size)) {
    return Invalid("bad index record header at offset " + std::to_string(offset));
  }
  if (record.format_version != kClassicIndexFormat && record.format_version != kSplitIndexFormat) {
    return Invalid("unsupported index format " + std::to_string(record.format_version));
  }
  uint64_t payload_start = offset + header.record_header_size;
  uint64_t payload_size = record.record_size - header.record_header_size;
  if (record.format_version == kSplitIndexFormat && payload_size == 0 && file.chunks().size() > 1 &&
      payload_start < file.chunk_start(1)) {
    payload_size = file.chunk_start(1) - payload_start;  // a split head still being written
  }
  if (payload_start + payload_size > file.size()) {
    return Invalid("index record runs past the end of the file");
  }
  std::vector<uint8_t> payload(payload_size);
  status = file.ReadExactly(payload_start, payload.data(), payload.size());
  if (!status.ok()) return Invalid(status.message());
  if (record.format_version == kClassicIndexFormat) {
    out.used_end = payload_start + payload_size;
    return ReadClassic(file, header, record, payload, description_size, out);
  }
  return ReadSplit(file, header, record, payload, out);
}

}  // namespace vrsx::index
