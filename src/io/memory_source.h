// A FileSource over bytes in memory, not copied.
#pragma once

#include <string>

#include "vrsx/file_source.h"

namespace vrsx::io {

class MemorySource final : public FileSource {
 public:
  MemorySource(const uint8_t* data, size_t size, std::string name)
      : data_(data), size_(size), name_(std::move(name)) {}

  const std::string& name() const override { return name_; }
  uint64_t size() const override { return size_; }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override;

 private:
  const uint8_t* data_;
  size_t size_;
  std::string name_;
};

}  // namespace vrsx::io
