// The file overview of `vrsx FILE` and of the counters other commands print first (spec 03
// §4.1), and the JSON description (§4.2).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "vrsx/reader.h"

namespace vrsx::cli {

enum class DetailLevel {
  kBasics,        // the file line
  kMainCounters,  // + "Found N streams, ..."
  kEverything,    // + chunk list, file tags, each stream's tags, counts and size
};

void PrintOverview(const Reader& reader, const std::vector<StreamId>& streams, DetailLevel level,
                   std::ostream& out);

enum class JsonNames { kInternal, kPublic };  // kPublic: extract-all's device_* member names

std::string JsonDescription(const Reader& reader, const std::vector<StreamId>& streams, bool pretty,
                            JsonNames names = JsonNames::kInternal);

}  // namespace vrsx::cli
