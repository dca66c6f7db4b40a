// DataLayout definitions: the JSON of `DL:` tags (spec 02 §5), parsed with nlohmann and written
// back by hand so that the text is byte-identical to the reference writer's (§5.2, §9.5).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>

#include <nlohmann/json.hpp>

#include "datalayout/json_nesting.h"
#include "datalayout/json_number.h"
#include "vrsx/data_layout.h"

namespace vrsx {

namespace {

using Json = nlohmann::json;

// --- Reading --------------------------------------------------------------------------------

// The reference reads NaN, Inf, Infinity (optionally signed) as numbers; nlohmann doesn't. Those
// tokens are swapped for strings no writer produces before parsing, and read back as numbers
// where a number is expected.
constexpr std::string_view kNaN =
    "\x01"
    "vrsx:NaN";
constexpr std::string_view kNegNaN =
    "\x01"
    "vrsx:-NaN";
constexpr std::string_view kInf =
    "\x01"
    "vrsx:Inf";
constexpr std::string_view kNegInf =
    "\x01"
    "vrsx:-Inf";

std::string ReplaceNonFiniteTokens(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    std::string_view rest = text.substr(i);
    bool negative = rest.starts_with('-');
    std::string_view token = rest.substr(negative ? 1 : 0);
    size_t length = 0;
    std::string_view sentinel;
    if (token.starts_with("NaN")) {
      length = 3;
      sentinel = negative ? kNegNaN : kNaN;
    } else if (token.starts_with("Infinity")) {
      length = 8;
      sentinel = negative ? kNegInf : kInf;
    } else if (token.starts_with("Inf")) {
      length = 3;
      sentinel = negative ? kNegInf : kInf;
    }
    if (length == 0) {
      out += c;
      continue;
    }
    out += "\"\\u0001";
    out += sentinel.substr(1);
    out += '"';
    i += length + (negative ? 1 : 0) - 1;
  }
  return out;
}

std::optional<double> NonFinite(const Json& j) {
  if (!j.is_string()) return std::nullopt;
  const std::string& s = j.get_ref<const std::string&>();
  if (s == kNaN) return std::numeric_limits<double>::quiet_NaN();
  if (s == kNegNaN) return -std::numeric_limits<double>::quiet_NaN();
  if (s == kInf) return std::numeric_limits<double>::infinity();
  if (s == kNegInf) return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

// A JSON string (not one of the non-finite stand-ins).
const std::string* AsString(const Json& j) {
  if (!j.is_string() || NonFinite(j)) return nullptr;
  return &j.get_ref<const std::string&>();
}

std::optional<double> AsDouble(const Json& j) {
  if (j.is_number()) return j.get<double>();
  return NonFinite(j);
}

// An integer in [min, max].
std::optional<int64_t> AsSigned(const Json& j, int64_t min, int64_t max) {
  if (j.is_number_unsigned()) {
    uint64_t v = j.get<uint64_t>();
    if (v <= uint64_t(max)) return int64_t(v);
  } else if (j.is_number_integer()) {
    int64_t v = j.get<int64_t>();
    if (v >= min && v <= max) return v;
  }
  return std::nullopt;
}

std::optional<uint64_t> AsUnsigned(const Json& j, uint64_t max) {
  if (j.is_number_unsigned()) {
    uint64_t v = j.get<uint64_t>();
    if (v <= max) return v;
  }
  return std::nullopt;
}

// Stores the low `size` bytes of v (two's complement), as a cast to the narrower type would.
void StoreLow(uint64_t v, size_t size, uint8_t* out) {
  for (size_t i = 0; i < size; ++i) out[i] = uint8_t(v >> (8 * i));
}

// One scalar per the §5.2 "Reading default/properties" rules: any number for floating types; a
// boolean or an integer for Bool; an integer fitting int32/int64 (uint32/uint64) for signed
// (unsigned) types, narrowed like a C++ cast.
bool ParseScalar(const Json& j, ElementType type, uint8_t* out) {
  constexpr int64_t kI32Min = std::numeric_limits<int32_t>::min();
  constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();
  size_t size = ElementTypeSize(type);
  switch (type) {
    case ElementType::kBool:
      if (j.is_boolean()) {
        out[0] = j.get<bool>() ? 1 : 0;
        return true;
      }
      if (j.is_number_integer()) {
        out[0] = j.is_number_unsigned() ? j.get<uint64_t>() != 0 : j.get<int64_t>() != 0;
        return true;
      }
      return false;
    case ElementType::kChar:
    case ElementType::kInt8:
    case ElementType::kInt16:
    case ElementType::kInt32:
      if (auto v = AsSigned(j, kI32Min, kI32Max)) return StoreLow(uint64_t(*v), size, out), true;
      return false;
    case ElementType::kInt64:
      if (auto v = AsSigned(j, std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max())) {
        return StoreLow(uint64_t(*v), size, out), true;
      }
      return false;
    case ElementType::kUInt8:
    case ElementType::kUInt16:
    case ElementType::kUInt32:
      if (auto v = AsUnsigned(j, std::numeric_limits<uint32_t>::max())) {
        return StoreLow(*v, size, out), true;
      }
      return false;
    case ElementType::kUInt64:
      if (auto v = AsUnsigned(j, std::numeric_limits<uint64_t>::max())) {
        return StoreLow(*v, size, out), true;
      }
      return false;
    case ElementType::kFloat:
      if (auto v = AsDouble(j)) {
        double d = *v;
        // Out-of-range doubles become infinities, as IEEE narrowing does (not UB).
        if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
          d = std::copysign(std::numeric_limits<double>::infinity(), d);
        }
        StoreElement(static_cast<float>(d), out);
        return true;
      }
      return false;
    case ElementType::kDouble:
      if (auto v = AsDouble(j)) return StoreElement(*v, out), true;
      return false;
    default:
      return false;
  }
}

// A coordinate of an integer point/matrix: any number, truncated and saturated.
bool ParseIntCoordinate(const Json& j, uint8_t* out) {
  std::optional<double> v = AsDouble(j);
  if (!v) return false;
  double d = std::isnan(*v) ? 0 : std::trunc(*v);
  d = std::clamp(d, double(std::numeric_limits<int32_t>::min()),
                 double(std::numeric_limits<int32_t>::max()));
  StoreElement(static_cast<int32_t>(d), out);
  return true;
}

// A point is an array of exactly N numbers; a matrix an array of N such arrays.
bool ParseElement(const Json& j, ElementType type, uint8_t* out) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.dimension == 0) return ParseScalar(j, type, out);
  size_t n = info.dimension;
  size_t scalar_size = ElementTypeSize(info.scalar);
  auto parse_point = [&](const Json& point, uint8_t* point_out) {
    if (!point.is_array() || point.size() != n) return false;
    for (size_t c = 0; c < n; ++c) {
      uint8_t* at = point_out + c * scalar_size;
      bool ok = info.scalar == ElementType::kInt32 ? ParseIntCoordinate(point[c], at)
                                                   : ParseScalar(point[c], info.scalar, at);
      if (!ok) return false;
    }
    return true;
  };
  if (!info.matrix) return parse_point(j, out);
  if (!j.is_array() || j.size() != n) return false;
  for (size_t p = 0; p < n; ++p) {
    if (!parse_point(j[p], out + p * n * scalar_size)) return false;
  }
  return true;
}

