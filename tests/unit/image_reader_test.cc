// ImageDecoder's video frames and ImageReader: h264/h265 streams encoded with libx264/libx265,
// written with the Writer, read back in order and at random (pixels exactly libavcodec's own,
// normalized close to the encoder's input), groups decoded no further back than their key frame,
// hostile frames giving a Status.
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
#include "vrsx/writer.h"

using vrsx::ErrorCode;
using vrsx::ImageConversion;
using vrsx::ImageDecoder;
using vrsx::ImageFormat;
using vrsx::ImageReader;
using vrsx::ImageSpec;
using vrsx::PixelFormat;
using vrsx::Pixels;

TEST_CASE("ImageReader: records without images, positions past the index", "[image][video]") {
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("plain.vrs");
  {
    vrsx::Writer writer;
    vrsx::StreamId id;
    REQUIRE(writer.AddStream(vrsx::StreamDefinition(100, "test/plain"), id).ok());
    REQUIRE(writer.Create(path).ok());
    const std::vector<uint8_t> payload = {1, 2, 3};
    REQUIRE(writer.AddRecord(id, {vrsx::RecordType::kData, 1, 1.0}, payload).ok());
    REQUIRE(writer.Close().ok());
  }
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  ImageReader images(reader);
  Pixels pixels;
  CHECK(images.ReadImage(0, ImageConversion::kNormalize, pixels).code() == ErrorCode::kNotFound);
  CHECK(images.ReadImage(1, ImageConversion::kNormalize, pixels).code() ==
        ErrorCode::kInvalidArgument);
  ImageReader moved(std::move(images));
  CHECK(moved.ReadImage(0, ImageConversion::kOff, pixels).code() == ErrorCode::kNotFound);
  CHECK(moved.frames_decoded_last() == 0);
}

#ifndef VRSX_TEST_VIDEO

TEST_CASE("ImageDecoder: video without libavcodec is unsupported", "[image][video]") {
  CHECK_FALSE(ImageDecoder::CanDecompress(ImageFormat::kVideo));
  ImageDecoder decoder;
  Pixels pixels;
  vrsx::Status status =
      decoder.Decode(ImageSpec::Parse("video/codec=H.264"), std::vector<uint8_t>(10),
                     ImageConversion::kDecompress, pixels);
  CHECK(status.code() == ErrorCode::kUnsupported);
  CHECK(status.message().find("unsupported: built without libavcodec") != std::string::npos);
}

#else

namespace {

using vrsx::media::VideoCodec;
using vrsx::testing::VideoPacket;
using vrsx::testing::VideoShape;

// 3 groups of 4 frames and a last group of 2.
constexpr VideoShape kShape{64, 48, 14, 4};

// The image spec of stream 214's frames, as a DecodedBlock gives it: codec and key-frame fields.
ImageSpec FrameSpec(const std::string& codec, uint32_t key_frame_index) {
  ImageSpec spec = ImageSpec::Parse("video/codec=" + vrsx::EscapeCodecName(codec));
  spec.width = kShape.width;
  spec.height = kShape.height;
  spec.pixel_format = PixelFormat::kYuvI420Split;
  spec.key_frame_timestamp = 0;
  spec.key_frame_index = key_frame_index;
  return spec;
}

}  // namespace

