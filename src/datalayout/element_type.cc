// Element types (spec 02 §4.3): names, sizes, piece type names, and JSON form of one element.
#include <array>

#include "datalayout/json_number.h"
#include "vrsx/data_layout.h"

namespace vrsx {

namespace {

using E = ElementType;

constexpr ElementTypeInfo Scalar(std::string_view name, uint8_t size) {
  return {name, size, E::kString, 1, 0, false};  // scalar fixed up in Info()
}
constexpr ElementTypeInfo Point(std::string_view name, ElementType scalar, uint8_t scalar_size,
                                uint8_t n) {
  return {name, uint8_t(scalar_size * n), scalar, n, n, false};
}
constexpr ElementTypeInfo Matrix(std::string_view name, ElementType scalar, uint8_t scalar_size,
                                 uint8_t n) {
  return {name, uint8_t(scalar_size * n * n), scalar, uint8_t(n * n), n, true};
}

// In ElementType order.
constexpr std::array<ElementTypeInfo, kElementTypeCount> MakeInfos() {
  std::array<ElementTypeInfo, kElementTypeCount> infos = {
      Scalar("Bool", 1),
      Scalar("char", 1),
      Scalar("int8_t", 1),
      Scalar("uint8_t", 1),
      Scalar("int16_t", 2),
      Scalar("uint16_t", 2),
      Scalar("int32_t", 4),
      Scalar("uint32_t", 4),
      Scalar("int64_t", 8),
      Scalar("uint64_t", 8),
      Scalar("float", 4),
      Scalar("double", 8),
      Point("Point2Dd", E::kDouble, 8, 2),
      Point("Point2Df", E::kFloat, 4, 2),
      Point("Point2Di", E::kInt32, 4, 2),
      Point("Point3Dd", E::kDouble, 8, 3),
      Point("Point3Df", E::kFloat, 4, 3),
      Point("Point3Di", E::kInt32, 4, 3),
      Point("Point4Dd", E::kDouble, 8, 4),
      Point("Point4Df", E::kFloat, 4, 4),
      Point("Point4Di", E::kInt32, 4, 4),
      Matrix("Matrix2Dd", E::kDouble, 8, 2),
      Matrix("Matrix2Df", E::kFloat, 4, 2),
      Matrix("Matrix2Di", E::kInt32, 4, 2),
      Matrix("Matrix3Dd", E::kDouble, 8, 3),
      Matrix("Matrix3Df", E::kFloat, 4, 3),
      Matrix("Matrix3Di", E::kInt32, 4, 3),
      Matrix("Matrix4Dd", E::kDouble, 8, 4),
      Matrix("Matrix4Df", E::kFloat, 4, 4),
      Matrix("Matrix4Di", E::kInt32, 4, 4),
      ElementTypeInfo{"string", 0, E::kString, 0, 0, false},
  };
  for (size_t i = 0; i <= size_t(E::kDouble); ++i) infos[i].scalar = ElementType(i);
  return infos;
}

constexpr std::array<ElementTypeInfo, kElementTypeCount> kInfos = MakeInfos();

constexpr std::string_view kPrefix = "DataPiece";

std::string_view KindName(PieceKind kind) {
  switch (kind) {
    case PieceKind::kValue:
      return "Value";
    case PieceKind::kArray:
      return "Array";
    case PieceKind::kVector:
      return "Vector";
    case PieceKind::kString:
      return "String";
    case PieceKind::kStringMap:
      return "StringMap";
  }
  return "";
}

// The kind/type pairs that have a type name (30 element types x 4 kinds + 3 string ones = 123; §4.3
// miscounts 111).
bool Exists(PieceKind kind, ElementType type) {
  if (size_t(type) >= kElementTypeCount) return false;
  switch (kind) {
    case PieceKind::kValue:
    case PieceKind::kArray:
      return type != E::kString;
    case PieceKind::kString:
      return type == E::kString;
    case PieceKind::kVector:
    case PieceKind::kStringMap:
      return true;
  }
  return false;
}

template <typename T>
void AppendScalarJson(std::string& out, const uint8_t* bytes) {
  T value = LoadElement<T>(bytes);
  if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<T>) {
    AppendJsonDouble(out, double(value));  // a float is widened first
  } else if constexpr (std::is_same_v<T, char>) {
    // Files don't record char's signedness; the reference platforms print it signed.
    out += std::to_string(int(static_cast<signed char>(value)));
  } else {
    out += std::to_string(value);
  }
}

void AppendScalar(std::string& out, ElementType type, const uint8_t* bytes) {
  switch (type) {
    case E::kBool:
      return AppendScalarJson<bool>(out, bytes);
    case E::kChar:
      return AppendScalarJson<char>(out, bytes);
    case E::kInt8:
      return AppendScalarJson<int8_t>(out, bytes);
    case E::kUInt8:
      return AppendScalarJson<uint8_t>(out, bytes);
    case E::kInt16:
      return AppendScalarJson<int16_t>(out, bytes);
    case E::kUInt16:
      return AppendScalarJson<uint16_t>(out, bytes);
    case E::kInt32:
      return AppendScalarJson<int32_t>(out, bytes);
    case E::kUInt32:
      return AppendScalarJson<uint32_t>(out, bytes);
    case E::kInt64:
      return AppendScalarJson<int64_t>(out, bytes);
    case E::kUInt64:
      return AppendScalarJson<uint64_t>(out, bytes);
    case E::kFloat:
      return AppendScalarJson<float>(out, bytes);
    case E::kDouble:
      return AppendScalarJson<double>(out, bytes);
    default:
      return;
  }
}

}  // namespace

