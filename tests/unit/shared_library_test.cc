// io::SharedLibrary, which loads libcurl and libavcodec on first use.
#include "io/shared_library.h"

#include <catch2/catch.hpp>

#include <cstring>

using vrsx::io::SharedLibrary;

TEST_CASE("a shared library that is there gives its symbols", "[io]") {
  SharedLibrary libc("libc.so.6");
  REQUIRE(libc.loaded());
  decltype(&std::strlen) length = nullptr;
  REQUIRE(libc.Resolve("strlen", length));
  CHECK(length("four") == 4);
  CHECK(libc.missing().empty());
  decltype(&std::strlen) none = nullptr;
  CHECK_FALSE(libc.Resolve("vrsx_no_such_symbol", none));
  CHECK(none == nullptr);
  CHECK_FALSE(libc.Resolve("vrsx_nor_this_one", none));
  CHECK(libc.missing() == "vrsx_no_such_symbol");  // the first one missing
}

TEST_CASE("a shared library that is not there resolves nothing", "[io]") {
  SharedLibrary missing("libvrsx-no-such-library.so.0");
  CHECK_FALSE(missing.loaded());
  decltype(&std::strlen) length = nullptr;
  CHECK_FALSE(missing.Resolve("strlen", length));
  CHECK(length == nullptr);
  CHECK(missing.missing() == "strlen");
}
