// The per-record compressor: the frames it makes are what lz4 and zstd make of the payload with
// the presets' settings (spec 01 §4.1), and it refuses what must be stored raw.
#include <zstd.h>
#include <catch2/catch.hpp>

#include <random>
#include <span>
#include <vector>

#include "compression/compressor.h"
#include "support/codec_frames.h"

using vrsx::CompressionPreset;
using vrsx::compression::Codec;
using vrsx::compression::Compressor;

using vrsx::testing::Lz4Frame;
using vrsx::testing::PictureBytes;

TEST_CASE("lz4 presets make the frame LZ4F_compressFrame makes", "[compressor]") {
  Compressor compressor;
  for (size_t size : {size_t(1000), size_t(4000), size_t(65536), size_t(307200)}) {
    std::vector<uint8_t> data = PictureBytes(size, uint32_t(size));
    for (auto [preset, level] :
         {std::pair{CompressionPreset::kLz4Fast, 0}, std::pair{CompressionPreset::kLz4Tight, 4}}) {
      INFO(size << " bytes, level " << level);
      auto compressed = compressor.Compress(preset, data.data(), data.size());
      REQUIRE(compressed);
      CHECK(compressed->codec == Codec::kLz4);
      std::vector<uint8_t> expected = Lz4Frame(data, level);
      CHECK(std::vector<uint8_t>(compressed->data, compressed->data + compressed->size) ==
            expected);
    }
  }
}

TEST_CASE("zstd presets make one frame that declares its content size", "[compressor]") {
  Compressor compressor;
  // Large, then small, then large again: the scratch buffer is reused and resized.
  for (size_t size : {size_t(1) << 20, size_t(1300), size_t(307200)}) {
    std::vector<uint8_t> data = PictureBytes(size, 7);
    for (CompressionPreset preset : {CompressionPreset::kZstdFaster, CompressionPreset::kZstdLight,
                                     CompressionPreset::kZstdMedium}) {
      INFO(size << " bytes, preset " << int(preset));
      auto compressed = compressor.Compress(preset, data.data(), data.size());
      REQUIRE(compressed);
      CHECK(compressed->codec == Codec::kZstd);
      CHECK(ZSTD_getFrameContentSize(compressed->data, compressed->size) == size);
      CHECK(ZSTD_findFrameCompressedSize(compressed->data, compressed->size) == compressed->size);
      std::vector<uint8_t> back(size);
      CHECK(ZSTD_decompress(back.data(), back.size(), compressed->data, compressed->size) == size);
      CHECK(back == data);
    }
  }
}

TEST_CASE("zstd frames are those of a plain zstd context, whatever the workspace's pages",
          "[compressor]") {
  // The compressor's context maps its workspace up front: the bytes must not depend on it.
  auto plain = [](int level, const std::vector<uint8_t>& data) {
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0);
    std::vector<uint8_t> out(ZSTD_compressBound(data.size()));
    size_t size = ZSTD_compress2(context, out.data(), out.size(), data.data(), data.size());
    ZSTD_freeCCtx(context);
    REQUIRE_FALSE(ZSTD_isError(size));
    out.resize(size);
    return out;
  };
  Compressor compressor;
  // The writer's levels (3), the index's (7, 15, 18), and back down: the workspace grows and is
  // reused.
  for (int level : {3, 7, 15, 18, 3}) {
    for (size_t size : {size_t(307200), size_t(400000)}) {
      INFO(size << " bytes, level " << level);
      std::vector<uint8_t> data = PictureBytes(size, uint32_t(level));
      auto whole = compressor.CompressZstd(level, data.data(), data.size());
      REQUIRE(whole);
      std::vector<uint8_t> expected = plain(level, data);
      CHECK(std::vector<uint8_t>(whole->data, whole->data + whole->size) == expected);
      // In pieces, as the index is: one frame, the same content.
      std::vector<std::span<const uint8_t>> pieces{{data.data(), 1000},
                                                   {data.data() + 1000, size - 1000}};
      auto pieced = compressor.CompressZstd(level, pieces);
      REQUIRE(pieced);
      std::vector<uint8_t> back(size);
      CHECK(ZSTD_decompress(back.data(), back.size(), pieced->data, pieced->size) == size);
      CHECK(back == data);
    }
  }
}

TEST_CASE("payloads that must be stored raw are not compressed", "[compressor]") {
  Compressor compressor;
  std::vector<uint8_t> small = PictureBytes(249, 1);
  CHECK_FALSE(compressor.Compress(CompressionPreset::kZstdLight, small.data(), small.size()));
  CHECK_FALSE(compressor.Compress(CompressionPreset::kLz4Fast, small.data(), small.size()));
  std::vector<uint8_t> picture = PictureBytes(10000, 2);
  CHECK_FALSE(compressor.Compress(CompressionPreset::kNone, picture.data(), picture.size()));
  // Noise does not get strictly smaller (§4.1.4).
  std::mt19937 random(3);
  std::vector<uint8_t> noise(10000);
  for (uint8_t& byte : noise) byte = uint8_t(random());
  CHECK_FALSE(compressor.Compress(CompressionPreset::kLz4Fast, noise.data(), noise.size()));
  CHECK_FALSE(compressor.Compress(CompressionPreset::kZstdLight, noise.data(), noise.size()));
  // The index record's zstd compression has no minimum size.
  std::vector<uint8_t> zeros(64, 0);
  auto index = compressor.CompressZstd(18, zeros.data(), zeros.size());
  REQUIRE(index);
  CHECK(ZSTD_getFrameContentSize(index->data, index->size) == 64);
}
