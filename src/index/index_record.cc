#include "index/index_record.h"

#include <zstd.h>

#include "compression/decompressor.h"
#include "format/little_endian.h"
#include "format/record_header.h"

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

// Gives entries their offsets by summing sizes from `start`; drops entries past the file end.
void PlaceEntries(uint64_t start, uint64_t file_size, LoadedIndex& out) {
  uint64_t offset = start;
  for (size_t i = 0; i < out.records.size(); ++i) {
    RecordInfo& record = out.records[i];
    record.offset = offset;
    if (offset + record.disk_size > file_size) {
      out.warnings.push_back(std::to_string(out.records.size() - i) +
                             " records are beyond the end of the file. Dropping them.");
      out.records.resize(i);
      break;
    }
    offset += record.disk_size;
  }
  out.used_end = std::max(out.used_end, offset);
}

bool ValidTypes(const std::vector<RecordInfo>& records, uint32_t min_size) {
  for (const RecordInfo& record : records) {
    if (record.type < RecordType::kState || record.type > RecordType::kTags) return false;
    if (record.disk_size < min_size) return false;
  }
  return true;
}

Status DecodeZstdEntries(const uint8_t* data, size_t size, uint64_t count,
                         std::vector<RecordInfo>& out) {
  uint64_t bytes = count * kDiskRecordInfoSize;
  if (size == 0 || bytes / size > kMaxIndexCompressionRatio) {
    return Invalid("implausible compression ratio");
  }
  std::vector<uint8_t> entries(bytes);
  compression::Decompressor decompressor;
  Status status =
      decompressor.Decode(compression::Codec::kZstd, data, size, entries.data(), entries.size());
  if (!status.ok()) return Invalid(status.message());
  if (!DecodeEntries(entries.data(), size_t(count), out)) return Invalid("bad entries");
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
  const uint8_t* entries = payload.data() + reader.position();
  size_t available = reader.remaining();
  if (record.uncompressed_size > 0) {
    Status status = DecodeZstdEntries(entries, available, count, out.records);
    if (!status.ok()) return status;
  } else {
    if (uint64_t(count) * kDiskRecordInfoSize > available) return Invalid("entries truncated");
    if (!DecodeEntries(entries, count, out.records)) return Invalid("bad entries");
  }
  if (!ValidTypes(out.records, 0)) return Invalid("entry with an invalid record type");
  uint64_t start = uint64_t(header.first_user_record_offset);
  if (start == 0) {
    start = header.file_header_size;
    if (uint64_t(header.description_record_offset) == header.file_header_size) {
      start += description_size;
    }
  }
  PlaceEntries(start, file.size(), out);
  return Status::Ok();
}

Status ReadSplit(const ChunkedFile& file, const FileHeader& header, const RecordHeader& record,
                 const std::vector<uint8_t>& payload, LoadedIndex& out) {
  if (payload.empty()) return Invalid("split index is empty");
  if (record.uncompressed_size > 0) {
    if (record.uncompressed_size % kDiskRecordInfoSize != 0) return Invalid("partial entry");
    Status status = DecodeZstdEntries(payload.data(), payload.size(),
                                      record.uncompressed_size / kDiskRecordInfoSize, out.records);
    if (!status.ok()) return status;
  } else {
    if (payload.size() % kDiskRecordInfoSize != 0) return Invalid("partial entry");
    if (!DecodeEntries(payload.data(), payload.size() / kDiskRecordInfoSize, out.records)) {
      return Invalid("bad entries");
    }
  }
  if (!ValidTypes(out.records, header.record_header_size)) return Invalid("invalid entry");
  if (header.first_user_record_offset == 0) return Invalid("split index not finished");
  out.used_end = uint64_t(header.index_record_offset) + header.record_header_size + payload.size();
  PlaceEntries(uint64_t(header.first_user_record_offset), file.size(), out);
  return Status::Ok();
}

}  // namespace

bool DecodeEntries(const uint8_t* bytes, size_t count, std::vector<RecordInfo>& out) {
  out.reserve(out.size() + count);
  for (size_t i = 0; i < count; ++i, bytes += kDiskRecordInfoSize) {
    RecordInfo record;
    record.timestamp = format::LoadF64(bytes);
    record.disk_size = LoadU32(bytes + 8);
    record.type = RecordType(bytes[12]);
    record.stream.type_id = format::TypeIdFromDisk(int32_t(LoadU32(bytes + 13)));
    record.stream.instance_id = format::LoadU16(bytes + 17);
    out.push_back(record);
  }
  return true;
}

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
