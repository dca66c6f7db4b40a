// Renderings of DataLayout blocks by the print commands (spec 02 §9): the compact text of
// `print`, the detailed text of `print-details`, and the JSON of `print-json(-pretty)`,
// `extract-all` and `record-formats`.
//
//   vrsx::DataLayoutBlock block(layout);
//   block.Bind(payload.data(), payload.size(), &size);
//   out << " - DataLayout:\n";
//   vrsx::cli::PrintLayoutCompact(block, out, width);
//
// Pieces print fixed-size ones first, then variable-size ones, each in declaration order. A
// mapped block prints the expected layout's pieces, unmatched ones marked with their defaults.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "tools/rendering/value_text.h"
#include "vrsx/data_layout.h"

namespace vrsx::cli {

// The width the reference uses when stdout is not a terminal.
inline constexpr size_t kDefaultPrintWidth = 160;

// `print` (§9.3): one or more lines per piece, each ending with '\n', indented by 5 spaces:
//   image_width: 640
//   camera_calibration[6]: 23, 53, 343, 3, 12, 8
// Long values are cut and long vectors wrapped to fit `width`; vectors show at most 400 values.
void PrintLayoutCompact(const DataLayoutBlock& block, std::ostream& out,
                        size_t width = kDefaultPrintWidth);

// `print-details` (§9.4): piece counts and sizes, then types, offsets, values and properties:
//   3 fixed size pieces, total 20 bytes.
//     image_width (uint32_t) @ 0+4: 640
// `properties` carries the output stream's float format from one property line to the next, as
// in the reference (§9.1): pass the same state for a whole run, or nullptr for a fresh one.
void PrintLayoutDetailed(const DataLayoutBlock& block, std::ostream& out,
                         size_t width = kDefaultPrintWidth,
                         PropertyTextState* properties = nullptr);

// JSON of a block's values (§9.5).
enum class LayoutJsonProfile {
  // print-json / print-json-pretty: {"data_layout":[{"value":..,"name":..,"type":"Value<T>"}..]}
  // ("name", "type", "value" for String pieces).
  kPrint,
  // extract-all's metadata.jsons: {"metadata":[{"value":..,"name":..}..]} ("name", "value" for
  // String pieces).
  kPublic,
};
// "value" is left out for pieces that are not available and for empty arrays, vectors and maps.
nlohmann::ordered_json LayoutJsonValue(const DataLayoutBlock& block, LayoutJsonProfile profile);
// Printed with JsonCompact or, when `pretty`, JsonPretty.
std::string LayoutJson(const DataLayoutBlock& block, LayoutJsonProfile profile,
                       bool pretty = false);
// The same text appended to `out`; the compact form is written directly, without a document,
// so a buffer reused between blocks saves the allocations.
void AppendLayoutJson(std::string& out, const DataLayoutBlock& block, LayoutJsonProfile profile,
                      bool pretty = false);

// record-formats: {"data_layout":[{"name":..,"type":"Value<T>"}..]}, pretty-printed.
nlohmann::ordered_json LayoutDefinitionJsonValue(const DataLayoutDefinition& layout);
std::string LayoutDefinitionJson(const DataLayoutDefinition& layout);

}  // namespace vrsx::cli
