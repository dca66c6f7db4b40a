// Fuzz target: DataLayout definitions, the JSON text of `DL:` tags (spec 02 §5). A definition
// that parses is re-emitted, and the re-emitted text must parse to the same text again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tools/rendering/layout_printer.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_content.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  vrsx::DataLayoutDefinition layout;
  if (!vrsx::DataLayoutDefinition::Parse(text, layout).ok()) return 0;
  std::string json = layout.ToJson();
  vrsx::DataLayoutDefinition again;
  Require(vrsx::DataLayoutDefinition::Parse(json, again).ok());
  Require(again.ToJson() == json);
  Require(again.size() == layout.size() && again.fixed_size() == layout.fixed_size());
  // What record-formats prints, and the lookups readers make once per definition.
  vrsx::cli::LayoutDefinitionJson(layout);
  vrsx::ConventionFields::Locate(layout);
  for (const vrsx::PieceDefinition& piece : layout.pieces()) {
    layout.FindLabel(piece.label);
    layout.Find(piece.label, piece.kind, piece.type, piece.array_size);
  }
  vrsx::LayoutMapping mapping(layout, again);
  Require(mapping.matched_count() == layout.size());
  return 0;
}
