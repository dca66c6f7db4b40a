// SortRecords gives the order std::sort gives, whatever shape the index is in: in order, nearly
// so (the few out of place merged back), or far from it (sorted whole).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "index/record_order.h"

namespace {

using vrsx::RecordInfo;
using vrsx::RecordType;
using vrsx::StreamId;

// `count` records in file order, timestamps increasing with a few ties across streams.
std::vector<RecordInfo> InOrder(size_t count) {
  std::vector<RecordInfo> records;
  uint64_t offset = 32;
  for (size_t i = 0; i < count; ++i) {
    RecordInfo record;
    record.timestamp = double(i / 3) * 0.01;
    record.offset = offset;
    record.disk_size = 40;
    record.stream = StreamId{uint16_t(100 + i % 3), 1};
    record.type = RecordType::kData;
    records.push_back(record);
    offset += 40;
  }
  return records;
}

void CheckSortsLikeStdSort(std::vector<RecordInfo> records) {
  std::vector<RecordInfo> expected = records;
  std::sort(expected.begin(), expected.end(), vrsx::index::RecordBefore);
  vrsx::index::SortRecords(records);
  REQUIRE(records.size() == expected.size());
  bool same = true;
  for (size_t i = 0; i < records.size(); ++i) same &= records[i].offset == expected[i].offset;
  CHECK(same);
}

}  // namespace

TEST_CASE("SortRecords: the order std::sort gives, whatever the index's shape", "[order]") {
  std::mt19937 random(15);
  CheckSortsLikeStdSort({});
  CheckSortsLikeStdSort(InOrder(1));
  CheckSortsLikeStdSort(InOrder(1000));
  for (size_t displaced : {size_t(1), size_t(5), size_t(60), size_t(62), size_t(200)}) {
    INFO(displaced << " records written late or early");
    // A record moved later in the file (written late), or earlier: both are out of place.
    for (bool late : {true, false}) {
      std::vector<RecordInfo> records = InOrder(1000);
      for (size_t k = 0; k < displaced; ++k) {
        size_t from = random() % records.size();
        size_t to = std::min(records.size() - 1, from + 1 + random() % 50);
        if (!late) std::swap(from, to);
        RecordInfo record = records[from];
        records.erase(records.begin() + long(from));
        records.insert(records.begin() + long(to), record);
      }
      CheckSortsLikeStdSort(records);
    }
  }
  // The first record last: everything after it is "out of place" while it is kept.
  std::vector<RecordInfo> rotated = InOrder(1000);
  std::rotate(rotated.begin(), rotated.begin() + 1, rotated.end());
  CheckSortsLikeStdSort(rotated);
  std::rotate(rotated.begin(), rotated.end() - 2, rotated.end());
  CheckSortsLikeStdSort(rotated);
  std::vector<RecordInfo> reversed = InOrder(1000);
  std::reverse(reversed.begin(), reversed.end());
  CheckSortsLikeStdSort(reversed);
  std::vector<RecordInfo> shuffled = InOrder(1000);
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  CheckSortsLikeStdSort(shuffled);
  // Damaged timestamps (NaN) sort last, in offset order.
  std::vector<RecordInfo> damaged = InOrder(1000);
  for (size_t i = 100; i < 1000; i += 97) damaged[i].timestamp = std::nan("");
  CheckSortsLikeStdSort(damaged);
}
