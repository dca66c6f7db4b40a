// vrsx_bench: speed of the reader, the writer and `vrsx copy` on files it generates itself, next
// to the bounds the hardware and codecs set on the same payloads. See bench/README.md.
//
//   vrsx_bench [--dir DIR] [--records N] [--image-mb M] [--repeats R] [--only 'A|B'] [--json]
//   vrsx_bench --bounds-of FILE [--repeats R] [--json]
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "codec_bounds.h"
#include "copy_bench.h"
#include "demo_mix.h"
#include "file_read_bounds.h"
#include "harness.h"
#include "inputs.h"
#include "memory_bounds.h"
#include "options.h"
#include "read_bench.h"
#include "write_bench.h"

namespace {

using namespace vrsx::bench;

constexpr uint64_t kLookups = 10'000;

const char kUsage[] =
    "usage: vrsx_bench [--dir DIR] [--records N] [--image-mb M] [--repeats R] [--only 'A|B'] "
    "[--json]\n"
    "       vrsx_bench --bounds-of FILE [--repeats R] [--json]\n"
    "  --only: run the rows whose name contains one of the texts separated by |\n"
    "  --bounds-of: only the codec bounds on FILE's payloads, for bench/tool_rows.sh\n";

bool ParseOptions(int argc, char* argv[], Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--json") {
      options.json = true;
    } else if (arg == "--dir" && has_value) {
      options.dir = argv[++i];
    } else if (arg == "--records" && has_value) {
      options.records = std::stoull(argv[++i]);
    } else if (arg == "--image-mb" && has_value) {
      options.image_mb = std::stoull(argv[++i]);
    } else if (arg == "--repeats" && has_value) {
      options.repeats = std::stoi(argv[++i]);
    } else if (arg == "--only" && has_value) {
      options.only = argv[++i];
    } else if (arg == "--bounds-of" && has_value) {
      options.bounds_of = argv[++i];
    } else {
      return false;
    }
  }
  return options.records > 0 && options.image_mb > 0 && options.repeats > 0;
}

void ReadRows(const Options& options, const Inputs& inputs, const Table& table) {
  std::string n = std::to_string(options.records);
  table.Report(
      "open " + n + " records (index)", [&] { return MeasureOpen(inputs.small); }, 5);
  table.Report("open " + n + " records (rebuild)", [&] { return MeasureOpen(inputs.unindexed); });
  table.Report("overview of " + n + " records (vrsx FILE)",
               [&] { return MeasureOverview(inputs.small); });
  table.Report("check " + n + " small records", [&] { return MeasureCheck(inputs.small); });
  table.Report("checksum " + n + " small records", [&] { return MeasureChecksum(inputs.small); });
  table.Report("lookup+read " + n + " small records",
               [&] { return MeasureRandomAccess(inputs.small, kLookups); });
  table.Report("check " + n + " IMU records", [&] { return MeasureCheck(inputs.imu); });
  table.Report("accelerometer, typed field", [&] { return MeasureTypedField(inputs.imu); });
  table.Report("accelerometer, record decoder", [&] { return MeasureDecodedField(inputs.imu); });

  std::string mb = std::to_string(options.image_mb) + " MiB";
  const std::pair<const char*, const std::string*> image_files[] = {
      {"none", &inputs.images_none}, {"lz4", &inputs.images_lz4}, {"zstd", &inputs.images_zstd}};
  for (const auto& [codec, path] : image_files) {
    table.Report("check " + mb + " camera, " + codec,
                 [path = path] { return MeasureCheck(*path); });
    table.Report("checksum " + mb + " camera, " + codec,
                 [path = path] { return MeasureChecksum(*path); });
    table.Report("decode " + mb + " camera, " + codec,
                 [path = path] { return MeasureDecode(*path); });
  }
  table.Report("lookup+read " + mb + " camera, zstd",
               [&] { return MeasureRandomAccess(inputs.images_zstd, kLookups); });

  for (unsigned threads : {1u, 2u}) {
    std::string on = threads == 1 ? ", 1 thread" : ", 2 threads";
    table.Report("bound: zstd decompress" + on,
                 [&] { return MeasureRawDecompression(options, BoundCodec::kZstd, threads); });
    table.Report("bound: lz4 decompress" + on,
                 [&] { return MeasureRawDecompression(options, BoundCodec::kLz4, threads); });
  }
  table.Report("bound: memcpy", MeasureMemcpy);
  table.Report("bound: pread camera file, lz4",
               [&] { return MeasurePreadFile(inputs.images_lz4); });
  table.Report("bound: mmap camera file, lz4", [&] { return MeasureMmapFile(inputs.images_lz4); });
  table.Report("bound: xxh64", [&] { return MeasureXxh64(options); });
  table.Report("bound: first write of 64 MiB, page faults",
               [] { return MeasureFirstWrite(FirstWrite::kFaulted); });
  table.Report("bound: first write of 64 MiB, mapped first",
               [] { return MeasureFirstWrite(FirstWrite::kMappedFirst); });
  table.Report("bound: first write of 64 MiB, huge pages",
               [] { return MeasureFirstWrite(FirstWrite::kHugePages); });
}

