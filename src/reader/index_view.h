// The parts of an opened file that record filtering and checksums look at. Of(reader) is what
// the library uses; tests build one over a synthetic index.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/stream_id.h"

namespace vrsx::reading {

struct IndexView {
  const std::vector<RecordInfo>* index = nullptr;  // ordered by (timestamp, stream, offset)
  const std::vector<StreamId>* streams = nullptr;  // every stream of the file, StreamId order
  std::function<std::string(StreamId)> flavor;     // "" when the stream has none

  // Borrows from `reader`, which must outlive the result.
  static IndexView Of(const Reader& reader) {
    return {&reader.index(), &reader.streams(),
            [&reader](StreamId stream) { return reader.flavor(stream); }};
  }
};

}  // namespace vrsx::reading
