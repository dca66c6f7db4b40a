#include "format/file_head.h"

#include <string>
#include <vector>

#include "format/record_header.h"

namespace vrsx::format {

Status ReadFileHeader(const ChunkedFile& file, FileHeader& header) {
  if (file.size() < kFileHeaderSize) {
    return {ErrorCode::kNotVrsFile,
            "not a VRS file (only " + std::to_string(file.size()) + " bytes)"};
  }
  uint8_t bytes[kFileHeaderSize];
  Status status = file.ReadExactly(0, bytes, sizeof bytes);
  if (!status.ok()) return status;
  header = FileHeader::Decode(bytes);
  return header.Validate();
}

Status ReadDescriptionRecord(const ChunkedFile& file, FileHead& out) {
  const FileHeader& header = out.header;
  if (header.description_record_offset <= 0) return Status::Ok();
  uint64_t offset = uint64_t(header.description_record_offset);
  auto corrupt = [&](const std::string& what) {
    return Status{ErrorCode::kCorrupt,
                  "description record at offset " + std::to_string(offset) + ": " + what};
  };
  uint8_t bytes[kMaxRecordHeaderSize];
  Status status = file.ReadExactly(offset, bytes, header.record_header_size);
  if (!status.ok()) return corrupt(status.message());
  RecordHeader record = RecordHeader::Decode(bytes);
  if (!record.IsDescription() || !record.IsSane(header.record_header_size) ||
      record.compression != kCompressionNone) {
    return corrupt("bad record header");
  }
  uint64_t payload_size = record.record_size - header.record_header_size;
  if (payload_size > kMaxDescriptionSize || offset + record.record_size > file.size()) {
    return corrupt("runs past the end of the file");
  }
  std::vector<uint8_t> payload(payload_size);
  status = file.ReadExactly(offset + header.record_header_size, payload.data(), payload.size());
  if (status.ok()) {
    status =
        DecodeDescription(record.format_version, payload.data(), payload.size(), out.description);
  }
  if (!status.ok()) return corrupt(status.message());
  out.description_offset = offset;
  out.description_size = record.record_size;
  return Status::Ok();
}

Status ReadFileHead(const ChunkedFile& file, FileHead& out) {
  Status status = ReadFileHeader(file, out.header);
  return status.ok() ? ReadDescriptionRecord(file, out) : status;
}

}  // namespace vrsx::format
