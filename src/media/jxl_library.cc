#include "media/jxl_library.h"

#ifdef VRSX_WITH_JXL

#include <jxl/version.h>

#include "io/shared_library.h"

namespace vrsx::media {

namespace {

#define VRSX_JXL_STRINGIFY2(x) #x
#define VRSX_JXL_STRINGIFY(x) VRSX_JXL_STRINGIFY2(x)
// Before 1.0, each minor version of libjxl is its own ABI: libjxl.so.0.7.
#if JPEGXL_MAJOR_VERSION == 0
constexpr const char* kSoname = "libjxl.so.0." VRSX_JXL_STRINGIFY(JPEGXL_MINOR_VERSION);
#else
constexpr const char* kSoname = "libjxl.so." VRSX_JXL_STRINGIFY(JPEGXL_MAJOR_VERSION);
#endif

using Loaded = io::LoadedTable<JxlLibrary>;

Loaded Load() {
  Loaded loaded;
  io::SharedLibrary jxl(kSoname);
  if (!jxl.loaded()) {
    loaded.error = std::string("image/jxl: cannot load ") + kSoname + " (install libjxl)";
    return loaded;
  }
  JxlLibrary& l = loaded.table;
  // Every symbol is looked up, so that the error names the first one missing.
  bool ok = true;
  ok = jxl.Resolve("JxlDecoderCreate", l.JxlDecoderCreate) && ok;
  ok = jxl.Resolve("JxlDecoderDestroy", l.JxlDecoderDestroy) && ok;
  ok = jxl.Resolve("JxlDecoderReset", l.JxlDecoderReset) && ok;
  ok = jxl.Resolve("JxlDecoderSubscribeEvents", l.JxlDecoderSubscribeEvents) && ok;
  ok = jxl.Resolve("JxlDecoderSetInput", l.JxlDecoderSetInput) && ok;
  ok = jxl.Resolve("JxlDecoderCloseInput", l.JxlDecoderCloseInput) && ok;
  ok = jxl.Resolve("JxlDecoderProcessInput", l.JxlDecoderProcessInput) && ok;
  ok = jxl.Resolve("JxlDecoderGetBasicInfo", l.JxlDecoderGetBasicInfo) && ok;
  ok = jxl.Resolve("JxlDecoderImageOutBufferSize", l.JxlDecoderImageOutBufferSize) && ok;
  ok = jxl.Resolve("JxlDecoderSetImageOutBuffer", l.JxlDecoderSetImageOutBuffer) && ok;
  if (!ok) loaded.error = "image/jxl: no symbol " + jxl.missing() + " in " + kSoname;
  loaded.ok = ok;
  return loaded;
}

}  // namespace

const JxlLibrary* Jxl(std::string* error) {
  static const Loaded loaded = Load();  // thread-safe once
  return loaded.Get(error);
}

}  // namespace vrsx::media

#endif  // VRSX_WITH_JXL
