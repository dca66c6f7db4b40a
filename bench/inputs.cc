#include "inputs.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include "harness.h"
#include "synthetic_capture.h"
#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/record_format.h"

namespace vrsx::bench {
namespace {

namespace fs = std::filesystem;
namespace vt = vrsx::testing;

void MakeSmallRecordFile(const std::string& path, uint64_t count, vt::IndexLayout layout) {
  vt::BuilderOptions options;
  options.index = layout;
  vt::VrsFileBuilder builder(options, path);
  builder.SetFileTag("purpose", "benchmark");
  for (uint16_t s = 1; s <= 4; ++s) {
    builder.AddStream({241, s}, {}, {{"VRS_Recordable_Flavor", "bench/imu"}});
  }
  for (uint64_t i = 0; i < count; ++i) {
    std::vector<uint8_t> payload = ImuPayload(i);
    builder.AddRecord({241, uint16_t(1 + i % 4)}, vt::RecordKind::kData, double(i) * 1e-3, payload);
  }
  builder.Finish();
}

void MakeImuFile(const std::string& path, uint64_t count) {
  DataLayoutDefinition layout = ImuLayout();
  vt::VrsFileBuilder builder({}, path);
  std::string format = "data_layout/size=" + std::to_string(layout.fixed_size());
  builder.AddStream({241, 1}, {},
                    {{"VRS_Recordable_Flavor", "bench/imu"},
                     {RecordFormatTagName(RecordType::kData, 1), format},
                     {DataLayoutTagName(RecordType::kData, 1, 0), layout.ToJson()}});
  DataLayoutEncoder encoder(layout);
  for (uint64_t i = 0; i < count; ++i) {
    encoder.SetValue<int64_t>(0, int64_t(i) * 1000000);
    encoder.SetValue<Point3Df>(1, {float(i % 7), 9.81f, float(i % 3)});
    encoder.SetValue<Point3Df>(2, {0.1f, 0.2f, float(i % 5)});
    encoder.SetValue<float>(3, 36.5f);
    std::vector<uint8_t> payload = encoder.Encode();
    builder.AddRecord({241, 1}, vt::RecordKind::kData, double(i) * 1e-3, payload);
  }
  builder.Finish();
}

// One camera stream whose RecordFormat describes the frames, so that records decode as images.
void MakeImageFile(const std::string& path, uint64_t megabytes, vt::Codec codec) {
  vt::VrsFileBuilder builder({}, path);
  builder.SetFileTag("purpose", "benchmark");
  builder.AddStream({214, 1}, {},
                    {{"VRS_Recordable_Flavor", "bench/camera"},
                     {RecordFormatTagName(RecordType::kData, 1), "image/raw/640x480/pixel=grey8"}});
  for (uint64_t i = 0; i < ImageFileFrames(megabytes); ++i) {
    std::vector<uint8_t> payload = CameraFrame(i);
    builder.AddRecord({214, 1}, vt::RecordKind::kData, double(i) / 30, payload, {.codec = codec});
  }
  builder.Finish();
}

// Generates an input once; later runs reuse it.
std::string Input(const Options& options, const std::string& name,
                  const std::function<void(const std::string&)>& make) {
  std::string path = options.dir + "/" + name;
  if (fs::exists(path)) return path;
  auto start = Clock::now();
  // In a child, so that the generator's memory does not count in the measurements' peaks.
  pid_t pid = fork();
  if (pid == 0) {
    make(path + ".tmp");
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Require(WIFEXITED(status) && WEXITSTATUS(status) == 0, "generating " + path);
  fs::rename(path + ".tmp", path);
  std::fprintf(stderr, "generated %s in %.1f s\n", path.c_str(), SecondsSince(start));
  return path;
}

}  // namespace

std::vector<uint8_t> ImuPayload(uint64_t i) {
  std::vector<uint8_t> payload(64);
  for (size_t k = 0; k < payload.size(); ++k) payload[k] = uint8_t(i * 31 + k * 7);
  return payload;
}

std::vector<uint8_t> CameraFrame(uint64_t i) {
  std::vector<uint8_t> pixels(kFrameBytes);
  examples::FillCameraFrame(pixels, kFrameWidth, kFrameHeight, i, {.spacing = 4, .bits = 2});
  return pixels;
}

uint64_t ImageFileFrames(uint64_t megabytes) {
  return std::max<uint64_t>(1, megabytes * 1024 * 1024 / kFrameBytes);
}

std::vector<std::vector<uint8_t>> FilePayloads(const std::string& path) {
  vrsx::Reader reader;
  Require(reader.Open(path).ok(), "opening " + path);
  std::vector<std::vector<uint8_t>> payloads(reader.index().size());
  for (size_t i = 0; i < payloads.size(); ++i) {
    Require(reader.ReadRecord(i, payloads[i]).ok(), "reading " + path);
  }
  return payloads;
}

std::vector<std::vector<uint8_t>> MemoryFrames(uint64_t megabytes) {
  std::vector<std::vector<uint8_t>> frames;
  uint64_t count = std::min<uint64_t>(ImageFileFrames(megabytes), 300);
  for (uint64_t i = 0; i < count; ++i) frames.push_back(CameraFrame(i));
  return frames;
}

DataLayoutDefinition ImuLayout() {
  DataLayoutDefinition layout;
  layout.Add(PieceDefinition::Value<int64_t>("capture_timestamp_ns"));
  layout.Add(PieceDefinition::Value<Point3Df>("accelerometer"));
  layout.Add(PieceDefinition::Value<Point3Df>("gyroscope"));
  layout.Add(PieceDefinition::Value<float>("temperature"));
  return layout;
}

Inputs MakeInputs(const Options& options) {
  fs::create_directories(options.dir);
  std::string n = std::to_string(options.records);
  std::string mb = std::to_string(options.image_mb);
  Inputs inputs;
  inputs.small = Input(options, "small-" + n + ".vrs", [&](const std::string& p) {
    MakeSmallRecordFile(p, options.records, vt::IndexLayout::kClassicAtEnd);
  });
  inputs.unindexed = Input(options, "small-" + n + "-noindex.vrs", [&](const std::string& p) {
    MakeSmallRecordFile(p, options.records, vt::IndexLayout::kNone);
  });
  inputs.imu = Input(options, "imu-" + n + ".vrs",
                     [&](const std::string& p) { MakeImuFile(p, options.records); });
  // "camera": the frames of CameraFrame (older inputs named images-* held other frames).
  auto images = [&](vt::Codec codec, const char* name) {
    return Input(options, "camera-" + mb + "mb-" + name + ".vrs",
                 [&](const std::string& p) { MakeImageFile(p, options.image_mb, codec); });
  };
  inputs.images_none = images(vt::Codec::kNone, "none");
  inputs.images_lz4 = images(vt::Codec::kLz4, "lz4");
  inputs.images_zstd = images(vt::Codec::kZstd, "zstd");
  return inputs;
}

}  // namespace vrsx::bench
