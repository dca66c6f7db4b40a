// The 80-byte file header that starts every VRS file (spec 01 §2).
#pragma once

#include <cstdint>
#include <vector>

#include "vrsx/status.h"

namespace vrsx::format {

inline constexpr uint32_t kMagic1 = 0x69736956;  // "Visi"
inline constexpr uint32_t kMagic2 = 0x65526E6F;  // "onRe"
inline constexpr uint32_t kMagic3 = 0x64726F63;  // "cord"
inline constexpr uint32_t kVersionVrs1 = 0x31535256;
inline constexpr uint32_t kVersionVrs2 = 0x32535256;  // may hold a front index
inline constexpr uint32_t kVersionVrs3 = 0x33535256;  // historical, read only
inline constexpr uint32_t kFileHeaderSize = 80;
inline constexpr uint32_t kRecordHeaderSize = 32;
inline constexpr uint32_t kMaxFileHeaderSize = 280;
inline constexpr uint32_t kMaxRecordHeaderSize = 232;

struct FileHeader {
  uint32_t magic1 = kMagic1;
  uint32_t magic2 = kMagic2;
  uint64_t creation_id = 0;
  uint32_t file_header_size = kFileHeaderSize;
  uint32_t record_header_size = kRecordHeaderSize;
  int64_t index_record_offset = 0;
  int64_t description_record_offset = kFileHeaderSize;
  int64_t first_user_record_offset = 0;
  uint64_t future2 = 0;
  uint64_t future3 = 0;
  uint64_t future4 = 0;
  uint32_t magic3 = kMagic3;
  uint32_t file_format_version = kVersionVrs1;

  // Decodes the first 80 bytes; no validation.
  static FileHeader Decode(const uint8_t* bytes);
  void Encode(uint8_t* bytes) const;
  std::vector<uint8_t> Encode() const;

  bool HasValidMagic() const;
  bool HasValidSizes() const;
  bool HasSupportedVersion() const;
  // Magics, header sizes and version, as the reference reader checks them.
  Status Validate() const;
};

}  // namespace vrsx::format
