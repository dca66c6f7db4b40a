// Optional dependencies opened with dlopen on first use rather than linked: linked, their
// dependency trees were loaded into every program using libvrsx at start (libcurl:
// io/http/curl_library.h, libavcodec: media/libav_library.h, libjxl: media/jxl_library.h).
#pragma once

#include <string>

namespace vrsx::io {

class SharedLibrary {
 public:
  // Opens `soname` now (every symbol bound) and never closes it: objects made by the library
  // may live until the program ends.
  explicit SharedLibrary(const char* soname);

  bool loaded() const { return handle_ != nullptr; }

  // Looks `name` up into `out`; false when it is missing (or the library is not loaded), and
  // missing() is then the first name that was.
  template <typename Function>
  bool Resolve(const char* name, Function& out) {
    out = reinterpret_cast<Function>(Symbol(name));
    if (out == nullptr && missing_.empty()) missing_ = name;
    return out != nullptr;
  }
  const std::string& missing() const { return missing_; }

 private:
  void* Symbol(const char* name) const;

  void* handle_ = nullptr;
  std::string missing_;
};

// A library's table of functions, loaded once, or why it could not be.
template <typename Table>
struct LoadedTable {
  Table table{};
  bool ok = false;
  std::string error;

  // The table, or nullptr with `why` (when given) set to the error.
  const Table* Get(std::string* why) const {
    if (!ok && why != nullptr) *why = error;
    return ok ? &table : nullptr;
  }
};

}  // namespace vrsx::io