std::optional<std::vector<uint8_t>> ParseOne(const Json& j, ElementType type) {
  std::vector<uint8_t> bytes(ElementTypeSize(type));
  if (!ParseElement(j, type, bytes.data())) return std::nullopt;
  return bytes;
}

// Elements that don't fit the type are left out.
std::vector<uint8_t> ParseList(const Json& j, ElementType type) {
  std::vector<uint8_t> bytes;
  if (!j.is_array()) return bytes;
  for (const Json& item : j) {
    if (auto one = ParseOne(item, type)) bytes.insert(bytes.end(), one->begin(), one->end());
  }
  return bytes;
}

std::map<std::string, std::vector<uint8_t>> ParseElementMap(const Json& j, ElementType type) {
  std::map<std::string, std::vector<uint8_t>> values;
  if (!j.is_object()) return values;
  for (const auto& [key, item] : j.items()) {
    if (type == ElementType::kString) {
      if (const std::string* s = AsString(item)) values[key].assign(s->begin(), s->end());
    } else if (auto one = ParseOne(item, type)) {
      values[key] = std::move(*one);
    }
  }
  return values;
}

void ParseDefault(const Json& j, PieceDefinition& piece) {
  switch (piece.kind) {
    case PieceKind::kValue:
      if (auto one = ParseOne(j, piece.type)) piece.default_bytes = std::move(*one);
      return;
    case PieceKind::kArray:
      piece.default_bytes = ParseList(j, piece.type);
      return;
    case PieceKind::kVector:
      if (piece.type != ElementType::kString) {
        piece.default_bytes = ParseList(j, piece.type);
      } else if (j.is_array()) {
        for (const Json& item : j) {
          if (const std::string* s = AsString(item)) piece.default_strings.push_back(*s);
        }
      }
      return;
    case PieceKind::kString:
      if (const std::string* s = AsString(j)) piece.default_bytes.assign(s->begin(), s->end());
      return;
    case PieceKind::kStringMap:
      piece.default_map = ParseElementMap(j, piece.type);
      return;
  }
}

