// Raw image -> grey8 / grey16 / rgb8 pixels (see image_conversion.h for each format's rule).
#include "media/png_layout_conversion.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace vrsx::media {

namespace {

uint16_t U16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

float F32(const uint8_t* p) {
  uint32_t bits =
      uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
  return std::bit_cast<float>(bits);
}

double F64(const uint8_t* p) {
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | p[i];
  return std::bit_cast<double>(bits);
}

// 10 or 12 significant bits spread over 16 by bit replication (exact inverse: >> (16 - bits)).
uint16_t Scale10(uint32_t v) {
  v &= 0x3FF;
  return static_cast<uint16_t>((v << 6) | (v >> 4));
}
uint16_t Scale12(uint32_t v) {
  v &= 0xFFF;
  return static_cast<uint16_t>((v << 4) | (v >> 8));
}

void Put16(uint8_t* out, uint16_t v) {
  out[0] = static_cast<uint8_t>(v & 0xFF);
  out[1] = static_cast<uint8_t>(v >> 8);
}

uint8_t Clamp8(int v) {
  return static_cast<uint8_t>(std::clamp(v, 0, 255));
}

// BT.601 full range, 16-bit fixed point.
void YuvToRgb(int y, int u, int v, uint8_t* rgb) {
  u -= 128;
  v -= 128;
  rgb[0] = Clamp8(y + ((91881 * v + 32768) >> 16));
  rgb[1] = Clamp8(y - ((22554 * u + 46802 * v + 32768) >> 16));
  rgb[2] = Clamp8(y + ((116130 * u + 32768) >> 16));
}

Status Fail(const ImageSpec& spec, const std::string& what) {
  return Status(ErrorCode::kUnsupported, "image/" + spec.Text() + ": " + what);
}

// The bytes of a row of one plane, without padding.
size_t MinimumPlaneRow(PixelFormat format, uint32_t width, uint32_t plane) {
  if (plane == 0) return PixelFormatDefaultStride(format, width);
  if (format == PixelFormat::kYuvI420Split) return (size_t(width) + 1) / 2;
  return (size_t(width) + 1) / 2 * 2;  // nv12 / nv21: U and V interleaved, per 2 pixels
}

// Where each plane's rows are, checked against the data.
class Planes {
 public:
  Status Init(const ImageSpec& spec, std::span<const uint8_t> data) {
    data_ = data;
    size_t offset = 0;
    count_ = spec.PlaneCount();
    if (count_ > kMaxPlanes) return Fail(spec, "too many planes");
    for (uint32_t p = 0; p < count_; ++p) {
      stride_[p] = spec.PlaneStride(p);
      size_t rows = spec.PlaneHeight(p);
      size_t minimum = MinimumPlaneRow(spec.pixel_format, spec.width, p);
      if (stride_[p] < minimum) {
        return Fail(spec, "plane " + std::to_string(p) + " stride " + std::to_string(stride_[p]) +
                              " is smaller than a row of " + std::to_string(minimum) + " bytes");
      }
      offset_[p] = offset;
      size_t bytes = 0;
      if (__builtin_mul_overflow(stride_[p], rows, &bytes) ||
          __builtin_add_overflow(offset, bytes, &offset)) {
        return Fail(spec, "image size out of range");
      }
    }
    if (offset == 0) return Fail(spec, "empty image");
    if (data.size() < offset) {
      return Fail(spec, "image of " + std::to_string(offset) + " bytes, only " +
                            std::to_string(data.size()) + " bytes in the block");
    }
    return Status::Ok();
  }

  const uint8_t* Row(uint32_t plane, size_t y) const {
    return data_.data() + offset_[plane] + y * stride_[plane];
  }

