#include "copy/tag_merge.h"

namespace vrsx::copying {

void MergeTags(TagMap& merged, const TagMap& tags, const std::string& source,
               std::vector<std::string>& warnings) {
  TagMap additions;
  auto taken = [&](const std::string& name) {
    return merged.count(name) != 0 || tags.count(name) != 0 || additions.count(name) != 0;
  };
  for (const auto& [name, value] : tags) {
    auto found = merged.find(name);
    if (found == merged.end()) {
      additions[name] = value;
      continue;
    }
    if (found->second == value) continue;
    warnings.push_back("Warning! The tag '" + name + "' was already set. Dup found in: " + source);
    std::string new_name = name + "_merged";
    for (int i = 1; taken(new_name); ++i) new_name = name + "_merged-" + std::to_string(i);
    additions[new_name] = value;
  }
  for (auto& [name, value] : additions) merged[name] = value;
}

void MergeVrsTags(TagMap& merged, const TagMap& tags, const std::string& source,
                  std::vector<std::string>& warnings) {
  for (const auto& [name, value] : tags) {
    auto [it, inserted] = merged.emplace(name, value);
    if (!inserted && it->second != value) {
      warnings.push_back("Warning! The tag '" + name + "' was already set, ignoring value '" +
                         value + "' from " + source);
    }
  }
}

void ApplyTagEdit(TagMap& tags, const TagEdit& edit) {
  if (edit.value) {
    tags[edit.name] = *edit.value;
  } else {
    tags.erase(edit.name);
  }
}

std::string InputName(const Reader& input) {
  const auto& chunks = input.chunks();
  if (chunks.empty()) return {};
  if (chunks.size() == 1) return chunks.front().path;
  std::string spec = "{\"chunks\":[";
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i > 0) spec += ',';
    spec += '"' + chunks[i].path + '"';
  }
  return spec + "],\"storage\":\"diskfile\"}";
}

}  // namespace vrsx::copying
