// The payload decoder: exactly the announced bytes, whatever room the output has past them; the
// room (kLz4DirectRoom) changes how fast lz4 decodes, never what Decode returns.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "compression/decompressor.h"
#include "support/codec_frames.h"

using vrsx::ErrorCode;
using vrsx::Status;
using vrsx::compression::Codec;
using vrsx::compression::Decompressor;
using vrsx::compression::kLz4DirectRoom;
using vrsx::testing::Lz4Frame;
using vrsx::testing::PictureBytes;

namespace {

constexpr uint8_t kUntouched = 0xA5;

struct Decoded {
  Status status;
  std::vector<uint8_t> bytes;  // the announced size's worth
};

// Decodes into a buffer with `room` bytes past `size`, and checks that nothing past the room
// was written.
Decoded DecodeWithRoom(Decompressor& decompressor, const std::vector<uint8_t>& input, size_t size,
                       size_t room) {
  constexpr size_t kGuard = 4096;
  std::vector<uint8_t> output(size + room + kGuard, kUntouched);
  Decoded decoded;
  decoded.status = decompressor.Decode(Codec::kLz4, input.data(), input.size(), output.data(), size,
                                       size + room);
  REQUIRE(std::all_of(output.begin() + ptrdiff_t(size + room), output.end(),
                      [](uint8_t byte) { return byte == kUntouched; }));
  decoded.bytes.assign(output.begin(), output.begin() + ptrdiff_t(size));
  return decoded;
}

}  // namespace

TEST_CASE("lz4 payloads decode to the same bytes with or without room past them",
          "[decompressor]") {
  Decompressor decompressor;
  // A 640x480 frame (a last block of 45,056 bytes), a whole number of blocks, one short block.
  for (size_t size : {size_t(307200), size_t(4 * 65536), size_t(1000)}) {
    std::vector<uint8_t> data = PictureBytes(size, uint32_t(size));
    std::vector<uint8_t> frame = Lz4Frame(data);
    for (size_t room : {size_t(0), size_t(1), vrsx::compression::DecodeRoom(Codec::kLz4, size),
                        kLz4DirectRoom, 3 * kLz4DirectRoom}) {
      INFO(size << " bytes, " << room << " bytes of room");
      Decoded decoded = DecodeWithRoom(decompressor, frame, size, room);
      REQUIRE(decoded.status.ok());
      CHECK(decoded.bytes == data);
    }
  }
}

TEST_CASE("room is given past large lz4 payloads only, what their last block lacks",
          "[decompressor]") {
  using vrsx::compression::DecodeRoom;
  CHECK(DecodeRoom(Codec::kLz4, 307200) == 65536 - 45056);
  CHECK(DecodeRoom(Codec::kLz4, kLz4DirectRoom + 1) == kLz4DirectRoom - 1);
  CHECK(DecodeRoom(Codec::kLz4, kLz4DirectRoom) == 0);
  CHECK(DecodeRoom(Codec::kLz4, 4 * kLz4DirectRoom) == 0);
  CHECK(DecodeRoom(Codec::kLz4, kLz4DirectRoom - 1) == 0);
  CHECK(DecodeRoom(Codec::kZstd, 307200) == 0);
  CHECK(DecodeRoom(Codec::kNone, 307200) == 0);
}

TEST_CASE("lz4 payloads of several frames decode with room past them", "[decompressor]") {
  Decompressor decompressor;
  std::vector<uint8_t> expected = PictureBytes(250000, 1);
  auto middle = expected.begin() + 100000;
  std::vector<uint8_t> input = Lz4Frame({expected.begin(), middle});
  std::vector<uint8_t> second = Lz4Frame({middle, expected.end()});
  size_t first_size = input.size();
  input.resize(first_size + second.size());
  std::copy(second.begin(), second.end(), input.begin() + ptrdiff_t(first_size));
  Decoded decoded = DecodeWithRoom(decompressor, input, expected.size(), kLz4DirectRoom);
  REQUIRE(decoded.status.ok());
  CHECK(decoded.bytes == expected);
}

TEST_CASE("an lz4 payload that does not match its announced size fails or not whatever the room",
          "[decompressor]") {
  Decompressor decompressor;
  std::vector<uint8_t> data = PictureBytes(200000, 3);  // blocks of 64 KiB, then 3,392 bytes
  std::vector<uint8_t> frame = Lz4Frame(data);

  // Announced two blocks: an exact-size decode stops there, so the room must not make the
  // blocks after them matter, even a damaged one.
  constexpr size_t kTwoBlocks = 2 * 65536;
  std::vector<uint8_t> damaged = frame;
  damaged[damaged.size() - 100] ^= 0xFF;  // in the last block
  for (const std::vector<uint8_t>* input : {&frame, &damaged}) {
    Decoded exact = DecodeWithRoom(decompressor, *input, kTwoBlocks, 0);
    Decoded roomy = DecodeWithRoom(decompressor, *input, kTwoBlocks, kLz4DirectRoom);
    CHECK(exact.status.ok());
    CHECK(roomy.status.ok() == exact.status.ok());
    CHECK(roomy.bytes == exact.bytes);
    CHECK(roomy.bytes == std::vector<uint8_t>(data.begin(), data.begin() + kTwoBlocks));
  }

  // Announced more than the frame holds: corrupt, with or without room.
  for (size_t room : {size_t(0), kLz4DirectRoom}) {
    Decoded decoded = DecodeWithRoom(decompressor, frame, data.size() + 10, room);
    CHECK(decoded.status.code() == ErrorCode::kCorrupt);
  }

  // The decoder is left ready for the next payload.
  Decoded next = DecodeWithRoom(decompressor, frame, data.size(), kLz4DirectRoom);
  REQUIRE(next.status.ok());
  CHECK(next.bytes == data);
}
