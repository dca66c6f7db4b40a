// `copy --zero-vrs` (spec 03-cli.md §7.6): replaces the image and audio blocks of records by
// zeros of the same size, keeping every other byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record.h"

namespace vrsx::cli {

class ZeroVrsFilter {
 public:
  explicit ZeroVrsFilter(const Reader& reader);
  ~ZeroVrsFilter();
  ZeroVrsFilter(const ZeroVrsFilter&) = delete;
  ZeroVrsFilter& operator=(const ZeroVrsFilter&) = delete;

  // `payload` is record `pos` as ReadRecord returned it with `details`; records are given in
  // writing order (configuration records complete the image/audio specs of later records).
  void Apply(size_t pos, const RecordDetails& details, std::vector<uint8_t>& payload);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vrsx::cli
