#include "index/index_writer.h"

#include <algorithm>
#include <cstring>

#include "compression/compressor.h"
#include "format/little_endian.h"
#include "format/record_header.h"
#include "index/index_record.h"
#include "io/huge_pages.h"

namespace vrsx::index {

void ClassicIndexWriter::Add(double timestamp, uint32_t record_size, RecordType type,
                             StreamId stream) {
  RecordInfo record;
  record.timestamp = timestamp;
  record.disk_size = record_size;
  record.type = type;
  record.stream = stream;
  if (pieces_.empty() || pieces_.back().size() == kPieceEntries * kDiskRecordInfoSize) {
    std::vector<uint8_t>& piece = pieces_.emplace_back();
    io::ReserveOnHugePages(piece, kPieceEntries * kDiskRecordInfoSize);
    mapped_ = 0;
  }
  std::vector<uint8_t>& piece = pieces_.back();
  size_t at = piece.size();
  if (at + kDiskRecordInfoSize > mapped_) {
    // Mapped ahead a few pages at a time rather than faulted in one by one: the index of a
    // long recording is tens of MiB; a short one's maps little more than it fills.
    size_t step = std::min(kMapAheadBytes, piece.capacity() - mapped_);
    io::MapPages(piece.data() + mapped_, step);
    mapped_ += step;
  }
  piece.resize(at + kDiskRecordInfoSize);
  EncodeEntry(record, piece.data() + at);
  ++count_;
}

std::vector<uint8_t> ClassicIndexWriter::BuildRecord(const std::vector<StreamId>& streams,
                                                     uint32_t previous_record_size) const {
  return BuildRecord(streams, previous_record_size, kIndexCompressionLevel);
}

format::RecordHeader IndexRecordHeader(uint32_t previous_record_size, uint32_t format_version) {
  format::RecordHeader header;
  header.previous_record_size = previous_record_size;
  header.type_id = format::kIndexTypeId;
  header.format_version = format_version;
  header.timestamp = format::kMaxTimestamp;
  header.record_type = uint8_t(RecordType::kData);
  return header;
}

std::vector<uint8_t> ClassicIndexWriter::BuildRecord(const std::vector<StreamId>& streams,
                                                     uint32_t previous_record_size,
                                                     std::optional<int> zstd_level) const {
  std::vector<StreamId> sorted = streams;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());

  std::vector<uint8_t> record(format::kRecordHeaderSize);
  format::ByteWriter writer(record);
  writer.U32(uint32_t(sorted.size()));
  for (StreamId stream : sorted) {
    writer.I32(stream.type_id);
    writer.U16(stream.instance_id);
  }
  writer.U32(uint32_t(count_));
  size_t prelude = record.size() - format::kRecordHeaderSize;

  format::RecordHeader header = IndexRecordHeader(previous_record_size, kClassicIndexFormat);

  compression::Compressor compressor;
  std::optional<compression::Compressed> compressed;
  std::vector<std::span<const uint8_t>> entries(pieces_.begin(), pieces_.end());
  const size_t entries_size = count_ * kDiskRecordInfoSize;
  if (zstd_level && entries_size > 0) compressed = compressor.CompressZstd(*zstd_level, entries);
  if (compressed) {
    record.insert(record.end(), compressed->data, compressed->data + compressed->size);
    header.compression = format::kCompressionZstd;
    header.uncompressed_size = uint32_t(prelude + entries_size);
  } else {
    for (std::span<const uint8_t> piece : entries)
      record.insert(record.end(), piece.begin(), piece.end());
  }
  header.record_size = uint32_t(record.size());
  header.Encode(record.data());
  return record;
}

}  // namespace vrsx::index