 private:
  static constexpr uint32_t kMaxPlanes = 3;
  std::span<const uint8_t> data_;
  uint32_t count_ = 0;
  size_t offset_[kMaxPlanes] = {};
  size_t stride_[kMaxPlanes] = {};
};

// Unpacks pixel x of a row of 10-bit packed pixels.
uint32_t Raw10Pixel(const uint8_t* row, uint32_t x) {
  const uint8_t* group = row + size_t(x / 4) * 5;
  uint32_t k = x % 4;
  return (uint32_t(group[k]) << 2) | ((group[4] >> (2 * k)) & 3);
}
uint32_t Grey10PackedPixel(const uint8_t* row, uint32_t x) {
  const uint8_t* group = row + size_t(x / 4) * 5;
  uint64_t bits = 0;
  for (int i = 4; i >= 0; --i) bits = (bits << 8) | group[i];
  return static_cast<uint32_t>((bits >> (10 * (x % 4))) & 0x3FF);
}

// The smallest and largest finite values seen, which the float normalisations stretch over the
// output range.
struct FiniteRange {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();

  void Add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  // The factor mapping [lo, hi] onto [0, top]; 0 when there is no spread to stretch.
  // Halves first: hi - lo overflows to infinity for doubles of opposite signs near the limits
  // (halving is exact, so the results are those of (v - lo) * top / (hi - lo)).
  double ScaleTo(double top) const { return hi > lo ? top / (hi / 2 - lo / 2) : 0; }
  // v's place in [lo, hi] times the ScaleTo factor, rounded; 0 for NaN and infinities.
  static double Scaled(double v, double base, double scale) {
    double scaled = std::isfinite(v) ? std::round((v / 2 - base / 2) * scale) : 0;
    return std::isnan(scaled) ? 0 : scaled;
  }
};

// Single-channel floating point values -> grey16, [min, max] of the finite values -> [0, 65535].
template <typename Read>
void NormaliseScalar(const Planes& planes, const ImageSpec& spec, size_t bytes, Read read,
                     ConvertedImage& out) {
  FiniteRange range;
  for (size_t y = 0; y < spec.height; ++y) {
    const uint8_t* row = planes.Row(0, y);
    for (uint32_t x = 0; x < spec.width; ++x) range.Add(read(row + x * bytes));
  }
  double scale = range.ScaleTo(65535.0);
  uint8_t* o = out.pixels.data();
  for (size_t y = 0; y < spec.height; ++y) {
    const uint8_t* row = planes.Row(0, y);
    for (uint32_t x = 0; x < spec.width; ++x, o += 2) {
      double v = read(row + x * bytes);
      double scaled = FiniteRange::Scaled(v, range.lo, scale);
      Put16(o, static_cast<uint16_t>(std::clamp(scaled, 0.0, 65535.0)));
    }
  }
}

// rgb32F / rgba32F -> rgb8.
void NormaliseRgbFloat(const Planes& planes, const ImageSpec& spec, size_t pixel_bytes,
                       ConvertedImage& out) {
  FiniteRange range;
  for (size_t y = 0; y < spec.height; ++y) {
    const uint8_t* row = planes.Row(0, y);
    for (uint32_t x = 0; x < spec.width; ++x) {
      for (size_t c = 0; c < 3; ++c) range.Add(F32(row + x * pixel_bytes + c * 4));
    }
  }
  double base = 0;
  double scale = 2 * 255.0;                 // Scaled halves v
  if (!(range.lo >= 0 && range.hi <= 1)) {  // also when there is no finite value
    base = range.lo;
    scale = range.ScaleTo(255.0);
  }
  uint8_t* o = out.pixels.data();
  for (size_t y = 0; y < spec.height; ++y) {
    const uint8_t* row = planes.Row(0, y);
    for (uint32_t x = 0; x < spec.width; ++x) {
      for (size_t c = 0; c < 3; ++c, ++o) {
        double v = F32(row + x * pixel_bytes + c * 4);
        double scaled = FiniteRange::Scaled(v, base, scale);
        *o = static_cast<uint8_t>(std::clamp(scaled, 0.0, 255.0));
      }
    }
  }
}

}  // namespace

