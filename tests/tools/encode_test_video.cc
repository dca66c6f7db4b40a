// Writes a test video stream for the Python tests (python/tests/test_video.py), which have no
// video encoder of their own:
//
//   vrsx_encode_test_video h264|h265 WIDTH HEIGHT FRAMES GROUP OUT_DIR [BFRAMES]
//
// OUT_DIR/packets: per frame, a byte (1: key frame), its size (u32 little endian), its bytes;
// OUT_DIR/pts: per packet (decode order), the source frame it encodes (u32 little endian: with
// B-frames, not the packet's position); OUT_DIR/source.yuv: the source frames, yuv420p planes
// back to back. Exit 0; 3 when this
// libavcodec lacks the encoder (the tests skip); 2 on bad arguments; 1 on other failures.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "media/video_encoder.h"

namespace {

void PutU32(std::ofstream& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.put(char((value >> (8 * i)) & 0xff));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vrsx;
  if (argc != 7 && argc != 8) {
    std::fprintf(stderr, "usage: %s h264|h265 WIDTH HEIGHT FRAMES GROUP OUT_DIR [BFRAMES]\n",
                 argv[0]);
    return 2;
  }
  const std::string codec_name = argv[1];
  if (codec_name != "h264" && codec_name != "h265") return 2;
  media::VideoCodec codec =
      codec_name == "h264" ? media::VideoCodec::kH264 : media::VideoCodec::kH265;
  testing::VideoShape shape;
  try {
    shape.width = std::stoi(argv[2]);
    shape.height = std::stoi(argv[3]);
    shape.frames = std::stoi(argv[4]);
    shape.group = std::stoi(argv[5]);
    if (argc == 8) shape.bframes = std::stoi(argv[7]);
  } catch (const std::exception&) {
    return 2;
  }
  if (shape.width <= 0 || shape.height <= 0 || shape.width % 2 || shape.height % 2 ||
      shape.frames <= 0 || shape.group <= 0 || shape.bframes < 0 || shape.bframes > 16) {
    return 2;
  }
  if (!testing::HasVideoEncoder(codec)) {
    std::fprintf(stderr, "no %s encoder in this libavcodec\n", testing::EncoderName(codec));
    return 3;
  }
  std::vector<testing::VideoPacket> packets;
  std::string error;
  if (!testing::EncodeTestVideo(codec, shape, packets, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  const std::string dir = argv[6];
  std::ofstream out(dir + "/packets", std::ios::binary);
  for (const testing::VideoPacket& packet : packets) {
    out.put(packet.key ? 1 : 0);
    PutU32(out, uint32_t(packet.bytes.size()));
    out.write(reinterpret_cast<const char*>(packet.bytes.data()),
              std::streamsize(packet.bytes.size()));
  }
  std::ofstream pts(dir + "/pts", std::ios::binary);
  for (const testing::VideoPacket& packet : packets) PutU32(pts, uint32_t(packet.pts));
  std::ofstream source(dir + "/source.yuv", std::ios::binary);
  for (int n = 0; n < shape.frames; ++n) {
    std::vector<uint8_t> frame = testing::SourceFrame(shape, n);
    source.write(reinterpret_cast<const char*>(frame.data()), std::streamsize(frame.size()));
  }
  return out && pts && source ? 0 : 1;
}
