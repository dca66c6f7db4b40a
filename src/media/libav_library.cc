#include "media/libav_library.h"

#ifdef VRSX_HAVE_VIDEO

#include <dlfcn.h>

#include <libavutil/macros.h>

namespace vrsx::media {

namespace {

struct Loaded {
  LibavLibrary library{};
  bool ok = false;
  std::string error;
};

template <typename Function>
bool Resolve(void* handle, const char* name, Function& out, std::string& error) {
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (out == nullptr && error.empty()) error = std::string("libavcodec: no symbol ") + name;
  return out != nullptr;
}

Loaded Load() {
  Loaded loaded;
  const char* codec_name = "libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR);
  const char* util_name = "libavutil.so." AV_STRINGIFY(LIBAVUTIL_VERSION_MAJOR);
  // Never closed: decoders may live until the program ends.
  void* util = dlopen(util_name, RTLD_NOW | RTLD_LOCAL);
  void* codec = util ? dlopen(codec_name, RTLD_NOW | RTLD_LOCAL) : nullptr;
  if (codec == nullptr) {
    loaded.error = std::string("video: cannot load ") + (util ? codec_name : util_name) +
                   " (install libavcodec" AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR) ")";
    return loaded;
  }
  LibavLibrary& l = loaded.library;
  std::string& e = loaded.error;
  // Every symbol is looked up, so that the error names the first one missing.
  bool ok = true;
  ok = Resolve(codec, "avcodec_find_decoder", l.avcodec_find_decoder, e) && ok;
  ok = Resolve(codec, "avcodec_alloc_context3", l.avcodec_alloc_context3, e) && ok;
  ok = Resolve(codec, "avcodec_open2", l.avcodec_open2, e) && ok;
  ok = Resolve(codec, "avcodec_free_context", l.avcodec_free_context, e) && ok;
  ok = Resolve(codec, "avcodec_send_packet", l.avcodec_send_packet, e) && ok;
  ok = Resolve(codec, "avcodec_receive_frame", l.avcodec_receive_frame, e) && ok;
  ok = Resolve(codec, "avcodec_flush_buffers", l.avcodec_flush_buffers, e) && ok;
  ok = Resolve(codec, "av_packet_alloc", l.av_packet_alloc, e) && ok;
  ok = Resolve(codec, "av_packet_unref", l.av_packet_unref, e) && ok;
  ok = Resolve(codec, "av_packet_free", l.av_packet_free, e) && ok;
  ok = Resolve(util, "av_frame_alloc", l.av_frame_alloc, e) && ok;
  ok = Resolve(util, "av_frame_unref", l.av_frame_unref, e) && ok;
  ok = Resolve(util, "av_frame_free", l.av_frame_free, e) && ok;
  ok = Resolve(util, "av_strerror", l.av_strerror, e) && ok;
  ok = Resolve(util, "av_get_pix_fmt_name", l.av_get_pix_fmt_name, e) && ok;
  loaded.ok = ok;
  return loaded;
}

}  // namespace

const LibavLibrary* Libav(std::string* error) {
  static const Loaded loaded = Load();  // thread-safe once
  if (!loaded.ok && error != nullptr) *error = loaded.error;
  return loaded.ok ? &loaded.library : nullptr;
}

}  // namespace vrsx::media

#endif  // VRSX_HAVE_VIDEO
