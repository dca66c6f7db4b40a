// JSON numbers and strings exactly as the reference's rapidjson-style writer prints them
// (spec 02 §9.5), for DL tags written byte for byte. Shared with the CLI's JSON output.
#pragma once

#include <string>
#include <string_view>

namespace vrsx {

// A double in the writer's form: the shortest digits that read back to the same double (the
// closest such), at least one fractional digit ("25.0"), exponent form only below 1e-6 or from
// 1e21 up ("1.5e-7", "1e21"), and NaN/Infinity/-Infinity.
void AppendJsonDouble(std::string& out, double value);
std::string JsonDouble(double value);

// A JSON string literal (with its quotes): escapes '"', '\\' and control chars (\b \t \n \f \r,
// others \u00XX uppercase); other bytes, UTF-8 or not, are copied as they are.
void AppendJsonString(std::string& out, std::string_view text);
std::string JsonString(std::string_view text);

}  // namespace vrsx
