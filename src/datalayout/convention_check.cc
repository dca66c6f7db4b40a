// The writer-side check that a layout spells the spec 02 §6.1 fields right (the list is in
// datalayout_conventions.cc, next to where readers locate them).
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "vrsx/conventions.h"

namespace vrsx::conventions {

namespace {

// Optimal string alignment distance (Levenshtein plus swaps of neighbours), stopping early: the
// labels are short and only "<= 2" matters.
size_t EditDistance(std::string_view a, std::string_view b) {
  if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return 3;
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// "Image-Width" and "imageWidth" -> "imagewidth".
std::string Folded(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c != '_' && c != '-' && c != ' ') out += char(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Expected(std::string_view label) {
  std::string out;
  for (const Field& field : Fields()) {
    if (field.label != label) continue;
    if (!out.empty()) out += " or ";
    out += ShortPieceTypeName(field.kind, field.type);
  }
  return out;
}

}  // namespace

Status CheckConventionFields(const DataLayoutDefinition& layout) {
  for (const PieceDefinition& piece : layout.pieces()) {
    bool conventional = false;
    bool typed_right = false;
    for (const Field& field : Fields()) {
      if (field.label != piece.label) continue;
      conventional = true;
      typed_right |= field.kind == piece.kind && field.type == piece.type;
    }
    if (conventional) {
      if (typed_right) continue;
      return Status(ErrorCode::kInvalidArgument, "DataLayout field \"" + piece.label + "\" is a " +
                                                     ShortPieceTypeName(piece.kind, piece.type) +
                                                     ": readers only see it as a " +
                                                     Expected(piece.label) + " (spec 02 §6.1)");
    }
    std::string folded = Folded(piece.label);
    for (const Field& field : Fields()) {
      if (EditDistance(piece.label, field.label) <= 2 || folded == Folded(field.label)) {
        return Status(ErrorCode::kInvalidArgument,
                      "DataLayout field \"" + piece.label + "\" looks like a misspelling of \"" +
                          std::string(field.label) +
                          "\", which readers need exactly (spec 02 §6.1)");
      }
    }
  }
  return Status::Ok();
}

}  // namespace vrsx::conventions
