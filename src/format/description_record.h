// The description record: file tags and every stream's tags (spec 01 §6).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "format/little_endian.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/tags.h"

namespace vrsx::format {

inline constexpr uint32_t kDescriptionFormatLegacy = 1;
inline constexpr uint32_t kDescriptionFormat = 2;
// A description claiming more streams than this is corrupt (the index allows 5000).
inline constexpr uint32_t kMaxStreams = 5000;

struct Description {
  TagMap file_tags;
  std::map<StreamId, StreamTags> streams;
};

Status DecodeDescription(uint32_t format_version, const uint8_t* payload, size_t size,
                         Description& out);
// Encodes in format 2.
std::vector<uint8_t> EncodeDescription(const Description& description);

// Reads a StringMap (u32 count, then key/value Strings) from `reader`.
bool ReadStringMap(ByteReader& reader, TagMap& out);
void WriteStringMap(ByteWriter& writer, const TagMap& map);

// Removes a trailing " #<digits>" from VRS_Original_Recordable_Name (spec 01 §6.5).
void CleanOriginalName(TagMap& vrs_tags);

}  // namespace vrsx::format
