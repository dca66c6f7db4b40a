#include "media/libav_library.h"

#ifdef VRSX_HAVE_VIDEO

#include "io/shared_library.h"

#include <libavutil/macros.h>

namespace vrsx::media {

namespace {

using Loaded = io::LoadedTable<LibavLibrary>;

Loaded Load() {
  Loaded loaded;
  const char* codec_name = "libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR);
  const char* util_name = "libavutil.so." AV_STRINGIFY(LIBAVUTIL_VERSION_MAJOR);
  io::SharedLibrary util(util_name);
  io::SharedLibrary codec(codec_name);
  if (!util.loaded() || !codec.loaded()) {
    loaded.error = std::string("video: cannot load ") + (util.loaded() ? codec_name : util_name) +
                   " (install libavcodec" AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR) ")";
    return loaded;
  }
  LibavLibrary& l = loaded.table;
  // Every symbol is looked up, so that the error names the first one missing.
  bool ok = true;
  ok = codec.Resolve("avcodec_find_decoder", l.avcodec_find_decoder) && ok;
  ok = codec.Resolve("avcodec_alloc_context3", l.avcodec_alloc_context3) && ok;
  ok = codec.Resolve("avcodec_open2", l.avcodec_open2) && ok;
  ok = codec.Resolve("avcodec_free_context", l.avcodec_free_context) && ok;
  ok = codec.Resolve("avcodec_send_packet", l.avcodec_send_packet) && ok;
  ok = codec.Resolve("avcodec_receive_frame", l.avcodec_receive_frame) && ok;
  ok = codec.Resolve("avcodec_flush_buffers", l.avcodec_flush_buffers) && ok;
  ok = codec.Resolve("av_packet_alloc", l.av_packet_alloc) && ok;
  ok = codec.Resolve("av_packet_unref", l.av_packet_unref) && ok;
  ok = codec.Resolve("av_packet_free", l.av_packet_free) && ok;
  ok = util.Resolve("av_frame_alloc", l.av_frame_alloc) && ok;
  ok = util.Resolve("av_frame_unref", l.av_frame_unref) && ok;
  ok = util.Resolve("av_frame_free", l.av_frame_free) && ok;
  ok = util.Resolve("av_strerror", l.av_strerror) && ok;
  ok = util.Resolve("av_get_pix_fmt_name", l.av_get_pix_fmt_name) && ok;
  if (!ok) {
    const std::string& missing = codec.missing().empty() ? util.missing() : codec.missing();
    loaded.error = "libavcodec: no symbol " + missing;
  }
  loaded.ok = ok;
  return loaded;
}

}  // namespace

const LibavLibrary* Libav(std::string* error) {
  static const Loaded loaded = Load();  // thread-safe once
  return loaded.Get(error);
}

}  // namespace vrsx::media

#endif  // VRSX_HAVE_VIDEO
