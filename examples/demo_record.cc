// vrsx-demo-record: records a synthetic capture (a camera, an IMU, stereo audio) with
// vrsx::Writer, at 30 frames per second of timestamps, then prints one summary line.
//
//   vrsx-demo-record --out FILE [--frames N] [--width W] [--height H] [--imu K]
//                    [--compression PRESET] [--chunk-mb M] [--queue-mb M]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "synthetic_capture.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_format.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

namespace {

using vrsx::examples::kAudioChannels;
using vrsx::examples::kAudioFramesPerVideoFrame;
using vrsx::examples::kAudioRate;
using vrsx::examples::kFrameRate;

constexpr double kTwoPi = 6.283185307179586;

const char kUsage[] =
    "usage: vrsx-demo-record --out FILE [--frames N] [--width W] [--height H] [--imu K] "
    "[--compression none|fast|tight|zfaster|zfast|zlight|zmedium|zheavy|zhigh|ztight|zmax] "
    "[--chunk-mb M] [--queue-mb M]\n";

struct Options {
  std::string out;
  uint64_t frames = 300;
  uint32_t width = 640;
  uint32_t height = 480;
  uint32_t imu = 10;
  vrsx::CompressionPreset compression = vrsx::CompressionPreset::kZstdFaster;
  uint64_t chunk_mb = 0;
  uint64_t queue_mb = 0;  // 0: kDefaultQueueBytes, or room for kQueuedFrames frames if more
};

// The demo hands records over as fast as it makes them, far faster than a camera: the queue
// fills to its cap whatever the cap, and a deep queue holds frames until they are out of the
// cache, in memory taken fresh. A shallow one, as in vrsx::Copy, writes 6-11% faster with a
// sixth to a half of the memory (bench/README.md); a capture at a camera's rate never fills
// even that.
constexpr size_t kDefaultQueueBytes = size_t(32) << 20;
constexpr size_t kQueuedFrames = 4;

// A whole decimal number in [min, max].
std::optional<uint64_t> ParseNumber(std::string_view text, uint64_t min, uint64_t max) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + uint64_t(c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    if (i + 1 >= argc) return false;
    std::string_view value = argv[++i];
    std::optional<uint64_t> number;
    if (name == "--out") {
      if (value.empty()) return false;
      options.out = std::string(value);
      continue;
    }
    if (name == "--compression") {
      std::optional<vrsx::CompressionPreset> preset = vrsx::CompressionPresetFromName(value);
      if (!preset) return false;
      options.compression = *preset;
      continue;
    }
    if (name == "--frames") {
      if (!(number = ParseNumber(value, 1, 100000000))) return false;
      options.frames = *number;
    } else if (name == "--width") {
      if (!(number = ParseNumber(value, 1, 16384))) return false;
      options.width = uint32_t(*number);
    } else if (name == "--height") {
      if (!(number = ParseNumber(value, 1, 16384))) return false;
      options.height = uint32_t(*number);
    } else if (name == "--imu") {
      if (!(number = ParseNumber(value, 0, 10000))) return false;
      options.imu = uint32_t(*number);
    } else if (name == "--chunk-mb") {
      if (!(number = ParseNumber(value, 1, 1000000))) return false;
      options.chunk_mb = *number;
    } else if (name == "--queue-mb") {
      if (!(number = ParseNumber(value, 1, 1000000))) return false;
      options.queue_mb = *number;
    } else {
      return false;
    }
  }
  return !options.out.empty();
}

// Fails with the Status message on stderr.
struct WriterError {
  vrsx::Status status;
};

void Check(const vrsx::Status& status) {
  if (!status.ok()) throw WriterError{status};
}

// ---- Layouts, declared once: the compiler checks the field types, AddStream the convention
// labels. Blocks are encoded from the fields' current values.
namespace conventions = vrsx::conventions;

struct CameraConfig : vrsx::TypedLayout<CameraConfig> {
  vrsx::Field<uint32_t> width{this, conventions::kImageWidth};
  vrsx::Field<uint32_t> height{this, conventions::kImageHeight};
  vrsx::EnumField<vrsx::PixelFormat, uint32_t> pixel_format{this, conventions::kImagePixelFormat};
  vrsx::VectorField<float> calibration{this, "calibration"};
};