const ElementTypeInfo& GetElementTypeInfo(ElementType type) {
  size_t i = size_t(type);
  return kInfos[i < kElementTypeCount ? i : size_t(E::kString)];
}

std::optional<ElementType> ElementTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kElementTypeCount; ++i) {
    if (kInfos[i].name == name) return ElementType(i);
  }
  return std::nullopt;
}

std::string PieceTypeName(PieceKind kind, ElementType type) {
  if (!Exists(kind, type)) return {};
  return std::string(kPrefix) + ShortPieceTypeName(kind, type);
}

std::string ShortPieceTypeName(PieceKind kind, ElementType type) {
  if (!Exists(kind, type)) return {};
  std::string name(KindName(kind));
  if (kind != PieceKind::kString) {
    name += '<';
    name += ElementTypeName(type);
    name += '>';
  }
  return name;
}

bool ParsePieceTypeName(std::string_view name, PieceKind* kind, ElementType* type) {
  if (!name.starts_with(kPrefix)) return false;
  name.remove_prefix(kPrefix.size());
  if (name == "String") {
    *kind = PieceKind::kString;
    *type = E::kString;
    return true;
  }
  size_t open = name.find('<');
  if (open == std::string_view::npos || !name.ends_with('>')) return false;
  std::string_view kind_name = name.substr(0, open);
  std::optional<ElementType> element =
      ElementTypeFromName(name.substr(open + 1, name.size() - open - 2));
  if (!element) return false;
  for (PieceKind k :
       {PieceKind::kValue, PieceKind::kArray, PieceKind::kVector, PieceKind::kStringMap}) {
    if (kind_name == KindName(k) && Exists(k, *element)) {
      *kind = k;
      *type = *element;
      return true;
    }
  }
  return false;
}

void AppendElementJson(std::string& out, ElementType type, const uint8_t* bytes) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.components == 0) return;  // string: not an element of fixed size
  if (info.dimension == 0) return AppendScalar(out, type, bytes);
  size_t scalar_size = ElementTypeSize(info.scalar);
  size_t points = info.matrix ? info.dimension : 1;
  if (info.matrix) out += '[';
  for (size_t p = 0; p < points; ++p) {
    if (p > 0) out += ',';
    out += '[';
    for (size_t c = 0; c < info.dimension; ++c) {
      if (c > 0) out += ',';
      AppendScalar(out, info.scalar, bytes + (p * info.dimension + c) * scalar_size);
    }
    out += ']';
  }
  if (info.matrix) out += ']';
}

}  // namespace vrsx