TEST_CASE("ImageDecoder: video frames in stream order, every conversion", "[image][video]") {
  REQUIRE(ImageDecoder::CanDecompress(ImageFormat::kVideo));
  for (auto [codec, name] :
       {std::pair{VideoCodec::kH264, "H.264"}, std::pair{VideoCodec::kH265, "HEVC"}}) {
    CAPTURE(name);
    if (!vrsx::testing::HasVideoEncoder(codec)) {
      WARN("no " << vrsx::testing::EncoderName(codec) << " encoder: skipped");
      continue;
    }
    const std::vector<VideoPacket> packets = vrsx::testing::EncodeVideo(codec, kShape);
    REQUIRE(packets.size() == size_t(kShape.frames));
    const auto reference = vrsx::testing::LibavDecodeByPacket(codec, packets);
    REQUIRE(reference.size() == packets.size());
    ImageDecoder decompress, normalize, grey, stored;
    Pixels pixels;
    for (size_t n = 0; n < packets.size(); ++n) {
      CAPTURE(n);
      const ImageSpec spec = FrameSpec(name, uint32_t(n % size_t(kShape.group)));
      REQUIRE(decompress.Decode(spec, packets[n].bytes, ImageConversion::kDecompress, pixels).ok());
      CHECK(pixels.width == uint32_t(kShape.width));
      CHECK(pixels.height == uint32_t(kShape.height));
      CHECK(pixels.format == PixelFormat::kYuvI420Split);
      CHECK(pixels.encoding == ImageFormat::kRaw);
      CHECK(pixels.stride == uint32_t(kShape.width));
      CHECK(pixels.bytes == reference[n]);
      // The planes are what an ImageSpec with these dimensions and default strides describes.
      ImageSpec raw = ImageSpec::Parse("raw");
      raw.width = pixels.width;
      raw.height = pixels.height;
      raw.pixel_format = pixels.format;
      CHECK(raw.RawImageSize() == pixels.bytes.size());

      REQUIRE(normalize.Decode(spec, packets[n].bytes, ImageConversion::kNormalize, pixels).ok());
      CHECK(pixels.format == PixelFormat::kRgb8);
      CHECK(pixels.stride == uint32_t(kShape.width * 3));
      REQUIRE(pixels.bytes.size() == size_t(kShape.width) * size_t(kShape.height) * 3);
      const std::vector<uint8_t> source_rgb =
          vrsx::testing::LimitedRangeRgb(kShape, vrsx::testing::SourceFrame(kShape, int(n)));
      const double psnr = vrsx::testing::Psnr(pixels.bytes, source_rgb);
      INFO("PSNR " << psnr);
      CHECK(psnr > 32.0);
      // The decoded frame through the same rule: within rounding of the fixed point.
      const std::vector<uint8_t> decoded_rgb = vrsx::testing::LimitedRangeRgb(kShape, reference[n]);
      CHECK(vrsx::testing::Psnr(pixels.bytes, decoded_rgb) > 50.0);

      REQUIRE(grey.Decode(spec, packets[n].bytes, ImageConversion::kNormalizeGrey8, pixels).ok());
      CHECK(pixels.format == PixelFormat::kGrey8);
      CHECK(pixels.bytes.size() == size_t(kShape.width) * size_t(kShape.height));

      REQUIRE(stored.Decode(spec, packets[n].bytes, ImageConversion::kOff, pixels).ok());
      CHECK(pixels.encoding == ImageFormat::kVideo);
      CHECK(pixels.bytes == packets[n].bytes);
    }
    // A frame that is not a key frame, first: a status, then the decoder still works.
    ImageDecoder fresh;
    CHECK(fresh.Decode(FrameSpec(name, 1), packets[1].bytes, ImageConversion::kDecompress, pixels)
              .code() == ErrorCode::kInvalidArgument);
    CHECK(fresh.Decode(FrameSpec(name, 0), packets[0].bytes, ImageConversion::kDecompress, pixels)
              .ok());
    // Reset() forgets the frames: a P-frame needs its key frame again.
    fresh.Reset();
    CHECK_FALSE(
        fresh.Decode(FrameSpec(name, 1), packets[1].bytes, ImageConversion::kDecompress, pixels)
            .ok());
    // An unknown codec.
    CHECK(fresh.Decode(FrameSpec("vp9", 0), packets[0].bytes, ImageConversion::kDecompress, pixels)
              .code() == ErrorCode::kUnsupported);
  }
}

