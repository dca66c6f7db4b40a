// How the tags of several inputs combine into one output (spec 03 §7.3), and the warnings the
// vrs tool prints when they disagree.
#pragma once

#include <string>
#include <vector>

#include "vrsx/copy.h"
#include "vrsx/reader.h"
#include "vrsx/tags.h"

namespace vrsx::copying {

// Adds `tags` to `merged`: new names are added, equal values ignored, other values stored under
// `<name>_merged`, `<name>_merged-1`... (the first name free in `merged`, `tags` and the
// additions), with a warning naming `source`.
void MergeTags(TagMap& merged, const TagMap& tags, const std::string& source,
               std::vector<std::string>& warnings);

// VRS tags of merged streams: the first value wins, a different one is ignored with a warning.
void MergeVrsTags(TagMap& merged, const TagMap& tags, const std::string& source,
                  std::vector<std::string>& warnings);

// Sets or removes one tag.
void ApplyTagEdit(TagMap& tags, const TagEdit& edit);

// An input as the warnings name it: its path, or for several chunks the reference's JSON file
// spec `{"chunks":["a.vrs","a.vrs_1"],"storage":"diskfile"}`.
std::string InputName(const Reader& input);

}  // namespace vrsx::copying
