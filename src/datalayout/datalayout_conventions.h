// Reading the conventional fields of spec 02 §6.1 from a DataLayout block.
#pragma once

#include <optional>

#include "vrsx/data_layout.h"

namespace vrsx::conventions {

// The value of a located field, when the block has it (matched and inside the bound bytes).
template <typename T>
std::optional<T> Get(const DataLayoutBlock& block, const std::optional<size_t>& field) {
  if (!field || !block.available(*field)) return std::nullopt;
  return block.value<T>(*field);
}

}  // namespace vrsx::conventions