// Reads one piece object; nullopt (with the reason in *why) when the piece is skipped.
std::optional<PieceDefinition> ParsePiece(const Json& item, std::string* why) {
  if (!item.is_object()) return *why = "not an object", std::nullopt;
  auto name = item.find("name");
  auto type = item.find("type");
  const std::string* label = name != item.end() ? AsString(*name) : nullptr;
  const std::string* type_name = type != item.end() ? AsString(*type) : nullptr;
  if (label == nullptr || type_name == nullptr) {
    return *why = "no \"name\" or \"type\" string", std::nullopt;
  }
  PieceDefinition piece;
  piece.label = *label;
  if (!ParsePieceTypeName(*type_name, &piece.kind, &piece.type)) {
    *why = "\"" + piece.label + "\" has unknown type \"" + *type_name + "\"";
    return std::nullopt;
  }
  if (auto tags = item.find("tags"); tags != item.end() && tags->is_object()) {
    for (const auto& [key, value] : tags->items()) {
      if (const std::string* s = AsString(value)) piece.tags[key] = *s;
    }
  }
  if (auto required = item.find("required"); required != item.end() && required->is_boolean()) {
    piece.required = required->get<bool>();
  }
  if (piece.kind == PieceKind::kArray) {
    auto size = item.find("size");
    if (size != item.end()) {
      std::optional<uint64_t> count = AsUnsigned(*size, std::numeric_limits<uint64_t>::max());
      if (count && *count > std::numeric_limits<uint32_t>::max()) {
        *why = "\"" + piece.label + "\" has an array size beyond 2^32";
        return std::nullopt;
      }
      piece.array_size = uint32_t(count.value_or(0));
    }
  }
  if (auto value = item.find("default"); value != item.end()) ParseDefault(*value, piece);
  if (piece.is_fixed()) {
    if (auto properties = item.find("properties"); properties != item.end()) {
      piece.properties = ParseElementMap(*properties, piece.type);
    }
  }
  return piece;
}

// --- Writing --------------------------------------------------------------------------------

// "differs from the type's zero value" compares values, so -0.0 counts as zero and NaN doesn't.
bool IsZeroElement(ElementType type, const uint8_t* bytes) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  size_t scalar_size = ElementTypeSize(info.scalar);
  for (size_t c = 0; c < info.components; ++c) {
    const uint8_t* at = bytes + c * scalar_size;
    bool zero = info.scalar == ElementType::kFloat ? LoadElement<float>(at) == 0
                : info.scalar == ElementType::kDouble
                    ? LoadElement<double>(at) == 0
                    : std::all_of(at, at + scalar_size, [](uint8_t b) { return b == 0; });
    if (!zero) return false;
  }
  return true;
}

void AppendElements(std::string& out, ElementType type, const std::vector<uint8_t>& bytes) {
  size_t size = ElementTypeSize(type);
  out += '[';
  for (size_t at = 0; at + size <= bytes.size(); at += size) {
    if (at > 0) out += ',';
    AppendElementJson(out, type, bytes.data() + at);
  }
  out += ']';
}

void AppendMap(std::string& out, ElementType type,
               const std::map<std::string, std::vector<uint8_t>>& values) {
  out += '{';
  bool first = true;
  for (const auto& [key, value] : values) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, key);
    out += ':';
    if (type == ElementType::kString) {
      AppendJsonString(out,
                       std::string_view(reinterpret_cast<const char*>(value.data()), value.size()));
    } else {
      AppendElementJson(out, type, value.data());
    }
  }
  out += '}';
}

