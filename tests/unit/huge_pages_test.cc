// Advising huge pages is a hint: buffers of any size and alignment keep their contents.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "io/huge_pages.h"

TEST_CASE("huge-page advice keeps a buffer's contents, whatever its size and alignment",
          "[memory]") {
  vrsx::io::AdviseHugePages(nullptr, 0);
  vrsx::io::AdviseHugePages(nullptr, size_t(64) << 20);
  for (size_t size : {size_t(1), size_t(4096), size_t(3) << 20, (size_t(9) << 20) + 123}) {
    std::vector<uint8_t> buffer(size + 1);
    for (size_t i = 0; i < buffer.size(); ++i) buffer[i] = uint8_t(i * 31 + 7);
    // Unaligned on purpose: the advice covers only whole 2 MiB pages inside.
    vrsx::io::AdviseHugePages(buffer.data() + 1, size);
    bool intact = true;
    for (size_t i = 0; i < buffer.size(); ++i) intact &= buffer[i] == uint8_t(i * 31 + 7);
    CHECK(intact);
  }
  // Advised before the first write, as the index loader does: written and read back.
  std::vector<uint32_t> index;
  index.reserve(size_t(4) << 20);
  vrsx::io::AdviseHugePages(index.data(), index.capacity() * sizeof(uint32_t));
  for (uint32_t i = 0; i < (uint32_t(4) << 20); ++i) index.push_back(i ^ 0x5a5a5a5au);
  bool read_back = true;
  for (uint32_t i = 0; i < index.size(); ++i) read_back &= index[i] == (i ^ 0x5a5a5a5au);
  CHECK(read_back);
}

TEST_CASE("room reserved on huge pages holds what is then written", "[memory]") {
  std::vector<uint64_t> empty;
  vrsx::io::ReserveOnHugePages(empty, 0);
  CHECK(empty.empty());
  for (size_t count : {size_t(1), size_t(3) << 18, (size_t(5) << 18) + 7}) {
    std::vector<uint64_t> values{42};
    vrsx::io::ReserveOnHugePages(values, count);
    CHECK(values.capacity() >= count);
    CHECK(values == std::vector<uint64_t>{42});  // what was there stays
    for (uint64_t i = 1; i < count; ++i) values.push_back(i * 0x9e3779b97f4a7c15u);
    bool read_back = values.size() == std::max<size_t>(count, 1) && values[0] == 42;
    for (uint64_t i = 1; i < values.size(); ++i) read_back &= values[i] == i * 0x9e3779b97f4a7c15u;
    CHECK(read_back);
  }
}

TEST_CASE("pages mapped ahead keep what is there and take what is then written", "[memory]") {
  vrsx::io::MapPages(nullptr, 0);
  vrsx::io::MapPages(nullptr, size_t(64) << 20);
  std::vector<uint8_t> buffer((size_t(3) << 20) + 5000);
  for (size_t i = 0; i < buffer.size(); ++i) buffer[i] = uint8_t(i * 13 + 1);
  vrsx::io::MapPages(buffer.data() + 3, buffer.size() - 3);  // unaligned: inner pages only
  bool intact = true;
  for (size_t i = 0; i < buffer.size(); ++i) intact &= buffer[i] == uint8_t(i * 13 + 1);
  CHECK(intact);

  // Filled after what it holds already, to exactly the count reserved.
  std::vector<uint32_t> positions{7, 8};
  vrsx::io::ReserveToFill(positions, size_t(1) << 20);
  CHECK(positions.capacity() >= (size_t(1) << 20));
  CHECK(positions == std::vector<uint32_t>{7, 8});
  while (positions.size() < positions.capacity()) positions.push_back(uint32_t(positions.size()));
  bool filled = positions[0] == 7 && positions[1] == 8;
  for (size_t i = 2; i < positions.size(); ++i) filled &= positions[i] == i;
  CHECK(filled);
  vrsx::io::ReserveToFill(positions, 10);  // less than it holds: nothing to do
  CHECK(positions.size() >= (size_t(1) << 20));
}
