// vrsx_media_bench: decode throughput of vrsx's opus and h264/h265 decoders against the codec
// libraries alone (libopus, libavcodec) on the same packets, in the same run. The inputs are
// encoded here: 10 s of stereo 48 kHz sines as 20 ms opus packets, and 120 frames of 320x240
// video with a key frame every 30. Best of 5 runs each.
//
//   vrsx_media_bench
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <opus_multistream.h>
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}

#include "media/video_decoder.h"
#include "vrsx/audio.h"

namespace {

using Packets = std::vector<std::vector<uint8_t>>;

double BestSeconds(const std::function<void()>& run) {
  double best = 1e30;
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

void Report(const char* name, double ours, double library, double output_bytes, size_t units,
            const char* unit) {
  std::printf("%-6s vrsx %8.1f MB/s %9.0f %s/s | library alone %8.1f MB/s %9.0f %s/s | %5.1f%%\n",
              name, output_bytes / ours / 1e6, double(units) / ours, unit,
              output_bytes / library / 1e6, double(units) / library, unit, 100 * library / ours);
}

Packets EncodeOpus() {
  const unsigned char mapping[2] = {0, 1};
  int error = 0;
  OpusMSEncoder* encoder =
      opus_multistream_encoder_create(48000, 2, 1, 1, mapping, OPUS_APPLICATION_AUDIO, &error);
  opus_multistream_encoder_ctl(encoder, OPUS_SET_BITRATE(96000));
  Packets packets;
  std::vector<int16_t> pcm(960 * 2);
  for (int p = 0; p < 500; ++p) {
    for (int i = 0; i < 960; ++i) {
      double t = double(p * 960 + i) / 48000;
      pcm[size_t(2 * i)] = int16_t(10000 * std::sin(2 * M_PI * 440 * t));
      pcm[size_t(2 * i + 1)] = int16_t(10000 * std::sin(2 * M_PI * 660 * t));
    }
    std::vector<uint8_t> packet(4000);
    int size = opus_multistream_encode(encoder, pcm.data(), 960, packet.data(), 4000);
    packet.resize(size_t(std::max(size, 0)));
    packets.push_back(std::move(packet));
  }
  opus_multistream_encoder_destroy(encoder);
  return packets;
}

void BenchOpus() {
  Packets packets = EncodeOpus();
  const double bytes = 500.0 * 960 * 2 * 2;
  vrsx::AudioSpec spec;
  spec.format = vrsx::AudioFormat::kOpus;
  spec.sample_format = vrsx::AudioSampleFormat::kInt16Le;
  spec.channels = 2;
  spec.sample_rate = 48000;
  spec.stereo_pair_count = 1;
  double ours = BestSeconds([&] {
    vrsx::AudioDecoder decoder;
    vrsx::AudioSamples samples;
    for (const auto& packet : packets) (void)decoder.Decode(spec, packet, samples);
  });
  double library = BestSeconds([&] {
    const unsigned char mapping[2] = {0, 1};
    int error = 0;
    OpusMSDecoder* decoder = opus_multistream_decoder_create(48000, 2, 1, 1, mapping, &error);
    std::vector<int16_t> pcm(5760 * 2);
    int frames = 0;
    for (const auto& packet : packets) {
      frames +=
          opus_multistream_decode(decoder, packet.data(), int(packet.size()), pcm.data(), 5760, 0);
    }
    if (frames != 500 * 960) std::printf("libopus decoded %d frames\n", frames);
    opus_multistream_decoder_destroy(decoder);
  });
  Report("opus", ours, library, bytes, packets.size(), "packets");
}

constexpr int kWidth = 320, kHeight = 240, kFrames = 120;

Packets EncodeVideo(const char* encoder_name) {
  const AVCodec* codec = avcodec_find_encoder_by_name(encoder_name);
  AVCodecContext* context = avcodec_alloc_context3(codec);
  context->width = kWidth;
  context->height = kHeight;
  context->pix_fmt = AV_PIX_FMT_YUV420P;
  context->time_base = {1, 30};
  context->gop_size = 30;
  context->max_b_frames = 0;
  av_opt_set(context->priv_data, "preset", "veryfast", 0);
  av_opt_set(context->priv_data, "tune", "zerolatency", 0);
  av_opt_set(context->priv_data,
             std::string(encoder_name) == "libx264" ? "x264-params" : "x265-params",
             "keyint=30:min-keyint=30:scenecut=0:bframes=0:log-level=none", 0);
  avcodec_open2(context, codec, nullptr);
  AVFrame* frame = av_frame_alloc();
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = kWidth;
  frame->height = kHeight;
  av_frame_get_buffer(frame, 0);
  AVPacket* packet = av_packet_alloc();
  Packets packets;
  auto drain = [&] {
    while (avcodec_receive_packet(context, packet) == 0) {
      packets.emplace_back(packet->data, packet->data + packet->size);
      av_packet_unref(packet);
    }
  };
  for (int n = 0; n < kFrames; ++n) {
    av_frame_make_writable(frame);
    for (int p = 0; p < 3; ++p) {
      int w = p ? kWidth / 2 : kWidth, h = p ? kHeight / 2 : kHeight;
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          frame->data[p][y * frame->linesize[p] + x] =
              uint8_t((x * (p + 1) + y * 2 + n * 4) & 0xff);
        }
      }
    }
    frame->pts = n;
    avcodec_send_frame(context, frame);
    drain();
  }
  avcodec_send_frame(context, nullptr);
  drain();
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&context);
  return packets;
}

void BenchVideo(const char* name, const char* encoder, AVCodecID id, const char* codec_name) {
  Packets packets = EncodeVideo(encoder);
  const double bytes = double(packets.size()) * kWidth * kHeight * 3 / 2;
  double ours = BestSeconds([&] {
    std::unique_ptr<vrsx::media::VideoDecoder> decoder;
    (void)vrsx::media::VideoDecoder::Create(codec_name, decoder);
    vrsx::media::DecodedVideoFrame frame;
    for (size_t i = 0; i < packets.size(); ++i) {
      (void)decoder->DecodeFrame(packets[i], i % 30 == 0, frame);
    }
  });
  double library = BestSeconds([&] {
    const AVCodec* codec = avcodec_find_decoder(id);
    AVCodecContext* context = avcodec_alloc_context3(codec);
    context->thread_count = 1;
    avcodec_open2(context, codec, nullptr);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    std::vector<uint8_t> padded;
    for (const auto& p : packets) {
      padded.assign(p.size() + AV_INPUT_BUFFER_PADDING_SIZE, 0);
      std::copy(p.begin(), p.end(), padded.begin());
      packet->data = padded.data();
      packet->size = int(p.size());
      avcodec_send_packet(context, packet);
      while (avcodec_receive_frame(context, frame) == 0) av_frame_unref(frame);
    }
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&context);
  });
  Report(name, ours, library, bytes, packets.size(), "frames");
}

}  // namespace

int main() {
  av_log_set_level(AV_LOG_QUIET);
  BenchOpus();
  BenchVideo("h264", "libx264", AV_CODEC_ID_H264, "H.264");
  BenchVideo("h265", "libx265", AV_CODEC_ID_HEVC, "H.265");
  return 0;
}
