// vrsx_bench: speed of the reader on files it generates itself, and of the writer on the same
// payloads, next to the bounds the hardware and codecs set on them. See bench/README.md.
//
//   vrsx_bench [--dir DIR] [--records N] [--image-mb M] [--json]
//
// Each measurement runs in a child process, so that its peak memory (ru_maxrss) is its own.
#include <lz4frame.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "support/vrs_file_builder.h"
#include "tools/logical_checksum.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/record_format.h"
#include "vrsx/writer.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace vt = vrsx::testing;

struct Options {
  std::string dir = "/tmp/vrsx-bench";
  uint64_t records = 1'000'000;
  uint64_t image_mb = 500;
  bool json = false;
};

struct Result {
  double seconds = 0;
  uint64_t records = 0;
  uint64_t bytes = 0;  // payload bytes delivered (uncompressed)
};

// ---- Inputs --------------------------------------------------------------------------------

// A small IMU-like payload: below the 250-byte compression threshold, like real IMU records.
std::vector<uint8_t> ImuPayload(uint64_t i) {
  std::vector<uint8_t> payload(64);
  for (size_t k = 0; k < payload.size(); ++k) payload[k] = uint8_t(i * 31 + k * 7);
  return payload;
}

// A 640x480 grey8 frame: a moving gradient with some noise, compressible like a real image.
std::vector<uint8_t> ImagePayload(uint64_t i) {
  std::vector<uint8_t> pixels(640 * 480);
  uint32_t noise = uint32_t(i) * 2654435761u;
  for (size_t y = 0; y < 480; ++y) {
    for (size_t x = 0; x < 640; ++x) {
      noise = noise * 1664525u + 1013904223u;
      pixels[y * 640 + x] = uint8_t((x + y + i * 3) / 4 + ((noise >> 28) & 3));
    }
  }
  return pixels;
}

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

// The IMU samples of the typed-access benchmark: a DataLayout per record, described by the
// stream's RF:/DL: tags like a real recording.
vrsx::DataLayoutDefinition ImuLayout() {
  vrsx::DataLayoutDefinition layout;
  layout.Add(vrsx::PieceDefinition::Value<int64_t>("capture_timestamp_ns"));
  layout.Add(vrsx::PieceDefinition::Value<vrsx::Point3Df>("accelerometer"));
  layout.Add(vrsx::PieceDefinition::Value<vrsx::Point3Df>("gyroscope"));
  layout.Add(vrsx::PieceDefinition::Value<float>("temperature"));
  return layout;
}

void MakeImuFile(const std::string& path, uint64_t count) {
  vrsx::DataLayoutDefinition layout = ImuLayout();
  vt::VrsFileBuilder builder({}, path);
  std::string format = "data_layout/size=" + std::to_string(layout.fixed_size());
  builder.AddStream({241, 1}, {},
                    {{"VRS_Recordable_Flavor", "bench/imu"},
                     {vrsx::RecordFormatTagName(vrsx::RecordType::kData, 1), format},
                     {vrsx::DataLayoutTagName(vrsx::RecordType::kData, 1, 0), layout.ToJson()}});
  vrsx::DataLayoutEncoder encoder(layout);
  for (uint64_t i = 0; i < count; ++i) {
    encoder.SetValue<int64_t>(0, int64_t(i) * 1000000);
    encoder.SetValue<vrsx::Point3Df>(1, {float(i % 7), 9.81f, float(i % 3)});
    encoder.SetValue<vrsx::Point3Df>(2, {0.1f, 0.2f, float(i % 5)});
    encoder.SetValue<float>(3, 36.5f);
    std::vector<uint8_t> payload = encoder.Encode();
    builder.AddRecord({241, 1}, vt::RecordKind::kData, double(i) * 1e-3, payload);
  }
  builder.Finish();
}

void MakeImageFile(const std::string& path, uint64_t megabytes, vt::Codec codec) {
  vt::VrsFileBuilder builder({}, path);
  builder.SetFileTag("purpose", "benchmark");
  builder.AddStream({214, 1}, {}, {{"VRS_Recordable_Flavor", "bench/camera"}});
  uint64_t frames = megabytes * 1024 * 1024 / (640 * 480);
  for (uint64_t i = 0; i < frames; ++i) {
    std::vector<uint8_t> payload = ImagePayload(i);
    builder.AddRecord({214, 1}, vt::RecordKind::kData, double(i) / 30, payload, {.codec = codec});
  }
  builder.Finish();
}

