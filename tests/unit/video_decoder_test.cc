// VideoDecoder and VideoFrameReader: h264 and h265 frames encoded with libavcodec's encoders
// (libx264, libx265), written with the Writer, decoded in order and at random, compared with
// what libavcodec alone decodes from the same packets and with the source frames; garbage.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "media/video_decoder.h"
#include "media/video_frame_reader.h"
#include "support/temp_dir.h"
#include "vrsx/conventions.h"
#include "vrsx/reader.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

#ifdef VRSX_TEST_VIDEO
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}
#endif

using vrsx::ErrorCode;
using vrsx::media::DecodedVideoFrame;
using vrsx::media::VideoCodec;
using vrsx::media::VideoCodecFromName;
using vrsx::media::VideoDecoder;

TEST_CASE("VideoCodecFromName: the free-text codec names", "[video]") {
  CHECK(VideoCodecFromName("H.264") == VideoCodec::kH264);
  CHECK(VideoCodecFromName("h264") == VideoCodec::kH264);
  CHECK(VideoCodecFromName("AVC") == VideoCodec::kH264);
  CHECK(VideoCodecFromName("H.265") == VideoCodec::kH265);
  CHECK(VideoCodecFromName("HEVC") == VideoCodec::kH265);
  CHECK(VideoCodecFromName("vp9") == VideoCodec::kUnknown);
  CHECK(VideoCodecFromName("") == VideoCodec::kUnknown);
  std::unique_ptr<VideoDecoder> decoder;
  CHECK(VideoDecoder::Create("vp9", decoder).code() == ErrorCode::kUnsupported);
  CHECK(decoder == nullptr);
}

#ifndef VRSX_TEST_VIDEO

TEST_CASE("VideoDecoder: without libavcodec, unsupported", "[video]") {
  CHECK_FALSE(vrsx::media::VideoSupported());
  std::unique_ptr<VideoDecoder> decoder;
  CHECK(VideoDecoder::Create("H.264", decoder).code() == ErrorCode::kUnsupported);
}

#else

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;
constexpr int kFrames = 10;
constexpr int kGroup = 5;  // a key frame every 5 frames
constexpr size_t kChromaSize = size_t(kWidth / 2) * (kHeight / 2);
constexpr size_t kFrameSize = size_t(kWidth) * kHeight + 2 * kChromaSize;

// Source frame n, yuv420p planes back to back: a moving gradient with a bright square.
std::vector<uint8_t> SourceFrame(int n) {
  std::vector<uint8_t> frame(kFrameSize);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      int v = 40 + (x * 2 + y + n * 3) % 120;
      if (x >= 10 + 2 * n && x < 26 + 2 * n && y >= 12 && y < 28) v = 220;
      frame[size_t(y) * kWidth + size_t(x)] = uint8_t(v);
    }
  }
  for (size_t i = 0; i < kChromaSize; ++i) {
    frame[size_t(kWidth) * kHeight + i] = uint8_t(110 + (i + size_t(n)) % 20);
    frame[size_t(kWidth) * kHeight + kChromaSize + i] = uint8_t(140 - i % 16);
  }
  return frame;
}

struct Packet {
  std::vector<uint8_t> bytes;
  bool key = false;
};

