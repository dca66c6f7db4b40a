// The JSON forms of DataLayout blocks and definitions (spec 02 §9.5).
#include <optional>
#include <string>

#include "tools/json_out.h"
#include "tools/layout_printer.h"
#include "tools/piece_values.h"

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
  Json document = LayoutJsonValue(block, profile);
  return pretty ? JsonPretty(document) : JsonCompact(document);
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
