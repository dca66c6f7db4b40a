// Mapping an expected layout onto a file's layout (spec 02 §5.4). The wrap-around search keeps
// mapping linear when both layouts list pieces in the same order, and pairs duplicate labels in
// order.
#include "vrsx/data_layout.h"

namespace vrsx {

namespace {

bool Matches(const PieceDefinition& expected, const PieceDefinition& file) {
  // Same kind, label, element type and fixed size: an Array of another count is another field.
  return expected.kind == file.kind && expected.type == file.type &&
         expected.array_size == file.array_size && expected.label == file.label;
}

}  // namespace

LayoutMapping::LayoutMapping(const DataLayoutDefinition& expected, const DataLayoutDefinition& file)
    : expected_(&expected), file_(&file), matches_(expected.size(), -1) {
  // Fixed pieces are only matched against fixed pieces, variable ones against variable ones.
  for (bool fixed : {true, false}) {
    std::vector<size_t> candidates;
    for (size_t i = 0; i < file.size(); ++i) {
      if (file.piece(i).is_fixed() == fixed) candidates.push_back(i);
    }
    size_t start = 0;  // just after the previous match, in `candidates`
    for (size_t e = 0; e < expected.size(); ++e) {
      const PieceDefinition& piece = expected.piece(e);
      if (piece.is_fixed() != fixed) continue;
      size_t n = candidates.size();
      for (size_t step = 0; step < n; ++step) {
        size_t at = (start + step) % n;  // start..end, then 0..start-1
        if (Matches(piece, file.piece(candidates[at]))) {
          matches_[e] = int32_t(candidates[at]);
          start = at + 1;
          ++matched_count_;
          break;
        }
      }
      if (matches_[e] < 0 && piece.required) has_all_required_ = false;
    }
  }
}

std::optional<size_t> LayoutMapping::file_piece(size_t expected_index) const {
  if (expected_index >= matches_.size() || matches_[expected_index] < 0) return std::nullopt;
  return size_t(matches_[expected_index]);
}

}  // namespace vrsx
