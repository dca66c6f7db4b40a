// Runs a producer of entry blocks on a second thread while the calling thread consumes them, the
// blocks recycled through a few buffers: for indexes large enough that a thread start is nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "vrsx/status.h"

namespace vrsx::index {

// `produce` fills a buffer of `block_entries` entries and says how many it holds (0: the end);
// `consume` takes them and returns false to stop. Returns the first error of either side.
// Falls back to one thread when no thread can be started.
using ProduceEntries = std::function<Status(uint8_t* out, size_t capacity, size_t& entries)>;
using ConsumeEntries = std::function<Status(const uint8_t* entries, size_t count)>;

Status RunEntryPipeline(size_t block_entries, const ProduceEntries& produce,
                        const ConsumeEntries& consume);

// The same on the calling thread alone.
Status RunEntryLoop(size_t block_entries, const ProduceEntries& produce,
                    const ConsumeEntries& consume);

}  // namespace vrsx::index