struct CameraFrame : vrsx::TypedLayout<CameraFrame> {
  vrsx::Field<uint64_t> exposure_time{this, "exposure_time"};  // microseconds
  vrsx::Field<float> exposure{this, "exposure"};
  vrsx::Field<uint64_t> frame_counter{this, "frame_counter"};
  vrsx::Field<float> temperature{this, "temperature"};
};

struct ImuConfig : vrsx::TypedLayout<ImuConfig> {
  vrsx::Field<double> nominal_rate_hz{this, "nominal_rate_hz"};
  vrsx::StringField device_name{this, "device_name"};
};

struct ImuSample : vrsx::TypedLayout<ImuSample> {
  vrsx::Field<int64_t> capture_timestamp_ns{this, "capture_timestamp_ns"};
  vrsx::Field<vrsx::Point3Df> accelerometer{this, "accelerometer"};
  vrsx::Field<vrsx::Point3Df> gyroscope{this, "gyroscope"};
  vrsx::Field<float> temperature{this, "temperature"};
  vrsx::ArrayField<int32_t, 4> status{this, "status"};
  vrsx::VectorField<double> magnetometer{this, "magnetometer"};
};

struct AudioConfig : vrsx::TypedLayout<AudioConfig> {
  vrsx::Field<uint32_t> sample_rate{this, conventions::kAudioSampleRate};
  vrsx::Field<uint8_t> channel_count{this, conventions::kAudioChannelCount};
};

// The layout's block, in `block` (reused).
const std::vector<uint8_t>& Encode(const vrsx::TypedLayoutBase& layout,
                                   std::vector<uint8_t>& block) {
  block.clear();
  Check(layout.Encode(block));
  return block;
}

