// JSON text exactly as the reference's rapidjson-style writer prints it (spec 03 §2.8).
//
// nlohmann's dump() differs from it: doubles ("1e+16" vs "10000000000000000.0", "1e-05" vs
// "0.00001", and its Grisu2 digits aren't always the closest), NaN/infinity (null vs
// NaN/Infinity), control-char escapes (\u001f vs \u001F), and it throws on invalid UTF-8. So
// values are built with nlohmann::ordered_json (insertion order) and printed by these functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "datalayout/json_number.h"

namespace vrsx::cli {

// One line, no spaces: {"a":1,"b":[2.5,"x"]}
std::string JsonCompact(const nlohmann::ordered_json& value);

// 4-space indent, "key": value, one member/element per line; empty containers stay {} and [].
std::string JsonPretty(const nlohmann::ordered_json& value);

// Doubles and strings in the writer's form: shared with the DataLayout layer.
using ::vrsx::JsonDouble;
using ::vrsx::JsonString;

}  // namespace vrsx::cli