// The `default` member, or nothing when the default is the zero/empty value.
void AppendDefault(std::string& out, const PieceDefinition& piece) {
  const char* member = ",\"default\":";
  switch (piece.kind) {
    case PieceKind::kValue:
      if (!IsZeroElement(piece.type, piece.default_bytes.data())) {
        out += member;
        AppendElementJson(out, piece.type, piece.default_bytes.data());
      }
      return;
    case PieceKind::kArray:
    case PieceKind::kVector:
      if (piece.type == ElementType::kString) {
        if (piece.default_strings.empty()) return;
        out += member;
        out += '[';
        for (size_t i = 0; i < piece.default_strings.size(); ++i) {
          if (i > 0) out += ',';
          AppendJsonString(out, piece.default_strings[i]);
        }
        out += ']';
      } else if (!piece.default_bytes.empty()) {
        out += member;
        AppendElements(out, piece.type, piece.default_bytes);
      }
      return;
    case PieceKind::kString:
      if (!piece.default_bytes.empty()) {
        out += member;
        AppendJsonString(out,
                         std::string_view(reinterpret_cast<const char*>(piece.default_bytes.data()),
                                          piece.default_bytes.size()));
      }
      return;
    case PieceKind::kStringMap:
      if (!piece.default_map.empty()) {
        out += member;
        AppendMap(out, piece.type, piece.default_map);
      }
      return;
  }
}

// Members in the §5.2 order: name, type, offset|index, tags, required, size, default, properties.
void AppendPiece(std::string& out, const PieceDefinition& piece) {
  out += "{\"name\":";
  AppendJsonString(out, piece.label);
  out += ",\"type\":";
  AppendJsonString(out, piece.type_name());
  out += piece.is_fixed() ? ",\"offset\":" : ",\"index\":";
  out += std::to_string(piece.position);
  if (!piece.tags.empty()) {
    out += ",\"tags\":{";
    bool first = true;
    for (const auto& [key, value] : piece.tags) {
      if (!first) out += ',';
      first = false;
      AppendJsonString(out, key);
      out += ':';
      AppendJsonString(out, value);
    }
    out += '}';
  }
  if (piece.required) out += ",\"required\":true";
  if (piece.kind == PieceKind::kArray) {
    out += ",\"size\":";
    out += std::to_string(piece.array_size);
  }
  AppendDefault(out, piece);
  if (piece.is_fixed() && !piece.properties.empty()) {
    out += ",\"properties\":";
    AppendMap(out, piece.type, piece.properties);
  }
  out += '}';
}

Status Invalid(const PieceDefinition& piece, const std::string& what) {
  return Status(ErrorCode::kInvalidArgument, "DataLayout piece \"" + piece.label + "\" (" +
                                                 ShortPieceTypeName(piece.kind, piece.type) +
                                                 "): " + what);
}

}  // namespace

// --- PieceDefinition ------------------------------------------------------------------------

uint64_t PieceDefinition::fixed_size() const {
  if (kind == PieceKind::kValue) return ElementTypeSize(type);
  if (kind == PieceKind::kArray) return uint64_t(array_size) * ElementTypeSize(type);
  return 0;
}

PieceDefinition PieceDefinition::Make(std::string label, PieceKind kind, ElementType type,
                                      uint32_t array_size) {
  PieceDefinition piece;
  piece.label = std::move(label);
  piece.kind = kind;
  piece.type = kind == PieceKind::kString ? ElementType::kString : type;
  piece.array_size = kind == PieceKind::kArray ? array_size : 0;
  return piece;
}

// --- DataLayoutDefinition -------------------------------------------------------------------

Status DataLayoutDefinition::Add(PieceDefinition piece, size_t* index) {
  if (PieceTypeName(piece.kind, piece.type).empty()) {
    return Status(ErrorCode::kInvalidArgument,
                  "DataLayout piece \"" + piece.label + "\": no such piece type");
  }
  size_t element_size = ElementTypeSize(piece.type);
  bool pod = piece.type != ElementType::kString;
  if (piece.kind != PieceKind::kArray && piece.array_size != 0) {
    return Invalid(piece, "only arrays have a size");
  }
  if (!piece.is_fixed() && !piece.properties.empty()) {
    return Invalid(piece, "only values and arrays have properties");
  }
  for (const auto& [name, bytes] : piece.properties) {
    if (bytes.size() != element_size) return Invalid(piece, "property \"" + name + "\" size");
  }
  bool string_vector = piece.kind == PieceKind::kVector && !pod;
  if (!piece.default_strings.empty() && !string_vector) {
    return Invalid(piece, "only vectors of strings have default strings");
  }
  if (!piece.default_map.empty() && piece.kind != PieceKind::kStringMap) {
    return Invalid(piece, "only string maps have a default map");
  }
  if (piece.kind == PieceKind::kStringMap && pod) {
    for (const auto& [key, bytes] : piece.default_map) {
      if (bytes.size() != element_size) return Invalid(piece, "default of \"" + key + "\" size");
    }
  }
  if (piece.kind == PieceKind::kValue) {
    // Normalised to exactly one element so readers never check.
    if (piece.default_bytes.empty()) piece.default_bytes.resize(element_size);
    if (piece.default_bytes.size() != element_size) return Invalid(piece, "default size");
  } else if (piece.kind == PieceKind::kArray || (piece.kind == PieceKind::kVector && pod)) {
    if (piece.default_bytes.size() % element_size != 0) return Invalid(piece, "default size");
  } else if (piece.kind != PieceKind::kString && !piece.default_bytes.empty()) {
    return Invalid(piece, "no default bytes for this kind");
  }

  if (piece.is_fixed()) {
    // Record payloads are at most 4 GiB: a bigger fixed part is a corrupt description.
    uint64_t end = uint64_t(fixed_values_size_) + piece.fixed_size();
    if (end + 8 * uint64_t(variable_pieces_.size()) > std::numeric_limits<uint32_t>::max()) {
      return Status(ErrorCode::kTooLarge,
                    "DataLayout piece \"" + piece.label + "\": fixed part beyond 4 GiB");
    }
    piece.position = uint32_t(fixed_values_size_);
    fixed_values_size_ = size_t(end);
  } else {
    if (fixed_size() + 8 > std::numeric_limits<uint32_t>::max()) {
      return Status(ErrorCode::kTooLarge, "DataLayout: fixed part beyond 4 GiB");
    }
    piece.position = uint32_t(variable_pieces_.size());
    variable_pieces_.push_back(pieces_.size());
  }
  if (index != nullptr) *index = pieces_.size();
  pieces_.push_back(std::move(piece));
  return Status::Ok();
}

