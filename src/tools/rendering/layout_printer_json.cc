// The JSON forms of DataLayout blocks and definitions (spec 02 §9.5).
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tools/rendering/json_out.h"
#include "tools/rendering/layout_printer.h"
#include "tools/rendering/piece_values.h"

namespace vrsx::cli {

namespace {

using Json = nlohmann::ordered_json;
using E = ElementType;

Json ScalarJson(ElementType type, const uint8_t* bytes) {
  switch (type) {
    case E::kBool:
      return bytes[0] != 0;
    case E::kChar:
    case E::kInt8:
      return int64_t(LoadElement<int8_t>(bytes));
    case E::kUInt8:
      return uint64_t(bytes[0]);
    case E::kInt16:
      return int64_t(LoadElement<int16_t>(bytes));
    case E::kUInt16:
      return uint64_t(LoadElement<uint16_t>(bytes));
    case E::kInt32:
      return int64_t(LoadElement<int32_t>(bytes));
    case E::kUInt32:
      return uint64_t(LoadElement<uint32_t>(bytes));
    case E::kInt64:
      return LoadElement<int64_t>(bytes);
    case E::kUInt64:
      return LoadElement<uint64_t>(bytes);
    case E::kFloat:  // widened: 0.1f is 0.10000000149011612
      return double(LoadElement<float>(bytes));
    case E::kDouble:
      return LoadElement<double>(bytes);
    default:
      return nullptr;
  }
}

// Points are arrays of coordinates, matrices arrays of points.
Json ElementJson(ElementType type, const uint8_t* bytes) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.dimension == 0) return ScalarJson(type, bytes);
  size_t scalar_size = ElementTypeSize(info.scalar);
  auto point = [&](size_t p) {
    Json coordinates = Json::array();
    for (size_t c = 0; c < info.dimension; ++c) {
      coordinates.push_back(
          ScalarJson(info.scalar, bytes + (p * info.dimension + c) * scalar_size));
    }
    return coordinates;
  };
  if (!info.matrix) return point(0);
  Json points = Json::array();
  for (size_t p = 0; p < info.dimension; ++p) points.push_back(point(p));
  return points;
}

Json ElementsJson(ElementType type, std::span<const uint8_t> bytes) {
  Json elements = Json::array();
  size_t size = ElementTypeSize(type);
  for (size_t at = 0; size > 0 && at + size <= bytes.size(); at += size) {
    elements.push_back(ElementJson(type, bytes.data() + at));
  }
  return elements;
}

// The piece's "value", or nullopt when it is left out: not available, or an empty
// array/vector/map (an empty string stays).
std::optional<Json> PieceValueJson(const PieceDefinition& piece, const PieceValues& values) {
  if (!values.available) return std::nullopt;
  Json value;
  switch (piece.kind) {
    case PieceKind::kValue:
      return ElementJson(piece.type, values.bytes.data());
    case PieceKind::kString:
      return std::string(reinterpret_cast<const char*>(values.bytes.data()), values.bytes.size());
    case PieceKind::kArray:
    case PieceKind::kVector:
      if (piece.type == E::kString) {
        value = Json::array();
        for (std::string_view text : values.strings) value.push_back(std::string(text));
      } else {
        value = ElementsJson(piece.type, values.bytes);
      }
      break;
    case PieceKind::kStringMap:
      value = Json::object();
      for (const RawMapEntry& entry : values.map) {
        if (piece.type == E::kString) {
          value[std::string(entry.key)] =
              std::string(reinterpret_cast<const char*>(entry.value.data()), entry.value.size());
        } else if (entry.value.size() >= ElementTypeSize(piece.type)) {
          value[std::string(entry.key)] = ElementJson(piece.type, entry.value.data());
        }
      }
      break;
  }
  if (value.empty()) return std::nullopt;
  return value;
}

// The direct writers of the compact form: the same bytes as JsonCompact(LayoutJsonValue(..)),
// without building the document.

// ElementJson's text: a type without fixed-size elements is null.
void AppendElement(std::string& out, ElementType type, const uint8_t* bytes) {
  if (GetElementTypeInfo(type).components == 0) {
    out += "null";
  } else {
    AppendElementJson(out, type, bytes);
  }
}