const char* PngLayoutName(PngLayout layout) {
  switch (layout) {
    case PngLayout::kGrey8:
      return "grey8";
    case PngLayout::kGrey16:
      return "grey16";
    case PngLayout::kRgb8:
      return "rgb8";
    case PngLayout::kRgba8:
      return "rgba8";
  }
  return "grey8";
}

size_t PngLayoutBytesPerPixel(PngLayout layout) {
  switch (layout) {
    case PngLayout::kGrey8:
      return 1;
    case PngLayout::kGrey16:
      return 2;
    case PngLayout::kRgb8:
      return 3;
    case PngLayout::kRgba8:
      return 4;
  }
  return 1;
}

std::optional<PngLayout> ConvertedLayout(PixelFormat format) {
  switch (format) {
    case PixelFormat::kGrey8:
    case PixelFormat::kBayer8Rggb:
    case PixelFormat::kBayer8Bggr:
    case PixelFormat::kBayer8Gbrg:
    case PixelFormat::kRgbIr4x4:
      return PngLayout::kGrey8;
    case PixelFormat::kGrey10:
    case PixelFormat::kGrey12:
    case PixelFormat::kGrey16:
    case PixelFormat::kBayer10Gbrg:
    case PixelFormat::kRaw10:
    case PixelFormat::kRaw10BayerRggb:
    case PixelFormat::kRaw10BayerBggr:
    case PixelFormat::kGrey10Packed:
    case PixelFormat::kDepth32F:
    case PixelFormat::kScalar64F:
      return PngLayout::kGrey16;
    case PixelFormat::kRgb8:
    case PixelFormat::kBgr8:
    case PixelFormat::kRgba8:
    case PixelFormat::kRgb10:
    case PixelFormat::kRgb12:
    case PixelFormat::kRgb32F:
    case PixelFormat::kRgba32F:
    case PixelFormat::kYuvI420Split:
    case PixelFormat::kYuv420Nv12:
    case PixelFormat::kYuv420Nv21:
    case PixelFormat::kYuy2:
      return PngLayout::kRgb8;
    case PixelFormat::kUndefined:
      break;
  }
  return std::nullopt;
}

