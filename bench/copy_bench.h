// `vrsx copy`, through the CLI's own command (vrsx::cli::RunCopy): read, recompress on the
// writer's thread pool, write. MiB/s is of payload before compression.
#pragma once

#include <string>

#include "harness.h"
#include "options.h"

namespace vrsx::bench {

// Copies `source` into a file in --dir (removed afterwards), with `--compression=<preset>`
// unless `preset` is empty (the CLI's default).
Result MeasureCopy(const Options& options, const std::string& source, const std::string& preset);

}  // namespace vrsx::bench
