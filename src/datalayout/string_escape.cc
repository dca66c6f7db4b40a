#include "datalayout/string_escape.h"

namespace vrsx {
namespace {

// The two-character escape of `byte` in `style`, or nullptr.
const char* ShortEscape(unsigned char byte, EscapeStyle style) {
  bool json = style == EscapeStyle::kJson;
  switch (byte) {
    case '"':
      return json ? "\\\"" : nullptr;
    case '\\':
      return json ? "\\\\" : nullptr;
    case '\b':
      return "\\b";
    case '\f':
      return json ? "\\f" : nullptr;
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case 0x1b:
      return json ? nullptr : "\\e";
    default:
      return nullptr;
  }
}

}  // namespace

void AppendEscaped(std::string& out, std::string_view text, EscapeStyle style) {
  bool json = style == EscapeStyle::kJson;
  const char* hex = json ? "0123456789ABCDEF" : "0123456789abcdef";
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (const char* escape = ShortEscape(byte, style)) {
      out += escape;
    } else if (byte >= 0x20 && (json || byte <= 0x7e)) {
      out += c;
    } else {
      out += json ? "\\u00" : "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    }
  }
}

}  // namespace vrsx
