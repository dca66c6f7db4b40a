// libjxl, loaded on the first image/jxl block rather than when a program starts: linked in, its
// dependencies (highway, brotli, lcms2) were loaded into every `vrsx` command, and highway
// calibrated its timer there: ~4 ms of a 6 ms start. Only with VRSX_WITH_JXL; the soname is
// that of the headers vrsx was built with, so the ABI is the one compiled for.
#pragma once

#ifdef VRSX_WITH_JXL

#include <jxl/decode.h>

#include <string>

namespace vrsx::media {

// The functions of libjxl that the image decoder calls.
struct JxlLibrary {
  decltype(&::JxlDecoderCreate) JxlDecoderCreate;
  decltype(&::JxlDecoderDestroy) JxlDecoderDestroy;
  decltype(&::JxlDecoderReset) JxlDecoderReset;
  decltype(&::JxlDecoderSubscribeEvents) JxlDecoderSubscribeEvents;
  decltype(&::JxlDecoderSetInput) JxlDecoderSetInput;
  decltype(&::JxlDecoderCloseInput) JxlDecoderCloseInput;
  decltype(&::JxlDecoderProcessInput) JxlDecoderProcessInput;
  decltype(&::JxlDecoderGetBasicInfo) JxlDecoderGetBasicInfo;
  decltype(&::JxlDecoderImageOutBufferSize) JxlDecoderImageOutBufferSize;
  decltype(&::JxlDecoderSetImageOutBuffer) JxlDecoderSetImageOutBuffer;
};

// The library, loaded once (thread-safe), or nullptr with `error` saying what is missing.
const JxlLibrary* Jxl(std::string* error = nullptr);

}  // namespace vrsx::media

#endif  // VRSX_WITH_JXL
