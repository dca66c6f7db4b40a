// The names of a recording's chunks (spec 01 §8): `P`, `P_1`, `P_2`... or `x_0`, `x_1`...
#pragma once

#include <string>
#include <vector>

namespace vrsx::io {

// Whether a file named `path` may have further chunks: like the reference, only `.vrs` names
// (any case) and `_0` chunks do; a copy named `x.bin` is one file even with `x.bin_1` beside it.
bool HasFurtherChunks(const std::string& path);

// The name of chunk `i` >= 1 of a file whose first chunk is `first`.
std::string NthChunkName(const std::string& first, int i);

// The local chunk paths of a file named by its first chunk, probing `P_1`, `P_2`... until a name
// is missing, for names that HasFurtherChunks; any other path is a single chunk. A symbolic
// link is resolved first.
std::vector<std::string> DiscoverLocalChunks(const std::string& first_chunk_path);

}  // namespace vrsx::io
