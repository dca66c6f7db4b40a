#include "tools/json_out.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace vrsx::cli {

namespace {

using Json = nlohmann::ordered_json;

void WriteExponent(std::string& out, int exponent) {
  // "e21", "e-7": no '+' and no zero padding.
  out += 'e';
  out += std::to_string(exponent);
}

void Write(std::string& out, const Json& value, int indent, int depth);

void NewLine(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(size_t(indent * depth), ' ');
}

// indent < 0 selects the compact form.
template <typename Items, typename WriteItem>
void WriteContainer(std::string& out, const Items& items, char open, char close, int indent,
                    int depth, WriteItem write_item) {
  out += open;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    if (indent >= 0) NewLine(out, indent, depth + 1);
    write_item(item);
  }
  // Empty containers print as {} / [] even in the pretty form.
  if (!first && indent >= 0) NewLine(out, indent, depth);
  out += close;
}

void Write(std::string& out, const Json& value, int indent, int depth) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<uint64_t>());
      return;
    case Json::value_t::number_float:
      out += JsonDouble(value.get<double>());
      return;
    case Json::value_t::string:
      out += JsonString(value.get_ref<const std::string&>());
      return;
    case Json::value_t::binary:
      // Not produced by the CLI; printed as an array of byte values rather than dropped.
      WriteContainer(out, value.get_binary(), '[', ']', indent, depth,
                     [&](uint8_t byte) { out += std::to_string(byte); });
      return;
    case Json::value_t::array:
      WriteContainer(out, value, '[', ']', indent, depth,
                     [&](const Json& item) { Write(out, item, indent, depth + 1); });
      return;
    case Json::value_t::object:
      WriteContainer(out, value.items(), '{', '}', indent, depth, [&](const auto& member) {
        out += JsonString(member.key());
        out += indent >= 0 ? ": " : ":";
        Write(out, member.value(), indent, depth + 1);
      });
      return;
  }
}

}  // namespace

std::string JsonDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  std::string out;
  if (std::signbit(value)) {
    out += '-';
    value = -value;
  }
  if (value == 0) return out + "0.0";
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
    out += digits.substr(0, size_t(kk));
    out += '.';
    out += digits.substr(size_t(kk));
  } else if (kk > -6 && kk <= 0) {
    // 1234e-6 -> 0.001234
    out += "0.";
    out.append(size_t(-kk), '0');
    out += digits;
  } else if (length == 1) {
    // 1e30
    out += digits;
    WriteExponent(out, kk - 1);
  } else {
    // 1234e30 -> 1.234e33
    out += digits[0];
    out += '.';
    out += digits.substr(1);
    WriteExponent(out, kk - 1);
  }
  return out;
}

std::string JsonString(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string JsonCompact(const nlohmann::ordered_json& value) {
  std::string out;
  Write(out, value, -1, 0);
  return out;
}

std::string JsonPretty(const nlohmann::ordered_json& value) {
  std::string out;
  Write(out, value, 4, 0);
  return out;
}

}  // namespace vrsx::cli
