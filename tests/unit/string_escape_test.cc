// The escaping shared by JSON strings and the text overviews: where the two styles differ.
#include <string>

#include <catch2/catch.hpp>

#include "datalayout/string_escape.h"

using vrsx::AppendEscaped;
using vrsx::EscapeStyle;

namespace {

std::string Escaped(std::string_view text, EscapeStyle style) {
  std::string out = "<";  // appends, and adds no quotes
  AppendEscaped(out, text, style);
  return out;
}

}  // namespace

TEST_CASE("AppendEscaped: JSON and printable styles", "[string_escape]") {
  std::string_view text("\"\\\b\f\n\r\t\x1b\x01\x7f\xc3\xa9 a", 14);
  CHECK(Escaped(text, EscapeStyle::kJson) ==
        "<\\\"\\\\\\b\\f\\n\\r\\t\\u001B\\u0001\x7f\xc3\xa9 a");
  CHECK(Escaped(text, EscapeStyle::kPrintable) ==
        "<\"\\\\b\\x0c\\n\\r\\t\\e\\x01\\x7f\\xc3\\xa9 a");
}