void AppendText(std::string& out, std::span<const uint8_t> bytes) {
  AppendJsonString(out, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

// PieceValueJson's value, appended to `out`. Returns false, with nothing appended, when the
// value is left out.
bool AppendPieceValue(std::string& out, const PieceDefinition& piece, const PieceValues& values) {
  if (!values.available) return false;
  switch (piece.kind) {
    case PieceKind::kValue:
      AppendElement(out, piece.type, values.bytes.data());
      return true;
    case PieceKind::kString:
      AppendText(out, values.bytes);
      return true;
    case PieceKind::kArray:
    case PieceKind::kVector: {
      bool first = true;
      if (piece.type == E::kString) {
        for (std::string_view text : values.strings) {
          out += first ? '[' : ',';
          first = false;
          AppendJsonString(out, text);
        }
      } else {
        size_t size = ElementTypeSize(piece.type);
        for (size_t at = 0; size > 0 && at + size <= values.bytes.size(); at += size) {
          out += first ? '[' : ',';
          first = false;
          AppendElement(out, piece.type, values.bytes.data() + at);
        }
      }
      if (first) return false;
      out += ']';
      return true;
    }
    case PieceKind::kStringMap: {
      // Keys are unique and sorted, so the members are written in the map's order.
      bool first = true;
      for (const RawMapEntry& entry : values.map) {
        bool is_string = piece.type == E::kString;
        if (!is_string && entry.value.size() < ElementTypeSize(piece.type)) continue;
        out += first ? '{' : ',';
        first = false;
        AppendJsonString(out, entry.key);
        out += ':';
        if (is_string) {
          AppendText(out, entry.value);
        } else {
          AppendElement(out, piece.type, entry.value.data());
        }
      }
      if (first) return false;
      out += '}';
      return true;
    }
  }
  return false;
}

void AppendLayoutJsonCompact(std::string& out, const DataLayoutBlock& block,
                             LayoutJsonProfile profile) {
  bool with_type = profile == LayoutJsonProfile::kPrint;
  out += with_type ? "{\"data_layout\":[" : "{\"metadata\":[";
  if (block.layout() != nullptr) {
    bool first = true;
    for (size_t index : PrintOrder(*block.layout())) {
      const PieceDefinition& piece = block.piece(index);
      PieceValues values = GetPieceValues(block, index);
      if (!first) out += ',';
      first = false;
      out += '{';
      // The reference writes a string's value last, every other value first.
      bool value_last = piece.kind == PieceKind::kString;
      if (!value_last) {
        size_t start = out.size();
        out += "\"value\":";
        if (AppendPieceValue(out, piece, values)) {
          out += ',';
        } else {
          out.resize(start);
        }
      }
      out += "\"name\":";
      AppendJsonString(out, piece.label);
      if (with_type) {
        out += ",\"type\":";
        AppendJsonString(out, ShortPieceTypeName(piece.kind, piece.type));
      }
      if (value_last) {
        size_t start = out.size();
        out += ",\"value\":";
        if (!AppendPieceValue(out, piece, values)) out.resize(start);
      }
      out += '}';
    }
  }
  out += "]}";
}

}  // namespace

Json LayoutJsonValue(const DataLayoutBlock& block, LayoutJsonProfile profile) {
  bool with_type = profile == LayoutJsonProfile::kPrint;
  Json pieces = Json::array();
  if (block.layout() != nullptr) {
    for (size_t index : PrintOrder(*block.layout())) {
      const PieceDefinition& piece = block.piece(index);
      std::optional<Json> value = PieceValueJson(piece, GetPieceValues(block, index));
      // The reference writes a string's value last, every other value first.
      bool value_last = piece.kind == PieceKind::kString;
      Json member = Json::object();
      if (value && !value_last) member["value"] = std::move(*value);
      member["name"] = piece.label;
      if (with_type) member["type"] = ShortPieceTypeName(piece.kind, piece.type);
      if (value && value_last) member["value"] = std::move(*value);
      pieces.push_back(std::move(member));
    }
  }
  Json document = Json::object();
  document[profile == LayoutJsonProfile::kPrint ? "data_layout" : "metadata"] = std::move(pieces);
  return document;
}

std::string LayoutJson(const DataLayoutBlock& block, LayoutJsonProfile profile, bool pretty) {
  std::string out;
  AppendLayoutJson(out, block, profile, pretty);
  return out;
}

void AppendLayoutJson(std::string& out, const DataLayoutBlock& block, LayoutJsonProfile profile,
                      bool pretty) {
  if (pretty) {
    out += JsonPretty(LayoutJsonValue(block, profile));
  } else {
    AppendLayoutJsonCompact(out, block, profile);
  }
}

Json LayoutDefinitionJsonValue(const DataLayoutDefinition& layout) {
  Json pieces = Json::array();
  for (size_t index : PrintOrder(layout)) {
    const PieceDefinition& piece = layout.piece(index);
    Json member = Json::object();
    member["name"] = piece.label;
    member["type"] = ShortPieceTypeName(piece.kind, piece.type);
    pieces.push_back(std::move(member));
  }
  Json document = Json::object();
  document["data_layout"] = std::move(pieces);
  return document;
}

std::string LayoutDefinitionJson(const DataLayoutDefinition& layout) {
  return JsonPretty(LayoutDefinitionJsonValue(layout));
}

}  // namespace vrsx::cli
