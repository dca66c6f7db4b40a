// What the renderers show for one piece of a bound DataLayout block, in raw form for every type
// at once (spec 02 §5.4): the file's data when the piece is available, the expected piece's
// defaults when it is unmatched, defaults (fixed pieces) or nothing (variable pieces) when it is
// matched but its data is not in the block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "vrsx/data_layout.h"

namespace vrsx::cli {

struct PieceValues {
  bool available = false;
  // Value: one element; Array, Vector<T>: elements back to back; String: the bytes.
  std::span<const uint8_t> bytes;
  std::vector<std::string_view> strings;  // Vector<string>
  std::vector<RawMapEntry> map;           // StringMap, in key order
};

// Views into the block's bytes and its layout's defaults: valid while both are.
PieceValues GetPieceValues(const DataLayoutBlock& block, size_t index);

// Piece indexes in print order: fixed-size pieces, then variable-size pieces, each in
// declaration order.
std::vector<size_t> PrintOrder(const DataLayoutDefinition& layout);

}  // namespace vrsx::cli
