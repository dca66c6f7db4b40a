// Tags records (record type 4): the tags of a stream created after the description record
// was written (spec 01 §6.6). The payload is a DataLayout of two StringMap<string> pieces.
#pragma once

#include <cstdint>
#include <vector>

#include "vrsx/status.h"
#include "vrsx/tags.h"

namespace vrsx::format {

inline constexpr uint32_t kTagsRecordFormatVersion = 1;

Status DecodeTagsRecord(const uint8_t* payload, size_t size, StreamTags& out);
std::vector<uint8_t> EncodeTagsRecord(const StreamTags& tags);

}  // namespace vrsx::format
