#include "read_bench.h"

#include <algorithm>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "reader/ordered_reads.h"
#include "tools/rendering/overview.h"
#include "vrsx/checksum.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/record_format.h"

namespace vrsx::bench {
namespace {

Reader OpenOrDie(const std::string& path) {
  Reader reader;
  Status status = reader.Open(path);
  Require(status.ok(), "opening " + path + ": " + status.message());
  return reader;
}

}  // namespace

Result MeasureOpen(const std::string& path) {
  Stopwatch stopwatch;
  Reader reader = OpenOrDie(path);
  Result result{.records = reader.index().size()};
  stopwatch.Stop(result);
  return result;
}

Result MeasureOverview(const std::string& path) {
  Stopwatch stopwatch;
  Reader reader = OpenOrDie(path);
  std::ostringstream out;
  cli::PrintOverview(reader, reader.streams(), cli::DetailLevel::kEverything, out);
  Result result{.records = reader.index().size()};
  stopwatch.Stop(result);
  Require(!out.str().empty(), "printing the overview");
  return result;
}

Result MeasureCheck(const std::string& path) {
  Reader reader = OpenOrDie(path);
  std::vector<size_t> positions(reader.index().size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  Result result;
  Stopwatch stopwatch;
  // The walk `vrsx check` does: large records read ahead on the cores, consumed in order.
  reading::OrderedReadResult read = reading::ReadInOrder(
      reader, positions, [&](size_t, const RecordDetails&, const std::vector<uint8_t>& payload) {
        result.bytes += payload.size();
      });
  Require(read.status.ok(), "reading a record");
  stopwatch.Stop(result);
  result.records = reader.index().size();
  return result;
}

Result MeasureChecksum(const std::string& path) {
  Reader reader = OpenOrDie(path);
  Result result;
  Stopwatch stopwatch;
  ChecksumResult checksum;  // what `vrsx checksum` computes
  Require(RecordsChecksum(reader, nullptr, checksum).ok(), "the checksum");
  Require(checksum.checksum.size() == 16, "the checksum");
  stopwatch.Stop(result);
  for (const RecordInfo& record : reader.index()) {
    RecordDetails details;
    Require(reader.ReadRecordDetails(&record - reader.index().data(), details).ok(), "details");
    result.bytes += details.payload_size;
  }
  result.records = reader.index().size();
  return result;
}

Result MeasureDecode(const std::string& path) {
  Reader reader = OpenOrDie(path);
  StreamFormats formats(reader);
  RecordContentDecoder decoder(formats);
  RecordContent content;
  std::vector<uint8_t> payload;
  Result result;
  uint64_t sum = 0;
  Stopwatch stopwatch;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    Require(decoder.ReadAndDecode(reader, i, payload, content).ok() && content.ok(),
            "decoding a record");
    for (const DecodedBlock& block : content.blocks) {
      // The blocks' bytes, as a consumer would use them (one byte per cache line is enough).
      for (size_t k = 0; k < block.data.size(); k += 64) sum += block.data[k];
    }
    result.bytes += payload.size();
  }
  stopwatch.Stop(result);
  result.records = reader.index().size();
  Require(sum != 0 || result.bytes == 0, "summing the blocks");
  return result;
}

Result MeasureTypedField(const std::string& path) {
  Reader reader = OpenOrDie(path);
  DataLayoutDefinition layout;
  const TagMap& tags = reader.stream_tags({241, 1}).vrs;
  auto tag = tags.find(DataLayoutTagName(RecordType::kData, 1, 0));
  Require(tag != tags.end() && DataLayoutDefinition::Parse(tag->second, layout).ok(),
          "the IMU layout");
  std::optional<size_t> accelerometer = layout.FindValue<Point3Df>("accelerometer");
  Require(accelerometer.has_value(), "the accelerometer field");
  DataLayoutBlock block(layout);
  std::vector<uint8_t> payload;
  Result result;
  double sum = 0;
  Stopwatch stopwatch;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    Require(reader.ReadRecord(i, payload).ok() && block.Bind(payload.data(), payload.size()).ok(),
            "reading an IMU record");
    sum += block.value<Point3Df>(*accelerometer)[0];
    result.bytes += payload.size();
  }
  stopwatch.Stop(result);
  result.records = reader.index().size();
  Require(sum >= 0, "the sum");
  return result;
}

Result MeasureDecodedField(const std::string& path) {
  Reader reader = OpenOrDie(path);
  StreamFormats formats(reader);
  RecordContentDecoder decoder(formats);
  RecordContent content;
  std::vector<uint8_t> payload;
  std::optional<size_t> accelerometer;
  Result result;
  double sum = 0;
  Stopwatch stopwatch;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    Require(decoder.ReadAndDecode(reader, i, payload, content).ok() && !content.blocks.empty(),
            "decoding an IMU record");
    const DataLayoutBlock& block = content.blocks[0].layout;
    if (!accelerometer) accelerometer = block.layout()->FindValue<Point3Df>("accelerometer");
    sum += block.value<Point3Df>(*accelerometer)[0];
    result.bytes += payload.size();
  }
  stopwatch.Stop(result);
  result.records = reader.index().size();
  Require(sum >= 0, "the sum");
  return result;
}

Result MeasureRandomAccess(const std::string& path, uint64_t lookups) {
  Reader reader = OpenOrDie(path);
  Require(!reader.index().empty(), "a file with records");
  double first = reader.index().front().timestamp;
  double last = reader.index().back().timestamp;
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> time(first, last);
  std::vector<double> latencies;
  latencies.reserve(lookups);
  std::vector<uint8_t> payload;
  Result result;
  Stopwatch stopwatch;
  for (uint64_t i = 0; i < lookups; ++i) {
    double t = time(random);
    auto lookup_start = Clock::now();
    size_t pos = std::min(reader.LowerBound(t), reader.index().size() - 1);
    Require(reader.ReadRecord(pos, payload).ok(), "reading a record");
    latencies.push_back(SecondsSince(lookup_start));
    result.bytes += payload.size();
  }
  stopwatch.Stop(result);
  result.records = lookups;
  SetLatencies(std::move(latencies), result);
  return result;
}

}  // namespace vrsx::bench
