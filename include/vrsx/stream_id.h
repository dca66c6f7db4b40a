// Stream identity: a recordable type id and an instance id, plus record types.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vrsx {

enum class RecordType : uint8_t {
  kUndefined = 0,
  kState = 1,
  kConfiguration = 2,
  kData = 3,
  kTags = 4,
};

// "State", "Configuration", "Data", "Tags", "Undefined".
const char* RecordTypeName(RecordType type);

// Display name of a recordable type id ("Forward Camera Class"), or
// "<Unknown device type 'N'>" for ids the registry does not know.
std::string RecordableTypeName(uint16_t type_id);
bool IsKnownRecordableType(uint16_t type_id);

struct StreamId {
  uint16_t type_id = 0xffff;
  uint16_t instance_id = 0;

  auto operator<=>(const StreamId&) const = default;

  // "200-1"
  std::string NumericName() const;
  // "Forward Camera Class #1"
  std::string Name() const;
  // Parses the strict "T-I" form (digits only on both sides).
  static std::optional<StreamId> FromNumericName(std::string_view text);
};

}  // namespace vrsx
