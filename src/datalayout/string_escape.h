// Escaping bytes in strings, one loop for both of the reference's styles: JSON string literals
// (DL tags, the CLI's JSON output) and the text overviews' printable form.
#pragma once

#include <string>
#include <string_view>

namespace vrsx {

enum class EscapeStyle {
  // '"' and '\\' escaped, control chars as \b \t \n \f \r or \u00XX (uppercase hex); every other
  // byte, UTF-8 or not, copied as it is.
  kJson,
  // Printable ASCII copied ('"' and '\\' too); \n \r \t \b \e, every other byte \xHH (lowercase
  // hex): UTF-8 is escaped byte by byte.
  kPrintable,
};

// Appends `text` escaped in `style`, without quotes.
void AppendEscaped(std::string& out, std::string_view text, EscapeStyle style);

}  // namespace vrsx
