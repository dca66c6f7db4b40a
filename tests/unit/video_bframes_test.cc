// Video streams with B-frames (libx264/libx265 with bframes > 0): records in decode order, each
// record's image the picture of its own packet (matched by pts, as libavcodec alone gives it),
// through ImageReader in order, at random and backwards; VideoDecoder's Feed/Take/Drain; hostile
// frames giving a Status.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "media/video_decoder.h"
#include "support/temp_dir.h"
#include "unit/video_test_stream.h"
#include "vrsx/image.h"
#include "vrsx/image_reader.h"
#include "vrsx/reader.h"
#include "vrsx/record_format.h"

#ifdef VRSX_TEST_VIDEO

using vrsx::ErrorCode;
using vrsx::ImageConversion;
using vrsx::ImageReader;
using vrsx::PixelFormat;
using vrsx::Pixels;
using vrsx::media::DecodedVideoFrame;
using vrsx::media::VideoCodec;
using vrsx::media::VideoDecoder;
using vrsx::testing::VideoPacket;

namespace {

const vrsx::testing::VideoShape kShape{64, 48, 24, 8, 2};
// Deeper reordering (x264's B-pyramid), and a stream that ends inside a group.
const vrsx::testing::VideoShape kLongerGroups{64, 48, 30, 12, 3};

// The test stream, with some packets out of source order (or the test would prove nothing).
std::vector<VideoPacket> EncodeWithBFrames(VideoCodec codec,
                                           const vrsx::testing::VideoShape& shape = kShape) {
  std::vector<VideoPacket> packets = vrsx::testing::EncodeVideo(codec, shape);
  REQUIRE(packets.size() == size_t(shape.frames));
  size_t reordered = 0;
  for (size_t k = 0; k < packets.size(); ++k) reordered += packets[k].pts != int64_t(k);
  REQUIRE(reordered > 0);
  return packets;
}

// Index positions of the video stream's data records, in order.
std::vector<size_t> VideoFrames(const vrsx::Reader& reader) {
  std::vector<size_t> frames;
  for (uint32_t pos : reader.stream_index(reader.FindStreams(214).at(0))) {
    if (reader.index()[pos].type == vrsx::RecordType::kData) frames.push_back(pos);
  }
  return frames;
}

constexpr std::pair<VideoCodec, const char*> kCodecs[] = {{VideoCodec::kH264, "H.264"},
                                                          {VideoCodec::kH265, "H.265"}};

}  // namespace

TEST_CASE("VideoDecoder: B-frames, pictures taken by their packets' tags", "[video]") {
  for (auto [codec, name] : kCodecs) {
    CAPTURE(name);
    if (!vrsx::testing::HasVideoEncoder(codec)) continue;
    const std::vector<VideoPacket> packets = EncodeWithBFrames(codec);
    const auto reference = vrsx::testing::LibavDecodeByPacket(codec, packets);
    std::unique_ptr<VideoDecoder> decoder;
    REQUIRE(VideoDecoder::Create(name, decoder).ok());
    DecodedVideoFrame frame;
    size_t taken = 0;
    for (size_t k = 0; k < packets.size(); ++k) {
      REQUIRE(decoder->Feed(packets[k].bytes, packets[k].key, 100 + k).ok());
      for (size_t j = 0; j <= k; ++j) {
        if (decoder->Take(100 + j, frame)) {
          CHECK(frame.bytes == reference[j]);
          CHECK_FALSE(decoder->Pending(100 + j));
          ++taken;
        }
      }
    }
    CHECK(taken < packets.size());  // some held back for reordering
    REQUIRE(decoder->Drain().ok());
    for (size_t j = 0; j < packets.size(); ++j) {
      if (decoder->Take(100 + j, frame)) {
        CHECK(frame.bytes == reference[j]);
        ++taken;
      }
    }
    CHECK(taken == packets.size());
    // After a drain: a key frame first.
    CHECK(decoder->Feed(packets[1].bytes, false, 1).code() == ErrorCode::kInvalidArgument);

    // One frame at a time: the picture, or kUnsupported when it is held back.
    decoder->Reset();
    size_t held_back = 0;
    for (size_t k = 0; k < packets.size(); ++k) {
      vrsx::Status status = decoder->DecodeFrame(packets[k].bytes, packets[k].key, frame);
      if (status.ok()) {
        CHECK(frame.bytes == reference[k]);
      } else {
        CHECK(status.code() == ErrorCode::kUnsupported);
        ++held_back;
      }
    }
    CHECK(held_back > 0);
  }
}

