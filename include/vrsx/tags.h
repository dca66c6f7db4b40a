// Tags: the name/value strings a file and each of its streams carry (spec 01 §6).
#pragma once

#include <map>
#include <string>

namespace vrsx {

using TagMap = std::map<std::string, std::string>;

struct StreamTags {
  TagMap user;
  TagMap vrs;  // library-managed: flavor, original name, serial number, RF:/DL: definitions
};

// Well-known VRS tag names.
inline constexpr const char* kTagOriginalName = "VRS_Original_Recordable_Name";
inline constexpr const char* kTagFlavor = "VRS_Recordable_Flavor";
inline constexpr const char* kTagSerialNumber = "VRS_Serial_Number";

}  // namespace vrsx
