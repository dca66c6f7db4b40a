#include "tools/rendering/value_text.h"

#include <algorithm>
#include <cstdio>

#include "vrsx/record_format.h"

namespace vrsx::cli {

namespace {

using E = ElementType;

// An integer scalar in decimal, or nullopt for float/double.
std::optional<std::string> IntegerText(ElementType type, const uint8_t* bytes) {
  switch (type) {
    case E::kBool:
      return std::string(bytes[0] != 0 ? "1" : "0");
    case E::kChar:  // signed, as on the x86-64 writers (spec 02 §12)
    case E::kInt8:
      return std::to_string(LoadElement<int8_t>(bytes));
    case E::kUInt8:
      return std::to_string(LoadElement<uint8_t>(bytes));
    case E::kInt16:
      return std::to_string(LoadElement<int16_t>(bytes));
    case E::kUInt16:
      return std::to_string(LoadElement<uint16_t>(bytes));
    case E::kInt32:
      return std::to_string(LoadElement<int32_t>(bytes));
    case E::kUInt32:
      return std::to_string(LoadElement<uint32_t>(bytes));
    case E::kInt64:
      return std::to_string(LoadElement<int64_t>(bytes));
    case E::kUInt64:
      return std::to_string(LoadElement<uint64_t>(bytes));
    default:
      return std::nullopt;
  }
}

// A scalar; a double uses `style`, switched to %.3f when it is epoch-like and `epoch_rule`.
std::string ScalarText(ElementType type, const uint8_t* bytes, FloatStyle style, bool epoch_rule) {
  if (std::optional<std::string> text = IntegerText(type, bytes)) return *text;
  if (type == E::kFloat) return FormatFloating(LoadElement<float>(bytes), style);
  if (type == E::kDouble) {
    double value = LoadElement<double>(bytes);
    return FormatFloating(value, epoch_rule && IsEpochLike(value) ? FloatStyle::kFixed3 : style);
  }
  return {};
}

// Points and matrices: coordinates %g, no epoch rule.
std::string CompositeText(const ElementTypeInfo& info, const uint8_t* bytes) {
  size_t scalar_size = ElementTypeSize(info.scalar);
  size_t points = info.matrix ? info.dimension : 1;
  std::string text;
  if (info.matrix) text += '[';
  for (size_t p = 0; p < points; ++p) {
    if (p > 0) text += ", ";
    text += '[';
    for (size_t c = 0; c < info.dimension; ++c) {
      if (c > 0) text += ", ";
      text += ScalarText(info.scalar, bytes + (p * info.dimension + c) * scalar_size,
                         FloatStyle::kGeneral, false);
    }
    text += ']';
  }
  if (info.matrix) text += ']';
  return text;
}

std::string WithNumber(const char* name, uint64_t value) {
  std::string text = name;
  text += " (";
  text += std::to_string(value);
  text += ')';
  return text;
}

}  // namespace

std::string FormatFloating(double value, FloatStyle style) {
  const char* format = style == FloatStyle::kFixed3       ? "%.3f"
                       : style == FloatStyle::kPrecision3 ? "%.3g"
                                                          : "%g";
  // %.3f of 1e308 needs 313 characters.
  char buffer[400];
  int n = std::snprintf(buffer, sizeof buffer, format, value);
  return std::string(buffer, n > 0 ? size_t(n) : 0);
}

bool IsEpochLike(double value) {
  return value >= 1420070400.0 && value < 2051222400.0;
}

std::string ElementText(ElementType type, const uint8_t* bytes) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.components == 0) return {};
  if (info.dimension > 0) return CompositeText(info, bytes);
  return ScalarText(type, bytes, FloatStyle::kGeneral, true);
}

std::optional<std::string> EnumText(std::string_view label, ElementType type,
                                    const uint8_t* bytes) {
  if (type == E::kUInt32 && label == "image_pixel_format") {
    uint32_t value = LoadElement<uint32_t>(bytes);
    // The reference keeps the low byte to look the name up.
    return WithNumber(PixelFormatName(PixelFormat(uint8_t(value))), value);
  }
  if (type == E::kUInt8 && label == "audio_format") {
    return WithNumber(AudioFormatName(AudioFormat(bytes[0])), bytes[0]);
  }
  if (type == E::kUInt8 && label == "audio_sample_format") {
    return WithNumber(AudioSampleFormatName(AudioSampleFormat(bytes[0])), bytes[0]);
  }
  return std::nullopt;
}

std::string LabeledElementText(std::string_view label, ElementType type, const uint8_t* bytes) {
  if (std::optional<std::string> text = EnumText(label, type, bytes)) return *text;
  return ElementText(type, bytes);
}

size_t ElementCount(ElementType type, std::span<const uint8_t> bytes) {
  size_t size = ElementTypeSize(type);
  return size == 0 ? 0 : bytes.size() / size;
}

std::string ElementListText(ElementType type, std::span<const uint8_t> bytes, size_t max_count,
                            bool stream_quirk) {
  size_t size = ElementTypeSize(type);
  size_t count = std::min(ElementCount(type, bytes), max_count);
  std::string text;
  // After an epoch-like double, the stream keeps a precision of 3.
  FloatStyle style = FloatStyle::kGeneral;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    const uint8_t* element = bytes.data() + i * size;
    if (type == E::kDouble) {
      double value = LoadElement<double>(element);
      if (IsEpochLike(value)) {
        text += FormatFloating(value, FloatStyle::kFixed3);
        if (stream_quirk) style = FloatStyle::kPrecision3;
      } else {
        text += FormatFloating(value, style);
      }
    } else {
      text += ElementText(type, element);
    }
  }
  return text;
}

std::string PropertyText(ElementType type, const uint8_t* bytes, PropertyTextState& state) {
  if (type == E::kFloat || type == E::kDouble) {
    double value =
        type == E::kFloat ? double(LoadElement<float>(bytes)) : LoadElement<double>(bytes);
    if (type == E::kDouble && IsEpochLike(value)) state.fixed3 = true;
    return FormatFloating(value, state.fixed3 ? FloatStyle::kFixed3 : FloatStyle::kGeneral);
  }
  return ElementText(type, bytes);
}

}  // namespace vrsx::cli
