#include "format/serial_numbers.h"

#include <xxhash.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <string>

namespace vrsx::format {

namespace {

constexpr char kMapTypeName[] = "map<string, string>";
constexpr size_t kMaxHashedValue = 2000;  // value bytes + terminator, at most

class Hasher {
 public:
  Hasher() : state_(XXH64_createState()) { XXH64_reset(state_.get(), 0); }
  void Add(const void* data, size_t size) { XXH64_update(state_.get(), data, size); }
  void Add(const std::string& text) { Add(text.data(), text.size()); }
  void AddWithTerminator(const std::string& text, size_t limit = SIZE_MAX) {
    Add(text.c_str(), std::min(text.size() + 1, limit));
  }
  std::string Hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, uint64_t(XXH64_digest(state_.get())));
    return text;
  }

 private:
  struct Free {
    void operator()(XXH64_state_t* state) const { XXH64_freeState(state); }
  };
  std::unique_ptr<XXH64_state_t, Free> state_;
};

void HashTags(Hasher& hasher, const TagMap& tags, size_t value_limit) {
  hasher.Add(kMapTypeName, sizeof kMapTypeName - 1);
  for (const auto& [key, value] : tags) {
    hasher.AddWithTerminator(key);
    hasher.AddWithTerminator(value, value_limit);
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
      Hasher hasher;
      HashTags(hasher, file_tags, kMaxHashedValue);
      file_hash = hasher.Hex();
    }
    tags.vrs[kTagSerialNumber] = "";  // part of the hashed data
    uint16_t n = ++generated_per_type[id.type_id];
    Hasher hasher;
    hasher.AddWithTerminator(file_hash);
    HashTags(hasher, tags.user, kMaxHashedValue);
    HashTags(hasher, tags.vrs, SIZE_MAX);
    uint8_t suffix[4] = {uint8_t(id.type_id), uint8_t(id.type_id >> 8), uint8_t(n),
                         uint8_t(n >> 8)};
    hasher.Add(suffix, sizeof suffix);
    tags.vrs[kTagSerialNumber] = hasher.Hex();
  }
}

}  // namespace vrsx::format