// Generates an input once; later runs reuse it.
std::string Input(const Options& options, const std::string& name,
                  const std::function<void(const std::string&)>& make) {
  std::string path = options.dir + "/" + name;
  if (!fs::exists(path)) {
    auto start = Clock::now();
    // In a child, so that the generator's memory does not count in the measurements' peaks.
    pid_t pid = fork();
    if (pid == 0) {
      make(path + ".tmp");
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "generating %s failed\n", path.c_str());
      std::exit(2);
    }
    fs::rename(path + ".tmp", path);
    std::fprintf(stderr, "generated %s in %.1f s\n", path.c_str(),
                 std::chrono::duration<double>(Clock::now() - start).count());
  }
  return path;
}

// ---- Measurements --------------------------------------------------------------------------

vrsx::Reader OpenOrDie(const std::string& path) {
  vrsx::Reader reader;
  vrsx::Status status = reader.Open(path);
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.message().c_str());
    std::exit(2);
  }
  return reader;
}

Result MeasureOpen(const std::string& path) {
  auto start = Clock::now();
  vrsx::Reader reader = OpenOrDie(path);
  Result result{std::chrono::duration<double>(Clock::now() - start).count(), reader.index().size(),
                0};
  return result;
}

Result MeasureCheck(const std::string& path) {
  vrsx::Reader reader = OpenOrDie(path);
  std::vector<uint8_t> payload;
  Result result;
  auto start = Clock::now();
  for (size_t i = 0; i < reader.index().size(); ++i) {
    if (!reader.ReadRecord(i, payload).ok()) std::exit(3);
    result.bytes += payload.size();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.records = reader.index().size();
  return result;
}

Result MeasureChecksum(const std::string& path) {
  vrsx::Reader reader = OpenOrDie(path);
  std::vector<uint8_t> payload;
  vrsx::RecordDetails details;
  Result result;
  auto start = Clock::now();
  vrsx::cli::LogicalChecksum checksum(reader, reader.streams());
  for (size_t i = 0; i < reader.index().size(); ++i) {
    if (!reader.ReadRecord(i, payload, &details).ok()) std::exit(3);
    checksum.AddRecord(reader.index()[i], details, payload);
    result.bytes += payload.size();
  }
  if (checksum.Final().size() != 16) std::exit(4);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.records = reader.index().size();
  return result;
}

// "Read every IMU sample's accelerometer value": the field is resolved once, then read from each
// record's block in O(1).
Result MeasureTypedField(const std::string& path) {
  vrsx::Reader reader = OpenOrDie(path);
  vrsx::DataLayoutDefinition layout;
  const vrsx::TagMap& tags = reader.stream_tags({241, 1}).vrs;
  auto tag = tags.find(vrsx::DataLayoutTagName(vrsx::RecordType::kData, 1, 0));
  if (tag == tags.end() || !vrsx::DataLayoutDefinition::Parse(tag->second, layout).ok()) {
    std::exit(3);
  }
  std::optional<size_t> accelerometer = layout.FindValue<vrsx::Point3Df>("accelerometer");
  if (!accelerometer) std::exit(3);
  vrsx::DataLayoutBlock block(layout);
  std::vector<uint8_t> payload;
  Result result;
  double sum = 0;
  auto start = Clock::now();
  for (size_t i = 0; i < reader.index().size(); ++i) {
    if (!reader.ReadRecord(i, payload).ok() || !block.Bind(payload.data(), payload.size()).ok()) {
      std::exit(3);
    }
    sum += block.value<vrsx::Point3Df>(*accelerometer)[0];
    result.bytes += payload.size();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.records = reader.index().size();
  if (sum < 0) std::exit(4);
  return result;
}

// The same through the generic record decoder (RecordFormat, blocks, conventions).
Result MeasureDecodedField(const std::string& path) {
  vrsx::Reader reader = OpenOrDie(path);
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  std::optional<size_t> accelerometer;
  Result result;
  double sum = 0;
  auto start = Clock::now();
  for (size_t i = 0; i < reader.index().size(); ++i) {
    if (!decoder.ReadAndDecode(reader, i, payload, content).ok() || content.blocks.empty()) {
      std::exit(3);
    }
    const vrsx::DataLayoutBlock& block = content.blocks[0].layout;
    if (!accelerometer) accelerometer = block.layout()->FindValue<vrsx::Point3Df>("accelerometer");
    sum += block.value<vrsx::Point3Df>(*accelerometer)[0];
    result.bytes += payload.size();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.records = reader.index().size();
  if (sum < 0) std::exit(4);
  return result;
}

// The codec alone on the image payloads, compressed the way the file holds them.
Result MeasureRawDecompression(uint64_t megabytes, vt::Codec codec) {
  uint64_t frames = std::min<uint64_t>(megabytes * 1024 * 1024 / (640 * 480), 200);
  std::vector<std::vector<uint8_t>> frames_compressed;
  for (uint64_t i = 0; i < frames; ++i) {
    std::vector<uint8_t> pixels = ImagePayload(i);
    std::vector<uint8_t> out;
    if (codec == vt::Codec::kZstd) {
      out.resize(ZSTD_compressBound(pixels.size()));
      out.resize(ZSTD_compress(out.data(), out.size(), pixels.data(), pixels.size(), -1));
    } else {
      out.resize(LZ4F_compressFrameBound(pixels.size(), nullptr));
      out.resize(LZ4F_compressFrame(out.data(), out.size(), pixels.data(), pixels.size(), nullptr));
    }
    frames_compressed.push_back(std::move(out));
  }
  std::vector<uint8_t> pixels(640 * 480);
  ZSTD_DCtx* zstd = ZSTD_createDCtx();
  LZ4F_dctx* lz4 = nullptr;
  LZ4F_createDecompressionContext(&lz4, LZ4F_VERSION);
  Result result;
  auto start = Clock::now();
  for (int round = 0; round < 3; ++round) {
    for (const std::vector<uint8_t>& frame : frames_compressed) {
      if (codec == vt::Codec::kZstd) {
        ZSTD_decompressDCtx(zstd, pixels.data(), pixels.size(), frame.data(), frame.size());
      } else {
        size_t out_size = pixels.size();
        size_t in_size = frame.size();
        LZ4F_decompress(lz4, pixels.data(), &out_size, frame.data(), &in_size, nullptr);
      }
      result.bytes += pixels.size();
      ++result.records;
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ZSTD_freeDCtx(zstd);
  LZ4F_freeDecompressionContext(lz4);
  return result;
}

Result MeasureMemcpy() {
  std::vector<uint8_t> from(64 << 20, 1);
  std::vector<uint8_t> to(64 << 20);
  Result result;
  auto start = Clock::now();
  for (int round = 0; round < 8; ++round) {
    std::memcpy(to.data(), from.data(), from.size());
    from[round] = to[from.size() - 1 - round];
    result.bytes += from.size();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

// ---- Writer ------------------------------------------------------------------------------------

// The frames of the writer and compression benchmarks: those of the image files, at most 300.
uint64_t WriteFrameCount(uint64_t megabytes) {
  return std::clamp<uint64_t>(megabytes * 1024 * 1024 / (640 * 480), 1, 300);
}

std::vector<std::vector<uint8_t>> WriteFrames(uint64_t megabytes) {
  std::vector<std::vector<uint8_t>> frames;
  for (uint64_t i = 0; i < WriteFrameCount(megabytes); ++i) frames.push_back(ImagePayload(i));
  return frames;
}

void CheckOrDie(const vrsx::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.message().c_str());
    std::exit(3);
  }
}

// Writes `count` records through vrsx::Writer into a file in --dir (removed afterwards), timed
// from Create to Close; `payload(i)` gives record i, on stream i % streams.
Result MeasureWrite(const Options& options, const std::string& name, uint16_t type_id,
                    uint16_t streams, vrsx::CompressionPreset preset, uint64_t count,
                    const std::function<vrsx::Writer::Piece(uint64_t)>& payload, double period) {
  std::string path = options.dir + "/write-" + name + "-" + std::to_string(getpid()) + ".vrs";
  vrsx::Writer writer;
  std::vector<vrsx::StreamId> ids(streams);
  for (vrsx::StreamId& id : ids) {
    CheckOrDie(writer.AddStream(vrsx::StreamDefinition(type_id, "bench/" + name, preset), id));
  }
  auto start = Clock::now();
  CheckOrDie(writer.Create(path));
  for (uint64_t i = 0; i < count; ++i) {
    CheckOrDie(writer.AddRecord(ids[i % streams], vrsx::RecordType::kData, 1, double(i) * period,
                                payload(i)));
  }
  CheckOrDie(writer.Close());
  Result result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  vrsx::WriterStats stats = writer.stats();
  result.records = stats.records_written;
  result.bytes = stats.bytes_written;
  fs::remove(path);
  if (result.records != count) std::exit(4);
  return result;
}

Result MeasureWriteImu(const Options& options, vrsx::CompressionPreset preset) {
  std::vector<std::vector<uint8_t>> payloads;
  for (uint64_t i = 0; i < 256; ++i) payloads.push_back(ImuPayload(i));
  return MeasureWrite(
      options, "imu", 241, 4, preset, options.records,
      [&](uint64_t i) { return vrsx::Writer::Piece(payloads[i % payloads.size()]); }, 1e-3 / 4);
}

Result MeasureWriteImages(const Options& options, vrsx::CompressionPreset preset) {
  std::vector<std::vector<uint8_t>> frames = WriteFrames(options.image_mb);
  return MeasureWrite(
      options, "images", 214, 1, preset, frames.size(),
      [&](uint64_t i) { return vrsx::Writer::Piece(frames[i]); }, 1.0 / 30);
}

// The codec alone, on one thread, on the frames of MeasureWriteImages.
Result MeasureRawCompression(uint64_t megabytes, vt::Codec codec) {
  std::vector<std::vector<uint8_t>> frames = WriteFrames(megabytes);
  std::vector<uint8_t> out(
      std::max(ZSTD_compressBound(640 * 480), LZ4F_compressFrameBound(640 * 480, nullptr)));
  ZSTD_CCtx* zstd = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(zstd, ZSTD_c_compressionLevel, -1);
  Result result;
  uint64_t stored = 0;
  auto start = Clock::now();
  for (const std::vector<uint8_t>& frame : frames) {
    size_t size =
        codec == vt::Codec::kZstd
            ? ZSTD_compress2(zstd, out.data(), out.size(), frame.data(), frame.size())
            : LZ4F_compressFrame(out.data(), out.size(), frame.data(), frame.size(), nullptr);
    if (ZSTD_isError(size) && codec == vt::Codec::kZstd) std::exit(3);
    if (LZ4F_isError(size) && codec == vt::Codec::kLz4) std::exit(3);
    stored += size;
    result.bytes += frame.size();
    ++result.records;
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (stored == 0) std::exit(4);
  ZSTD_freeCCtx(zstd);
  return result;
}

// Runs `measure` in a child process; returns its result and peak memory in KiB.
Result InChild(const std::function<Result()>& measure, long* peak_kib) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(5);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Result result = measure();
    if (write(fds[1], &result, sizeof result) != ssize_t(sizeof result)) _exit(6);
    _exit(0);
  }
  close(fds[1]);
  Result result;
  bool ok = read(fds[0], &result, sizeof result) == ssize_t(sizeof result);
  close(fds[0]);
  int status = 0;
  struct rusage usage;
  wait4(pid, &status, 0, &usage);
  if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "measurement failed\n");
    std::exit(7);
  }
  *peak_kib = usage.ru_maxrss;
  return result;
}

void Report(const Options& options, const std::string& name, const std::function<Result()>& measure,
            int repeats = 3) {
  Result best;
  long peak = 0;
  for (int i = 0; i < repeats; ++i) {
    long run_peak = 0;
    Result result = InChild(measure, &run_peak);
    if (i == 0 || result.seconds < best.seconds) best = result;
    peak = std::max(peak, run_peak);
  }
  double records_per_s = best.records / best.seconds;
  double mb_per_s = best.bytes / best.seconds / (1 << 20);
  if (options.json) {
    std::printf(
        "{\"name\":\"%s\",\"seconds\":%.6f,\"records\":%llu,\"bytes\":%llu,\"records_per_s\":%.0f,"
        "\"mib_per_s\":%.1f,\"peak_kib\":%ld}\n",
        name.c_str(), best.seconds, (unsigned long long)best.records,
        (unsigned long long)best.bytes, records_per_s, mb_per_s, peak);
  } else {
    std::printf("| %-34s | %10.2f ms | %12.0f | %10.1f | %8.1f |\n", name.c_str(),
                best.seconds * 1e3, best.records ? records_per_s : 0.0, mb_per_s, peak / 1024.0);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dir" && i + 1 < argc) {
      options.dir = argv[++i];
    } else if (arg == "--records" && i + 1 < argc) {
      options.records = std::stoull(argv[++i]);
    } else if (arg == "--image-mb" && i + 1 < argc) {
      options.image_mb = std::stoull(argv[++i]);
    } else if (arg == "--json") {
      options.json = true;
    } else {
      std::fprintf(stderr, "usage: vrsx_bench [--dir DIR] [--records N] [--image-mb M] [--json]\n");
      return 1;
    }
  }
  fs::create_directories(options.dir);
  std::string tag = std::to_string(options.records);
  std::string small = Input(options, "small-" + tag + ".vrs", [&](const std::string& p) {
    MakeSmallRecordFile(p, options.records, vt::IndexLayout::kClassicAtEnd);
  });
  std::string unindexed =
      Input(options, "small-" + tag + "-noindex.vrs", [&](const std::string& p) {
        MakeSmallRecordFile(p, options.records, vt::IndexLayout::kNone);
      });
  std::string imu = Input(options, "imu-" + tag + ".vrs",
                          [&](const std::string& p) { MakeImuFile(p, options.records); });
  std::string mb = std::to_string(options.image_mb);
  std::string zstd_images =
      Input(options, "images-" + mb + "mb-zstd.vrs",
            [&](const std::string& p) { MakeImageFile(p, options.image_mb, vt::Codec::kZstd); });
  std::string lz4_images = Input(options, "images-" + mb + "mb-lz4.vrs", [&](const std::string& p) {
    MakeImageFile(p, options.image_mb, vt::Codec::kLz4);
  });

  if (!options.json) {
    std::printf("| %-34s | %13s | %12s | %10s | %8s |\n", "measurement", "time", "records/s",
                "MiB/s", "peak MiB");
    std::printf("|%s|%s|%s|%s|%s|\n", std::string(36, '-').c_str(), std::string(15, '-').c_str(),
                std::string(14, '-').c_str(), std::string(12, '-').c_str(),
                std::string(10, '-').c_str());
  }
  Report(
      options, "open " + tag + " records (index)", [&] { return MeasureOpen(small); }, 5);
  Report(options, "open " + tag + " records (rebuild)", [&] { return MeasureOpen(unindexed); });
  Report(options, "check " + tag + " small records", [&] { return MeasureCheck(small); });
  Report(options, "checksum " + tag + " small records", [&] { return MeasureChecksum(small); });
  Report(options, "check " + tag + " IMU records", [&] { return MeasureCheck(imu); });
  Report(options, "accelerometer, typed field", [&] { return MeasureTypedField(imu); });
  Report(options, "accelerometer, record decoder", [&] { return MeasureDecodedField(imu); });
  Report(options, "check " + mb + " MB images, zstd", [&] { return MeasureCheck(zstd_images); });
  Report(options, "checksum " + mb + " MB images, zstd",
         [&] { return MeasureChecksum(zstd_images); });
  Report(options, "bound: zstd decompression",
         [&] { return MeasureRawDecompression(options.image_mb, vt::Codec::kZstd); });
  Report(options, "check " + mb + " MB images, lz4", [&] { return MeasureCheck(lz4_images); });
  Report(options, "checksum " + mb + " MB images, lz4",
         [&] { return MeasureChecksum(lz4_images); });
  Report(options, "bound: lz4 decompression",
         [&] { return MeasureRawDecompression(options.image_mb, vt::Codec::kLz4); });
  Report(options, "bound: memcpy", MeasureMemcpy);

  const std::pair<const char*, vrsx::CompressionPreset> presets[] = {
      {"none", vrsx::CompressionPreset::kNone},
      {"fast", vrsx::CompressionPreset::kLz4Fast},
      {"zfaster", vrsx::CompressionPreset::kZstdFaster},
      {"zlight", vrsx::CompressionPreset::kZstdLight},
  };
  for (const auto& [name, preset] : presets) {
    Report(options, "write " + tag + " IMU records, " + name,
           [&] { return MeasureWriteImu(options, preset); });
  }
  std::string frames = std::to_string(WriteFrameCount(options.image_mb));
  for (const auto& [name, preset] : presets) {
    Report(options, "write " + frames + " 640x480 frames, " + name,
           [&] { return MeasureWriteImages(options, preset); });
  }
  Report(options, "bound: zstd -1 compress",
         [&] { return MeasureRawCompression(options.image_mb, vt::Codec::kZstd); });
  Report(options, "bound: lz4 compress",
         [&] { return MeasureRawCompression(options.image_mb, vt::Codec::kLz4); });
  return 0;
}
