#include "compression/compressor.h"

#include <lz4frame.h>
#include <zstd.h>

#include <cctype>
#include <cstring>
#include <string>

#include "compression/zstd_workspace.h"

namespace vrsx {

namespace {

struct PresetRow {
  const char* name;
  const char* pretty;
  compression::Codec codec;
  int level;
};

// Spec 01 §4.2, in enum order.
constexpr PresetRow kPresets[kCompressionPresetCount] = {
    {"none", "none", compression::Codec::kNone, 0},
    {"fast", "lz4-fast", compression::Codec::kLz4, 0},
    {"tight", "lz4-tight", compression::Codec::kLz4, 4},
    {"zfaster", "zstd-faster", compression::Codec::kZstd, -1},
    {"zfast", "zstd-fast", compression::Codec::kZstd, 1},
    {"zlight", "zstd-light", compression::Codec::kZstd, 3},
    {"zmedium", "zstd-medium", compression::Codec::kZstd, 7},
    {"zheavy", "zstd-heavy", compression::Codec::kZstd, 12},
    {"zhigh", "zstd-high", compression::Codec::kZstd, 15},
    {"ztight", "zstd-tight", compression::Codec::kZstd, 18},
    {"zmax", "zstd-max", compression::Codec::kZstd, 20},
};

const PresetRow* Row(CompressionPreset preset) {
  int value = int(preset);
  return value >= 0 && value < kCompressionPresetCount ? &kPresets[value] : nullptr;
}

}  // namespace

const char* CompressionPresetName(CompressionPreset preset) {
  const PresetRow* row = Row(preset);
  return row != nullptr ? row->name : "undefined";
}

std::string CompressionPresetPrettyName(CompressionPreset preset) {
  const PresetRow* row = Row(preset);
  if (row == nullptr) return "undefined";
  std::string name = row->pretty;
  if (row->codec == compression::Codec::kZstd) name += "(" + std::to_string(row->level) + ")";
  return name;
}

std::optional<CompressionPreset> CompressionPresetFromName(std::string_view name) {
  for (int i = 0; i < kCompressionPresetCount; ++i) {
    std::string_view candidate = kPresets[i].name;
    if (candidate.size() != name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(name[k])) == candidate[k];
    }
    if (same) return CompressionPreset(i);
  }
  return std::nullopt;
}

namespace compression {

namespace {
constexpr size_t kMaxKeptScratch = size_t(16) << 20;
}  // namespace

PresetInfo GetPresetInfo(CompressionPreset preset) {
  const PresetRow* row = Row(preset);
  return row != nullptr ? PresetInfo{row->codec, row->level} : PresetInfo{};
}

Compressor::Compressor() = default;

Compressor::~Compressor() {
  ZSTD_freeCCtx(zstd_);
}

uint8_t* Compressor::Scratch(size_t bound) {
  // The scratch follows the largest record, but doesn't keep a huge one for small ones.
  if (scratch_size_ < bound || (scratch_size_ > kMaxKeptScratch && bound <= kMaxKeptScratch)) {
    scratch_.reset();
    scratch_ = std::make_unique_for_overwrite<uint8_t[]>(bound);
    scratch_size_ = bound;
  }
  return scratch_.get();
}

std::optional<Compressed> Compressor::Compress(CompressionPreset preset, const uint8_t* data,
                                               size_t size) {
  PresetInfo info = GetPresetInfo(preset);
  if (info.codec == Codec::kNone || size < kMinCompressedPayload) return std::nullopt;
  if (info.codec == Codec::kZstd) return CompressZstd(info.level, data, size);

  // lz4 frame: default preferences but the level; no content size, no checksums (§4.1.2).
  LZ4F_preferences_t preferences;
  std::memset(&preferences, 0, sizeof preferences);
  preferences.compressionLevel = info.level;
  size_t bound = LZ4F_compressFrameBound(size, &preferences);
  size_t compressed = LZ4F_compressFrame(Scratch(bound), bound, data, size, &preferences);
  if (LZ4F_isError(compressed)) return std::nullopt;  // stored as it is
  return Finish(compressed, size, Codec::kLz4);
}

bool Compressor::StartZstdFrame(int level) {
  if (zstd_ == nullptr) {
    zstd_ = NewZstdCompressionContext();
    if (zstd_ == nullptr) return false;
  }
  // A fresh context state per record: no history shared between records (§4.1).
  ZSTD_CCtx_reset(zstd_, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(zstd_, ZSTD_c_contentSizeFlag, 1);
  ZSTD_CCtx_setParameter(zstd_, ZSTD_c_checksumFlag, 0);
  return true;
}

std::optional<Compressed> Compressor::CompressZstd(int level, const uint8_t* data, size_t size) {
  if (!StartZstdFrame(level)) return std::nullopt;
  size_t bound = ZSTD_compressBound(size);
  size_t compressed = ZSTD_compress2(zstd_, Scratch(bound), bound, data, size);
  if (ZSTD_isError(compressed)) return std::nullopt;  // stored as it is
  return Finish(compressed, size, Codec::kZstd);
}

std::optional<Compressed> Compressor::CompressZstd(
    int level, std::span<const std::span<const uint8_t>> pieces) {
  if (pieces.empty() || !StartZstdFrame(level)) return std::nullopt;
  size_t size = 0;
  for (std::span<const uint8_t> piece : pieces) size += piece.size();
  ZSTD_CCtx_setPledgedSrcSize(zstd_, size);
  size_t bound = ZSTD_compressBound(size);
  ZSTD_outBuffer out = {Scratch(bound), bound, 0};
  for (size_t i = 0; i < pieces.size(); ++i) {
    ZSTD_inBuffer in = {pieces[i].data(), pieces[i].size(), 0};
    ZSTD_EndDirective mode = i + 1 == pieces.size() ? ZSTD_e_end : ZSTD_e_continue;
    // Until the piece is taken (and, at the end, the frame finished); the output has room for
    // the bound, so a full output means an error.
    while (true) {
      size_t left = ZSTD_compressStream2(zstd_, &out, &in, mode);
      if (ZSTD_isError(left)) return std::nullopt;
      if (in.pos == in.size && (mode == ZSTD_e_continue || left == 0)) break;
      if (out.pos == out.size) return std::nullopt;
    }
  }
  return Finish(out.pos, size, Codec::kZstd);
}

std::optional<Compressed> Compressor::Finish(size_t compressed, size_t size, Codec codec) const {
  if (compressed >= size) return std::nullopt;  // only when strictly smaller (§4.1.4)
  return Compressed{scratch_.get(), compressed, codec};
}

}  // namespace compression

}  // namespace vrsx
