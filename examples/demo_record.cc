// vrsx-demo-record: records a synthetic capture (a camera, an IMU, stereo audio) with
// vrsx::Writer, at 30 frames per second of timestamps, then prints one summary line.
//
//   vrsx-demo-record --out FILE [--frames N] [--width W] [--height H] [--imu K]
//                    [--compression PRESET] [--chunk-mb M]
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "vrsx/data_layout.h"
#include "vrsx/record_format.h"
#include "vrsx/writer.h"

namespace {

constexpr double kFrameRate = 30.0;
constexpr uint32_t kAudioRate = 48000;
constexpr uint32_t kAudioChannels = 2;
constexpr uint32_t kAudioFramesPerVideoFrame = 1600;  // 48000 / 30

const char kUsage[] =
    "usage: vrsx-demo-record --out FILE [--frames N] [--width W] [--height H] [--imu K] "
    "[--compression none|fast|tight|zfaster|zfast|zlight|zmedium|zheavy|zhigh|ztight|zmax] "
    "[--chunk-mb M]\n";

struct Options {
  std::string out;
  uint64_t frames = 300;
  uint32_t width = 640;
  uint32_t height = 480;
  uint32_t imu = 10;
  vrsx::CompressionPreset compression = vrsx::CompressionPreset::kZstdFaster;
  uint64_t chunk_mb = 0;
};

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

vrsx::DataLayoutDefinition Layout(std::initializer_list<vrsx::PieceDefinition> pieces) {
  vrsx::DataLayoutDefinition layout;
  for (const vrsx::PieceDefinition& piece : pieces) Check(layout.Add(piece));
  return layout;
}

using vrsx::PieceDefinition;

// A horizontal gradient moving with the frame, a vertical one, and sparse sensor noise.
void FillImage(std::vector<uint8_t>& pixels, uint32_t width, uint32_t height, uint64_t frame) {
  uint32_t noise = uint32_t(frame) * 2654435761u + 1;
  for (uint32_t y = 0; y < height; ++y) {
    uint8_t* row = pixels.data() + size_t(y) * width;
    for (uint32_t x = 0; x < width; ++x) {
      uint32_t grain = 0;
      if (x % 8 == 0) {
        noise = noise * 1664525u + 1013904223u;
        grain = (noise >> 28) & 7;
      }
      row[x] = uint8_t(x * 256 / width + y * 64 / height + frame * 2 + grain);
    }
  }
}

int Run(const Options& options) {
  const double frame_period = 1.0 / kFrameRate;

  // ---- Layouts
  vrsx::DataLayoutDefinition camera_config = Layout({
      PieceDefinition::Value<uint32_t>("image_width"),
      PieceDefinition::Value<uint32_t>("image_height"),
      PieceDefinition::Value<uint32_t>("image_pixel_format"),
      PieceDefinition::Vector<float>("calibration"),
  });
  vrsx::DataLayoutDefinition camera_data = Layout({
      PieceDefinition::Value<uint64_t>("exposure_time"),
      PieceDefinition::Value<float>("exposure"),
      PieceDefinition::Value<uint64_t>("frame_counter"),
      PieceDefinition::Value<float>("temperature"),
  });
  vrsx::DataLayoutDefinition imu_config = Layout({
      PieceDefinition::Value<double>("nominal_rate_hz"),
      PieceDefinition::String("device_name"),
  });
  vrsx::DataLayoutDefinition imu_data = Layout({
      PieceDefinition::Value<int64_t>("capture_timestamp_ns"),
      PieceDefinition::Value<vrsx::Point3Df>("accelerometer"),
      PieceDefinition::Value<vrsx::Point3Df>("gyroscope"),
      PieceDefinition::Value<float>("temperature"),
      PieceDefinition::Array<int32_t>("status", 4),
      PieceDefinition::Vector<double>("magnetometer"),
  });
  vrsx::DataLayoutDefinition audio_config = Layout({
      PieceDefinition::Value<uint32_t>("audio_sample_rate"),
      PieceDefinition::Value<uint8_t>("audio_channel_count"),
  });

  // ---- Streams
  vrsx::StreamDefinition camera(214, "demo/camera", options.compression);
  camera.user_tags = {{"position", "front"}, {"model", "demo-grey8"}};
  camera.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                   1,
                                   vrsx::RecordFormat::Parse("data_layout"),
                                   {{0, camera_config}}});
  camera.record_formats.push_back({vrsx::RecordType::kData,
                                   1,
                                   vrsx::RecordFormat::Parse("data_layout/size=24+image/raw"),
                                   {{0, camera_data}}});
  vrsx::StreamDefinition imu(241, "demo/imu", options.compression);
  imu.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                1,
                                vrsx::RecordFormat::Parse("data_layout"),
                                {{0, imu_config}}});
  imu.record_formats.push_back(
      {vrsx::RecordType::kData, 1, vrsx::RecordFormat::Parse("data_layout"), {{0, imu_data}}});
  vrsx::StreamDefinition audio(101, "demo/audio", options.compression);
  audio.record_formats.push_back({vrsx::RecordType::kConfiguration,
                                  1,
                                  vrsx::RecordFormat::Parse("data_layout"),
                                  {{0, audio_config}}});
  audio.record_formats.push_back(
      {vrsx::RecordType::kData,
       1,
       vrsx::RecordFormat::Parse("audio/pcm/int16le/channels=2/rate=48000"),
       {}});

  vrsx::WriterOptions writer_options;
  writer_options.max_chunk_size = options.chunk_mb << 20;
  vrsx::Writer writer(writer_options);
  Check(writer.SetFileTag("capture_tool", "vrsx-demo-record"));
  vrsx::StreamId camera_id, imu_id, audio_id;
  Check(writer.AddStream(camera, camera_id));
  Check(writer.AddStream(imu, imu_id));
  Check(writer.AddStream(audio, audio_id));

  auto start = std::chrono::steady_clock::now();
  Check(writer.Create(options.out));

  // ---- Configuration and state records, before any data
  {
    vrsx::DataLayoutEncoder encoder(camera_config);
    Check(encoder.SetValue<uint32_t>(0, options.width));
    Check(encoder.SetValue<uint32_t>(1, options.height));
    Check(encoder.SetValue<uint32_t>(2, uint32_t(vrsx::PixelFormat::kGrey8)));
    float focal = 0.8f * float(options.width);
    Check(encoder.SetVector<float>(
        3, {focal, focal, float(options.width) / 2, float(options.height) / 2, 0.01f, -0.002f}));
    std::vector<uint8_t> block = encoder.Encode();
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kConfiguration, 1, 0.0}, block));
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kState, 1, 0.0}));
  }
  {
    vrsx::DataLayoutEncoder encoder(imu_config);
    Check(encoder.SetValue<double>(0, kFrameRate * options.imu));
    Check(encoder.SetString(1, "demo-imu"));
    std::vector<uint8_t> block = encoder.Encode();
    Check(writer.AddRecord(imu_id, {vrsx::RecordType::kConfiguration, 1, 0.0}, block));
    Check(writer.AddRecord(imu_id, {vrsx::RecordType::kState, 1, 0.0}));
  }
  {
    vrsx::DataLayoutEncoder encoder(audio_config);
    Check(encoder.SetValue<uint32_t>(0, kAudioRate));
    Check(encoder.SetValue<uint8_t>(1, uint8_t(kAudioChannels)));
    std::vector<uint8_t> block = encoder.Encode();
    Check(writer.AddRecord(audio_id, {vrsx::RecordType::kConfiguration, 1, 0.0}, block));
    Check(writer.AddRecord(audio_id, {vrsx::RecordType::kState, 1, 0.0}));
  }

  // ---- Data records
  vrsx::DataLayoutEncoder frame_encoder(camera_data);
  vrsx::DataLayoutEncoder imu_encoder(imu_data);
  std::vector<uint8_t> pixels(size_t(options.width) * options.height);
  std::vector<uint8_t> samples(size_t(kAudioFramesPerVideoFrame) * kAudioChannels * 2);
  uint64_t audio_frame = 0;
  constexpr double kTwoPi = 2 * std::numbers::pi;
  for (uint64_t frame = 0; frame < options.frames; ++frame) {
    double t = double(frame) * frame_period;

    // Camera
    double phase = double(frame) / 90.0;
    float exposure = 0.008f + 0.004f * float(std::sin(kTwoPi * phase));
    Check(frame_encoder.SetValue<uint64_t>(0, uint64_t(exposure * 1e6f)));  // microseconds
    Check(frame_encoder.SetValue<float>(1, exposure));
    Check(frame_encoder.SetValue<uint64_t>(2, frame));
    Check(frame_encoder.SetValue<float>(3, 35.0f + 0.001f * float(frame)));
    std::vector<uint8_t> block = frame_encoder.Encode();
    FillImage(pixels, options.width, options.height, frame);
    Check(writer.AddRecord(camera_id, {vrsx::RecordType::kData, 1, t}, {block, pixels}));

    // IMU: K samples spread over the frame period
    for (uint32_t k = 0; k < options.imu; ++k) {
      double ts = t + frame_period * k / options.imu;
      double w = kTwoPi * 0.5 * ts;
      int64_t sample = int64_t(frame * options.imu + k);
      Check(imu_encoder.SetValue<int64_t>(0, int64_t(std::llround(ts * 1e9))));
      Check(imu_encoder.SetValue<vrsx::Point3Df>(
          1, {float(0.3 * std::sin(w)), float(0.2 * std::cos(w)), 9.81f}));
      Check(imu_encoder.SetValue<vrsx::Point3Df>(
          2, {float(0.05 * std::cos(w)), float(-0.03 * std::sin(w)), 0.01f}));
      Check(imu_encoder.SetValue<float>(3, 36.5f + float(0.1 * std::sin(0.01 * ts))));
      Check(imu_encoder.SetArray<int32_t>(4, {0, int32_t(sample % 256), 1, -1}));
      Check(imu_encoder.SetVector<double>(5, {22.5 * std::cos(w), 5.1, -41.0 * std::sin(w)}));
      std::vector<uint8_t> imu_block = imu_encoder.Encode();
      Check(writer.AddRecord(imu_id, {vrsx::RecordType::kData, 1, ts}, imu_block));
    }

    // Audio: 440 Hz left, 660 Hz right
    for (uint32_t i = 0; i < kAudioFramesPerVideoFrame; ++i, ++audio_frame) {
      double s = double(audio_frame) / kAudioRate;
      int16_t left = int16_t(std::lround(8000 * std::sin(kTwoPi * 440 * s)));
      int16_t right = int16_t(std::lround(6000 * std::sin(kTwoPi * 660 * s)));
      uint8_t* out = samples.data() + size_t(i) * 4;
      vrsx::StoreElement(left, out);
      vrsx::StoreElement(right, out + 2);
    }
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
