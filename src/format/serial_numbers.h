// Serial numbers generated for streams that have none (spec 01 §6.5). They feed the checksums,
// so the hashing must match the reference byte for byte.
#pragma once

#include <map>

#include "vrsx/stream_id.h"
#include "vrsx/tags.h"

namespace vrsx::format {

// Gives every stream of `streams` whose VRS_Serial_Number is missing or empty a serial derived
// from the file tags and the stream's tags, in StreamId order.
void GenerateMissingSerialNumbers(const TagMap& file_tags, std::map<StreamId, StreamTags>& streams);

}  // namespace vrsx::format
