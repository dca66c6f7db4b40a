#include "layout_from_python.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "element_values.h"
#include "status_exception.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += char(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<ElementType> ElementFromText(const std::string& text) {
  for (size_t t = 0; t < kElementTypeCount; ++t) {
    std::string name = Lower(ElementTypeName(ElementType(t)));
    if (text == name) return ElementType(t);
    if (name.ends_with("_t") && text == name.substr(0, name.size() - 2)) return ElementType(t);
  }
  if (text == "str") return ElementType::kString;
  return std::nullopt;
}

// "vector<float>" with prefix "vector<": "float".
std::optional<std::string> Inside(const std::string& text, std::string_view prefix) {
  if (!text.starts_with(prefix) || !text.ends_with(">")) return std::nullopt;
  return text.substr(prefix.size(), text.size() - prefix.size() - 1);
}

ElementType ElementOrThrow(const std::string& text, const std::string& whole) {
  std::optional<ElementType> type = ElementFromText(text);
  if (!type) ThrowValueError("unknown field type '" + whole + "'");
  return *type;
}

uint32_t Count(const std::string& text, const std::string& whole) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    ThrowValueError("bad array size in field type '" + whole + "'");
  }
  uint32_t n = uint32_t(std::stoul(text));
  if (n == 0) ThrowValueError("an array needs at least one element: '" + whole + "'");
  return n;
}

void CheckString(PieceKind kind, ElementType type, const std::string& whole) {
  if (type == ElementType::kString && (kind == PieceKind::kValue || kind == PieceKind::kArray)) {
    ThrowValueError("strings cannot be in '" + whole + "': use \"string\" or \"vector<string>\"");
  }
}

}  // namespace

PieceDefinition ParseFieldType(const std::string& label, const std::string& type_text) {
  PieceKind kind;
  ElementType type;
  if (ParsePieceTypeName(type_text, &kind, &type) ||
      ParsePieceTypeName("DataPiece" + type_text, &kind, &type)) {
    return PieceDefinition::Make(label, kind, type);
  }
  std::string text = Lower(type_text);
  if (text == "string" || text == "str") {
    return PieceDefinition::Make(label, PieceKind::kString, ElementType::kString);
  }
  if (auto inner = Inside(text, "vector<")) {
    return PieceDefinition::Make(label, PieceKind::kVector, ElementOrThrow(*inner, type_text));
  }
  for (std::string_view prefix : {"map<", "stringmap<", "string_map<"}) {
    if (auto inner = Inside(text, prefix)) {
      return PieceDefinition::Make(label, PieceKind::kStringMap, ElementOrThrow(*inner, type_text));
    }
  }
  if (auto inner = Inside(text, "array<")) {
    size_t comma = inner->rfind(',');
    if (comma == std::string::npos)
      ThrowValueError("'" + type_text + "' needs a size: array<T, N>");
    ElementType element = ElementOrThrow(inner->substr(0, comma), type_text);
    CheckString(PieceKind::kArray, element, type_text);
    return PieceDefinition::Make(label, PieceKind::kArray, element,
                                 Count(inner->substr(comma + 1), type_text));
  }
  if (text.ends_with("]")) {
    size_t open = text.find('[');
    if (open == std::string::npos) ThrowValueError("unknown field type '" + type_text + "'");
    ElementType element = ElementOrThrow(text.substr(0, open), type_text);
    CheckString(PieceKind::kArray, element, type_text);
    return PieceDefinition::Make(label, PieceKind::kArray, element,
                                 Count(text.substr(open + 1, text.size() - open - 2), type_text));
  }
  ElementType element = ElementOrThrow(text, type_text);
  CheckString(PieceKind::kValue, element, type_text);
  return PieceDefinition::Make(label, PieceKind::kValue, element);
}

