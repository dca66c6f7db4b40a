#include "reader/stream_names.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace vrsx::reading {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Leading decimal digits of `text` as a number (saturated), and how many digits there were.
std::pair<uint32_t, size_t> LeadingNumber(std::string_view text) {
  uint64_t value = 0;
  size_t i = 0;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    value = std::min<uint64_t>(value * 10 + static_cast<uint64_t>(text[i] - '0'), 0xffffffff);
  }
  return {static_cast<uint32_t>(value), i};
}

// A non-empty run of digits fitting 16 bits.
std::optional<uint16_t> Uint16Digits(std::string_view digits) {
  auto [value, count] = LeadingNumber(digits);
  if (count == 0 || count != digits.size() || value > 0xffff) return std::nullopt;
  return static_cast<uint16_t>(value);
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point: the last '*' seen.
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<StreamId> ResolveStreamName(const IndexView& file, std::string_view name, bool globs,
                                        std::vector<std::string>& warnings) {
  const std::vector<StreamId>& streams = *file.streams;
  std::vector<StreamId> result;
  if (globs && name.find_first_of("*?") != std::string_view::npos) {
    for (StreamId stream : streams) {
      if (GlobMatch(name, stream.NumericName())) result.push_back(stream);
    }
    return result;
  }
  // R-N naming an existing stream, or R+N: the N-th stream of type R.
  size_t sep = name.find_first_of("-+");
  if (sep != std::string_view::npos) {
    std::optional<uint16_t> type = Uint16Digits(name.substr(0, sep));
    std::optional<uint16_t> number = Uint16Digits(name.substr(sep + 1));
    if (type && number) {
      if (name[sep] == '-') {
        StreamId id{*type, *number};
        if (std::binary_search(streams.begin(), streams.end(), id)) return {id};
      } else {
        uint32_t rank = 0;
        for (StreamId stream : streams) {
          if (stream.type_id == *type && ++rank == *number) return {stream};
        }
      }
    }
  }
  // R, R-, R-<flavor>.
  auto [type, digits] = LeadingNumber(name);
  std::string_view rest = name.substr(digits);
  if (digits > 0 && (rest.empty() || rest == "-")) {
    for (StreamId stream : streams) {
      if (stream.type_id == type) result.push_back(stream);
    }
  } else if (digits > 0 && rest[0] == '-') {
    std::string_view flavor = rest.substr(1);
    for (StreamId stream : streams) {
      if (stream.type_id == type && file.flavor(stream) == flavor) result.push_back(stream);
    }
  } else {
    warnings.push_back("Can't parse '" + std::string(name) + "' as one or more stream id.");
  }
  return result;
}

}  // namespace vrsx::reading
