#include "datalayout/json_number.h"

#include <charconv>
#include <cmath>

#include "datalayout/string_escape.h"

namespace vrsx {

void AppendJsonDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (std::signbit(value)) {
    out += '-';
    value = -value;
  }
  if (value == 0) {
    out += "0.0";
    return;
  }
  // Shortest round-trip digits, and of those the closest to the exact value: the golden files
  // show e.g. 0.36000000000000043 where a Grisu2 writer (rapidjson 1.1) prints ...045.
  char buffer[32];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, size_t(result.ptr - buffer));  // "1.234e+33"
  size_t e_pos = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int scientific_exponent = 0;
  std::from_chars(text.data() + e_pos + 1 + (text[e_pos + 1] == '+'), text.data() + text.size(),
                  scientific_exponent);
  int length = int(digits.size());
  int k = scientific_exponent - (length - 1);  // value = digits * 10^k
  int kk = length + k;                         // 10^(kk-1) <= value < 10^kk
  if (k >= 0 && kk <= 21) {
    // 1234e7 -> 12340000000.0
    out += digits;
    out.append(size_t(k), '0');
    out += ".0";
  } else if (kk > 0 && kk <= 21) {
    // 1234e-2 -> 12.34
    out.append(digits, 0, size_t(kk));
    out += '.';
    out.append(digits, size_t(kk));
  } else if (kk > -6 && kk <= 0) {
    // 1234e-6 -> 0.001234
    out += "0.";
    out.append(size_t(-kk), '0');
    out += digits;
  } else {
    // 1e30, 1234e30 -> 1.234e33: no '+' and no zero padding in the exponent.
    out += digits[0];
    if (length > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += std::to_string(kk - 1);
  }
}

std::string JsonDouble(double value) {
  std::string out;
  AppendJsonDouble(out, value);
  return out;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  AppendEscaped(out, text, EscapeStyle::kJson);
  out += '"';
}

std::string JsonString(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  AppendJsonString(out, text);
  return out;
}

}  // namespace vrsx
