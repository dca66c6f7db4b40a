#include "media/video_encoder.h"

#include <algorithm>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}

namespace vrsx::testing {

namespace {

struct FreeContext {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FreeFrame {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct FreePacket {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};

}  // namespace

// Source frame n, yuv420p planes back to back: a moving gradient with a bright square.
std::vector<uint8_t> SourceFrame(const VideoShape& shape, int n) {
  std::vector<uint8_t> frame(shape.frame_size());
  for (int y = 0; y < shape.height; ++y) {
    for (int x = 0; x < shape.width; ++x) {
      int v = 40 + (x * 2 + y + n * 3) % 120;
      if (x >= 10 + 2 * n && x < 26 + 2 * n && y >= 12 && y < 28) v = 220;
      frame[size_t(y) * size_t(shape.width) + size_t(x)] = uint8_t(v);
    }
  }
  const size_t luma = size_t(shape.width) * size_t(shape.height);
  for (size_t i = 0; i < shape.chroma_size(); ++i) {
    frame[luma + i] = uint8_t(110 + (i + size_t(n)) % 20);
    frame[luma + shape.chroma_size() + i] = uint8_t(140 - i % 16);
  }
  return frame;
}

const char* EncoderName(media::VideoCodec codec) {
  return codec == media::VideoCodec::kH264 ? "libx264" : "libx265";
}

// Whether this libavcodec has the encoder (Debian's has both; others may lack them).
bool HasVideoEncoder(media::VideoCodec codec) {
  return avcodec_find_encoder_by_name(EncoderName(codec)) != nullptr;
}

bool EncodeTestVideo(media::VideoCodec codec, const VideoShape& shape,
                     std::vector<VideoPacket>& packets, std::string& error) {
  packets.clear();
  av_log_set_level(AV_LOG_QUIET);
  const AVCodec* encoder = avcodec_find_encoder_by_name(EncoderName(codec));
  if (encoder == nullptr) {
    error = std::string("libavcodec has no ") + EncoderName(codec) + " encoder";
    return false;
  }
  std::unique_ptr<AVCodecContext, FreeContext> context(avcodec_alloc_context3(encoder));
  context->width = shape.width;
  context->height = shape.height;
  context->pix_fmt = AV_PIX_FMT_YUV420P;
  context->time_base = {1, 30};
  context->framerate = {30, 1};
  context->gop_size = shape.group;
  context->max_b_frames = shape.bframes;
  context->thread_count = 1;
  av_opt_set(context->priv_data, "preset", "ultrafast", 0);
  // zerolatency forbids B-frames; b-adapt=0 puts them wherever allowed (a fixed pattern).
  if (shape.bframes == 0) av_opt_set(context->priv_data, "tune", "zerolatency", 0);
  std::string keyint = "keyint=" + std::to_string(shape.group) +
                       ":min-keyint=" + std::to_string(shape.group) +
                       ":scenecut=0:bframes=" + std::to_string(shape.bframes);
  if (shape.bframes > 0) keyint += ":b-adapt=0";
  if (codec == media::VideoCodec::kH264) {
    av_opt_set(context->priv_data, "x264-params", keyint.c_str(), 0);
  } else {
    av_opt_set(context->priv_data, "x265-params", (keyint + ":log-level=none:open-gop=0").c_str(),
               0);
  }
  av_opt_set(context->priv_data, "crf", "18", 0);
  if (avcodec_open2(context.get(), encoder, nullptr) != 0) {
    error = std::string("can't open the ") + EncoderName(codec) + " encoder";
    return false;
  }
  std::unique_ptr<AVFrame, FreeFrame> frame(av_frame_alloc());
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = shape.width;
  frame->height = shape.height;
  std::unique_ptr<AVPacket, FreePacket> packet(av_packet_alloc());
  if (av_frame_get_buffer(frame.get(), 0) != 0 || !packet) {
    error = "out of memory";
    return false;
  }
  auto drain = [&] {
    while (avcodec_receive_packet(context.get(), packet.get()) == 0) {
      packets.push_back({std::vector<uint8_t>(packet->data, packet->data + packet->size),
                         (packet->flags & AV_PKT_FLAG_KEY) != 0, packet->pts});
      av_packet_unref(packet.get());
    }
  };
  for (int n = 0; n < shape.frames; ++n) {
    if (av_frame_make_writable(frame.get()) != 0) {
      error = "can't write a frame";
      return false;
    }
    std::vector<uint8_t> source = SourceFrame(shape, n);
    const uint8_t* plane = source.data();
    for (int p = 0; p < 3; ++p) {
      int w = p == 0 ? shape.width : shape.width / 2, h = p == 0 ? shape.height : shape.height / 2;
      for (int y = 0; y < h; ++y) {
        std::copy_n(plane + y * w, w, frame->data[p] + y * frame->linesize[p]);
      }
      plane += w * h;
    }
    frame->pts = n;
    if (avcodec_send_frame(context.get(), frame.get()) != 0) {
      error = "the encoder refused frame " + std::to_string(n);
      return false;
    }
    drain();
  }
  if (avcodec_send_frame(context.get(), nullptr) != 0) {
    error = "the encoder failed to flush";
    return false;
  }
  drain();
  return true;
}

}  // namespace vrsx::testing
