#include "format/serial_numbers.h"

#include "format/xxh64_hasher.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace vrsx::format {

namespace {

constexpr char kMapTypeName[] = "map<string, string>";
constexpr size_t kMaxHashedValue = 2000;  // value bytes + terminator, at most

// Adds `text` and its NUL terminator, at most `limit` bytes of them.
void AddWithTerminator(Xxh64Hasher& hasher, const std::string& text, size_t limit = SIZE_MAX) {
  hasher.Add(text.c_str(), std::min(text.size() + 1, limit));
}

void HashTags(Xxh64Hasher& hasher, const TagMap& tags, size_t value_limit) {
  hasher.Add(kMapTypeName, sizeof kMapTypeName - 1);
  for (const auto& [key, value] : tags) {
    AddWithTerminator(hasher, key);
    AddWithTerminator(hasher, value, value_limit);
  }
}

}  // namespace

void GenerateMissingSerialNumbers(const TagMap& file_tags,
                                  std::map<StreamId, StreamTags>& streams) {
  std::string file_hash;
  std::map<uint16_t, uint16_t> generated_per_type;
  for (auto& [id, tags] : streams) {
    auto serial = tags.vrs.find(kTagSerialNumber);
    if (serial != tags.vrs.end() && !serial->second.empty()) continue;
    if (file_hash.empty()) {
      Xxh64Hasher hasher;
      HashTags(hasher, file_tags, kMaxHashedValue);
      file_hash = hasher.Hex();
    }
    tags.vrs[kTagSerialNumber] = "";  // part of the hashed data
    uint16_t n = ++generated_per_type[id.type_id];
    Xxh64Hasher hasher;
    AddWithTerminator(hasher, file_hash);
    HashTags(hasher, tags.user, kMaxHashedValue);
    HashTags(hasher, tags.vrs, SIZE_MAX);
    uint8_t suffix[4] = {uint8_t(id.type_id), uint8_t(id.type_id >> 8), uint8_t(n),
                         uint8_t(n >> 8)};
    hasher.Add(suffix, sizeof suffix);
    tags.vrs[kTagSerialNumber] = hasher.Hex();
  }
}

}  // namespace vrsx::format
