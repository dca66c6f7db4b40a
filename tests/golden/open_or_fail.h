// Opening the golden recordings, which are intact: a failure to open ends the test.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "vrsx/reader.h"

namespace vrsx::testing {

// Opens `path` with `reader`, or stops the test naming the file and why.
inline void OpenOrFail(Reader& reader, const std::string& path) {
  Status status = reader.Open(path);
  INFO(path << ": " << status.message());
  REQUIRE(status.ok());
  REQUIRE(reader.IsOpen());
}

}  // namespace vrsx::testing