DataLayoutDefinition LayoutFromDict(const py::dict& fields) {
  if (fields.empty()) ThrowValueError("a DataLayout needs at least one field");
  DataLayoutDefinition layout;
  for (auto [key, value] : fields) {
    if (!py::isinstance<py::str>(key)) ThrowTypeError("DataLayout field names must be strings");
    if (!py::isinstance<py::str>(value)) {
      ThrowTypeError("the type of field '" + key.cast<std::string>() + "' must be a string");
    }
    ThrowIfError(layout.Add(ParseFieldType(key.cast<std::string>(), value.cast<std::string>())));
  }
  return layout;
}

LayoutEncoding::LayoutEncoding(DataLayoutDefinition layout) : layout_(std::move(layout)) {
  for (size_t i = 0; i < layout_.size(); ++i) by_label_.emplace(layout_.piece(i).label, i);
}

namespace {

void AppendU32(std::vector<uint8_t>& out, size_t value) {
  if (value > UINT32_MAX) ThrowValueError("string too long");
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(value >> (8 * i)));
}

std::string Text(py::handle value, const std::string& label) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::bytes>(value)) return std::string(value.cast<py::bytes>());
  ThrowTypeError("field '" + label + "' expects a string");
}

std::vector<uint8_t> Elements(ElementType type, py::handle value, const std::string& label) {
  if (py::isinstance<py::str>(value) || py::isinstance<py::dict>(value) ||
      !py::hasattr(value, "__iter__")) {
    ThrowTypeError("field '" + label + "' expects a sequence");
  }
  std::vector<uint8_t> bytes;
  for (py::handle item : py::iter(value)) AppendElement(type, item, bytes);
  return bytes;
}

}  // namespace

void LayoutEncoding::Encode(const py::dict& values, std::vector<uint8_t>& out) const {
  DataLayoutEncoder encoder(layout_);
  for (auto [key, value] : values) {
    std::string label = py::str(key);
    auto found = by_label_.find(label);
    if (found == by_label_.end()) ThrowKeyError("no field '" + label + "' in this DataLayout");
    size_t index = found->second;
    const PieceDefinition& piece = layout_.piece(index);
    Status status;
    switch (piece.kind) {
      case PieceKind::kValue: {
        std::vector<uint8_t> bytes;
        AppendElement(piece.type, value, bytes);
        status = encoder.SetData(index, bytes);
        break;
      }
      case PieceKind::kArray: {
        std::vector<uint8_t> bytes = Elements(piece.type, value, label);
        if (bytes.size() > piece.fixed_size()) {
          ThrowValueError("field '" + label + "' holds " + std::to_string(piece.array_size) +
                          " values");
        }
        bytes.resize(piece.fixed_size(), 0);
        status = encoder.SetData(index, bytes);
        break;
      }
      case PieceKind::kVector: {
        if (piece.type == ElementType::kString) {
          std::vector<std::string> strings;
          if (py::isinstance<py::str>(value))
            ThrowTypeError("field '" + label + "' expects a list of strings");
          for (py::handle item : py::iter(value)) strings.push_back(Text(item, label));
          status = encoder.SetStringVector(index, strings);
        } else {
          status = encoder.SetData(index, Elements(piece.type, value, label));
        }
        break;
      }
      case PieceKind::kString:
        status = encoder.SetString(index, Text(value, label));
        break;
      case PieceKind::kStringMap: {
        if (!py::isinstance<py::dict>(value))
          ThrowTypeError("field '" + label + "' expects a dict");
        std::map<std::string, py::handle> sorted;
        for (auto [k, v] : value.cast<py::dict>()) sorted[Text(k, label)] = v;
        std::vector<uint8_t> bytes;
        for (const auto& [k, v] : sorted) {
          AppendU32(bytes, k.size());
          bytes.insert(bytes.end(), k.begin(), k.end());
          if (piece.type == ElementType::kString) {
            std::string s = Text(v, label);
            AppendU32(bytes, s.size());
            bytes.insert(bytes.end(), s.begin(), s.end());
          } else {
            AppendElement(piece.type, v, bytes);
          }
        }
        status = encoder.SetData(index, bytes);
        break;
      }
    }
    ThrowIfError(status);
  }
  encoder.EncodeTo(out);
}

}  // namespace vrsx::python
