#include "recovery/index_repair.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "format/record_header.h"
#include "index/index_record.h"
#include "index/index_writer.h"

namespace vrsx::recovery {

using index::ClassicIndexWriter;
using index::EncodeEntry;
using index::IndexRecordHeader;
using index::IsSplitHead;
using index::kDiskRecordInfoSize;
using index::kIndexCompressionLevel;
using index::kSplitIndexFormat;

namespace {

Status OsError(const std::string& what, const std::string& path) {
  return {ErrorCode::kIoError, "could not " + what + " '" + path + "': " + std::strerror(errno)};
}

// recordSize of the record that ends exactly at `end`, walking headers forward from `from` (the
// offset of a known record header), or 0 when no record ends there.
uint32_t SizeOfRecordEndingAt(const format::ChunkedFile& file, const format::FileHeader& header,
                              uint64_t from, uint64_t end) {
  uint8_t bytes[format::kMaxRecordHeaderSize];
  uint64_t offset = from;
  while (offset < end) {
    if (!file.ReadExactly(offset, bytes, header.record_header_size).ok()) return 0;
    format::RecordHeader record = format::RecordHeader::Decode(bytes);
    if (record.record_size < header.record_header_size) return 0;
    if (offset + record.record_size == end) return record.record_size;
    offset += record.record_size;
  }
  return 0;
}

// Where a reader places the first entry of a classic index (spec 01 §7.5 step 3).
uint64_t ClassicEntriesStart(const format::ChunkedFile& file, const format::FileHeader& header) {
  if (header.first_user_record_offset > 0) return uint64_t(header.first_user_record_offset);
  uint64_t start = header.file_header_size;
  if (uint64_t(header.description_record_offset) == header.file_header_size) {
    uint8_t bytes[format::kMaxRecordHeaderSize];
    if (file.ReadExactly(start, bytes, header.record_header_size).ok()) {
      start += format::RecordHeader::Decode(bytes).record_size;
    }
  }
  return start;
}

// Writes all of `bytes` at `offset` of `fd`.
bool WriteAll(int fd, const uint8_t* bytes, size_t size, uint64_t offset) {
  while (size > 0) {
    ssize_t written = ::pwrite(fd, bytes, size, off_t(offset));
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes += written;
    size -= size_t(written);
    offset += uint64_t(written);
  }
  return true;
}

class Fd {
 public:
  explicit Fd(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CLOEXEC)) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// The split index record of `records`: one zstd frame of all the entries (spec 01 §7.6 case C,
// as at close), after a header chained to the record before it.
bool BuildSplitIndexRecord(const std::vector<RecordInfo>& records, uint32_t previous_record_size,
                           std::vector<uint8_t>& record) {
  std::vector<uint8_t> entries(records.size() * kDiskRecordInfoSize);
  for (size_t i = 0; i < records.size(); ++i) {
    EncodeEntry(records[i], entries.data() + i * kDiskRecordInfoSize);
  }
  format::RecordHeader header = IndexRecordHeader(previous_record_size, kSplitIndexFormat);
  header.compression = format::kCompressionZstd;
  record.assign(format::kRecordHeaderSize, 0);
  if (!entries.empty()) {
    // Always a frame, even when it is not smaller: the reader of a split index expects one.
    size_t bound = ZSTD_compressBound(entries.size());
    record.resize(format::kRecordHeaderSize + bound);
    size_t size = ZSTD_compress(record.data() + format::kRecordHeaderSize, bound, entries.data(),
                                entries.size(), kIndexCompressionLevel);
    if (ZSTD_isError(size)) return false;
    record.resize(format::kRecordHeaderSize + size);
    header.uncompressed_size = uint32_t(entries.size());
  }
  header.record_size = uint32_t(record.size());
  header.Encode(record.data());
  return true;
}

Status RepairSplitHeadIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                            const std::vector<RecordInfo>& records) {
  const std::string& head_path = file.chunks().front().path;
  if (header.record_header_size != format::kRecordHeaderSize) {
    return {ErrorCode::kUnsupported, "'" + head_path +
                                         "': can't write an index with record headers of " +
                                         std::to_string(header.record_header_size) + " bytes"};
  }
  if (records.size() * kDiskRecordInfoSize > UINT32_MAX) {
    return {ErrorCode::kTooLarge, "'" + head_path + "': too many records for a split index"};
  }
  uint64_t index_offset = uint64_t(header.index_record_offset);
  uint8_t old_bytes[format::kRecordHeaderSize];
  Status status = file.ReadExactly(index_offset, old_bytes, sizeof old_bytes);
  if (!status.ok()) return {status.code(), "'" + head_path + "': " + status.message()};
  format::RecordHeader old_index = format::RecordHeader::Decode(old_bytes);
  std::vector<uint8_t> index_record;
  if (!BuildSplitIndexRecord(records, old_index.previous_record_size, index_record)) {
    return {ErrorCode::kIoError, "'" + head_path + "': could not compress the index"};
  }
  uint64_t head_end = index_offset + index_record.size();

  Fd head_fd(head_path);
  if (head_fd.get() < 0) return OsError("open for writing", head_path);
  if (!WriteAll(head_fd.get(), index_record.data(), index_record.size(), index_offset)) {
    return OsError("write the index into", head_path);
  }
  if (::ftruncate(head_fd.get(), off_t(head_end)) != 0) return OsError("truncate", head_path);
  // The header last: until it names the first user record, a reader still rebuilds.
  format::FileHeader patched = header;
  patched.first_user_record_offset = int64_t(head_end);
  std::vector<uint8_t> header_bytes = patched.Encode();
  if (::fsync(head_fd.get()) != 0) return OsError("sync", head_path);
  if (!WriteAll(head_fd.get(), header_bytes.data(), header_bytes.size(), 0)) {
    return OsError("rewrite the file header of", head_path);
  }
  if (::fsync(head_fd.get()) != 0) return OsError("sync", head_path);
  return Status::Ok();
}

}  // namespace