TEST_CASE("ImageReader: B-frame streams, each record its own packet's picture", "[image][video]") {
  for (auto [codec, name] : kCodecs) {
    for (const vrsx::testing::VideoShape& shape : {kShape, kLongerGroups}) {
      CAPTURE(name, shape.group);
      if (!vrsx::testing::HasVideoEncoder(codec)) {
        WARN("no " << vrsx::testing::EncoderName(codec) << " encoder: skipped");
        continue;
      }
      const std::vector<VideoPacket> packets = EncodeWithBFrames(codec, shape);
      const auto reference = vrsx::testing::LibavDecodeByPacket(codec, packets);
      for (size_t k = 0; k < packets.size(); ++k) {
        CAPTURE(k);
        REQUIRE_FALSE(reference[k].empty());
        // The picture of packet k is source frame pts, not frame k.
        CHECK(vrsx::testing::Psnr(reference[k],
                                  vrsx::testing::SourceFrame(shape, int(packets[k].pts))) > 30.0);
      }
      for (bool spec_in_configuration : {false, true}) {
        CAPTURE(spec_in_configuration);
        vrsx::testing::TempDir dir;
        const std::string path = dir.File("bframes.vrs");
        vrsx::testing::WriteVideoFile(path, name, packets, shape, spec_in_configuration);
        vrsx::Reader reader;
        REQUIRE(reader.Open(path).ok());
        const std::vector<size_t> frames = VideoFrames(reader);
        REQUIRE(frames.size() == packets.size());
        Pixels pixels;

        // In order: every frame decoded once in all, every conversion.
        for (ImageConversion conversion :
             {ImageConversion::kDecompress, ImageConversion::kNormalize}) {
          ImageReader in_order(reader);
          size_t decoded = 0;
          for (size_t k = 0; k < frames.size(); ++k) {
            CAPTURE(k);
            vrsx::Status status = in_order.ReadImage(frames[k], conversion, pixels);
            REQUIRE(status.message() == "");
            decoded += in_order.frames_decoded_last();
            if (conversion == ImageConversion::kDecompress) {
              CHECK(pixels.format == PixelFormat::kYuvI420Split);
              CHECK(pixels.bytes == reference[k]);
            } else {
              CHECK(pixels.format == PixelFormat::kRgb8);
              CHECK(vrsx::testing::Psnr(
                        pixels.bytes,
                        vrsx::testing::LimitedRangeRgb(
                            shape, vrsx::testing::SourceFrame(shape, int(packets[k].pts)))) > 30.0);
            }
            // Stored bytes in between change nothing.
            REQUIRE(in_order.ReadImage(frames[k], ImageConversion::kOff, pixels).ok());
            CHECK(pixels.bytes == packets[k].bytes);
          }
          CHECK(decoded == frames.size());
        }

        // At random, one reader and fresh readers.
        std::mt19937 random(3);
        std::vector<size_t> order(frames.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), random);
        ImageReader at_random(reader);
        for (size_t k : order) {
          CAPTURE(k);
          REQUIRE(at_random.ReadImage(frames[k], ImageConversion::kDecompress, pixels).ok());
          CHECK(pixels.bytes == reference[k]);
          ImageReader fresh(reader);
          REQUIRE(fresh.ReadImage(frames[k], ImageConversion::kDecompress, pixels).ok());
          CHECK(pixels.bytes == reference[k]);
          // From the key frame, then the frames its picture waits for: never past its group.
          CHECK(fresh.frames_decoded_last() >= k % size_t(shape.group) + 1);
          CHECK(fresh.frames_decoded_last() <= size_t(shape.group));
        }

        // Backwards, one reader and fresh readers.
        ImageReader backwards(reader);
        for (size_t k = frames.size(); k-- > 0;) {
          CAPTURE(k);
          REQUIRE(backwards.ReadImage(frames[k], ImageConversion::kDecompress, pixels).ok());
          CHECK(pixels.bytes == reference[k]);
          ImageReader fresh(reader);
          REQUIRE(fresh.ReadImage(frames[k], ImageConversion::kNormalizeGrey8, pixels).ok());
          CHECK(pixels.format == PixelFormat::kGrey8);
        }
      }
    }
  }
}

