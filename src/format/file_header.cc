#include "format/file_header.h"

#include "format/little_endian.h"

namespace vrsx::format {

FileHeader FileHeader::Decode(const uint8_t* b) {
  FileHeader h;
  h.magic1 = LoadU32(b + 0);
  h.magic2 = LoadU32(b + 4);
  h.creation_id = LoadU64(b + 8);
  h.file_header_size = LoadU32(b + 16);
  h.record_header_size = LoadU32(b + 20);
  h.index_record_offset = int64_t(LoadU64(b + 24));
  h.description_record_offset = int64_t(LoadU64(b + 32));
  h.first_user_record_offset = int64_t(LoadU64(b + 40));
  h.future2 = LoadU64(b + 48);
  h.future3 = LoadU64(b + 56);
  h.future4 = LoadU64(b + 64);
  h.magic3 = LoadU32(b + 72);
  h.file_format_version = LoadU32(b + 76);
  return h;
}

void FileHeader::Encode(uint8_t* b) const {
  StoreU32(b + 0, magic1);
  StoreU32(b + 4, magic2);
  StoreU64(b + 8, creation_id);
  StoreU32(b + 16, file_header_size);
  StoreU32(b + 20, record_header_size);
  StoreU64(b + 24, uint64_t(index_record_offset));
  StoreU64(b + 32, uint64_t(description_record_offset));
  StoreU64(b + 40, uint64_t(first_user_record_offset));
  StoreU64(b + 48, future2);
  StoreU64(b + 56, future3);
  StoreU64(b + 64, future4);
  StoreU32(b + 72, magic3);
  StoreU32(b + 76, file_format_version);
}

std::vector<uint8_t> FileHeader::Encode() const {
  std::vector<uint8_t> bytes(kFileHeaderSize);
  Encode(bytes.data());
  return bytes;
}

bool FileHeader::HasValidMagic() const {
  return magic1 == kMagic1 && magic2 == kMagic2 && magic3 == kMagic3;
}

bool FileHeader::HasValidSizes() const {
  return file_header_size >= kFileHeaderSize && file_header_size <= kMaxFileHeaderSize &&
         record_header_size >= kRecordHeaderSize && record_header_size <= kMaxRecordHeaderSize;
}

bool FileHeader::HasSupportedVersion() const {
  return file_format_version == kVersionVrs1 || file_format_version == kVersionVrs2 ||
         file_format_version == kVersionVrs3;
}

Status FileHeader::Validate() const {
  if (!HasValidMagic() || !HasValidSizes()) {
    return {ErrorCode::kNotVrsFile, "not a VRS file (bad file header)"};
  }
  if (!HasSupportedVersion()) {
    return {ErrorCode::kUnsupportedVersion,
            "file made by a newer version of VRS (unknown file format version)"};
  }
  return Status::Ok();
}

}  // namespace vrsx::format