TEST_CASE("ImageReader: h264 and h265 frames at random and in order decode as libavcodec alone",
          "[image][video]") {
  for (auto [codec, name] :
       {std::pair{VideoCodec::kH264, "H.264"}, std::pair{VideoCodec::kH265, "H.265"}}) {
    for (bool spec_in_configuration : {false, true}) {
      CAPTURE(name, spec_in_configuration);
      if (!vrsx::testing::HasVideoEncoder(codec)) {
        WARN("no " << vrsx::testing::EncoderName(codec) << " encoder: skipped");
        continue;
      }
      const std::vector<VideoPacket> packets = vrsx::testing::EncodeVideo(codec, kShape);
      REQUIRE(packets.size() == size_t(kShape.frames));
      for (size_t n = 0; n < packets.size(); ++n) CHECK(packets[n].key == (n % 4 == 0));
      const auto reference = vrsx::testing::LibavDecodeByPacket(codec, packets);
      REQUIRE(reference.size() == packets.size());
      vrsx::testing::TempDir dir;
      const std::string path = dir.File("video.vrs");
      vrsx::testing::WriteVideoFile(path, name, packets, kShape, spec_in_configuration);
      vrsx::Reader reader;
      REQUIRE(reader.Open(path).ok());
      const std::vector<uint32_t> all = reader.stream_index(reader.FindStreams(214).at(0));
      std::vector<size_t> frames;  // index positions of the data records, frame by frame
      for (uint32_t pos : all) {
        if (reader.index()[pos].type == vrsx::RecordType::kData) frames.push_back(pos);
      }
      REQUIRE(frames.size() == packets.size());
      Pixels pixels;

      // At random, from a fresh reader each time: at most the frame's group is decoded.
      std::mt19937 random(11);
      std::vector<size_t> order(frames.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), random);
      ImageReader at_random(reader);
      for (size_t n : order) {
        CAPTURE(n);
        vrsx::Status status = at_random.ReadImage(frames[n], ImageConversion::kDecompress, pixels);
        REQUIRE(status.message() == "");
        CHECK(pixels.bytes == reference[n]);
        CHECK(pixels.format == PixelFormat::kYuvI420Split);
        CHECK(at_random.frames_decoded_last() >= 1);
        CHECK(at_random.frames_decoded_last() <= n % 4 + 1);
        ImageReader fresh(reader);
        REQUIRE(fresh.ReadImage(frames[n], ImageConversion::kDecompress, pixels).ok());
        CHECK(fresh.frames_decoded_last() == n % 4 + 1);
        CHECK(pixels.bytes == reference[n]);
      }

      // In order: one frame a record, every conversion.
      ImageReader in_order(reader);
      for (size_t n = 0; n < frames.size(); ++n) {
        CAPTURE(n);
        const ImageConversion conversion =
            n % 2 ? ImageConversion::kNormalize : ImageConversion::kDecompress;
        REQUIRE(in_order.ReadImage(frames[n], conversion, pixels).ok());
        CHECK(in_order.frames_decoded_last() == 1);
        if (conversion == ImageConversion::kDecompress) {
          CHECK(pixels.bytes == reference[n]);
        } else {
          CHECK(pixels.format == PixelFormat::kRgb8);
          CHECK(pixels.bytes.size() == size_t(kShape.width) * size_t(kShape.height) * 3);
          CHECK(vrsx::testing::Psnr(
                    pixels.bytes, vrsx::testing::LimitedRangeRgb(
                                      kShape, vrsx::testing::SourceFrame(kShape, int(n)))) > 32.0);
        }
        // Stored bytes in between change nothing.
        REQUIRE(in_order.ReadImage(frames[n], ImageConversion::kOff, pixels).ok());
        CHECK(pixels.encoding == ImageFormat::kVideo);
        CHECK(pixels.bytes == packets[n].bytes);
      }

      // Skipping frames within a group goes on from the frame decoded last.
      ImageReader skipping(reader);
      REQUIRE(skipping.ReadImage(frames[4], ImageConversion::kDecompress, pixels).ok());
      CHECK(skipping.frames_decoded_last() == 1);
      REQUIRE(skipping.ReadImage(frames[7], ImageConversion::kDecompress, pixels).ok());
      CHECK(skipping.frames_decoded_last() == 3);
      CHECK(pixels.bytes == reference[7]);
      REQUIRE(skipping.ReadImage(frames[6], ImageConversion::kDecompress, pixels).ok());
      CHECK(skipping.frames_decoded_last() == 3);  // backwards: from the key frame again
      CHECK(pixels.bytes == reference[6]);
      skipping.Reset();
      REQUIRE(skipping.ReadImage(frames[13], ImageConversion::kDecompress, pixels).ok());
      CHECK(skipping.frames_decoded_last() == 2);
      CHECK(pixels.bytes == reference[13]);
      // A record of another stream has no image.
      CHECK(skipping.ReadImage(frames[0] + 1, ImageConversion::kDecompress, pixels).code() ==
            ErrorCode::kNotFound);
      CHECK(skipping.ReadImage(frames[0], ImageConversion::kDecompress, pixels, 1).code() ==
            ErrorCode::kNotFound);
    }
  }
}

