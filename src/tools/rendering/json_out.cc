#include "tools/rendering/json_out.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace vrsx::cli {

namespace {

using Json = nlohmann::ordered_json;

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
