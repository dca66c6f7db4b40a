// Stream names of RecordFilter rules resolved against a file: "R-N", "R+N", "R", "R-",
// "R-<flavor>" as the vrs tool reads them, and globs on "R-N" like pyvrs's "1201-*".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reader/index_view.h"
#include "vrsx/stream_id.h"

namespace vrsx::reading {

// True when `text` matches `pattern`, where '*' is any run of characters and '?' any one.
bool GlobMatch(std::string_view pattern, std::string_view text);

// The streams of the file `name` designates, in StreamId order. With `globs`, a name holding '*'
// or '?' is a glob on "R-N". An unreadable name adds "Can't parse '<name>' as one or more stream
// id." to `warnings` and designates nothing.
std::vector<StreamId> ResolveStreamName(const IndexView& file, std::string_view name, bool globs,
                                        std::vector<std::string>& warnings);

}  // namespace vrsx::reading
