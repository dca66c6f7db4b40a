// DataLayout: the named, typed fields of `data_layout` content blocks (spec 02 §4, §5).
//
// A DataLayoutDefinition comes from a stream's `DL:<Type>:<version>:<block>` VRS tag (or is built
// by a writer). A DataLayoutBlock binds a definition to one record's block bytes; fields are
// resolved once, by index, then read from every record in O(1):
//
//   vrsx::DataLayoutDefinition layout;
//   if (vrsx::Status s = vrsx::DataLayoutDefinition::Parse(tag_text, layout); !s.ok()) fail(s);
//   std::optional<size_t> width = layout.FindValue<uint32_t>("image_width");  // once
//   vrsx::DataLayoutBlock block(layout);
//   for (each record payload) {
//     size_t block_size = 0;
//     if (block.Bind(payload.data(), payload.size(), &block_size).ok() && width)
//       use(block.value<uint32_t>(*width));
//   }
//
// A program with its own idea of the fields (an "expected" layout) reads a file's blocks through
// a LayoutMapping, which matches pieces by kind, label, element type and array size (§5.4):
// unmatched pieces read as the expected piece's default.
//
// Definitions must outlive the mappings, blocks and encoders made from them.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "vrsx/status.h"

namespace vrsx {

// ---------------------------------------------------------------------------------------------
// Piece kinds and element types (§4, §4.3)

enum class PieceKind : uint8_t {
  kValue,      // DataPieceValue<T>: one T, fixed part
  kArray,      // DataPieceArray<T>: `array_size` T's, fixed part
  kVector,     // DataPieceVector<T>: any number of T's, variable part
  kString,     // DataPieceString: bytes, variable part
  kStringMap,  // DataPieceStringMap<T>: string -> T, variable part
};

inline bool IsFixedSize(PieceKind kind) {
  return kind == PieceKind::kValue || kind == PieceKind::kArray;
}

// The 30 element types of §4.3 (the spec says 27 but its table lists 30), then the pseudo type
// `string` (String pieces, Vector<string>, StringMap<string>).
enum class ElementType : uint8_t {
  kBool,
  kChar,
  kInt8,
  kUInt8,
  kInt16,
  kUInt16,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kFloat,
  kDouble,
  kPoint2Dd,
  kPoint2Df,
  kPoint2Di,
  kPoint3Dd,
  kPoint3Df,
  kPoint3Di,
  kPoint4Dd,
  kPoint4Df,
  kPoint4Di,
  kMatrix2Dd,
  kMatrix2Df,
  kMatrix2Di,
  kMatrix3Dd,
  kMatrix3Df,
  kMatrix3Di,
  kMatrix4Dd,
  kMatrix4Df,
  kMatrix4Di,
  kString,
};
inline constexpr size_t kElementTypeCount = size_t(ElementType::kString) + 1;

struct ElementTypeInfo {
  std::string_view name;  // spelling in type names: "uint32_t", "Point3Df", "string"
  uint8_t size = 0;       // bytes of one element; 0 for string
  // Points and matrices are made of `components` scalars of type `scalar` (kDouble, kFloat or
  // kInt32); a scalar type is its own single component.
  ElementType scalar = ElementType::kString;
  uint8_t components = 0;  // 1 for scalars, N for points, N*N for matrices, 0 for string
  uint8_t dimension = 0;   // N of points/matrices, 0 otherwise
  bool matrix = false;     // a matrix is N points of N coordinates, point 0 first
};

const ElementTypeInfo& GetElementTypeInfo(ElementType type);
inline std::string_view ElementTypeName(ElementType type) {
  return GetElementTypeInfo(type).name;
}
inline size_t ElementTypeSize(ElementType type) {
  return GetElementTypeInfo(type).size;
}
std::optional<ElementType> ElementTypeFromName(std::string_view name);

// "DataPieceValue<uint32_t>", "DataPieceString"... (§4.3). Returns "" for the combinations that
// do not exist (Value/Array of string, String of anything but string).
std::string PieceTypeName(PieceKind kind, ElementType type);
// The same without the "DataPiece" prefix: "Value<uint32_t>", "String" (§9.5).
std::string ShortPieceTypeName(PieceKind kind, ElementType type);
// Reverse of PieceTypeName: one of the 123 valid names (30 x 4 + 3; the spec says 111), exactly.
bool ParsePieceTypeName(std::string_view name, PieceKind* kind, ElementType* type);

// One element in its JSON form (§5.2, §9.5): integers in decimal, Bool true/false, float widened
// to double, points/matrices as (nested) arrays. `bytes` holds ElementTypeSize(type) bytes.
// Not for kString.
void AppendElementJson(std::string& out, ElementType type, const uint8_t* bytes);

// ---------------------------------------------------------------------------------------------
// C++ value types and their little-endian encoding

using Point2Dd = std::array<double, 2>;
using Point2Df = std::array<float, 2>;
using Point2Di = std::array<int32_t, 2>;
using Point3Dd = std::array<double, 3>;
using Point3Df = std::array<float, 3>;
using Point3Di = std::array<int32_t, 3>;
using Point4Dd = std::array<double, 4>;
using Point4Df = std::array<float, 4>;
using Point4Di = std::array<int32_t, 4>;
// m[i] is point i (what is a row is up to the producer).
using Matrix2Dd = std::array<Point2Dd, 2>;
using Matrix2Df = std::array<Point2Df, 2>;
using Matrix2Di = std::array<Point2Di, 2>;
using Matrix3Dd = std::array<Point3Dd, 3>;
using Matrix3Df = std::array<Point3Df, 3>;
using Matrix3Di = std::array<Point3Di, 3>;
using Matrix4Dd = std::array<Point4Dd, 4>;
using Matrix4Df = std::array<Point4Df, 4>;
using Matrix4Di = std::array<Point4Di, 4>;

// ElementTypeOf<T>::value: the element type of C++ type T. `bool` is Bool, `char` is char (a
// distinct type from int8_t), std::string is the pseudo type string.
template <typename T>
struct ElementTypeOf;
#define VRSX_ELEMENT_TYPE_OF(T, E)                       \
  template <>                                            \
  struct ElementTypeOf<T> {                              \
    static constexpr ElementType value = ElementType::E; \
  }
VRSX_ELEMENT_TYPE_OF(bool, kBool);
VRSX_ELEMENT_TYPE_OF(char, kChar);
VRSX_ELEMENT_TYPE_OF(int8_t, kInt8);
VRSX_ELEMENT_TYPE_OF(uint8_t, kUInt8);
VRSX_ELEMENT_TYPE_OF(int16_t, kInt16);
VRSX_ELEMENT_TYPE_OF(uint16_t, kUInt16);
VRSX_ELEMENT_TYPE_OF(int32_t, kInt32);
VRSX_ELEMENT_TYPE_OF(uint32_t, kUInt32);
VRSX_ELEMENT_TYPE_OF(int64_t, kInt64);
VRSX_ELEMENT_TYPE_OF(uint64_t, kUInt64);
VRSX_ELEMENT_TYPE_OF(float, kFloat);
VRSX_ELEMENT_TYPE_OF(double, kDouble);
VRSX_ELEMENT_TYPE_OF(Point2Dd, kPoint2Dd);
VRSX_ELEMENT_TYPE_OF(Point2Df, kPoint2Df);
VRSX_ELEMENT_TYPE_OF(Point2Di, kPoint2Di);
VRSX_ELEMENT_TYPE_OF(Point3Dd, kPoint3Dd);
VRSX_ELEMENT_TYPE_OF(Point3Df, kPoint3Df);
VRSX_ELEMENT_TYPE_OF(Point3Di, kPoint3Di);
VRSX_ELEMENT_TYPE_OF(Point4Dd, kPoint4Dd);
VRSX_ELEMENT_TYPE_OF(Point4Df, kPoint4Df);
VRSX_ELEMENT_TYPE_OF(Point4Di, kPoint4Di);
VRSX_ELEMENT_TYPE_OF(Matrix2Dd, kMatrix2Dd);
VRSX_ELEMENT_TYPE_OF(Matrix2Df, kMatrix2Df);
VRSX_ELEMENT_TYPE_OF(Matrix2Di, kMatrix2Di);
VRSX_ELEMENT_TYPE_OF(Matrix3Dd, kMatrix3Dd);
VRSX_ELEMENT_TYPE_OF(Matrix3Df, kMatrix3Df);
VRSX_ELEMENT_TYPE_OF(Matrix3Di, kMatrix3Di);
VRSX_ELEMENT_TYPE_OF(Matrix4Dd, kMatrix4Dd);
VRSX_ELEMENT_TYPE_OF(Matrix4Df, kMatrix4Df);
VRSX_ELEMENT_TYPE_OF(Matrix4Di, kMatrix4Di);
VRSX_ELEMENT_TYPE_OF(std::string, kString);
#undef VRSX_ELEMENT_TYPE_OF

template <typename T>
inline constexpr ElementType kElementTypeOf = ElementTypeOf<T>::value;

namespace detail {
template <typename T>
struct IsStdArray : std::false_type {};
template <typename E, size_t N>
struct IsStdArray<std::array<E, N>> : std::true_type {};
}  // namespace detail

// Bytes of one encoded element of C++ type T (not std::string).
template <typename T>
constexpr size_t EncodedElementSize() {
  if constexpr (detail::IsStdArray<T>::value) {
    return std::tuple_size_v<T> * EncodedElementSize<typename T::value_type>();
  } else {
    return sizeof(T);
  }
}

// Decodes one element from its little-endian bytes (any alignment). Bool: non-zero is true.
template <typename T>
T LoadElement(const uint8_t* bytes) {
  if constexpr (std::is_same_v<T, bool>) {
    return bytes[0] != 0;
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    U v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v = U(v | U(U(bytes[i]) << (8 * i)));
    return static_cast<T>(v);
  } else if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<float>(LoadElement<uint32_t>(bytes));
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<double>(LoadElement<uint64_t>(bytes));
  } else {
    using E = typename T::value_type;
    T value;
    for (size_t k = 0; k < value.size(); ++k) {
      value[k] = LoadElement<E>(bytes + k * EncodedElementSize<E>());
    }
    return value;
  }
}