int Run(const Options& options) {
  const double frame_period = 1.0 / kFrameRate;

  // ---- Streams
  vrsx::StreamDefinition camera(214, "demo/camera", options.compression);
  camera.user_tags = {{"position", "front"}, {"model", "demo-grey8"}};
  camera.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                   1,
                                   vrsx::RecordFormat::Parse("data_layout"),
                                   {{0, CameraConfig::Definition()}}});
  camera.record_formats.push_back({vrsx::RecordType::kData,
                                   1,
                                   vrsx::RecordFormat::Parse("data_layout/size=24+image/raw"),
                                   {{0, CameraFrame::Definition()}}});
  vrsx::StreamDefinition imu(241, "demo/imu", options.compression);
  imu.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                1,
                                vrsx::RecordFormat::Parse("data_layout"),
                                {{0, ImuConfig::Definition()}}});
  imu.record_formats.push_back({vrsx::RecordType::kData,
                                1,
                                vrsx::RecordFormat::Parse("data_layout"),
                                {{0, ImuSample::Definition()}}});
  vrsx::StreamDefinition audio(101, "demo/audio", options.compression);
  audio.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                  1,
                                  vrsx::RecordFormat::Parse("data_layout"),
                                  {{0, AudioConfig::Definition()}}});
  audio.record_formats.push_back(
      {vrsx::RecordType::kData,
       1,
       vrsx::RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"),
       {}});

  vrsx::WriterOptions writer_options;
  writer_options.max_chunk_size = options.chunk_mb << 20;
  writer_options.max_queued_bytes =
      options.queue_mb != 0
          ? size_t(options.queue_mb) << 20
          : std::max(kDefaultQueueBytes, kQueuedFrames * options.width * options.height);
  vrsx::Writer writer(writer_options);
  Check(writer.SetFileTag("capture_tool", "vrsx-demo-record"));
  vrsx::StreamId camera_id, imu_id, audio_id;
  Check(writer.AddStream(camera, camera_id));
  Check(writer.AddStream(imu, imu_id));
  Check(writer.AddStream(audio, audio_id));

  auto start = std::chrono::steady_clock::now();
  Check(writer.Create(options.out));

  // ---- Configuration and state records, before any data
  std::vector<uint8_t> block;
  {
    CameraConfig config;
    config.width = options.width;
    config.height = options.height;
    config.pixel_format = vrsx::PixelFormat::kGrey8;
    float focal = 0.8f * float(options.width);
    config.calibration = {focal, focal,  float(options.width) / 2, float(options.height) / 2,
                          0.01f, -0.002f};
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kConfiguration, 1, 0.0},
                           Encode(config, block)));
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kState, 1, 0.0}));
  }
  {
    ImuConfig config;
    config.nominal_rate_hz = kFrameRate * options.imu;
    config.device_name = "demo-imu";
    Check(writer.AddRecord(imu_id, {vrsx::RecordType::kConfiguration, 1, 0.0},
                           Encode(config, block)));
    Check(writer.AddRecord(imu_id, {vrsx::RecordType::kState, 1, 0.0}));
  }
  {
    AudioConfig config;
    config.sample_rate = kAudioRate;
    config.channel_count = uint8_t(kAudioChannels);
    Check(writer.AddRecord(audio_id, {vrsx::RecordType::kConfiguration, 1, 0.0},
                           Encode(config, block)));
    Check(writer.AddRecord(audio_id, {vrsx::RecordType::kState, 1, 0.0}));
  }

  // ---- Data records
  CameraFrame frame_info;
  ImuSample imu_sample;
  std::vector<uint8_t> pixels(size_t(options.width) * options.height);
  std::vector<uint8_t> samples(vrsx::examples::kAudioBytesPerVideoFrame);
  for (uint64_t frame = 0; frame < options.frames; ++frame) {
    double t = double(frame) * frame_period;

    // Camera
    double phase = double(frame) / 90.0;
    float exposure = 0.008f + 0.004f * float(std::sin(kTwoPi * phase));
    frame_info.exposure_time = uint64_t(exposure * 1e6f);
    frame_info.exposure = exposure;
    frame_info.frame_counter = frame;
    frame_info.temperature = 35.0f + 0.001f * float(frame);
    vrsx::examples::FillCameraFrame(pixels, options.width, options.height, frame);
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kData, 1, t},
                           {Encode(frame_info, block), pixels}));

    // IMU: K samples spread over the frame period
    for (uint32_t k = 0; k < options.imu; ++k) {
      double ts = t + frame_period * k / options.imu;
      double w = kTwoPi * 0.5 * ts;
      // Once per sample, not per field: the generator, not the writer, was the cost here.
      const double sin_w = std::sin(w), cos_w = std::cos(w);
      int64_t sample = int64_t(frame * options.imu + k);
      imu_sample.capture_timestamp_ns = int64_t(std::llround(ts * 1e9));
      imu_sample.accelerometer = {float(0.3 * sin_w), float(0.2 * cos_w), 9.81f};
      imu_sample.gyroscope = {float(0.05 * cos_w), float(-0.03 * sin_w), 0.01f};
      imu_sample.temperature = 36.5f + float(0.1 * std::sin(0.01 * ts));
      imu_sample.status = {0, int32_t(sample % 256), 1, -1};
      imu_sample.magnetometer = {22.5 * cos_w, 5.1, -41.0 * sin_w};
      Check(writer.AddRecord(imu_id, {vrsx::RecordType::kData, 1, ts}, Encode(imu_sample, block)));
    }

    vrsx::examples::FillAudio(samples, frame * kAudioFramesPerVideoFrame);
    Check(writer.AddRecord(audio_id, {vrsx::RecordType::kData, 1, t}, samples));
  }
  Check(writer.Close());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  vrsx::WriterStats stats = writer.stats();
  uint64_t file_bytes = 0;
  std::vector<std::string> chunks = writer.chunk_paths();
  for (const std::string& path : chunks) {
    std::error_code ec;
    uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec) file_bytes += size;
  }
  double mb = double(stats.bytes_written) / 1e6;
  std::printf(
      "%s: %llu records, %.1f MB of payload, %llu bytes on disk in %zu chunk%s (x%.2f), "
      "%.2f s, %.1f MB/s\n",
      options.out.c_str(), (unsigned long long)stats.records_written, mb,
      (unsigned long long)file_bytes, chunks.size(), chunks.size() == 1 ? "" : "s",
      stats.compression_ratio(), seconds, seconds > 0 ? mb / seconds : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!ParseOptions(argc, argv, options)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  try {
    return Run(options);
  } catch (const WriterError& error) {
    std::fprintf(stderr, "vrsx-demo-record: %s\n", error.status.message().c_str());
    return 1;
  }
}
