// Preloaded into a `vrsx` process by tests (LD_PRELOAD): makes dlopen fail for the libraries
// whose name contains $VRSX_TEST_BLOCK_DLOPEN, as on a machine without them, so that a test on a
// machine that has the optional libraries vrsx loads on first use (libcurl, libavcodec, libjxl)
// can see what a user without them sees.
#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

extern "C" void* dlopen(const char* file, int mode) {
  using Dlopen = void* (*)(const char*, int);
  static const Dlopen real_dlopen = reinterpret_cast<Dlopen>(dlsym(RTLD_NEXT, "dlopen"));
  const char* blocked = std::getenv("VRSX_TEST_BLOCK_DLOPEN");
  if (file != nullptr && blocked != nullptr && *blocked != '\0' &&
      std::strstr(file, blocked) != nullptr) {
    return nullptr;
  }
  return real_dlopen(file, mode);
}