// Encodes one element into EncodedElementSize<T>() little-endian bytes. Bool is written 0 or 1.
template <typename T>
void StoreElement(const T& value, uint8_t* bytes) {
  if constexpr (std::is_same_v<T, bool>) {
    bytes[0] = value ? 1 : 0;
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    U v = static_cast<U>(value);
    for (size_t i = 0; i < sizeof(T); ++i) bytes[i] = uint8_t(v >> (8 * i));
  } else if constexpr (std::is_same_v<T, float>) {
    StoreElement(std::bit_cast<uint32_t>(value), bytes);
  } else if constexpr (std::is_same_v<T, double>) {
    StoreElement(std::bit_cast<uint64_t>(value), bytes);
  } else {
    using E = typename T::value_type;
    for (size_t k = 0; k < value.size(); ++k) {
      StoreElement(value[k], bytes + k * EncodedElementSize<E>());
    }
  }
}

// Elements back to back, as in Array/Vector data.
template <typename T>
std::vector<uint8_t> EncodeElements(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * EncodedElementSize<T>());
  for (size_t i = 0; i < values.size(); ++i) {
    StoreElement(values[i], bytes.data() + i * EncodedElementSize<T>());
  }
  return bytes;
}
// Whole elements of `bytes` (a remainder is ignored, §4.4).
template <typename T>
std::vector<T> DecodeElements(std::span<const uint8_t> bytes) {
  std::vector<T> values(bytes.size() / EncodedElementSize<T>());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = LoadElement<T>(bytes.data() + i * EncodedElementSize<T>());
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Variable-size data formats (§4.4), for tools that walk raw bytes

struct RawMapEntry {
  std::string_view key;
  std::span<const uint8_t> value;  // one element, or the string's bytes for StringMap<string>
};

// StringMap<type> data: entries are read until the data ends or one is truncated (the entries
// before it are kept); for a repeated key the later entry wins; sorted by key bytes.
std::vector<RawMapEntry> DecodeStringMap(std::span<const uint8_t> data, ElementType type);

// Vector<string> data: u32 count, then u32 length + bytes per string. nullopt when malformed
// (shorter than 4 bytes, a count that cannot fit, a string running past the end).
std::optional<std::vector<std::string_view>> DecodeStringVector(std::span<const uint8_t> data);

// ---------------------------------------------------------------------------------------------
// Definitions (§5)

struct PieceDefinition {
  std::string label;
  PieceKind kind = PieceKind::kValue;
  ElementType type = ElementType::kUInt32;  // kString for String pieces
  uint32_t array_size = 0;                  // Array element count (JSON "size"); 0 otherwise
  std::map<std::string, std::string> tags;  // "description", "unit"...
  // An expected piece that must be found in the file for a mapping to be complete (§5.4).
  bool required = false;

  // Defaults answer reads of pieces that are missing (§5.4); they never initialise a block.
  // They are kept in the block's own binary form, so one decoder serves file values and defaults:
  // Value: exactly one element (zeros when there is no default); Array, Vector<T>: elements back
  // to back (any count: Array defaults are not padded to array_size); String: the bytes.
  std::vector<uint8_t> default_bytes;
  std::vector<std::string> default_strings;  // Vector<string>
  // StringMap<T>: key -> one element (StringMap<string>: the string's bytes).
  std::map<std::string, std::vector<uint8_t>> default_map;
  // Value and Array: name -> one element ("min", "max", "min_increment", "max_increment").
  std::map<std::string, std::vector<uint8_t>> properties;

  // Set by DataLayoutDefinition::Add: byte offset in the fixed part (Value, Array), or index in
  // the var-size index (Vector, String, StringMap).
  uint32_t position = 0;

  bool is_fixed() const { return IsFixedSize(kind); }
  // Bytes in the fixed part: element size for a Value, count x element size for an Array, 0 for
  // variable-size pieces.
  uint64_t fixed_size() const;
  // "DataPieceValue<uint32_t>"
  std::string type_name() const { return PieceTypeName(kind, type); }

  // Factories for writers; T is the C++ element type (std::string for string elements).
  static PieceDefinition Make(std::string label, PieceKind kind, ElementType type,
                              uint32_t array_size = 0);
  template <typename T>
  static PieceDefinition Value(std::string label) {
    return Make(std::move(label), PieceKind::kValue, kElementTypeOf<T>);
  }
  template <typename T>
  static PieceDefinition Array(std::string label, uint32_t count) {
    return Make(std::move(label), PieceKind::kArray, kElementTypeOf<T>, count);
  }
  template <typename T>
  static PieceDefinition Vector(std::string label) {
    return Make(std::move(label), PieceKind::kVector, kElementTypeOf<T>);
  }
  static PieceDefinition String(std::string label) {
    return Make(std::move(label), PieceKind::kString, ElementType::kString);
  }
  template <typename T>
  static PieceDefinition StringMap(std::string label) {
    return Make(std::move(label), PieceKind::kStringMap, kElementTypeOf<T>);
  }

  // Typed default/property setters: false (and nothing set) when T is not the piece's type or
  // the piece is not of the kind named in the comment.
  template <typename T>
  bool SetDefault(const T& value);  // Value
  template <typename T>
  bool SetDefaultValues(const std::vector<T>& values);  // Array, Vector (incl. Vector<string>)
  bool SetDefaultString(std::string_view value);        // String
  template <typename T>
  bool SetDefaultMap(const std::map<std::string, T>& values);  // StringMap
  template <typename T>
  bool SetProperty(const std::string& name, const T& value);  // Value, Array
};

class DataLayoutDefinition {
 public:
  // Parses a DL tag (§5). Pieces without a name or type string, or with a type name that is not
  // one of the 123 valid ones, are skipped (which shifts later offsets, as in the reference) and
  // reported in warnings(). Errors: text that is not JSON, no "data_layout" array, a fixed part
  // beyond 4 GiB.
  static Status Parse(std::string_view json, DataLayoutDefinition& layout);

  // The compact description a writer stores in the DL tag: fixed pieces then variable pieces,
  // members in the §5.2 order. Re-emits every reference-written tag byte for byte.
  std::string ToJson() const;

  // Appends a piece (writers). Checks the kind/type combination and that defaults and
  // properties are whole elements; sets piece.position. Pieces keep their index forever.
  Status Add(PieceDefinition piece, size_t* index = nullptr);

  // Pieces in declaration order (a parsed tag: the order of its "data_layout" array).
  const std::vector<PieceDefinition>& pieces() const { return pieces_; }
  const PieceDefinition& piece(size_t index) const { return pieces_[index]; }
  size_t size() const { return pieces_.size(); }
  bool empty() const { return pieces_.empty(); }

  // Sum of the fixed pieces' sizes: where the var-size index starts.
  size_t fixed_values_size() const { return fixed_values_size_; }
  // F of §4.1: fixed values plus 8 bytes of var-size index per variable-size piece.
  size_t fixed_size() const { return fixed_values_size_ + 8 * variable_pieces_.size(); }
  size_t fixed_piece_count() const { return pieces_.size() - variable_pieces_.size(); }
  size_t variable_piece_count() const { return variable_pieces_.size(); }
  // Piece index of the variable-size piece with var-size index `var_index`.
  size_t variable_piece(size_t var_index) const { return variable_pieces_[var_index]; }

  // First piece with this label, kind, element type (and count, for arrays).
  std::optional<size_t> Find(std::string_view label, PieceKind kind, ElementType type,
                             uint32_t array_size = 0) const;
  // First piece with this label, whatever its type.
  std::optional<size_t> FindLabel(std::string_view label) const;
  template <typename T>
  std::optional<size_t> FindValue(std::string_view label) const {
    return Find(label, PieceKind::kValue, kElementTypeOf<T>);
  }

  // Pieces Parse skipped, one message each.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<PieceDefinition> pieces_;
  std::vector<size_t> variable_pieces_;
  size_t fixed_values_size_ = 0;
  std::vector<std::string> warnings_;
};

// Matches an expected layout's pieces onto a file layout's pieces (§5.4): same kind, label,
// element type and array size; fixed pieces against fixed pieces, variable against variable; each
// search starts after the previous match and wraps around. Done once per layout pair.
class LayoutMapping {
 public:
  LayoutMapping() = default;
  LayoutMapping(const DataLayoutDefinition& expected, const DataLayoutDefinition& file);

  const DataLayoutDefinition* expected() const { return expected_; }
  const DataLayoutDefinition* file() const { return file_; }
  // The file piece that expected piece `expected_index` reads, if any.
  std::optional<size_t> file_piece(size_t expected_index) const;
  // Every required expected piece found a match.
  bool has_all_required() const { return has_all_required_; }
  size_t matched_count() const { return matched_count_; }
  // expected piece index -> file piece index, -1 when unmatched.
  const std::vector<int32_t>& matches() const { return matches_; }

 private:
  const DataLayoutDefinition* expected_ = nullptr;
  const DataLayoutDefinition* file_ = nullptr;
  std::vector<int32_t> matches_;
  size_t matched_count_ = 0;
  bool has_all_required_ = true;
};

// ---------------------------------------------------------------------------------------------
// Reading blocks

// A view of one DataLayout block: a definition bound to bytes it does not own. The pieces it
// addresses are those of the definition it was made with (the expected layout for a mapping).
// Piece indexes are checked; a read of the wrong kind or type gives an empty/zero value.
class DataLayoutBlock {
 public:
  DataLayoutBlock() = default;
  explicit DataLayoutBlock(const DataLayoutDefinition& layout);
  // Reads blocks of mapping.file() through mapping.expected() (copies the mapping's matches).
  explicit DataLayoutBlock(const LayoutMapping& mapping);

  // Binds to a block that starts at `data`, with `available` bytes up to the end of the payload.
  // Computes the block size F + V (§4.2) into *block_size on success. Errors: kTruncated when the
  // bytes end inside the fixed part or the var data. Even then the view stays usable: what lies
  // inside `available` reads normally, everything else is unavailable.
  Status Bind(const uint8_t* data, size_t available, size_t* block_size = nullptr);
  void Unbind();

  // The pieces this view addresses.
  const DataLayoutDefinition* layout() const { return layout_; }
  // The layout of the bytes (the same as layout() unless mapped).
  const DataLayoutDefinition* file_layout() const { return file_; }
  size_t size() const { return layout_ ? layout_->size() : 0; }
  const PieceDefinition& piece(size_t index) const { return layout_->piece(index); }

  // F + V of the bound block (V from the last var-size index entry); 0 when the fixed part is
  // incomplete.
  size_t block_size() const { return block_size_; }
  size_t variable_size() const { return var_size_; }

  // The piece has a counterpart in the file layout (always, unless mapped).
  bool matched(size_t index) const { return FilePiece(index) != nullptr; }
  // The file piece's offset (fixed) or var-size index (variable), when matched.
  std::optional<uint32_t> file_position(size_t index) const;
  // Matched and its data lies inside the bound bytes (Vector<string>: and is well formed).
  bool available(size_t index) const;
  // The piece's raw data in the block (fixed: its bytes; variable: its var data), or empty when
  // not available.
  std::span<const uint8_t> data(size_t index) const;

  // Typed reads, following §5.4: available -> the file's value; matched but unavailable ->
  // the default for Value/Array, empty for variable pieces; unmatched -> the default.
  template <typename T>
  T value(size_t index) const {
    const uint8_t* bytes = ValueBytes(index, kElementTypeOf<T>);
    return bytes != nullptr ? LoadElement<T>(bytes) : T{};
  }
  template <typename T>
  std::vector<T> array(size_t index) const {
    return DecodeElements<T>(Resolve(index, PieceKind::kArray, kElementTypeOf<T>));
  }
  template <typename T>
  std::vector<T> vector(size_t index) const {
    if constexpr (std::is_same_v<T, std::string>) {
      return string_vector(index);
    } else {
      return DecodeElements<T>(Resolve(index, PieceKind::kVector, kElementTypeOf<T>));
    }
  }
  std::string string(size_t index) const;
  std::vector<std::string> string_vector(size_t index) const;
  template <typename T>
  std::map<std::string, T> string_map(size_t index) const {
    std::map<std::string, T> values;
    for (const RawMapEntry& entry : RawStringMap(index, kElementTypeOf<T>)) {
      if constexpr (std::is_same_v<T, std::string>) {
        values.emplace(std::string(entry.key), std::string(entry.value.begin(), entry.value.end()));
      } else {
        values.emplace(std::string(entry.key), LoadElement<T>(entry.value.data()));
      }
    }
    return values;
  }

 private:
  const PieceDefinition* FilePiece(size_t index) const;
  // The file piece's bytes in the bound block, if they are all there.
  std::optional<std::span<const uint8_t>> FileData(const PieceDefinition& file_piece) const;
  bool Is(size_t index, PieceKind kind, ElementType type) const;
  // Bytes of a Value piece's element (file or default), nullptr for a wrong index/kind/type.
  const uint8_t* ValueBytes(size_t index, ElementType type) const;
  // The bytes a typed read of an Array/Vector/String piece uses, per the §5.4 table.
  std::span<const uint8_t> Resolve(size_t index, PieceKind kind, ElementType type) const;
  std::vector<RawMapEntry> RawStringMap(size_t index, ElementType type) const;

  const DataLayoutDefinition* layout_ = nullptr;
  const DataLayoutDefinition* file_ = nullptr;
  bool mapped_ = false;
  std::vector<int32_t> matches_;  // when mapped: addressed piece -> file piece, -1 unmatched
  const uint8_t* data_ = nullptr;
  size_t fixed_available_ = 0;  // bytes of fixed values present
  bool index_present_ = false;  // the whole var-size index is present
  const uint8_t* var_data_ = nullptr;
  size_t var_size_ = 0;       // V, per the last index entry
  size_t var_available_ = 0;  // bytes of var data present (<= V)
  size_t block_size_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Writing blocks

// Builds a block's bytes (§4.4, §10.3): fixed values (zeros until set), var-size index with
// offsets contiguous from 0, var data in piece order; StringMap entries in key order;
// Vector<string> with its count even when empty. Setters fail with kInvalidArgument for a wrong
// index, kind or type.
class DataLayoutEncoder {
 public:
  explicit DataLayoutEncoder(const DataLayoutDefinition& layout);

  const DataLayoutDefinition& layout() const { return *layout_; }
  // Back to zero fixed values and empty variable pieces.
  void Clear();

  template <typename T>
  Status SetValue(size_t index, const T& value) {
    uint8_t bytes[EncodedElementSize<T>()];
    StoreElement(value, bytes);
    return SetBytes(index, PieceKind::kValue, kElementTypeOf<T>, bytes, sizeof bytes);
  }
  // Fewer values than the array size are zero-filled, extra values dropped.
  template <typename T>
  Status SetArray(size_t index, const std::vector<T>& values) {
    std::vector<uint8_t> bytes = EncodeElements(values);
    return SetBytes(index, PieceKind::kArray, kElementTypeOf<T>, bytes.data(), bytes.size());
  }
  template <typename T>
  Status SetVector(size_t index, const std::vector<T>& values) {
    if constexpr (std::is_same_v<T, std::string>) {
      return SetStringVector(index, values);
    } else {
      std::vector<uint8_t> bytes = EncodeElements(values);
      return SetBytes(index, PieceKind::kVector, kElementTypeOf<T>, bytes.data(), bytes.size());
    }
  }
  Status SetString(size_t index, std::string_view value);
  Status SetStringVector(size_t index, const std::vector<std::string>& values);
  template <typename T>
  Status SetStringMap(size_t index, const std::map<std::string, T>& values) {
    std::vector<uint8_t> bytes;
    for (const auto& [key, value] : values) {
      AppendU32(bytes, key.size());
      bytes.insert(bytes.end(), key.begin(), key.end());
      if constexpr (std::is_same_v<T, std::string>) {
        AppendU32(bytes, value.size());
        bytes.insert(bytes.end(), value.begin(), value.end());
      } else {
        size_t at = bytes.size();
        bytes.resize(at + EncodedElementSize<T>());
        StoreElement(value, bytes.data() + at);
      }
    }
    return SetBytes(index, PieceKind::kStringMap, kElementTypeOf<T>, bytes.data(), bytes.size());
  }
  // Raw piece data, whatever the type (copying blocks): a fixed piece takes exactly its size.
  Status SetData(size_t index, std::span<const uint8_t> data);

  // The whole block, F + V bytes.
  std::vector<uint8_t> Encode() const;
  // Appends the block to `out`.
  void EncodeTo(std::vector<uint8_t>& out) const;

 private:
  static void AppendU32(std::vector<uint8_t>& out, size_t value);
  Status SetBytes(size_t index, PieceKind kind, ElementType type, const uint8_t* bytes,
                  size_t size);

  const DataLayoutDefinition* layout_;
  std::vector<uint8_t> fixed_;
  std::vector<std::vector<uint8_t>> var_data_;  // by var-size index
};

// ---------------------------------------------------------------------------------------------
// PieceDefinition templates

template <typename T>
bool PieceDefinition::SetDefault(const T& value) {
  if (kind != PieceKind::kValue || type != kElementTypeOf<T>) return false;
  default_bytes.resize(EncodedElementSize<T>());
  StoreElement(value, default_bytes.data());
  return true;
}

template <typename T>
bool PieceDefinition::SetDefaultValues(const std::vector<T>& values) {
  if (type != kElementTypeOf<T>) return false;
  if constexpr (std::is_same_v<T, std::string>) {
    if (kind != PieceKind::kVector) return false;
    default_strings = values;
  } else {
    if (kind != PieceKind::kArray && kind != PieceKind::kVector) return false;
    default_bytes = EncodeElements(values);
  }
  return true;
}

inline bool PieceDefinition::SetDefaultString(std::string_view value) {
  if (kind != PieceKind::kString) return false;
  default_bytes.assign(value.begin(), value.end());
  return true;
}

template <typename T>
bool PieceDefinition::SetDefaultMap(const std::map<std::string, T>& values) {
  if (kind != PieceKind::kStringMap || type != kElementTypeOf<T>) return false;
  default_map.clear();
  for (const auto& [key, value] : values) {
    std::vector<uint8_t>& bytes = default_map[key];
    if constexpr (std::is_same_v<T, std::string>) {
      bytes.assign(value.begin(), value.end());
    } else {
      bytes.resize(EncodedElementSize<T>());
      StoreElement(value, bytes.data());
    }
  }
  return true;
}

template <typename T>
bool PieceDefinition::SetProperty(const std::string& name, const T& value) {
  if (!is_fixed() || type != kElementTypeOf<T>) return false;
  std::vector<uint8_t>& bytes = properties[name];
  bytes.resize(EncodedElementSize<T>());
  StoreElement(value, bytes.data());
  return true;
}

}  // namespace vrsx
