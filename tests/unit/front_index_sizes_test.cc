// writing::SetReferencePreliminarySizes: the record sizes the reference's copy and merge announce
// in their preliminary (front) index, derived from the source offsets (docs/writer.md). The
// golden copies check the rule end to end (tests/golden/copy_reservation_test.cc).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "writer/front_index.h"

using vrsx::RecordInfo;

namespace {

std::vector<uint32_t> SizesFor(const std::vector<uint64_t>& offsets) {
  std::vector<RecordInfo> entries;
  for (uint64_t offset : offsets) {
    RecordInfo info;
    info.offset = offset;
    info.disk_size = 7;  // the real size: replaced
    entries.push_back(info);
  }
  vrsx::writing::SetReferencePreliminarySizes(entries);
  std::vector<uint32_t> sizes;
  for (const RecordInfo& info : entries) sizes.push_back(info.disk_size);
  return sizes;
}

}  // namespace

TEST_CASE("front index: a copy announces the size of the record before, the first its offset") {
  // Records of 48, 32 and 116 bytes from offset 18999: sizes shifted by one.
  CHECK(SizesFor({18999, 19047, 19079, 19195}) == std::vector<uint32_t>{18999, 48, 32, 116});
  CHECK(SizesFor({}).empty());
}

TEST_CASE("front index: offsets of several files give differences modulo 2^32") {
  // A merge interleaves two sources: going back to a smaller offset wraps.
  CHECK(SizesFor({5000, 3000, 5100}) == std::vector<uint32_t>{5000, 4294965296u, 2100});
  // Offsets past 4 GiB (chunked sources) keep only the low 32 bits of the difference.
  CHECK(SizesFor({(uint64_t(1) << 32) + 10}) == std::vector<uint32_t>{10});
}
