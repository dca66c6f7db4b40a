#include "write_bench.h"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <vector>

#include "demo_mix.h"
#include "inputs.h"

namespace vrsx::bench {
namespace {

void CheckOrDie(const Status& status) {
  Require(status.ok(), "writing (" + status.message() + ")");
}

// Writes `count` records, record(i) for i in [0, count), into a new file of the streams
// `definitions`, timed from Create to Close.
Result MeasureWrite(const Options& options, const std::string& name,
                    const std::vector<StreamDefinition>& definitions, uint64_t count,
                    const std::function<PreparedRecord(uint64_t)>& record) {
  std::string path = options.dir + "/write-" + name + "-" + std::to_string(getpid()) + ".vrs";
  Writer writer;
  std::vector<StreamId> ids(definitions.size());
  for (size_t s = 0; s < definitions.size(); ++s) {
    CheckOrDie(writer.AddStream(definitions[s], ids[s]));
  }
  Stopwatch stopwatch;
  CheckOrDie(writer.Create(path));
  for (uint64_t i = 0; i < count; ++i) {
    PreparedRecord r = record(i);
    CheckOrDie(writer.AddRecord(ids[r.stream], {RecordType::kData, 1, r.timestamp},
                                std::span<const Writer::Piece>(r.pieces.data(), r.piece_count)));
  }
  CheckOrDie(writer.Close());
  Result result;
  stopwatch.Stop(result);
  WriterStats stats = writer.stats();
  result.records = stats.records_written;
  result.bytes = stats.bytes_written;
  std::filesystem::remove(path);
  Require(result.records == count, "writing every record");
  return result;
}

}  // namespace

Result MeasureWriteImu(const Options& options, CompressionPreset preset) {
  std::vector<std::vector<uint8_t>> payloads;
  for (uint64_t i = 0; i < 256; ++i) payloads.push_back(ImuPayload(i));
  std::vector<StreamDefinition> streams(4, StreamDefinition(241, "bench/imu", preset));
  return MeasureWrite(options, "imu", streams, options.records, [&](uint64_t i) {
    return PreparedRecord{i % 4, double(i) * 1e-3 / 4, {payloads[i % payloads.size()]}};
  });
}

Result MeasureWriteFrames(const Options& options, CompressionPreset preset, unsigned passes) {
  std::vector<std::vector<uint8_t>> frames = MemoryFrames(options.image_mb);
  return MeasureWrite(options, "frames", {StreamDefinition(214, "bench/camera", preset)},
                      frames.size() * passes, [&](uint64_t i) {
                        return PreparedRecord{0, double(i) / 30, {frames[i % frames.size()]}};
                      });
}

Result MeasureWriteDemoMix(const Options& options, CompressionPreset preset, unsigned passes) {
  DemoMix mix;
  const std::vector<PreparedRecord>& records = mix.records();
  // Pass p is the same 10 s, p * 10 s later.
  return MeasureWrite(options, "demo", mix.Streams(preset), records.size() * passes,
                      [&](uint64_t i) {
                        PreparedRecord record = records[i % records.size()];
                        record.timestamp += double(i / records.size()) * DemoMix::kSeconds;
                        return record;
                      });
}

}  // namespace vrsx::bench
