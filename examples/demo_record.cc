// vrsx-demo-record: records a synthetic capture (a camera, an IMU, stereo audio) with
// vrsx::Writer, at 30 frames per second of timestamps, then prints one summary line.
//
//   vrsx-demo-record --out FILE [--frames N] [--width W] [--height H] [--imu K]
//                    [--compression PRESET] [--chunk-mb M]
#include <chrono>
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
#include "vrsx/writer.h"

namespace {

using vrsx::examples::kAudioChannels;
using vrsx::examples::kAudioFramesPerVideoFrame;
using vrsx::examples::kAudioRate;
using vrsx::examples::kFrameRate;

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

int Run(const Options& options) {
  const double frame_period = 1.0 / kFrameRate;

  // ---- Layouts
  vrsx::DataLayoutDefinition camera_config = Layout({
      PieceDefinition::Value<uint32_t>("image_width"),
      PieceDefinition::Value<uint32_t>("image_height"),
      PieceDefinition::Value<uint32_t>("image_pixel_format"),
      PieceDefinition::Vector<float>("calibration"),
  });
  vrsx::DataLayoutDefinition camera_data = vrsx::examples::CameraDataLayout();
  vrsx::DataLayoutDefinition imu_config = Layout({
      PieceDefinition::Value<double>("nominal_rate_hz"),
      PieceDefinition::String("device_name"),
  });
  vrsx::DataLayoutDefinition imu_data = vrsx::examples::ImuDataLayout();
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
    Check(writer.AddRecord(camera_id, vrsx::RecordType::kConfiguration, 1, 0.0, block));
    Check(writer.AddRecord(camera_id, vrsx::RecordType::kState, 1, 0.0));
  }
  {
    vrsx::DataLayoutEncoder encoder(imu_config);
    Check(encoder.SetValue<double>(0, kFrameRate * options.imu));
    Check(encoder.SetString(1, "demo-imu"));
    std::vector<uint8_t> block = encoder.Encode();
    Check(writer.AddRecord(imu_id, vrsx::RecordType::kConfiguration, 1, 0.0, block));
    Check(writer.AddRecord(imu_id, vrsx::RecordType::kState, 1, 0.0));
  }
  {
    vrsx::DataLayoutEncoder encoder(audio_config);
    Check(encoder.SetValue<uint32_t>(0, kAudioRate));
    Check(encoder.SetValue<uint8_t>(1, uint8_t(kAudioChannels)));
    std::vector<uint8_t> block = encoder.Encode();
    Check(writer.AddRecord(audio_id, vrsx::RecordType::kConfiguration, 1, 0.0, block));
    Check(writer.AddRecord(audio_id, vrsx::RecordType::kState, 1, 0.0));
  }

  // ---- Data records
  vrsx::DataLayoutEncoder frame_encoder(camera_data);
  vrsx::DataLayoutEncoder imu_encoder(imu_data);
  std::vector<uint8_t> pixels(size_t(options.width) * options.height);
  std::vector<uint8_t> samples(vrsx::examples::kAudioBytesPerVideoFrame);
  for (uint64_t frame = 0; frame < options.frames; ++frame) {
    double t = double(frame) * frame_period;

    Check(vrsx::examples::SetCameraData(frame_encoder, frame));
    std::vector<uint8_t> block = frame_encoder.Encode();
    vrsx::examples::FillCameraFrame(pixels, options.width, options.height, frame);
    Check(writer.AddRecord(camera_id, vrsx::RecordType::kData, 1, t, {block, pixels}));

    // IMU: K samples spread over the frame period
    for (uint32_t k = 0; k < options.imu; ++k) {
      double ts = vrsx::examples::ImuTimestamp(frame, k, options.imu);
      Check(vrsx::examples::SetImuSample(imu_encoder, frame * options.imu + k, ts));
      std::vector<uint8_t> imu_block = imu_encoder.Encode();
      Check(writer.AddRecord(imu_id, vrsx::RecordType::kData, 1, ts, imu_block));
    }

    vrsx::examples::FillAudio(samples, frame * kAudioFramesPerVideoFrame);
    Check(writer.AddRecord(audio_id, vrsx::RecordType::kData, 1, t, samples));
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