Status ConvertRawImage(const ImageSpec& spec, std::span<const uint8_t> data, ConvertedImage& out) {
  if (spec.format != ImageFormat::kRaw) return Fail(spec, "not a raw image");
  std::optional<PngLayout> layout = ConvertedLayout(spec.pixel_format);
  if (!layout) return Fail(spec, "undefined pixel format");
  if (spec.width == 0 || spec.height == 0) return Fail(spec, "image without dimensions");
  Planes planes;
  if (Status status = planes.Init(spec, data); !status.ok()) return status;

  out.layout = *layout;
  out.width = spec.width;
  out.height = spec.height;
  out.significant_bits = *layout == PngLayout::kGrey16 ? 16 : 8;
  size_t total = 0;
  if (__builtin_mul_overflow(out.row_bytes(), size_t(spec.height), &total)) {
    return Fail(spec, "image size out of range");
  }
  out.pixels.resize(total);

  const uint32_t w = spec.width;
  const uint32_t h = spec.height;
  const size_t out_row = out.row_bytes();
  auto out_row_at = [&](size_t y) { return out.pixels.data() + y * out_row; };

  switch (spec.pixel_format) {
    case PixelFormat::kGrey8:
    case PixelFormat::kBayer8Rggb:
    case PixelFormat::kBayer8Bggr:
    case PixelFormat::kBayer8Gbrg:
    case PixelFormat::kRgbIr4x4:
    case PixelFormat::kRgb8:
      for (size_t y = 0; y < h; ++y) std::copy_n(planes.Row(0, y), out_row, out_row_at(y));
      break;
    case PixelFormat::kGrey16:
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) Put16(o + 2 * x, U16(row + 2 * x));
      }
      break;
    case PixelFormat::kGrey10:
    case PixelFormat::kBayer10Gbrg:
    case PixelFormat::kGrey12: {
      bool twelve = spec.pixel_format == PixelFormat::kGrey12;
      out.significant_bits = twelve ? 12 : 10;
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) {
          uint16_t v = U16(row + 2 * x);
          Put16(o + 2 * x, twelve ? Scale12(v) : Scale10(v));
        }
      }
      break;
    }
    case PixelFormat::kRaw10:
    case PixelFormat::kRaw10BayerRggb:
    case PixelFormat::kRaw10BayerBggr:
    case PixelFormat::kGrey10Packed: {
      bool packed = spec.pixel_format == PixelFormat::kGrey10Packed;
      out.significant_bits = 10;
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) {
          uint32_t v = packed ? Grey10PackedPixel(row, x) : Raw10Pixel(row, x);
          Put16(o + 2 * x, Scale10(v));
        }
      }
      break;
    }
    case PixelFormat::kDepth32F:
      NormaliseScalar(
          planes, spec, 4, [](const uint8_t* p) { return double(F32(p)); }, out);
      break;
    case PixelFormat::kScalar64F:
      NormaliseScalar(planes, spec, 8, F64, out);
      break;
    case PixelFormat::kBgr8:
    case PixelFormat::kRgba8: {
      bool bgr = spec.pixel_format == PixelFormat::kBgr8;
      size_t in_bytes = bgr ? 3 : 4;
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x, o += 3) {
          const uint8_t* p = row + x * in_bytes;
          o[0] = bgr ? p[2] : p[0];
          o[1] = p[1];
          o[2] = bgr ? p[0] : p[2];
        }
      }
      break;
    }
    case PixelFormat::kRgb10:
    case PixelFormat::kRgb12: {
      int shift = spec.pixel_format == PixelFormat::kRgb10 ? 2 : 4;
      uint32_t mask = spec.pixel_format == PixelFormat::kRgb10 ? 0x3FF : 0xFFF;
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (size_t i = 0; i < size_t(w) * 3; ++i) {
          o[i] = static_cast<uint8_t>((U16(row + 2 * i) & mask) >> shift);
        }
      }
      break;
    }
    case PixelFormat::kRgb32F:
      NormaliseRgbFloat(planes, spec, 12, out);
      break;
    case PixelFormat::kRgba32F:
      NormaliseRgbFloat(planes, spec, 16, out);
      break;
    case PixelFormat::kYuvI420Split:
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* luma = planes.Row(0, y);
        const uint8_t* u = planes.Row(1, y / 2);
        const uint8_t* v = planes.Row(2, y / 2);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) YuvToRgb(luma[x], u[x / 2], v[x / 2], o + 3 * x);
      }
      break;
    case PixelFormat::kYuv420Nv12:
    case PixelFormat::kYuv420Nv21: {
      size_t u_at = spec.pixel_format == PixelFormat::kYuv420Nv12 ? 0 : 1;
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* luma = planes.Row(0, y);
        const uint8_t* chroma = planes.Row(1, y / 2);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) {
          const uint8_t* uv = chroma + size_t(x / 2) * 2;
          YuvToRgb(luma[x], uv[u_at], uv[1 - u_at], o + 3 * x);
        }
      }
      break;
    }
    case PixelFormat::kYuy2:
      for (size_t y = 0; y < h; ++y) {
        const uint8_t* row = planes.Row(0, y);
        uint8_t* o = out_row_at(y);
        for (uint32_t x = 0; x < w; ++x) {
          const uint8_t* pair = row + size_t(x / 2) * 4;  // Y0 U Y1 V
          YuvToRgb(pair[(x % 2) * 2], pair[1], pair[3], o + 3 * x);
        }
      }
      break;
    case PixelFormat::kUndefined:
      return Fail(spec, "undefined pixel format");
  }
  return Status::Ok();
}

}  // namespace vrsx::media
