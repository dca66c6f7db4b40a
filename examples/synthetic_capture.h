// The synthetic capture that vrsx-demo-record records and the benchmark's demo mix hands to the
// writer: a grey8 camera at 30 frames per second (a DataLayout block, then the pixels), IMU
// samples (a DataLayout each), and 48 kHz stereo int16 audio.
#pragma once

#include <cstdint>
#include <span>

#include "vrsx/data_layout.h"
#include "vrsx/status.h"

namespace vrsx::examples {

inline constexpr double kFrameRate = 30.0;
inline constexpr uint32_t kAudioRate = 48000;
inline constexpr uint32_t kAudioChannels = 2;
inline constexpr uint32_t kAudioFramesPerVideoFrame = 1600;  // 48000 / 30
inline constexpr size_t kAudioBytesPerVideoFrame = kAudioFramesPerVideoFrame * kAudioChannels * 2;

// Sensor grain: a random value of `bits` bits added to every `spacing`-th pixel. The demo's 3
// bits every 8 pixels; the benchmark's 2 bits every 4 compress like a camera image (zstd -1
// about 3x, lz4 about 2x).
struct Grain {
  uint32_t spacing = 8;
  uint32_t bits = 3;
};

// Frame `frame` of a `width` x `height` grey8 camera into `pixels` (width * height bytes): a
// horizontal gradient moving with the frame, a vertical one, and the grain.
void FillCameraFrame(std::span<uint8_t> pixels, uint32_t width, uint32_t height, uint64_t frame,
                     Grain grain = {});

// The data records' DataLayouts.
DataLayoutDefinition CameraDataLayout();  // exposure, frame counter, temperature: 24 bytes
DataLayoutDefinition ImuDataLayout();     // timestamp, accelerometer, gyroscope... magnetometer

// The camera block of frame `frame`, into an encoder of CameraDataLayout().
Status SetCameraData(DataLayoutEncoder& encoder, uint64_t frame);

// IMU sample number `sample`, taken at `timestamp` seconds, into an encoder of ImuDataLayout().
Status SetImuSample(DataLayoutEncoder& encoder, uint64_t sample, double timestamp);
// When sample `k` of `per_frame` samples spread over frame `frame`'s period is taken.
double ImuTimestamp(uint64_t frame, uint32_t k, uint32_t per_frame);

// The samples of audio frames `first`... into `samples` (4 bytes a frame, little-endian int16
// left then right): 440 Hz left, 660 Hz right. Frame n is that of n % kAudioPeriod (both tones
// repeat every 50 ms): left = lround(8000 sin(2 pi 440 t)), right = lround(6000 sin(2 pi 660 t)),
// t = (n % kAudioPeriod) / kAudioRate.
inline constexpr uint32_t kAudioPeriod = 2400;
void FillAudio(std::span<uint8_t> samples, uint64_t first);

}  // namespace vrsx::examples