std::vector<Packet> Encode(VideoCodec codec) {
  av_log_set_level(AV_LOG_QUIET);
  const char* name = codec == VideoCodec::kH264 ? "libx264" : "libx265";
  const AVCodec* encoder = avcodec_find_encoder_by_name(name);
  REQUIRE(encoder != nullptr);
  AVCodecContext* context = avcodec_alloc_context3(encoder);
  context->width = kWidth;
  context->height = kHeight;
  context->pix_fmt = AV_PIX_FMT_YUV420P;
  context->time_base = {1, 30};
  context->framerate = {30, 1};
  context->gop_size = kGroup;
  context->max_b_frames = 0;
  context->thread_count = 1;
  av_opt_set(context->priv_data, "preset", "ultrafast", 0);
  av_opt_set(context->priv_data, "tune", "zerolatency", 0);
  if (codec == VideoCodec::kH264) {
    av_opt_set(context->priv_data, "x264-params", "keyint=5:min-keyint=5:scenecut=0:bframes=0", 0);
    av_opt_set(context->priv_data, "crf", "18", 0);
  } else {
    av_opt_set(context->priv_data, "x265-params",
               "keyint=5:min-keyint=5:scenecut=0:bframes=0:log-level=none:open-gop=0", 0);
    av_opt_set(context->priv_data, "crf", "18", 0);
  }
  REQUIRE(avcodec_open2(context, encoder, nullptr) == 0);
  AVFrame* frame = av_frame_alloc();
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = kWidth;
  frame->height = kHeight;
  REQUIRE(av_frame_get_buffer(frame, 0) == 0);
  AVPacket* packet = av_packet_alloc();
  std::vector<Packet> packets;
  auto drain = [&] {
    while (avcodec_receive_packet(context, packet) == 0) {
      packets.push_back({std::vector<uint8_t>(packet->data, packet->data + packet->size),
                         (packet->flags & AV_PKT_FLAG_KEY) != 0});
      av_packet_unref(packet);
    }
  };
  for (int n = 0; n < kFrames; ++n) {
    REQUIRE(av_frame_make_writable(frame) == 0);
    std::vector<uint8_t> source = SourceFrame(n);
    const uint8_t* plane = source.data();
    for (int p = 0; p < 3; ++p) {
      int w = p == 0 ? kWidth : kWidth / 2, h = p == 0 ? kHeight : kHeight / 2;
      for (int y = 0; y < h; ++y) {
        std::copy_n(plane + y * w, w, frame->data[p] + y * frame->linesize[p]);
      }
      plane += w * h;
    }
    frame->pts = n;
    REQUIRE(avcodec_send_frame(context, frame) == 0);
    drain();
  }
  REQUIRE(avcodec_send_frame(context, nullptr) == 0);
  drain();
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&context);
  return packets;
}

