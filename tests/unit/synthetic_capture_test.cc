// The demo recorder's and the bench's camera frames: the generator follows its formula.
#include "synthetic_capture.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace {

// The formula of synthetic_capture.h, one pixel at a time.
std::vector<uint8_t> FrameByFormula(uint32_t width, uint32_t height, uint64_t frame,
                                    vrsx::examples::Grain grain) {
  std::vector<uint8_t> pixels(size_t(width) * height);
  const uint32_t mask = (1u << grain.bits) - 1;
  uint32_t noise = uint32_t(frame) * 2654435761u + 1;
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      uint32_t value = 0;
      if (x % grain.spacing == 0) {
        noise = noise * 1664525u + 1013904223u;
        value = (noise >> 28) & mask;
      }
      pixels[size_t(y) * width + x] =
          uint8_t(x * 256 / width + y * 64 / height + frame * 2 + value);
    }
  }
  return pixels;
}

// The audio formula of synthetic_capture.h, one frame at a time.
std::vector<uint8_t> AudioByFormula(uint64_t first, size_t frames) {
  std::vector<uint8_t> bytes;
  for (uint64_t n = first; n < first + frames; ++n) {
    double t = double(n % vrsx::examples::kAudioPeriod) / vrsx::examples::kAudioRate;
    for (double value : {8000 * std::sin(2 * std::numbers::pi * 440 * t),
                         6000 * std::sin(2 * std::numbers::pi * 660 * t)}) {
      uint16_t sample = uint16_t(int16_t(std::lround(value)));
      bytes.push_back(uint8_t(sample & 0xFF));
      bytes.push_back(uint8_t(sample >> 8));
    }
  }
  return bytes;
}

}  // namespace

TEST_CASE("synthetic audio follows its formula, across the period's end", "[examples]") {
  for (uint64_t first : {uint64_t(0), uint64_t(1599), uint64_t(2399), uint64_t(123456789)}) {
    for (size_t frames : {size_t(1), size_t(1600), size_t(5000)}) {
      std::vector<uint8_t> samples(frames * 4);
      vrsx::examples::FillAudio(samples, first);
      CHECK(samples == AudioByFormula(first, frames));
    }
  }
}

TEST_CASE("synthetic camera frames follow their formula", "[examples]") {
  struct Case {
    uint32_t width, height;
    uint64_t frame;
    vrsx::examples::Grain grain;
  };
  for (const Case& c : {Case{640, 480, 0, {}}, Case{333, 97, 1234, {}}, Case{64, 48, 7, {4, 2}},
                        Case{1, 1, 99, {8, 3}}, Case{17, 5, 300, {3, 1}}}) {
    std::vector<uint8_t> pixels(size_t(c.width) * c.height);
    vrsx::examples::FillCameraFrame(pixels, c.width, c.height, c.frame, c.grain);
    CHECK(pixels == FrameByFormula(c.width, c.height, c.frame, c.grain));
  }
}