Status RepairIndex(const format::ChunkedFile& file, const format::FileHeader& header,
                   const std::vector<RecordInfo>& records, uint64_t end,
                   const std::vector<StreamId>& streams) {
  if (!file.is_open()) return {ErrorCode::kInvalidArgument, "no file to repair"};
  const std::string& head_path = file.chunks().front().path;
  if (IsSplitHead(file, header)) return RepairSplitHeadIndex(file, header, records);
  if (header.record_header_size != format::kRecordHeaderSize) {
    return {ErrorCode::kUnsupported, "'" + head_path +
                                         "': can't write an index with record headers of " +
                                         std::to_string(header.record_header_size) + " bytes"};
  }
  if (end < header.file_header_size || end > file.size()) {
    return {ErrorCode::kCorrupt, "'" + head_path + "': no good record to write an index after"};
  }

  ClassicIndexWriter writer;
  for (const RecordInfo& record : records) {
    writer.Add(record.timestamp, record.disk_size, record.type, record.stream);
  }
  uint64_t walk_from = records.empty() ? header.file_header_size : records.back().offset;
  uint32_t previous_size = SizeOfRecordEndingAt(file, header, walk_from, end);
  std::vector<uint8_t> index_record = writer.BuildRecord(streams, previous_size);

  // The chunk holding the last good byte (or chunk 0 when there is no record at all).
  size_t chunk = 0;
  for (size_t i = 1; i < file.chunks().size(); ++i) {
    if (file.chunk_start(i) < end) chunk = i;
  }
  const std::string& chunk_path = file.chunks()[chunk].path;
  uint64_t local_end = end - file.chunk_start(chunk);

  Fd chunk_fd(chunk_path);
  if (chunk_fd.get() < 0) return OsError("open for writing", chunk_path);
  if (!WriteAll(chunk_fd.get(), index_record.data(), index_record.size(), local_end)) {
    return OsError("write the index into", chunk_path);
  }
  if (::ftruncate(chunk_fd.get(), off_t(local_end + index_record.size())) != 0) {
    return OsError("truncate", chunk_path);
  }
  if (::fsync(chunk_fd.get()) != 0) return OsError("sync", chunk_path);

  // Only the first 32 bytes: magics, creation id, header sizes and indexRecordOffset. Unless
  // the user records don't start where a reader would look for them (a split index merged with
  // its body lies in between): then firstUserRecordOffset too, at byte 40.
  format::FileHeader patched = header;
  patched.index_record_offset = int64_t(end);
  size_t patched_bytes = 32;
  if (!records.empty() && records.front().offset != ClassicEntriesStart(file, header)) {
    patched.first_user_record_offset = int64_t(records.front().offset);
    patched_bytes = 48;
  }
  std::vector<uint8_t> header_bytes = patched.Encode();
  Fd head_fd(head_path);
  if (head_fd.get() < 0) return OsError("open for writing", head_path);
  if (!WriteAll(head_fd.get(), header_bytes.data(), patched_bytes, 0)) {
    return OsError("rewrite the file header of", head_path);
  }
  if (::fsync(head_fd.get()) != 0) return OsError("sync", head_path);
  return Status::Ok();
}

}  // namespace vrsx::recovery