TEST_CASE("ImageReader: garbage and truncated video frames give a status", "[image][video]") {
  if (!vrsx::testing::HasVideoEncoder(VideoCodec::kH264)) {
    WARN("no libx264 encoder: skipped");
    return;
  }
  std::vector<VideoPacket> packets = vrsx::testing::EncodeVideo(VideoCodec::kH264, kShape);
  std::mt19937 random(5);
  // Frames cut short, bytes flipped, garbage: every conversion, on one decoder.
  ImageDecoder decoder;
  Pixels pixels;
  for (int round = 0; round < 3; ++round) {
    for (size_t n = 0; n < packets.size(); ++n) {
      std::vector<uint8_t> bytes = packets[n].bytes;
      if (round == 0) bytes.resize(bytes.size() / 3);
      if (round == 1) {
        for (int i = 0; i < 8; ++i) bytes[random() % bytes.size()] ^= uint8_t(1 + random() % 255);
      }
      if (round == 2) {
        for (uint8_t& b : bytes) b = uint8_t(random());
      }
      for (ImageConversion conversion : {ImageConversion::kDecompress, ImageConversion::kNormalize,
                                         ImageConversion::kNormalizeGrey8}) {
        vrsx::Status status =
            decoder.Decode(FrameSpec("H.264", uint32_t(n % 4)), bytes, conversion, pixels);
        if (status.ok()) {
          CHECK(pixels.bytes.size() >= size_t(pixels.width) * pixels.height);
        } else {
          CHECK_FALSE(status.message().empty());
        }
      }
    }
  }
  CHECK(decoder.Decode(FrameSpec("H.264", 0), {}, ImageConversion::kDecompress, pixels).code() ==
        ErrorCode::kCorrupt);

  // In a file: truncated frames, a garbage key frame, a group whose key frame is missing.
  std::vector<VideoPacket> damaged = packets;
  damaged[4].bytes.assign(damaged[4].bytes.size(), 0x5A);  // garbage key frame
  damaged[9].bytes.resize(damaged[9].bytes.size() / 2);    // truncated P-frame
  damaged[12].bytes.resize(1);                             // truncated key frame
  vrsx::testing::TempDir dir;
  const std::string path = dir.File("damaged.vrs");
  vrsx::testing::WriteVideoFile(path, "H.264", damaged, kShape);
  vrsx::Reader reader;
  REQUIRE(reader.Open(path).ok());
  std::vector<size_t> frames;
  for (uint32_t pos : reader.stream_index(reader.FindStreams(214).at(0))) frames.push_back(pos);
  REQUIRE(frames.size() == packets.size());
  ImageReader images(reader);
  for (size_t n : {5, 4, 6, 9, 10, 12, 13, 0, 3}) {
    CAPTURE(n);
    vrsx::Status status = images.ReadImage(frames[n], ImageConversion::kNormalize, pixels);
    if (n < 4) CHECK(status.ok());
    if (n >= 4 && n < 8) CHECK_FALSE(status.ok());  // the group's key frame is garbage
    if (!status.ok()) CHECK_FALSE(status.message().empty());
  }
  // A stream that starts in the middle of a group: its first frames have no key frame.
  const std::vector<VideoPacket> headless(packets.begin() + 2, packets.end());
  const std::string headless_path = dir.File("headless.vrs");
  vrsx::testing::WriteVideoFile(headless_path, "H.264", headless, kShape, false, 2);
  vrsx::Reader cut;
  REQUIRE(cut.Open(headless_path).ok());
  std::vector<size_t> cut_frames;
  for (uint32_t pos : cut.stream_index(cut.FindStreams(214).at(0))) cut_frames.push_back(pos);
  ImageReader cut_images(cut);
  vrsx::Status status = cut_images.ReadImage(cut_frames[1], ImageConversion::kNormalize, pixels);
  CHECK(status.code() == ErrorCode::kCorrupt);
  CHECK(status.message().find("the stream starts before") != std::string::npos);
  CHECK(cut_images.ReadImage(cut_frames[2], ImageConversion::kNormalize, pixels).ok());  // key
}

#endif