// libavcodec alone: every packet decoded in order, yuv420p planes back to back.
std::vector<std::vector<uint8_t> > LibavDecode(VideoCodec codec,
                                               const std::vector<Packet>& packets) {
  const AVCodec* decoder =
      avcodec_find_decoder(codec == VideoCodec::kH264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
  AVCodecContext* context = avcodec_alloc_context3(decoder);
  context->thread_count = 1;
  REQUIRE(avcodec_open2(context, decoder, nullptr) == 0);
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  std::vector<std::vector<uint8_t> > frames;
  auto drain = [&] {
    while (avcodec_receive_frame(context, frame) == 0) {
      std::vector<uint8_t> pixels;
      for (int p = 0; p < 3; ++p) {
        int w = p == 0 ? frame->width : (frame->width + 1) / 2;
        int h = p == 0 ? frame->height : (frame->height + 1) / 2;
        for (int y = 0; y < h; ++y) {
          const uint8_t* row = frame->data[p] + y * frame->linesize[p];
          pixels.insert(pixels.end(), row, row + w);
        }
      }
      frames.push_back(std::move(pixels));
    }
  };
  for (const Packet& p : packets) {
    std::vector<uint8_t> padded(p.bytes);
    padded.resize(p.bytes.size() + AV_INPUT_BUFFER_PADDING_SIZE, 0);
    packet->data = padded.data();
    packet->size = int(p.bytes.size());
    REQUIRE(avcodec_send_packet(context, packet) == 0);
    drain();
  }
  packet->data = nullptr;
  packet->size = 0;
  avcodec_send_packet(context, nullptr);
  drain();
  av_frame_free(&frame);
  av_packet_free(&packet);
  avcodec_free_context(&context);
  return frames;
}

double Psnr(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  double mse = sum / double(a.size());
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

struct FrameInfo : vrsx::TypedLayout<FrameInfo> {
  vrsx::Field<uint32_t> width{this, vrsx::conventions::kImageWidth};
  vrsx::Field<uint32_t> height{this, vrsx::conventions::kImageHeight};
  vrsx::Field<uint32_t> pixel_format{this, vrsx::conventions::kImagePixelFormat};
  vrsx::Field<double> key_frame_timestamp{this, vrsx::conventions::kImageKeyFrameTimestamp};
  vrsx::Field<uint32_t> key_frame_index{this, vrsx::conventions::kImageKeyFrameIndex};
};

// One video stream, frame n at time n, each with its key-frame fields; a PCM-free second stream
// interleaved so that PreviousInStream has records of another stream to skip.
void WriteVideoFile(const std::string& path, const std::string& codec_name,
                    const std::vector<Packet>& packets) {
  vrsx::StreamDefinition camera(214, "test/video");
  camera.record_formats.push_back({vrsx::RecordType::kData,
                                   1,
                                   vrsx::RecordFormat::Parse("data_layout+image/video/codec=" +
                                                             vrsx::EscapeCodecName(codec_name)),
                                   {{0, FrameInfo::Definition()}}});
  vrsx::StreamDefinition other(100, "test/other");
  vrsx::Writer writer;
  vrsx::StreamId id, other_id;
  REQUIRE(writer.AddStream(camera, id).ok());
  REQUIRE(writer.AddStream(other, other_id).ok());
  REQUIRE(writer.Create(path).ok());
  double key_time = 0;
  uint32_t since_key = 0;
  std::vector<uint8_t> block;
  for (size_t n = 0; n < packets.size(); ++n) {
    if (packets[n].key) {
      key_time = double(n);
      since_key = 0;
    }
    FrameInfo info;
    info.width = kWidth;
    info.height = kHeight;
    info.pixel_format = uint32_t(vrsx::PixelFormat::kYuvI420Split);
    info.key_frame_timestamp = key_time;
    info.key_frame_index = since_key++;
    block.clear();
    REQUIRE(info.Encode(block).ok());
    REQUIRE(writer.AddRecord(id, {vrsx::RecordType::kData, 1, double(n)}, {block, packets[n].bytes})
                .ok());
    const std::vector<uint8_t> other_payload = {1, 2, 3};
    REQUIRE(writer.AddRecord(other_id, {vrsx::RecordType::kData, 1, double(n) + 0.5}, other_payload)
                .ok());
  }
  REQUIRE(writer.Close().ok());
}

}  // namespace

TEST_CASE("VideoDecoder: h264 and h265 streams decode as libavcodec alone decodes them",
          "[video]") {
  for (auto [codec, name] :
       {std::pair{VideoCodec::kH264, "H.264"}, std::pair{VideoCodec::kH265, "H.265"}}) {
    CAPTURE(name);
    std::vector<Packet> packets = Encode(codec);
    REQUIRE(packets.size() == kFrames);
    for (int n = 0; n < kFrames; ++n) CHECK(packets[size_t(n)].key == (n % kGroup == 0));
    std::vector<std::vector<uint8_t> > reference = LibavDecode(codec, packets);
    REQUIRE(reference.size() == kFrames);

    // In order, through the decoder alone.
    std::unique_ptr<VideoDecoder> decoder;
    REQUIRE(VideoDecoder::Create(name, decoder).ok());
    DecodedVideoFrame frame;
    CHECK(decoder->DecodeFrame(packets[1].bytes, false, frame).code() ==
          ErrorCode::kInvalidArgument);  // no key frame yet
    for (int n = 0; n < kFrames; ++n) {
      CAPTURE(n);
      REQUIRE(decoder->DecodeFrame(packets[size_t(n)].bytes, packets[size_t(n)].key, frame).ok());
      CHECK(frame.width == kWidth);
      CHECK(frame.height == kHeight);
      CHECK(frame.pixel_format == vrsx::PixelFormat::kYuvI420Split);
      CHECK(frame.stride == kWidth);
      CHECK(frame.stride_2 == kWidth / 2);
      CHECK(frame.bytes == reference[size_t(n)]);
      double psnr = Psnr(frame.bytes, SourceFrame(n));
      INFO("PSNR " << psnr);
      CHECK(psnr > 35.0);
    }

    // From a file, in order and at random.
    vrsx::testing::TempDir dir;
    WriteVideoFile(dir.File("video.vrs"), name, packets);
    vrsx::Reader reader;
    REQUIRE(reader.Open(dir.File("video.vrs")).ok());
    const std::vector<uint32_t> positions = reader.stream_index(reader.FindStreams(214).at(0));
    REQUIRE(positions.size() == kFrames);
    vrsx::media::VideoFrameReader in_order(reader);
    for (int n = 0; n < kFrames; ++n) {
      CAPTURE(n);
      vrsx::Status status = in_order.DecodeFrameAt(positions[size_t(n)], frame);
      REQUIRE(status.message() == "");
      CHECK(in_order.frames_decoded_last() == 1);
      CHECK(frame.bytes == reference[size_t(n)]);
    }
    vrsx::media::VideoFrameReader at_random(reader);
    for (int n : {8, 3, 9, 0, 4, 5, 2, 7}) {
      CAPTURE(n);
      REQUIRE(at_random.DecodeFrameAt(positions[size_t(n)], frame).ok());
      CHECK(frame.bytes == reference[size_t(n)]);
    }
    // Frame 7 from a fresh reader decodes frames 5, 6 and 7.
    vrsx::media::VideoFrameReader fresh(reader);
    REQUIRE(fresh.DecodeFrameAt(positions[7], frame).ok());
    CHECK(fresh.frames_decoded_last() == 3);
    REQUIRE(vrsx::media::DecodeVideoFrameAt(reader, positions[4], frame).ok());
    CHECK(frame.bytes == reference[4]);
    // A record without a video block.
    CHECK(fresh.DecodeFrameAt(positions[0] + 1, frame).code() == ErrorCode::kNotFound);
    CHECK(fresh.DecodeFrameAt(reader.index().size(), frame).code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("VideoDecoder: garbage and truncated frames give a status", "[video]") {
  std::vector<Packet> packets = Encode(VideoCodec::kH264);
  std::mt19937 random(7);
  for (const char* name : {"H.264", "H.265"}) {
    std::unique_ptr<VideoDecoder> decoder;
    REQUIRE(VideoDecoder::Create(name, decoder).ok());
    DecodedVideoFrame frame;
    CHECK(decoder->DecodeFrame({}, true, frame).code() == ErrorCode::kCorrupt);
    for (int i = 0; i < 200; ++i) {
      std::vector<uint8_t> garbage(1 + random() % 2000);
      for (uint8_t& b : garbage) b = uint8_t(random());
      if (i % 2 == 0 && garbage.size() > 4) {  // an Annex B start code in front
        garbage[0] = garbage[1] = garbage[2] = 0;
        garbage[3] = 1;
      }
      vrsx::Status status = decoder->DecodeFrame(garbage, true, frame);
      if (status.ok()) CHECK(frame.bytes.size() >= size_t(frame.width) * frame.height);
    }
    decoder->Reset();
    for (const Packet& packet : packets) {
      std::vector<uint8_t> cut(packet.bytes.begin(),
                               packet.bytes.begin() + std::ptrdiff_t(packet.bytes.size() / 2));
      vrsx::Status status = decoder->DecodeFrame(cut, packet.key, frame);
      if (status.ok()) CHECK(frame.bytes.size() == kFrameSize);
    }
  }
}

#endif
