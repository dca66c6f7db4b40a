// DataLayouts declared in Python ({"exposure": "float", "names": "vector<string>"}) and blocks
// encoded from dicts of Python values.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "vrsx/data_layout.h"

namespace vrsx::python {

// A field type: an element type ("float", "uint32_t" or "uint32", "point3df", "matrix4dd",
// "bool", "char"...), "string", "vector<T>", "array<T, N>" (or "T[N]"), "map<T>" (string to T),
// or a VRS piece type name ("Value<uint32_t>", "DataPieceVector<float>"). Case-insensitive.
// ValueError for anything else.
PieceDefinition ParseFieldType(const std::string& label, const std::string& type_text);
// A layout from {label: type} in the dict's order.
DataLayoutDefinition LayoutFromDict(const pybind11::dict& fields);

// A layout with its fields by label, to encode dicts into blocks.
class LayoutEncoding {
 public:
  explicit LayoutEncoding(DataLayoutDefinition layout);
  const DataLayoutDefinition& layout() const { return layout_; }
  // Encodes `values` (labels of the layout; missing ones are zero/empty) into `out`.
  // KeyError for an unknown label, TypeError/ValueError for a value that does not fit.
  void Encode(const pybind11::dict& values, std::vector<uint8_t>& out) const;

 private:
  DataLayoutDefinition layout_;
  std::map<std::string, size_t, std::less<>> by_label_;
};

}  // namespace vrsx::python
