// io::SharedLibrary, which loads libcurl, libavcodec and libjxl on first use, and the table of
// functions each loader keeps.
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

TEST_CASE("a loaded table gives its functions, or says why it has none", "[io]") {
  struct Table {
    int (*answer)() = nullptr;
  };
  vrsx::io::LoadedTable<Table> missing;
  missing.error = "cannot load libnothing.so.0";
  std::string why;
  CHECK(missing.Get(&why) == nullptr);
  CHECK(why == "cannot load libnothing.so.0");
  CHECK(missing.Get(nullptr) == nullptr);

  vrsx::io::LoadedTable<Table> loaded;
  loaded.table.answer = [] { return 42; };
  loaded.ok = true;
  std::string untouched = "unchanged";
  const Table* table = loaded.Get(&untouched);
  REQUIRE(table != nullptr);
  CHECK(table->answer() == 42);
  CHECK(untouched == "unchanged");
}
