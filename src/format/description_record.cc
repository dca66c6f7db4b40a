#include "format/description_record.h"

#include <nlohmann/json.hpp>

#include <string>

#include "format/little_endian.h"
#include "format/record_header.h"

namespace vrsx::format {

bool ReadStringMap(ByteReader& reader, TagMap& out) {
  uint32_t count = reader.U32();
  // Each entry takes at least 8 bytes: a count beyond that is corrupt, not a reason to loop.
  if (reader.failed() || count > reader.remaining() / 8) return false;
  for (uint32_t i = 0; i < count; ++i) {
    std::string key = reader.String();
    std::string value = reader.String();
    if (reader.failed()) return false;
    out.insert_or_assign(std::move(key), std::move(value));
  }
  return true;
}

void WriteStringMap(ByteWriter& writer, const TagMap& map) {
  writer.U32(uint32_t(map.size()));
  for (const auto& [key, value] : map) {
    writer.String(key);
    writer.String(value);
  }
}

void CleanOriginalName(TagMap& vrs_tags) {
  auto it = vrs_tags.find(kTagOriginalName);
  if (it == vrs_tags.end() || it->second.size() < 4) return;
  std::string& name = it->second;
  size_t mark = name.rfind(" #");
  if (mark == std::string::npos) return;
  for (size_t i = mark + 2; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return;
  }
  name.resize(mark);
}

namespace {

Status Corrupt(const char* what) {
  return {ErrorCode::kCorrupt, std::string("corrupt description record: ") + what};
}

StreamId ReadDiskStreamId(ByteReader& reader) {
  int32_t type_id = reader.I32();
  uint16_t instance_id = reader.U16();
  return StreamId{TypeIdFromDisk(type_id), instance_id};
}

Status DecodeVersion2(ByteReader& reader, Description& out) {
  uint32_t stream_count = reader.U32();
  if (reader.failed() || stream_count > kMaxStreams) return Corrupt("bad stream count");
  for (uint32_t i = 0; i < stream_count; ++i) {
    StreamId id = ReadDiskStreamId(reader);
    StreamTags tags;
    if (!ReadStringMap(reader, tags.user) || !ReadStringMap(reader, tags.vrs)) {
      return Corrupt("stream tags run past the record");
    }
    CleanOriginalName(tags.vrs);
    out.streams[id] = std::move(tags);
  }
  if (!ReadStringMap(reader, out.file_tags)) return Corrupt("file tags run past the record");
  return Status::Ok();
}

// Copies the string members of a JSON object into a tag map.
void JsonToTags(const nlohmann::json& object, TagMap& tags) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    if (value.is_string()) tags[key] = value.get<std::string>();
  }
}

Status DecodeVersion1(ByteReader& reader, Description& out) {
  uint32_t stream_count = reader.U32();
  if (reader.failed() || stream_count > kMaxStreams) return Corrupt("bad stream count");
  for (uint32_t i = 0; i < stream_count; ++i) {
    StreamId id = ReadDiskStreamId(reader);
    std::string text = reader.String();
    if (reader.failed()) return Corrupt("stream description runs past the record");
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    StreamTags tags;
    if (json.is_object()) {
      if (auto tags_it = json.find("tags"); tags_it != json.end()) JsonToTags(*tags_it, tags.user);
      if (auto name = json.find("name"); name != json.end() && name->is_string()) {
        tags.vrs[kTagOriginalName] = name->get<std::string>();
        CleanOriginalName(tags.vrs);
      }
    }
    out.streams[id] = std::move(tags);
  }
  std::string file_tags = reader.String();
  if (reader.failed()) return Corrupt("file tags run past the record");
  JsonToTags(nlohmann::json::parse(file_tags, nullptr, false), out.file_tags);
  return Status::Ok();
}

}  // namespace

Status DecodeDescription(uint32_t format_version, const uint8_t* payload, size_t size,
                         Description& out) {
  ByteReader reader(payload, size);
  if (format_version == kDescriptionFormat) return DecodeVersion2(reader, out);
  if (format_version == kDescriptionFormatLegacy) return DecodeVersion1(reader, out);
  return {ErrorCode::kUnsupported,
          "unsupported description record format " + std::to_string(format_version)};
}

std::vector<uint8_t> EncodeDescription(const Description& description) {
  std::vector<uint8_t> bytes;
  ByteWriter writer(bytes);
  writer.U32(uint32_t(description.streams.size()));
  for (const auto& [id, tags] : description.streams) {
    writer.I32(id.type_id);
    writer.U16(id.instance_id);
    WriteStringMap(writer, tags.user);
    WriteStringMap(writer, tags.vrs);
  }
  WriteStringMap(writer, description.file_tags);
  return bytes;
}

}  // namespace vrsx::format