TEST_CASE("ImageDecoder: B-frame streams in stream order, held-back pictures unsupported",
          "[image][video]") {
  for (auto [codec, name] : kCodecs) {
    CAPTURE(name);
    if (!vrsx::testing::HasVideoEncoder(codec)) continue;
    const std::vector<VideoPacket> packets = EncodeWithBFrames(codec);
    const auto reference = vrsx::testing::LibavDecodeByPacket(codec, packets);
    vrsx::ImageDecoder decoder;
    Pixels pixels;
    size_t held_back = 0;
    uint32_t since_key = 0;
    for (size_t k = 0; k < packets.size(); ++k) {
      CAPTURE(k);
      if (packets[k].key) since_key = 0;
      vrsx::ImageSpec spec = vrsx::ImageSpec::Parse("video/codec=" + vrsx::EscapeCodecName(name));
      spec.key_frame_timestamp = 0;
      spec.key_frame_index = since_key++;
      vrsx::Status status =
          decoder.Decode(spec, packets[k].bytes, ImageConversion::kDecompress, pixels);
      if (status.ok()) {
        CHECK(pixels.bytes == reference[k]);
      } else {
        CHECK(status.code() == ErrorCode::kUnsupported);
        CHECK(status.message().find("B-frames") != std::string::npos);
        ++held_back;
      }
    }
    CHECK(held_back > 0);  // h264's decoder holds every picture back by its reorder depth
  }
}

TEST_CASE("ImageReader: damaged B-frame streams give a status", "[image][video]") {
  for (auto [codec, name] : kCodecs) {
    CAPTURE(name);
    if (!vrsx::testing::HasVideoEncoder(codec)) continue;
    const std::vector<VideoPacket> packets = EncodeWithBFrames(codec);
    std::mt19937 random(9);
    for (int round = 0; round < 4; ++round) {
      CAPTURE(round);
      std::vector<VideoPacket> damaged = packets;
      for (size_t k = 1; k < damaged.size(); k += 3) {
        std::vector<uint8_t>& bytes = damaged[k].bytes;
        if (round == 0) bytes.resize(bytes.size() / 2);
        if (round == 1) bytes.resize(1);
        if (round == 2) {
          for (int i = 0; i < 8; ++i) bytes[random() % bytes.size()] ^= uint8_t(1 + random() % 255);
        }
        if (round == 3) {
          for (uint8_t& b : bytes) b = uint8_t(random());
        }
      }
      vrsx::testing::TempDir dir;
      const std::string path = dir.File("damaged.vrs");
      vrsx::testing::WriteVideoFile(path, name, damaged, kShape);
      vrsx::Reader reader;
      REQUIRE(reader.Open(path).ok());
      const std::vector<size_t> frames = VideoFrames(reader);
      Pixels pixels;
      ImageReader in_order(reader);
      ImageReader backwards(reader);
      for (size_t k = 0; k < frames.size(); ++k) {
        for (auto [images, pos] : {std::pair{&in_order, frames[k]},
                                   std::pair{&backwards, frames[frames.size() - 1 - k]}}) {
          vrsx::Status status = images->ReadImage(pos, ImageConversion::kNormalize, pixels);
          if (status.ok()) {
            CHECK(pixels.bytes.size() == size_t(pixels.width) * pixels.height * 3);
          } else {
            CHECK_FALSE(status.message().empty());
          }
        }
      }
    }
  }
}

#endif  // VRSX_TEST_VIDEO
