#include "reader/logical_checksum.h"

#include "format/little_endian.h"

namespace vrsx::reading {

using format::Xxh64Hasher;

std::map<StreamId, StreamId> NormalizedStreamIds(const std::vector<StreamId>& streams) {
  std::map<StreamId, StreamId> normalized;
  std::map<uint16_t, uint16_t> per_type;
  for (StreamId id : streams) normalized[id] = {id.type_id, ++per_type[id.type_id]};
  return normalized;
}

std::string TagMapHash(const TagMap& tags) {
  Xxh64Hasher hasher;
  for (const auto& [name, value] : tags) {
    hasher.Add(name);
    hasher.Add("=");
    hasher.Add(value);
    hasher.Add("/");
  }
  return hasher.Hex();
}

LogicalChecksum::LogicalChecksum(const Reader& reader, const std::vector<StreamId>& streams)
    : reader_(reader), streams_(streams) {
  for (const auto& [id, normalized] : NormalizedStreamIds(streams)) {
    hashes_[id].normalized = normalized;
  }
}

void LogicalChecksum::AddRecord(const RecordInfo& record, const RecordDetails& details,
                                const std::vector<uint8_t>& payload) {
  auto it = hashes_.find(record.stream);
  if (it == hashes_.end()) return;
  uint8_t header[21];
  format::StoreF64(header, record.timestamp);
  format::StoreU32(header + 8, details.format_version);
  format::StoreU32(header + 12, details.payload_size);
  format::StoreU16(header + 16, it->second.normalized.type_id);
  format::StoreU16(header + 18, it->second.normalized.instance_id);
  header[20] = uint8_t(record.type);
  it->second.headers->Add(header, sizeof header);
  it->second.payloads->Add(payload.data(), payload.size());
}

std::string LogicalChecksum::file_tags_hash() const {
  return TagMapHash(reader_.file_tags());
}

std::vector<LogicalChecksum::StreamPart> LogicalChecksum::StreamParts() const {
  std::vector<StreamPart> parts;
  for (StreamId id : streams_) {
    const StreamTags& tags = reader_.stream_tags(id);
    const StreamHashes& hashes = hashes_.at(id);
    parts.push_back({id, TagMapHash(tags.vrs), TagMapHash(tags.user), hashes.headers->Hex(),
                     hashes.payloads->Hex()});
  }
  return parts;
}

std::string LogicalChecksum::StreamListHash() const {
  Xxh64Hasher hasher;
  for (StreamId id : streams_) hasher.Add(hashes_.at(id).normalized.NumericName() + "/");
  return hasher.Hex();
}

std::string LogicalChecksum::Final() const {
  Xxh64Hasher hasher;
  auto add = [&](const std::string& text) { hasher.Add(text.c_str(), text.size() + 1); };
  add(file_tags_hash());
  for (const StreamPart& part : StreamParts()) {
    add(part.vrs_tags);
    add(part.user_tags);
    add(part.headers);
    add(part.payloads);
  }
  add(StreamListHash());
  return hasher.Hex();
}

std::string LogicalChecksum::TagsAndStreamsOnly() const {
  Xxh64Hasher hasher;
  auto add = [&](const std::string& text) { hasher.Add(text.c_str(), text.size() + 1); };
  add(file_tags_hash());
  add(StreamListHash());
  return hasher.Hex();
}

}  // namespace vrsx::reading
