// Text of DataLayout values in the print commands (spec 02 §9.1, §9.2): one element, an enum
// label, a list of elements, a property.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vrsx/data_layout.h"

namespace vrsx::cli {

// How a float or double is printed: %g, %.3g, %.3f.
enum class FloatStyle { kGeneral, kPrecision3, kFixed3 };
std::string FormatFloating(double value, FloatStyle style);

// 1420070400 <= value < 2051222400: a double that looks like epoch seconds (2015-2035), printed
// with 3 decimals.
bool IsEpochLike(double value);

// One element (not kString): integers in decimal (char and 8-bit ones too), Bool 1/0, float %g,
// double %g or %.3f when epoch-like, points "[x, y]" and matrices "[[a, b], [c, d]]" with %g
// coordinates. `bytes` holds ElementTypeSize(type) bytes.
std::string ElementText(ElementType type, const uint8_t* bytes);

// "grey8 (1)" for the enum-valued pieces of §9.2 (label image_pixel_format with uint32_t,
// audio_format or audio_sample_format with uint8_t); nullopt for every other label/type.
std::optional<std::string> EnumText(std::string_view label, ElementType type, const uint8_t* bytes);
// EnumText if there is one, else ElementText: how Value pieces and string map values print.
std::string LabeledElementText(std::string_view label, ElementType type, const uint8_t* bytes);

// The first `max_count` whole elements of `bytes`, joined by ", ". With `stream_quirk` (the
// compact form), the doubles after an epoch-like one print with %.3g, as the reference's stream
// state makes them.
std::string ElementListText(ElementType type, std::span<const uint8_t> bytes,
                            size_t max_count = SIZE_MAX, bool stream_quirk = false);

// Whole elements in `bytes` (0 for kString).
size_t ElementCount(ElementType type, std::span<const uint8_t> bytes);

// Property lines of the detailed form are printed on the output stream itself, whose state
// outlives the record: once an epoch-like double property is printed, every later float and
// double property of the run prints with %.3f. One state per run of a command.
struct PropertyTextState {
  bool fixed3 = false;
};
std::string PropertyText(ElementType type, const uint8_t* bytes, PropertyTextState& state);

}  // namespace vrsx::cli
