#include "copy/stream_routing.h"

#include <algorithm>
#include <optional>

#include "copy/tag_merge.h"

namespace vrsx::copying {
namespace {

// The output stream of type `type_id` of rank `rank` (0: the first), in creation order.
std::optional<size_t> NthOutputOfType(const std::vector<OutputStream>& outputs, uint16_t type_id,
                                      size_t rank) {
  size_t seen = 0;
  for (size_t o = 0; o < outputs.size(); ++o) {
    if (outputs[o].definition.type_id == type_id && seen++ == rank) return o;
  }
  return std::nullopt;
}

}  // namespace

StreamRouting RouteStreams(const std::vector<const Reader*>& inputs,
                           const std::vector<std::vector<StreamId>>& selected, bool merge_by_type,
                           CompressionPreset preset, std::vector<std::string>& warnings) {
  StreamRouting routing;
  routing.routes.resize(inputs.size());
  std::map<uint16_t, uint16_t> instances_per_type;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Reader& input = *inputs[k];
    std::map<uint16_t, size_t> rank_per_type;
    for (StreamId stream : selected[k]) {
      const StreamTags& tags = input.stream_tags(stream);
      if (merge_by_type && k > 0) {
        size_t rank = rank_per_type[stream.type_id]++;
        if (auto target = NthOutputOfType(routing.outputs, stream.type_id, rank)) {
          std::string source = RecordableTypeName(stream.type_id) + " #" +
                               std::to_string(stream.instance_id) + " of " + InputName(input);
          StreamDefinition& merged = routing.outputs[*target].definition;
          MergeTags(merged.user_tags, tags.user, source, warnings);
          MergeVrsTags(*merged.copied_vrs_tags, tags.vrs, source, warnings);
          routing.routes[k][stream] = *target;
          continue;
        }
      }
      OutputStream out;
      out.definition = StreamDefinition(stream.type_id, input.flavor(stream), preset);
      out.definition.user_tags = tags.user;
      out.definition.copied_vrs_tags = tags.vrs;
      out.id = StreamId{stream.type_id, ++instances_per_type[stream.type_id]};
      routing.routes[k][stream] = routing.outputs.size();
      routing.outputs.push_back(std::move(out));
    }
  }
  routing.creation_order.resize(routing.outputs.size());
  for (size_t i = 0; i < routing.outputs.size(); ++i) routing.creation_order[i] = i;
  std::stable_sort(
      routing.creation_order.begin(), routing.creation_order.end(),
      [&](size_t a, size_t b) { return routing.outputs[a].id < routing.outputs[b].id; });
  return routing;
}

}  // namespace vrsx::copying
