// A bound on how deeply a DataLayout description's JSON nests, checked on the text before it is
// parsed: real definitions nest 5 levels at most (object, array, piece, default of a Matrix
// vector...), so a deeper text is corrupt and never reaches the parser's or printers' recursion.
#pragma once

#include <cstddef>
#include <string_view>

namespace vrsx {

inline constexpr size_t kMaxJsonNesting = 64;

// The deepest nesting of arrays and objects in `json` (brackets inside strings do not count).
// Meant for text about to be parsed: it does not validate anything else.
size_t JsonNestingDepth(std::string_view json);

}  // namespace vrsx