std::optional<size_t> DataLayoutDefinition::Find(std::string_view label, PieceKind kind,
                                                 ElementType type, uint32_t array_size) const {
  for (size_t i = 0; i < pieces_.size(); ++i) {
    const PieceDefinition& piece = pieces_[i];
    if (piece.kind == kind && piece.type == type && piece.label == label &&
        piece.array_size == (kind == PieceKind::kArray ? array_size : 0)) {
      return i;
    }
  }
  return std::nullopt;
}

std::optional<size_t> DataLayoutDefinition::FindLabel(std::string_view label) const {
  for (size_t i = 0; i < pieces_.size(); ++i) {
    if (pieces_[i].label == label) return i;
  }
  return std::nullopt;
}

Status DataLayoutDefinition::Parse(std::string_view json, DataLayoutDefinition& layout) {
  layout = DataLayoutDefinition();
  if (size_t depth = JsonNestingDepth(json); depth > kMaxJsonNesting) {
    return Status(ErrorCode::kCorrupt, "DataLayout description nests " + std::to_string(depth) +
                                           " levels deep, more than " +
                                           std::to_string(kMaxJsonNesting));
  }
  try {
    Json doc = Json::parse(ReplaceNonFiniteTokens(json));
    auto list = doc.is_object() ? doc.find("data_layout") : doc.end();
    if (!doc.is_object() || list == doc.end() || !list->is_array()) {
      return Status(ErrorCode::kCorrupt, "DataLayout description has no \"data_layout\" array: " +
                                             std::string(json.substr(0, 80)));
    }
    for (size_t i = 0; i < list->size(); ++i) {
      std::string why;
      std::optional<PieceDefinition> piece = ParsePiece((*list)[i], &why);
      if (!piece) {
        layout.warnings_.push_back("DataLayout piece #" + std::to_string(i) + " skipped: " + why);
        continue;
      }
      if (Status status = layout.Add(std::move(*piece)); !status.ok()) {
        layout = DataLayoutDefinition();
        return status;
      }
    }
  } catch (const Json::parse_error& error) {
    layout = DataLayoutDefinition();
    return Status(ErrorCode::kCorrupt,
                  std::string("DataLayout description is not valid JSON: ") + error.what());
  } catch (const std::exception& error) {
    // nlohmann throws for anything unexpected (bad UTF-8 in a key...): bad content, not a crash.
    layout = DataLayoutDefinition();
    return Status(ErrorCode::kCorrupt,
                  std::string("DataLayout description can't be read: ") + error.what());
  }
  return Status::Ok();
}

std::string DataLayoutDefinition::ToJson() const {
  std::string out = "{\"data_layout\":[";
  bool first = true;
  // Fixed pieces first, then variable pieces, each in declaration order (§5.1).
  for (bool fixed : {true, false}) {
    for (const PieceDefinition& piece : pieces_) {
      if (piece.is_fixed() != fixed) continue;
      if (!first) out += ',';
      first = false;
      AppendPiece(out, piece);
    }
  }
  out += "]}";
  return out;
}

}  // namespace vrsx
