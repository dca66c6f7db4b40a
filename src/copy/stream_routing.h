// Which output stream each selected input stream goes to (spec 03 §7.2, §7.3), and the output
// streams' definitions: type, flavor, preset and the tags of their source streams.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "vrsx/compression.h"
#include "vrsx/reader.h"
#include "vrsx/stream_id.h"
#include "vrsx/writer.h"

namespace vrsx::copying {

struct OutputStream {
  StreamDefinition definition;
  StreamId id;  // instances numbered from 1 per type id, in the order the streams are created
};

struct StreamRouting {
  std::vector<OutputStream> outputs;
  // Per input: its selected streams -> index in `outputs`.
  std::vector<std::map<StreamId, size_t>> routes;
  // Indexes in `outputs` in StreamId order: the order to add them to the writer, so that the
  // writer numbers them as `id` says.
  std::vector<size_t> creation_order;

  size_t OutputOf(size_t input, StreamId stream) const { return routes[input].at(stream); }
};

// Routes `selected[k]` (StreamId order), the selected streams of `inputs[k]`. Each stream of the
// first input gets an output stream; so does each stream of the next inputs, except with
// `merge_by_type`, where the j-th stream of type T of an input goes into the j-th output stream
// of type T when there is one: its tags are then merged in, with `warnings`.
StreamRouting RouteStreams(const std::vector<const Reader*>& inputs,
                           const std::vector<std::vector<StreamId>>& selected, bool merge_by_type,
                           CompressionPreset preset, std::vector<std::string>& warnings);

}  // namespace vrsx::copying
