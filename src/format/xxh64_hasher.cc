#include "format/xxh64_hasher.h"

#include <xxhash.h>

#include <cinttypes>
#include <cstdio>

namespace vrsx::format {

Xxh64Hasher::Xxh64Hasher() : state_(XXH64_createState()) {
  XXH64_reset(state_, 0);
}

Xxh64Hasher::~Xxh64Hasher() {
  XXH64_freeState(state_);
}

void Xxh64Hasher::Add(const void* data, size_t size) {
  if (size > 0) XXH64_update(state_, data, size);
}

uint64_t Xxh64Hasher::Digest() const {
  return XXH64_digest(state_);
}

std::string Xxh64Hasher::Hex16(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIx64, value);
  return text;
}

}  // namespace vrsx::format
