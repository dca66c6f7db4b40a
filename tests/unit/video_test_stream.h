// Video test streams: yuv420p source frames encoded with libavcodec's own encoders (libx264,
// libx265), decoded by libavcodec alone for reference, and written to VRS files with the Writer.
// Only with VRSX_TEST_VIDEO (built with libavcodec); header-only, for the video tests.
#pragma once

#ifdef VRSX_TEST_VIDEO

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "media/video_decoder.h"
#include "media/video_encoder.h"
#include "vrsx/conventions.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}

namespace vrsx::testing {

// The encoded test stream, or the test fails.
inline std::vector<VideoPacket> EncodeVideo(media::VideoCodec codec, const VideoShape& shape) {
  std::vector<VideoPacket> packets;
  std::string error;
  bool encoded = EncodeTestVideo(codec, shape, packets, error);
  INFO(error);
  REQUIRE(encoded);
  return packets;
}

// libavcodec alone, pictures matched to their packets: element k is the picture of packet k
// (packets tagged by their position, pictures by the pts they come out with), whatever order
// B-frames make them come out in; empty for a packet without a picture.
inline std::vector<std::vector<uint8_t> > LibavDecodeByPacket(
    media::VideoCodec codec, const std::vector<VideoPacket>& packets) {
  const AVCodec* decoder =
      avcodec_find_decoder(codec == media::VideoCodec::kH264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
  AVCodecContext* context = avcodec_alloc_context3(decoder);
  context->thread_count = 1;
  REQUIRE(avcodec_open2(context, decoder, nullptr) == 0);
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  std::vector<std::vector<uint8_t> > frames(packets.size());
  auto drain = [&] {
    while (avcodec_receive_frame(context, frame) == 0) {
      REQUIRE(frame->pts >= 0);
      REQUIRE(size_t(frame->pts) < frames.size());
      std::vector<uint8_t>& pixels = frames[size_t(frame->pts)];
      for (int p = 0; p < 3; ++p) {
        int w = p == 0 ? frame->width : (frame->width + 1) / 2;
        int h = p == 0 ? frame->height : (frame->height + 1) / 2;
        for (int y = 0; y < h; ++y) {
          const uint8_t* row = frame->data[p] + y * frame->linesize[p];
          pixels.insert(pixels.end(), row, row + w);
        }
      }
      av_frame_unref(frame);
    }
  };
  for (size_t k = 0; k < packets.size(); ++k) {
    std::vector<uint8_t> padded(packets[k].bytes);
    padded.resize(packets[k].bytes.size() + AV_INPUT_BUFFER_PADDING_SIZE, 0);
    packet->data = padded.data();
    packet->size = int(packets[k].bytes.size());
    packet->pts = int64_t(k);
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

inline double Psnr(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  REQUIRE(a.size() == b.size());
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  double mse = sum / double(a.size());
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

// yuv420p planes to rgb8 with BT.601 limited range, in floating point (the test's own reference).
inline std::vector<uint8_t> LimitedRangeRgb(const VideoShape& shape,
                                            const std::vector<uint8_t>& yuv) {
  std::vector<uint8_t> rgb(size_t(shape.width) * size_t(shape.height) * 3);
  const size_t luma = size_t(shape.width) * size_t(shape.height);
  const size_t cw = size_t(shape.width / 2);
  auto clamp = [](double v) { return uint8_t(std::clamp(std::lround(v), 0L, 255L)); };
  for (size_t y = 0; y < size_t(shape.height); ++y) {
    for (size_t x = 0; x < size_t(shape.width); ++x) {
      double Y = 255.0 / 219 * (yuv[y * size_t(shape.width) + x] - 16.0);
      double U = 255.0 / 224 * (yuv[luma + (y / 2) * cw + x / 2] - 128.0);
      double V = 255.0 / 224 * (yuv[luma + shape.chroma_size() + (y / 2) * cw + x / 2] - 128.0);
      uint8_t* o = &rgb[(y * size_t(shape.width) + x) * 3];
      o[0] = clamp(Y + 1.402 * V);
      o[1] = clamp(Y - 0.344136 * U - 0.714136 * V);
      o[2] = clamp(Y + 1.772 * U);
    }
  }
  return rgb;
}

struct VideoFrameInfo : TypedLayout<VideoFrameInfo> {
  Field<uint32_t> width{this, conventions::kImageWidth};
  Field<uint32_t> height{this, conventions::kImageHeight};
  Field<uint32_t> pixel_format{this, conventions::kImagePixelFormat};
  Field<double> key_frame_timestamp{this, conventions::kImageKeyFrameTimestamp};
  Field<uint32_t> key_frame_index{this, conventions::kImageKeyFrameIndex};
};

// The image spec in a Configuration record; data records only say where their group starts.
struct VideoConfiguration : TypedLayout<VideoConfiguration> {
  Field<uint32_t> width{this, conventions::kImageWidth};
  Field<uint32_t> height{this, conventions::kImageHeight};
  Field<uint32_t> pixel_format{this, conventions::kImagePixelFormat};
  StringField codec_name{this, conventions::kImageCodecName};
};
struct VideoKeyFrame : TypedLayout<VideoKeyFrame> {
  Field<double> key_frame_timestamp{this, conventions::kImageKeyFrameTimestamp};
  Field<uint32_t> key_frame_index{this, conventions::kImageKeyFrameIndex};
};

// One video stream (214-1), frame n at time n with its key-frame fields, and records of a second
// stream interleaved so that PreviousInStream has others to skip. With `spec_in_configuration`,
// a Configuration record at time -1 gives the frames' size, pixel format and codec name. The
// first frames count from `first_key_frame_index` (> 0: the stream starts inside a group).
inline void WriteVideoFile(const std::string& path, const std::string& codec_name,
                           const std::vector<VideoPacket>& packets, const VideoShape& shape,
                           bool spec_in_configuration = false, uint32_t first_key_frame_index = 0) {
  StreamDefinition camera(214, "test/video");
  if (spec_in_configuration) {
    camera.record_formats.push_back({RecordType::kConfiguration,
                                     1,
                                     RecordFormat::Parse("data_layout"),
                                     {{0, VideoConfiguration::Definition()}}});
    camera.record_formats.push_back({RecordType::kData,
                                     1,
                                     RecordFormat::Parse("data_layout+image/video"),
                                     {{0, VideoKeyFrame::Definition()}}});
  } else {
    camera.record_formats.push_back(
        {RecordType::kData,
         1,
         RecordFormat::Parse("data_layout+image/video/codec=" + EscapeCodecName(codec_name)),
         {{0, VideoFrameInfo::Definition()}}});
  }
  StreamDefinition other(100, "test/other");
  Writer writer;
  StreamId id, other_id;
  REQUIRE(writer.AddStream(camera, id).ok());
  REQUIRE(writer.AddStream(other, other_id).ok());
  REQUIRE(writer.Create(path).ok());
  std::vector<uint8_t> block;
  if (spec_in_configuration) {
    VideoConfiguration configuration;
    configuration.width = uint32_t(shape.width);
    configuration.height = uint32_t(shape.height);
    configuration.pixel_format = uint32_t(PixelFormat::kYuvI420Split);
    configuration.codec_name = codec_name;
    REQUIRE(configuration.Encode(block).ok());
    REQUIRE(writer.AddRecord(id, {RecordType::kConfiguration, 1, -1.0}, block).ok());
  }
  double key_time = -double(first_key_frame_index);
  uint32_t since_key = first_key_frame_index;
  for (size_t n = 0; n < packets.size(); ++n) {
    if (packets[n].key) {
      key_time = double(n);
      since_key = 0;
    }
    block.clear();
    if (spec_in_configuration) {
      VideoKeyFrame info;
      info.key_frame_timestamp = key_time;
      info.key_frame_index = since_key++;
      REQUIRE(info.Encode(block).ok());
    } else {
      VideoFrameInfo info;
      info.width = uint32_t(shape.width);
      info.height = uint32_t(shape.height);
      info.pixel_format = uint32_t(PixelFormat::kYuvI420Split);
      info.key_frame_timestamp = key_time;
      info.key_frame_index = since_key++;
      REQUIRE(info.Encode(block).ok());
    }
    REQUIRE(
        writer.AddRecord(id, {RecordType::kData, 1, double(n)}, {block, packets[n].bytes}).ok());
    const std::vector<uint8_t> other_payload = {1, 2, 3};
    REQUIRE(
        writer.AddRecord(other_id, {RecordType::kData, 1, double(n) + 0.5}, other_payload).ok());
  }
  REQUIRE(writer.Close().ok());
}

}  // namespace vrsx::testing

#endif  // VRSX_TEST_VIDEO
