#include "recovery/recovered_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "format/record_header.h"
#include "index/index_writer.h"

namespace vrsx::recovery {

using index::ClassicIndexWriter;

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

class Output {
 public:
  explicit Output(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {}

  bool is_open() const { return file_ != nullptr; }
  bool Write(const uint8_t* bytes, size_t size) {
    return size == 0 || std::fwrite(bytes, 1, size, file_.get()) == size;
  }
  bool Write(const std::vector<uint8_t>& bytes) { return Write(bytes.data(), bytes.size()); }
  bool Close() { return std::fclose(file_.release()) == 0; }
  Status Error(const std::string& what) const {
    return {ErrorCode::kIoError, "could not " + what + " '" + path_ + "': " + std::strerror(errno)};
  }

 private:
  std::string path_;
  std::unique_ptr<std::FILE, FileCloser> file_;
};

// Copies one record: its header (the first 32 bytes of it, with `previous` as previousRecordSize
// and the size of a 32-byte header) then its stored payload, byte for byte.
Status CopyRecord(const RecoveredFileSource& source, uint64_t offset, uint32_t previous,
                  std::vector<uint8_t>& buffer, Output& out, uint32_t& written_size) {
  const uint32_t source_header_size = source.header.record_header_size;
  uint8_t header_bytes[format::kMaxRecordHeaderSize];
  Status status = source.file->ReadExactly(offset, header_bytes, source_header_size);
  if (!status.ok()) return status;
  format::RecordHeader record = format::RecordHeader::Decode(header_bytes);
  uint32_t payload_size = record.record_size - source_header_size;
  record.record_size = format::kRecordHeaderSize + payload_size;
  record.previous_record_size = previous;
  buffer.resize(format::kRecordHeaderSize + size_t(payload_size));
  record.Encode(buffer.data());
  status = source.file->ReadExactly(offset + source_header_size,
                                    buffer.data() + format::kRecordHeaderSize, payload_size);
  if (!status.ok()) return status;
  if (!out.Write(buffer)) return out.Error("write");
  written_size = record.record_size;
  return Status::Ok();
}

}  // namespace

Status WriteRecoveredFile(const RecoveredFileSource& source,
                          const std::vector<ScannedRecord>& records,
                          const std::vector<StreamId>& streams, const std::string& path) {
  if (source.file == nullptr || !source.file->is_open()) {
    return {ErrorCode::kInvalidArgument, "no file to recover from"};
  }
  const uint32_t source_header_size = source.header.record_header_size;
  // Every size is known before writing: the header gets the index offset right away.
  uint64_t index_offset = format::kFileHeaderSize + (source.description_size - source_header_size) +
                          format::kRecordHeaderSize;
  for (const ScannedRecord& record : records) {
    index_offset += format::kRecordHeaderSize + uint64_t(record.payload_size);
  }
  format::FileHeader header;
  header.creation_id = source.header.creation_id;
  header.index_record_offset = int64_t(index_offset);

  Output out(path);
  if (!out.is_open()) return out.Error("create");
  auto fail = [&](const Status& status) {
    std::remove(path.c_str());
    return status;
  };
  if (!out.Write(header.Encode())) return fail(out.Error("write"));
  std::vector<uint8_t> buffer;
  uint32_t previous = 0;
  Status status = CopyRecord(source, source.description_offset, 0, buffer, out, previous);
  if (!status.ok()) return fail(status);
  ClassicIndexWriter index;
  for (const ScannedRecord& record : records) {
    status = CopyRecord(source, record.offset, previous, buffer, out, previous);
    if (!status.ok()) return fail(status);
    index.Add(record.header.timestamp, previous, record.header.type(), record.header.stream());
  }
  if (!out.Write(index.BuildRecord(streams, previous))) return fail(out.Error("write"));
  if (!out.Close()) return fail(out.Error("close"));
  return Status::Ok();
}

}  // namespace vrsx::recovery
