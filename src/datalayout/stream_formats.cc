// A file's RecordFormat and DataLayout definitions, parsed once from the streams' VRS tags
// (spec 02 §1).
#include "vrsx/record_content.h"

namespace vrsx {

namespace {

DataLayoutSlot MakeSlot(const TagMap& vrs_tags, RecordType type, uint32_t version,
                        size_t block_index) {
  DataLayoutSlot slot;
  // Looked up by its exact canonical name.
  slot.tag_name = DataLayoutTagName(type, version, block_index);
  auto tag = vrs_tags.find(slot.tag_name);
  if (tag == vrs_tags.end()) {
    slot.error = "no ";
    slot.error += slot.tag_name;
    slot.error += " tag";
    return slot;
  }
  auto layout = std::make_unique<DataLayoutDefinition>();
  if (Status status = DataLayoutDefinition::Parse(tag->second, *layout); !status.ok()) {
    slot.error = slot.tag_name;
    slot.error += " is not a valid DataLayout: ";
    slot.error += status.message();
    return slot;
  }
  slot.fields = ConventionFields::Locate(*layout);
  slot.layout = std::move(layout);
  return slot;
}

}  // namespace

void StreamFormats::AddStream(StreamId stream, const TagMap& vrs_tags) {
  auto first = formats_.lower_bound(Key{stream, RecordType::kUndefined, 0});
  auto last = first;
  while (last != formats_.end() && std::get<0>(last->first) == stream) ++last;
  formats_.erase(first, last);
  // RF tags sort together: "RF:" is a prefix of all of them.
  for (auto tag = vrs_tags.lower_bound("RF:"); tag != vrs_tags.end(); ++tag) {
    const auto& [name, text] = *tag;
    if (!name.starts_with("RF:")) break;
    std::optional<RecordFormatTag> parsed = ParseRecordFormatTagName(name);
    if (!parsed) continue;
    Key key{stream, parsed->type, parsed->format_version};
    std::string canonical = RecordFormatTagName(parsed->type, parsed->format_version);
    auto existing = formats_.find(key);
    if (existing != formats_.end() && name != canonical) continue;

    auto definition = std::make_unique<RecordFormatDefinition>();
    definition->stream = stream;
    definition->type = parsed->type;
    definition->format_version = parsed->format_version;
    definition->tag_name = name;
    definition->format = RecordFormat::Parse(text);
    definition->text = definition->format.Text();
    definition->used_blocks = definition->format.UsedBlocks();
    const std::vector<ContentBlock>& blocks = definition->format.blocks();
    definition->layouts.resize(blocks.size());
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].type != ContentType::kDataLayout) continue;
      definition->layouts[i] = MakeSlot(vrs_tags, parsed->type, parsed->format_version, i);
    }
    formats_[key] = std::move(definition);
  }
}

const RecordFormatDefinition* StreamFormats::Find(StreamId stream, RecordType type,
                                                  uint32_t format_version) const {
  auto found = formats_.find(Key{stream, type, format_version});
  return found == formats_.end() ? nullptr : found->second.get();
}

std::vector<const RecordFormatDefinition*> StreamFormats::StreamDefinitions(StreamId stream) const {
  std::vector<const RecordFormatDefinition*> definitions;
  for (auto it = formats_.lower_bound(Key{stream, RecordType::kUndefined, 0});
       it != formats_.end() && std::get<0>(it->first) == stream; ++it) {
    definitions.push_back(it->second.get());
  }
  return definitions;
}

}  // namespace vrsx
