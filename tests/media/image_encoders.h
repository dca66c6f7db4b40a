// Test images encoded with the codec libraries themselves (libpng, libturbojpeg, libjxl), for
// the image decoder's tests and bench. Each returns an empty vector when vrsx was built without
// that codec.
#pragma once

#include <cstdint>
#include <vector>

namespace vrsx::testing {

// channels: 1 (grey), 3 (rgb) or 4 (rgba); `bits` 8 or 16 (16: grey only, samples little-endian).
std::vector<uint8_t> EncodePng(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                               int channels, int bits = 8);
// channels 1 or 3; 4:2:0 subsampling for colour.
std::vector<uint8_t> EncodeJpeg(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                                int channels, int quality);
// Lossless; channels 1 or 3.
std::vector<uint8_t> EncodeJxl(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t height,
                               int channels);
// libturbojpeg's own decode (rgb8 or grey8), for comparison.
std::vector<uint8_t> DecodeJpegWithLibrary(const std::vector<uint8_t>& jpeg, int channels);

// libpng's own decode of a PNG file (simplified API, the file's format); empty without libpng.
struct PngFile {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;   // 1 grey, 2 grey+alpha, 3 rgb, 4 rgba
  int bit_depth = 0;  // 8 or 16
  std::vector<uint8_t> pixels;
};
PngFile DecodePngWithLibrary(const std::vector<uint8_t>& png);

// A smooth test picture with some detail, `channels` bytes per pixel.
std::vector<uint8_t> TestPicture(uint32_t width, uint32_t height, int channels);

}  // namespace vrsx::testing
