// Reads records in a given order and hands each, with its payload, to a consumer in that order,
// one at a time. Large payloads are read and decompressed ahead, by workers on the other cores
// and by the calling thread, and the consumer runs on whichever thread read the next record (the
// calling thread or a worker, never two at once; each call sees what the ones before it did), so
// that on two cores decompression runs twice as wide and the consumer hashes or checks bytes
// still in its core's cache; small ones are read by the thread consuming them, where a hand-over
// would cost more than the read. An exception from the consumer stops the walk and is rethrown
// by ReadInOrder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/status.h"

namespace vrsx::reading {

using OrderedRecordConsumer =
    std::function<void(size_t pos, const RecordDetails& details, const std::vector<uint8_t>&)>;
using OrderedReadProgress = std::function<void(size_t done, size_t total)>;

struct OrderedReadResult {
  size_t consumed = 0;  // records handed to the consumer, all before the first failure
  Status status;        // of the first record that could not be read, in order
};

OrderedReadResult ReadInOrder(const Reader& reader, const std::vector<size_t>& positions,
                              const OrderedRecordConsumer& consume,
                              const OrderedReadProgress& progress = nullptr);

}  // namespace vrsx::reading
