#include "layout_to_python.h"

#include <string>
#include <vector>

#include "element_values.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

py::str Utf8(std::string_view text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), Py_ssize_t(text.size()), "replace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

// The piece's bytes, or its default when the block lacks them.
std::span<const uint8_t> PieceBytes(const DataLayoutBlock& block, size_t index) {
  if (block.available(index)) return block.data(index);
  return block.piece(index).default_bytes;
}

py::object ValueOf(const DataLayoutBlock& block, size_t index) {
  const PieceDefinition& piece = block.piece(index);
  std::span<const uint8_t> bytes = PieceBytes(block, index);
  size_t element_size = ElementTypeSize(piece.type);
  switch (piece.kind) {
    case PieceKind::kValue: {
      if (bytes.size() >= element_size && element_size > 0) {
        return ElementToPython(piece.type, bytes.data());
      }
      std::vector<uint8_t> zeros(element_size, 0);
      return ElementToPython(piece.type, zeros.data());
    }
    case PieceKind::kArray:
      return ElementsToPython(piece.type, bytes);
    case PieceKind::kVector: {
      if (piece.type != ElementType::kString) return ElementsToPython(piece.type, bytes);
      py::list strings;
      std::vector<std::string> values =
          block.available(index) ? block.string_vector(index) : piece.default_strings;
      for (const std::string& s : values) strings.append(Utf8(s));
      return strings;
    }
    case PieceKind::kString:
      return Utf8(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    case PieceKind::kStringMap: {
      py::dict map;
      if (block.available(index)) {
        for (const RawMapEntry& entry : DecodeStringMap(bytes, piece.type)) {
          if (piece.type == ElementType::kString) {
            map[Utf8(entry.key)] = Utf8(std::string_view(
                reinterpret_cast<const char*>(entry.value.data()), entry.value.size()));
          } else {
            map[Utf8(entry.key)] = ElementToPython(piece.type, entry.value.data());
          }
        }
      } else {
        for (const auto& [key, value] : piece.default_map) {
          map[Utf8(key)] = piece.type == ElementType::kString
                               ? py::object(Utf8(std::string(value.begin(), value.end())))
                               : ElementToPython(piece.type, value.data());
        }
      }
      return map;
    }
  }
  return py::none();
}

}  // namespace

py::dict LayoutBlockToDict(const DataLayoutBlock& block, const std::vector<py::object>* labels) {
  py::dict values;
  bool cached = labels != nullptr && labels->size() == block.size();
  for (size_t i = 0; i < block.size(); ++i) {
    if (cached) {
      values[(*labels)[i]] = ValueOf(block, i);
    } else {
      values[Utf8(block.piece(i).label)] = ValueOf(block, i);
    }
  }
  return values;
}

std::vector<py::object> LayoutLabels(const DataLayoutBlock& block) {
  std::vector<py::object> labels;
  for (size_t i = 0; i < block.size(); ++i) {
    py::str label = Utf8(block.piece(i).label);
    PyUnicode_InternInPlace(&label.ptr());
    labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace vrsx::python
