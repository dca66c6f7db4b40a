// The VRS tags a writer gives a new stream (spec 01 §6.5, spec 02 §1 and §10), and the other
// random identities of a new file.
#pragma once

#include <cstdint>
#include <string>

#include "vrsx/reader.h"
#include "vrsx/status.h"
#include "vrsx/writer.h"

namespace vrsx::writing {

// Checks a stream definition and builds its tags: VRS_Original_Recordable_Name,
// VRS_Recordable_Flavor, a random VRS_Serial_Number (or the copied VRS tags), then one RF: tag
// per record format and one DL: tag per data_layout block. Errors (kInvalidArgument): reserved
// or undefined type id, a Recordable Class id without flavor, a record format of type Tags or
// Undefined or declared twice, a data_layout block without layout, a layout for another kind
// of block or a block that does not exist, a data_layout /size= that contradicts its layout.
Status BuildStreamTags(const StreamDefinition& definition, StreamTags& tags);

// A random (version 4) UUID, lowercase: "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string RandomUuid();

// Nanoseconds since the Unix epoch with the 30 low bits random (spec 01 §2 creationId).
uint64_t NewCreationId();

}  // namespace vrsx::writing
