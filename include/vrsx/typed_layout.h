// Typed DataLayouts: a layout declared once as a C++ struct, whose fields can only be of the
// DataLayout element types (spec 02 §4.3), checked at compile time.
//
//   struct CameraConfig : vrsx::TypedLayout<CameraConfig> {
//     vrsx::Field<uint32_t> width{this, vrsx::conventions::kImageWidth};
//     vrsx::Field<uint32_t> height{this, vrsx::conventions::kImageHeight};
//     vrsx::EnumField<vrsx::PixelFormat, uint32_t> pixel{this,
//     vrsx::conventions::kImagePixelFormat}; vrsx::VectorField<float> gains{this, "gains"};
//     vrsx::StringField model{this, "model"};
//     vrsx::StringMapField<int32_t> ids{this, "ids"};
//   };
//
//   format.layouts = {{0, CameraConfig::Definition()}};  // the StreamRecordFormat's block 0
//   CameraConfig config;                                  // one per producer thread
//   config.width = 640;
//   config.model = "rgb";
//   std::vector<uint8_t> block;
//   if (vrsx::Status s = config.Encode(block); !s.ok()) fail(s);
//   writer.AddRecord(stream, {vrsx::RecordType::kConfiguration, 1, t}, block);
//
// Fields are pieces in declaration order; blocks are encoded by DataLayoutEncoder, so they are
// byte for byte what a DataLayoutDefinition written by hand gives. A struct is neither copied
// nor moved (its fields point at it), and an instance is not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "vrsx/conventions.h"
#include "vrsx/data_layout.h"
#include "vrsx/status.h"

namespace vrsx {

// The 30 fixed-size element types: bool, char, the (u)intN_t, float, double, points, matrices.
template <typename T>
concept LayoutElement =
    std::is_same_v<T, std::remove_cvref_t<T>> && !std::is_same_v<T, std::string> && requires {
  ElementTypeOf<T>::value;
};
// What vectors and string maps hold: an element or std::string.
template <typename T>
concept LayoutElementOrString = LayoutElement<T> || std::is_same_v<T, std::string>;
// An enum stored as U, an integer element type that holds every value of the enum's own type.
template <typename E, typename U>
concept LayoutEnum =
    std::is_enum_v<E> && LayoutElement<U> && std::is_integral_v<U> && !std::is_same_v<U, bool> &&
    std::cmp_less_equal(std::numeric_limits<U>::min(),
                        std::numeric_limits<std::underlying_type_t<E>>::min()) &&
    std::cmp_greater_equal(std::numeric_limits<U>::max(),
                           std::numeric_limits<std::underlying_type_t<E>>::max());

class TypedLayoutBase;

namespace detail {

// A field's piece and how it writes and reads its value; registers itself with its layout.
class FieldBase {
 public:
  FieldBase(const FieldBase&) = delete;
  FieldBase& operator=(const FieldBase&) = delete;

  const std::string& label() const { return label_; }

 protected:
  FieldBase(TypedLayoutBase* owner, std::string_view label, PieceKind kind, ElementType type,
            uint32_t array_size = 0);
  ~FieldBase() = default;

 private:
  friend class vrsx::TypedLayoutBase;
  virtual Status Write(DataLayoutEncoder& encoder, size_t index) const = 0;
  virtual void Read(const DataLayoutBlock& block, size_t index) = 0;

  std::string label_;
  PieceKind kind_;
  ElementType type_;
  uint32_t array_size_;
};

}  // namespace detail

// The fields of a struct, in declaration order; see TypedLayout.
class TypedLayoutBase {
 public:
  TypedLayoutBase();
  ~TypedLayoutBase();
  TypedLayoutBase(const TypedLayoutBase&) = delete;
  TypedLayoutBase& operator=(const TypedLayoutBase&) = delete;

  // The fields as a definition, made on first use (a struct's fields are all constructed by
  // then). Two fields with one label are an error of Encode, and of Writer::AddStream.
  const DataLayoutDefinition& definition() const;
  // Appends the block of the fields' current values (fixed part, var-size index, var data).
  Status Encode(std::vector<uint8_t>& out) const;
  // Sets every field from a block of `file_layout` (the bytes from where the block starts),
  // matched by label and type as readers do (spec 02 §5.4): a field the file lacks reads as
  // zero/empty. Errors: the Bind errors (kTruncated...).
  Status Decode(const DataLayoutDefinition& file_layout, std::span<const uint8_t> bytes);

 private:
  friend class detail::FieldBase;
  struct State;
  State& state() const;

