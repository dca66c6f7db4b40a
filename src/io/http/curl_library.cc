#include "io/http/curl_library.h"

#include "io/shared_library.h"

namespace vrsx::io {

namespace {

constexpr const char* kSoname = "libcurl.so.4";

using Loaded = LoadedTable<CurlLibrary>;

Loaded Load() {
  Loaded loaded;
  SharedLibrary curl(kSoname);
  if (!curl.loaded()) {
    loaded.error = std::string("URLs: cannot load ") + kSoname + " (install libcurl4)";
    return loaded;
  }
  CurlLibrary& l = loaded.table;
  // Every symbol is looked up, so that the error names the first one missing.
  bool ok = true;
  ok = curl.Resolve("curl_global_init", l.global_init) && ok;
  ok = curl.Resolve("curl_easy_init", l.easy_init) && ok;
  ok = curl.Resolve("curl_easy_cleanup", l.easy_cleanup) && ok;
  ok = curl.Resolve("curl_easy_reset", l.easy_reset) && ok;
  ok = curl.Resolve("curl_easy_setopt", l.easy_setopt) && ok;
  ok = curl.Resolve("curl_easy_getinfo", l.easy_getinfo) && ok;
  ok = curl.Resolve("curl_easy_perform", l.easy_perform) && ok;
  ok = curl.Resolve("curl_easy_strerror", l.easy_strerror) && ok;
  ok = curl.Resolve("curl_slist_append", l.slist_append) && ok;
  ok = curl.Resolve("curl_slist_free_all", l.slist_free_all) && ok;
  if (!ok) {
    loaded.error = std::string(kSoname) + ": no symbol " + curl.missing();
  } else if (l.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    loaded.error = "URLs: libcurl failed to initialize";
    ok = false;
  }
  loaded.ok = ok;
  return loaded;
}

}  // namespace

const CurlLibrary* Curl(std::string* error) {
  static const Loaded loaded = Load();  // thread-safe once
  return loaded.Get(error);
}

}  // namespace vrsx::io
