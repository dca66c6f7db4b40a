#include "io/http/curl_library.h"

#include <dlfcn.h>

namespace vrsx::io {

namespace {

constexpr const char* kSoname = "libcurl.so.4";

struct Loaded {
  CurlLibrary library{};
  bool ok = false;
  std::string error;
};

template <typename Function>
bool Resolve(void* handle, const char* name, Function& out, std::string& error) {
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (out == nullptr && error.empty()) error = std::string(kSoname) + ": no symbol " + name;
  return out != nullptr;
}

Loaded Load() {
  Loaded loaded;
  void* curl = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);  // never closed: handles may outlive us
  if (curl == nullptr) {
    loaded.error = std::string("URLs: cannot load ") + kSoname + " (install libcurl4)";
    return loaded;
  }
  CurlLibrary& l = loaded.library;
  std::string& e = loaded.error;
  // Every symbol is looked up, so that the error names the first one missing.
  bool ok = true;
  ok = Resolve(curl, "curl_global_init", l.global_init, e) && ok;
  ok = Resolve(curl, "curl_easy_init", l.easy_init, e) && ok;
  ok = Resolve(curl, "curl_easy_cleanup", l.easy_cleanup, e) && ok;
  ok = Resolve(curl, "curl_easy_reset", l.easy_reset, e) && ok;
  ok = Resolve(curl, "curl_easy_setopt", l.easy_setopt, e) && ok;
  ok = Resolve(curl, "curl_easy_getinfo", l.easy_getinfo, e) && ok;
  ok = Resolve(curl, "curl_easy_perform", l.easy_perform, e) && ok;
  ok = Resolve(curl, "curl_easy_strerror", l.easy_strerror, e) && ok;
  if (ok && l.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    e = "URLs: libcurl failed to initialize";
    ok = false;
  }
  loaded.ok = ok;
  return loaded;
}

}  // namespace

const CurlLibrary* Curl(std::string* error) {
  static const Loaded loaded = Load();  // thread-safe once
  if (!loaded.ok && error != nullptr) *error = loaded.error;
  return loaded.ok ? &loaded.library : nullptr;
}

}  // namespace vrsx::io
