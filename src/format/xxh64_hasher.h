// Streaming XXH64 (seed 0), the hash of serial numbers and of the CLI's checksums.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct XXH64_state_s;

namespace vrsx::format {

class Xxh64Hasher {
 public:
  Xxh64Hasher();
  ~Xxh64Hasher();
  Xxh64Hasher(const Xxh64Hasher&) = delete;
  Xxh64Hasher& operator=(const Xxh64Hasher&) = delete;

  void Add(const void* data, size_t size);
  void Add(std::string_view text) { Add(text.data(), text.size()); }
  uint64_t Digest() const;
  // The digest as 16 lowercase hex digits.
  std::string Hex() const { return Hex16(Digest()); }

  static std::string Hex16(uint64_t value);

 private:
  XXH64_state_s* state_;
};

}  // namespace vrsx::format
