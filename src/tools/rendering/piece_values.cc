#include "tools/rendering/piece_values.h"

#include <optional>
#include <utility>

namespace vrsx::cli {

namespace {

// A Value default is one element; a definition that lacks one reads as zeros.
std::span<const uint8_t> ValueDefault(const PieceDefinition& piece) {
  static const uint8_t kZeros[128] = {};
  if (piece.default_bytes.size() >= ElementTypeSize(piece.type)) return piece.default_bytes;
  return std::span<const uint8_t>(kZeros, ElementTypeSize(piece.type));
}

void SetDefaults(const PieceDefinition& piece, PieceValues& values) {
  switch (piece.kind) {
    case PieceKind::kValue:
      values.bytes = ValueDefault(piece);
      return;
    case PieceKind::kArray:
    case PieceKind::kString:
      values.bytes = piece.default_bytes;
      return;
    case PieceKind::kVector:
      if (piece.type == ElementType::kString) {
        values.strings.assign(piece.default_strings.begin(), piece.default_strings.end());
      } else {
        values.bytes = piece.default_bytes;
      }
      return;
    case PieceKind::kStringMap:
      for (const auto& [key, value] : piece.default_map) values.map.push_back({key, value});
      return;
  }
}

}  // namespace

PieceValues GetPieceValues(const DataLayoutBlock& block, size_t index) {
  PieceValues values;
  if (block.layout() == nullptr || index >= block.size()) return values;
  const PieceDefinition& piece = block.piece(index);
  if (!block.matched(index)) {
    SetDefaults(piece, values);
    return values;
  }
  values.available = block.available(index);
  std::span<const uint8_t> data = block.data(index);
  if (piece.kind == PieceKind::kVector && piece.type == ElementType::kString) {
    if (std::optional<std::vector<std::string_view>> strings = DecodeStringVector(data)) {
      values.strings = std::move(*strings);
    } else if (data.data() != nullptr) {
      // Present but malformed: the default (§4.4).
      values.strings.assign(piece.default_strings.begin(), piece.default_strings.end());
    }
  } else if (piece.kind == PieceKind::kStringMap) {
    if (values.available) values.map = DecodeStringMap(data, piece.type);
  } else if (values.available) {
    values.bytes = data;
  } else if (piece.is_fixed()) {
    SetDefaults(piece, values);
  }
  return values;
}

std::vector<size_t> PrintOrder(const DataLayoutDefinition& layout) {
  std::vector<size_t> order;
  order.reserve(layout.size());
  for (bool fixed : {true, false}) {
    for (size_t i = 0; i < layout.size(); ++i) {
      if (layout.piece(i).is_fixed() == fixed) order.push_back(i);
    }
  }
  return order;
}

}  // namespace vrsx::cli
