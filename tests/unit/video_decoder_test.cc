// VideoDecoder: h264 and h265 frames encoded with libavcodec's encoders (libx264, libx265),
// decoded in order, compared with what libavcodec alone decodes from the same packets and with
// the source frames; garbage. Frames read from files, in any order: image_reader_test.cc.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "media/video_decoder.h"
#include "unit/video_test_stream.h"

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

using vrsx::testing::LibavDecodeByPacket;
using vrsx::testing::Psnr;
using Packet = vrsx::testing::VideoPacket;

constexpr vrsx::testing::VideoShape kShape;  // 64 x 48, 10 frames, a key frame every 5
constexpr int kWidth = kShape.width;
constexpr int kHeight = kShape.height;
constexpr int kFrames = kShape.frames;
constexpr int kGroup = kShape.group;
const size_t kFrameSize = kShape.frame_size();

std::vector<uint8_t> SourceFrame(int n) {
  return vrsx::testing::SourceFrame(kShape, n);
}
std::vector<Packet> Encode(VideoCodec codec) {
  return vrsx::testing::EncodeVideo(codec, kShape);
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
    std::vector<std::vector<uint8_t> > reference = LibavDecodeByPacket(codec, packets);
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
