// Dense numbers 0, 1, 2... for the streams met while walking an index, fast enough to call once
// per record of a million-record index.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "vrsx/stream_id.h"

namespace vrsx::index {

class StreamNumbering {
 public:
  uint32_t NumberOf(StreamId id) {
    uint32_t key = (uint32_t(id.type_id) << 16) | id.instance_id;
    Slot& slot = cache_[(key * 2654435761u) >> 24];  // a few streams: this nearly always hits
    if (slot.valid && slot.key == key) return slot.number;
    auto [it, inserted] = numbers_.try_emplace(key, uint32_t(ids_.size()));
    if (inserted) ids_.push_back(id);
    slot = {key, it->second, true};
    return it->second;
  }
  // Stream of each number.
  const std::vector<StreamId>& ids() const { return ids_; }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t number = 0;
    bool valid = false;
  };
  std::array<Slot, 256> cache_{};
  std::unordered_map<uint32_t, uint32_t> numbers_;
  std::vector<StreamId> ids_;
};

}  // namespace vrsx::index
