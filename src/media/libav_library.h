// libavcodec and libavutil, loaded on the first video frame rather than when a program starts:
// linked in, their dependency tree (45 shared libraries on Debian) cost every `vrsx` command
// ~30 ms of dynamic loading before main, video or not. Only with VRSX_HAVE_VIDEO; the sonames
// are the major versions of the headers vrsx was built with, so the ABI is the one compiled for.
#pragma once

#ifdef VRSX_HAVE_VIDEO

#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
}

namespace vrsx::media {

// The functions of libavcodec and libavutil that the video decoder calls.
struct LibavLibrary {
  decltype(&::avcodec_find_decoder) avcodec_find_decoder;
  decltype(&::avcodec_alloc_context3) avcodec_alloc_context3;
  decltype(&::avcodec_open2) avcodec_open2;
  decltype(&::avcodec_free_context) avcodec_free_context;
  decltype(&::avcodec_send_packet) avcodec_send_packet;
  decltype(&::avcodec_receive_frame) avcodec_receive_frame;
  decltype(&::avcodec_flush_buffers) avcodec_flush_buffers;
  decltype(&::av_packet_alloc) av_packet_alloc;
  decltype(&::av_packet_unref) av_packet_unref;
  decltype(&::av_packet_free) av_packet_free;
  decltype(&::av_frame_alloc) av_frame_alloc;
  decltype(&::av_frame_unref) av_frame_unref;
  decltype(&::av_frame_free) av_frame_free;
  decltype(&::av_strerror) av_strerror;
  decltype(&::av_get_pix_fmt_name) av_get_pix_fmt_name;
};

// The libraries, loaded once (thread-safe), or nullptr with `error` saying what is missing.
const LibavLibrary* Libav(std::string* error = nullptr);

}  // namespace vrsx::media

#endif  // VRSX_HAVE_VIDEO
