// ReadAhead: whatever the mix of small, large, sequential and random reads, every read returns
// the file's bytes, across the window's edges and the chunks' boundaries.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "reader/read_ahead.h"

namespace {

namespace fs = std::filesystem;

uint8_t ByteAt(uint64_t offset) {
  return uint8_t(offset * 7 + offset / 251);
}

// A file of `size` known bytes cut into chunks at `cuts`, removed at the end of the test.
class PatternFile {
 public:
  PatternFile(uint64_t size, const std::vector<uint64_t>& cuts) {
    std::string base = (fs::temp_directory_path() /
                        ("vrsx-read-ahead-test-" + std::to_string(::getpid()) + ".vrs"))
                           .string();
    uint64_t start = 0;
    for (size_t c = 0; c <= cuts.size(); ++c) {
      uint64_t end = c < cuts.size() ? cuts[c] : size;
      std::string path = c == 0 ? base : base + "_" + std::to_string(c);
      std::vector<char> bytes(end - start);
      for (uint64_t i = start; i < end; ++i) bytes[i - start] = char(ByteAt(i));
      std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
      paths_.push_back(path);
      start = end;
    }
  }
  ~PatternFile() {
    for (const std::string& path : paths_) fs::remove(path);
  }
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::vector<std::string> paths_;
};

bool HoldsFileBytes(const std::vector<uint8_t>& bytes, uint64_t offset) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != ByteAt(offset + i)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("read ahead: every read returns the file's bytes", "[format][read_ahead]") {
  constexpr uint64_t kSize = 5 << 20;
  PatternFile pattern(kSize, {(1 << 20) + 77, 3 << 20});
  vrsx::format::ChunkedFile file;
  REQUIRE(file.Open(pattern.paths()).ok());
  vrsx::reading::ReadAhead reader(file);
  std::vector<uint8_t> bytes;
  auto read = [&](uint64_t offset, size_t size) {
    bytes.assign(size, 0);
    REQUIRE(reader.Read(offset, bytes.data(), size).ok());
    REQUIRE(HoldsFileBytes(bytes, offset));
  };

  SECTION("records of every size, one after the other") {
    // Header then payload, like the reader: small, medium, and large payloads that go direct.
    std::mt19937 random(7);
    const size_t sizes[] = {0, 1, 64, 4000, 5000, 65535, 65536, 300000, 2 << 20};
    uint64_t offset = 0;
    while (true) {
      size_t payload = sizes[random() % std::size(sizes)];
      if (offset + 32 + payload > kSize) break;
      read(offset, 32);
      read(offset + 32, payload);
      offset += 32 + payload;
    }
  }
  SECTION("random reads, and sequential runs after them") {
    std::mt19937 random(11);
    for (int i = 0; i < 300; ++i) {
      size_t size = random() % 3 == 0 ? random() % 200000 : random() % 100;
      uint64_t offset = random() % (kSize - size);
      read(offset, size);
      if (offset + size + 100 <= kSize) read(offset + size, 100);
    }
  }
  SECTION("a read past the end fails, and reading goes on") {
    read(kSize - 1000, 500);
    bytes.assign(1000, 0);
    CHECK(reader.Read(kSize - 500, bytes.data(), bytes.size()).code() ==
          vrsx::ErrorCode::kTruncated);
    read(kSize - 500, 500);
    read(0, 100);
    read(100, 100000);
  }
}