  std::vector<detail::FieldBase*> fields_;
  mutable std::unique_ptr<State> state_;
};

// CRTP base of a typed layout struct: adds the definition of the type, for stream declarations.
template <typename Derived>
class TypedLayout : public TypedLayoutBase {
 public:
  static DataLayoutDefinition Definition() {
    static_assert(std::is_base_of_v<TypedLayout<Derived>, Derived>,
                  "struct X : vrsx::TypedLayout<X>");
    static_assert(std::is_default_constructible_v<Derived>, "fields need only {this, label}");
    Derived layout;
    return layout.definition();
  }
};

// Value<T>: one element, in the fixed part.
template <LayoutElement T>
class Field final : public detail::FieldBase {
 public:
  Field(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kValue, kElementTypeOf<T>) {}
  Field& operator=(const T& value) {
    value_ = value;
    return *this;
  }
  const T& value() const { return value_; }
  T& value() { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetValue(index, value_);
  }
  void Read(const DataLayoutBlock& block, size_t index) override { value_ = block.value<T>(index); }
  T value_{};
};

// Array<T> of N elements, in the fixed part.
template <LayoutElement T, uint32_t N>
requires(N > 0) class ArrayField final : public detail::FieldBase {
 public:
  ArrayField(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kArray, kElementTypeOf<T>, N) {}
  ArrayField& operator=(const std::array<T, N>& value) {
    value_ = value;
    return *this;
  }
  const std::array<T, N>& value() const { return value_; }
  std::array<T, N>& value() { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetArray(index, std::vector<T>(value_.begin(), value_.end()));
  }
  void Read(const DataLayoutBlock& block, size_t index) override {
    std::vector<T> values = block.array<T>(index);
    value_ = {};
    for (size_t i = 0; i < N && i < values.size(); ++i) value_[i] = values[i];
  }
  std::array<T, N> value_{};
};

// Vector<T>: any number of elements (or strings), in the var part.
template <LayoutElementOrString T>
class VectorField final : public detail::FieldBase {
 public:
  VectorField(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kVector, kElementTypeOf<T>) {}
  VectorField& operator=(std::vector<T> value) {
    value_ = std::move(value);
    return *this;
  }
  const std::vector<T>& value() const { return value_; }
  std::vector<T>& value() { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetVector(index, value_);
  }
  void Read(const DataLayoutBlock& block, size_t index) override {
    value_ = block.vector<T>(index);
  }
  std::vector<T> value_;
};

// String: bytes, in the var part.
class StringField final : public detail::FieldBase {
 public:
  StringField(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kString, ElementType::kString) {}
  StringField& operator=(std::string_view value) {
    value_.assign(value);
    return *this;
  }
  const std::string& value() const { return value_; }
  std::string& value() { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetString(index, value_);
  }
  void Read(const DataLayoutBlock& block, size_t index) override { value_ = block.string(index); }
  std::string value_;
};

// StringMap<T>: string keys to elements (or strings), in the var part.
template <LayoutElementOrString T>
class StringMapField final : public detail::FieldBase {
 public:
  StringMapField(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kStringMap, kElementTypeOf<T>) {}
  StringMapField& operator=(std::map<std::string, T> value) {
    value_ = std::move(value);
    return *this;
  }
  const std::map<std::string, T>& value() const { return value_; }
  std::map<std::string, T>& value() { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetStringMap(index, value_);
  }
  void Read(const DataLayoutBlock& block, size_t index) override {
    value_ = block.string_map<T>(index);
  }
  std::map<std::string, T> value_;
};

// An enum stored as a Value<U> of its numeric value (PixelFormat as the uint32_t the
// image_pixel_format convention wants). A stored value is read back as is, even when the enum
// has no name for it.
template <typename E, typename U = std::underlying_type_t<E>>
requires LayoutEnum<E, U>
class EnumField final : public detail::FieldBase {
 public:
  EnumField(TypedLayoutBase* owner, std::string_view label)
      : FieldBase(owner, label, PieceKind::kValue, kElementTypeOf<U>) {}
  EnumField& operator=(E value) {
    value_ = value;
    return *this;
  }
  E value() const { return value_; }

 private:
  Status Write(DataLayoutEncoder& encoder, size_t index) const override {
    return encoder.SetValue(index, static_cast<U>(static_cast<std::underlying_type_t<E>>(value_)));
  }
  void Read(const DataLayoutBlock& block, size_t index) override {
    value_ = static_cast<E>(block.value<U>(index));
  }
  E value_{};
};

}  // namespace vrsx
