#include "codec_bounds.h"

#include <lz4frame.h>
#include <xxhash.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <span>
#include <thread>
#include <vector>

#include "compression/compressor.h"
#include "inputs.h"

namespace vrsx::bench {
namespace {

using Frames = std::vector<std::vector<uint8_t>>;

// One codec's contexts and output buffer: one per thread.
class RawCodec {
 public:
  // Compresses at `level`, payloads of up to `max_size` bytes.
  RawCodec(BoundCodec codec, int level, size_t max_size) : codec_(codec) {
    zstd_c_ = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(zstd_c_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(zstd_c_, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(zstd_c_, ZSTD_c_checksumFlag, 0);
    lz4_preferences_.compressionLevel = level;
    zstd_d_ = ZSTD_createDCtx();
    LZ4F_createDecompressionContext(&lz4_d_, LZ4F_VERSION);
    out_.resize(std::max(ZSTD_compressBound(max_size),
                         LZ4F_compressFrameBound(max_size, &lz4_preferences_)));
  }
  // vrsx's default settings for the codec (lz4 level 0, zstd -1), on frames.
  explicit RawCodec(BoundCodec codec)
      : RawCodec(codec, codec == BoundCodec::kZstd ? -1 : 0, kFrameBytes) {}
  ~RawCodec() {
    ZSTD_freeCCtx(zstd_c_);
    ZSTD_freeDCtx(zstd_d_);
    LZ4F_freeDecompressionContext(lz4_d_);
  }
  RawCodec(const RawCodec&) = delete;
  RawCodec& operator=(const RawCodec&) = delete;

  // The compressed frame, valid until the next call.
  std::span<const uint8_t> Compress(std::span<const uint8_t> payload) {
    size_t size = 0;
    if (codec_ == BoundCodec::kZstd) {
      size = ZSTD_compress2(zstd_c_, out_.data(), out_.size(), payload.data(), payload.size());
      Require(!ZSTD_isError(size), "zstd compression");
    } else {
      size = LZ4F_compressFrame(out_.data(), out_.size(), payload.data(), payload.size(),
                                &lz4_preferences_);
      Require(!LZ4F_isError(size), "lz4 compression");
    }
    return {out_.data(), size};
  }

  // The decoded bytes, valid until the next call.
  const uint8_t* Decompress(const std::vector<uint8_t>& compressed, size_t size) {
    if (codec_ == BoundCodec::kZstd) {
      size_t got =
          ZSTD_decompressDCtx(zstd_d_, out_.data(), size, compressed.data(), compressed.size());
      Require(got == size, "zstd decompression");
    } else {
      size_t out_size = size;
      size_t in_size = compressed.size();
      size_t more =
          LZ4F_decompress(lz4_d_, out_.data(), &out_size, compressed.data(), &in_size, nullptr);
      Require(more == 0 && out_size == size, "lz4 decompression");
    }
    return out_.data();
  }

 private:
  BoundCodec codec_;
  ZSTD_CCtx* zstd_c_ = nullptr;
  ZSTD_DCtx* zstd_d_ = nullptr;
  LZ4F_dctx* lz4_d_ = nullptr;
  LZ4F_preferences_t lz4_preferences_{};
  std::vector<uint8_t> out_;
};

// Runs work(t, first, end) for t in [0, threads), thread t on its share [first, end) of
// [0, count).
template <typename Work>
void OnThreads(unsigned threads, size_t count, Work work) {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(work, t, count * t / threads, count * (t + 1) / threads);
  }
  work(0u, size_t(0), count / threads);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace

Result MeasureMemcpy() {
  std::vector<uint8_t> from(64 << 20, 1);
  std::vector<uint8_t> to(64 << 20);
  Result result;
  Stopwatch stopwatch;
  for (int round = 0; round < 8; ++round) {
    std::memcpy(to.data(), from.data(), from.size());
    from[round] = to[from.size() - 1 - round];
    result.bytes += from.size();
  }
  stopwatch.Stop(result);
  return result;
}

Result MeasureXxh64(const Options& options) {
  constexpr int kRounds = 3;
  Frames frames = MemoryFrames(options.image_mb);
  uint64_t hashes = 0;
  Result result;
  Stopwatch stopwatch;
  // Each frame several times in a row: checksum hashes a payload just decoded, in the cache.
  for (const std::vector<uint8_t>& frame : frames) {
    for (int round = 0; round < kRounds; ++round) {
      hashes ^= XXH64(frame.data(), frame.size(), 0);
      result.bytes += frame.size();
      ++result.records;
    }
  }
  stopwatch.Stop(result);
  Require(hashes != 1, "hashing");
  return result;
}

Result MeasureRawCompression(const Payloads& payloads, CompressionPreset preset, unsigned threads) {
  // The writer's own table of presets (spec 01 §4.2): the bound can't drift from the writer.
  compression::PresetInfo info = compression::GetPresetInfo(preset);
  Require(info.codec != compression::Codec::kNone, "a compression bound for a compressing preset");
  BoundCodec codec = info.codec == compression::Codec::kLz4 ? BoundCodec::kLz4 : BoundCodec::kZstd;
  int level = info.level;
  // What the writer compresses (spec 01 §4.1.4: shorter payloads are stored raw).
  constexpr size_t kMinCompressed = compression::kMinCompressedPayload;
  std::vector<std::span<const uint8_t>> compressed_ones;
  size_t max_size = 0;
  Result result;
  for (const std::vector<uint8_t>& payload : payloads) {
    result.bytes += payload.size();
    if (payload.size() < kMinCompressed) continue;
    compressed_ones.push_back(payload);
    max_size = std::max(max_size, payload.size());
  }
  std::vector<std::unique_ptr<RawCodec>> codecs;
  for (unsigned t = 0; t < threads; ++t) {
    codecs.push_back(std::make_unique<RawCodec>(codec, level, max_size));
  }
  std::vector<uint64_t> stored(threads);
  Stopwatch stopwatch;
  OnThreads(threads, compressed_ones.size(), [&](unsigned t, size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      stored[t] += codecs[t]->Compress(compressed_ones[i]).size();
    }
  });
  stopwatch.Stop(result);
  result.records = payloads.size();
  for (uint64_t bytes : stored)
    Require(bytes > 0 || compressed_ones.size() < threads, "compressing");
  return result;
}

Result MeasureRawDecompression(const Options& options, BoundCodec codec, unsigned threads) {
  constexpr int kRounds = 3;
  Frames compressed;
  {
    RawCodec compressor(codec);
    for (const std::vector<uint8_t>& frame : MemoryFrames(options.image_mb)) {
      std::span<const uint8_t> bytes = compressor.Compress(frame);
      compressed.emplace_back(bytes.begin(), bytes.end());
    }
  }
  std::vector<std::unique_ptr<RawCodec>> codecs;
  for (unsigned t = 0; t < threads; ++t) codecs.push_back(std::make_unique<RawCodec>(codec));
  Stopwatch stopwatch;
  OnThreads(threads, compressed.size(), [&](unsigned t, size_t first, size_t end) {
    RawCodec& decoder = *codecs[t];
    for (int round = 0; round < kRounds; ++round) {
      for (size_t i = first; i < end; ++i) decoder.Decompress(compressed[i], kFrameBytes);
    }
  });
  Result result;
  stopwatch.Stop(result);
  result.records = compressed.size() * kRounds;
  result.bytes = result.records * kFrameBytes;
  return result;
}

Result MeasureRawDecodeAndHash(const Payloads& payloads, CompressionPreset preset,
                               unsigned threads) {
  compression::PresetInfo info = compression::GetPresetInfo(preset);
  Require(info.codec != compression::Codec::kNone, "a decoding bound for a compressing preset");
  BoundCodec codec = info.codec == compression::Codec::kLz4 ? BoundCodec::kLz4 : BoundCodec::kZstd;
  size_t max_size = 0;
  for (const std::vector<uint8_t>& payload : payloads)
    max_size = std::max(max_size, payload.size());
  // Stored as the writer stores them: compressed from 250 bytes on, raw below.
  struct Stored {
    std::vector<uint8_t> bytes;
    size_t size;  // uncompressed
    bool compressed;
  };
  std::vector<Stored> stored;
  {
    RawCodec compressor(codec, info.level, max_size);
    for (const std::vector<uint8_t>& payload : payloads) {
      if (payload.size() < compression::kMinCompressedPayload) {
        stored.push_back({payload, payload.size(), false});
      } else {
        std::span<const uint8_t> bytes = compressor.Compress(payload);
        stored.push_back({{bytes.begin(), bytes.end()}, payload.size(), true});
      }
    }
  }
  std::vector<std::unique_ptr<RawCodec>> codecs;
  for (unsigned t = 0; t < threads; ++t) {
    codecs.push_back(std::make_unique<RawCodec>(codec, info.level, max_size));
  }
  std::vector<uint64_t> hashes(threads);
  Result result;
  Stopwatch stopwatch;
  OnThreads(threads, stored.size(), [&](unsigned t, size_t first, size_t end) {
    RawCodec& decoder = *codecs[t];
    for (size_t i = first; i < end; ++i) {
      const uint8_t* bytes = stored[i].bytes.data();
      if (stored[i].compressed) bytes = decoder.Decompress(stored[i].bytes, stored[i].size);
      hashes[t] ^= XXH64(bytes, stored[i].size, 0);
    }
  });
  stopwatch.Stop(result);
  for (const Stored& s : stored) result.bytes += s.size;
  result.records = stored.size();
  Require(std::find(hashes.begin(), hashes.end(), 1) == hashes.end(), "hashing");
  return result;
}

}  // namespace vrsx::bench