void WriteRows(const Options& options, const Table& table) {
  const std::pair<const char*, vrsx::CompressionPreset> presets[] = {
      {"none", vrsx::CompressionPreset::kNone},
      {"fast", vrsx::CompressionPreset::kLz4Fast},
      {"zfaster", vrsx::CompressionPreset::kZstdFaster},
      {"zlight", vrsx::CompressionPreset::kZstdLight},
  };
  std::string n = std::to_string(options.records);
  for (const auto& [name, preset] : presets) {
    table.Report("write " + n + " IMU records, " + name,
                 [&, preset = preset] { return MeasureWriteImu(options, preset); });
  }
  uint64_t frames = std::min<uint64_t>(ImageFileFrames(options.image_mb), 300);
  for (unsigned passes : {1u, 10u}) {
    for (const auto& [name, preset] : presets) {
      table.Report("write " + std::to_string(frames * passes) + " camera frames, " + name,
                   [&, preset = preset] { return MeasureWriteFrames(options, preset, passes); });
    }
  }
  for (unsigned passes : {1u, 10u}) {
    for (const auto& [name, preset] : presets) {
      table.Report("write demo mix " + std::to_string(10 * passes) + " s, " + name,
                   [&, preset = preset] { return MeasureWriteDemoMix(options, preset, passes); });
    }
  }
  // The raw codecs on the same payloads, in the same run.
  const Payloads camera = MemoryFrames(options.image_mb);
  const Payloads mix = DemoMix().Payloads();
  for (const auto& [name, preset] : presets) {
    if (preset == vrsx::CompressionPreset::kNone) continue;
    for (unsigned threads : {1u, 2u}) {
      std::string on = threads == 1 ? ", 1 thread" : ", 2 threads";
      table.Report("bound: " + std::string(name) + ", camera frames" + on,
                   [&, preset = preset] { return MeasureRawCompression(camera, preset, threads); });
    }
    table.Report("bound: " + std::string(name) + ", demo mix, 2 threads",
                 [&, preset = preset] { return MeasureRawCompression(mix, preset, 2); });
  }
}

void CopyRows(const Options& options, const Inputs& inputs, const Table& table) {
  std::string n = std::to_string(options.records);
  std::string mb = std::to_string(options.image_mb) + " MiB";
  // The CLI's default preset is zlight (zstd 3); "fast" is lz4.
  table.Report("copy " + n + " small records, default",
               [&] { return MeasureCopy(options, inputs.small, ""); });
  table.Report("copy " + n + " small records, fast",
               [&] { return MeasureCopy(options, inputs.small, "fast"); });
  for (const char* preset : {"", "zfaster", "fast"}) {
    std::string name = *preset ? preset : "default";
    table.Report("copy " + mb + " camera (zstd), " + name,
                 [&] { return MeasureCopy(options, inputs.images_zstd, preset); });
  }
}

// The floors, on two cores, of the commands bench/tool_rows.sh times on a file: its payloads
// decoded and hashed (checksum, check), compressed with zlight (copy) and with fast (write).
void FileBoundRows(const std::string& path, const Table& table) {
  const Payloads payloads = FilePayloads(path);
  for (unsigned threads : {1u, 2u}) {
    std::string on = threads == 1 ? ", 1 thread" : ", 2 threads";
    table.Report("bound: file, lz4 decode + xxh64" + on, [&] {
      return MeasureRawDecodeAndHash(payloads, vrsx::CompressionPreset::kLz4Fast, threads);
    });
  }
  for (const auto& [name, preset] : {std::pair{"fast", vrsx::CompressionPreset::kLz4Fast},
                                     std::pair{"zlight", vrsx::CompressionPreset::kZstdLight}}) {
    table.Report("bound: file, " + std::string(name) + " compress, 2 threads",
                 [&, preset = preset] { return MeasureRawCompression(payloads, preset, 2); });
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  if (!ParseOptions(argc, argv, options)) {
    std::fputs(kUsage, stderr);
    return 1;
  }
  Table table(options.json, options.repeats, options.only);
  if (!options.bounds_of.empty()) {
    table.PrintHeader();
    FileBoundRows(options.bounds_of, table);
    return 0;
  }
  Inputs inputs = MakeInputs(options);
  table.PrintHeader();
  ReadRows(options, inputs, table);
  WriteRows(options, table);
  CopyRows(options, inputs, table);
  return 0;
}
