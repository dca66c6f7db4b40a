// Copy and Merge (vrsx/copy.h) on recordings the test writes with the independent file builder,
// where every record's stream, time and payload is known: the outputs are read back with the
// reader and compared with what the filter, routing and duplicate rules of spec 03 §7 predict.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "support/temp_dir.h"
#include "support/vrs_file_builder.h"
#include "vrsx/checksum.h"
#include "vrsx/copy.h"
#include "vrsx/reader.h"
#include "vrsx/record_filter.h"
#include "vrsx/tags.h"
#include "vrsx/writer.h"

namespace {

namespace vt = vrsx::testing;
using vrsx::CopyOptions;
using vrsx::CopyResult;
using vrsx::CopyWarningKind;
using vrsx::RecordType;
using vrsx::StreamId;

// A payload that tells its record apart, compressible, and long enough to be compressed (spec
// 01 §4.2: from 250 bytes).
std::vector<uint8_t> Payload(vt::StreamKey stream, vt::RecordKind kind, double t) {
  std::vector<uint8_t> bytes(400);
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = uint8_t((i / 16) + stream.type_id + stream.instance_id * 7 + uint8_t(kind) * 3 +
                       int(t * 4));
  }
  return bytes;
}

struct Source {
  vt::StreamKey stream;
  vt::RecordKind kind;
  double t;
};

class Recording {
 public:
  void Stream(vt::StreamKey key, const vt::Tags& user, const vt::Tags& vrs) {
    streams_.push_back({key, user, vrs});
  }
  void Record(vt::StreamKey key, vt::RecordKind kind, double t) {
    records_.push_back({key, kind, t});
  }
  void FileTag(const std::string& name, const std::string& value) { file_tags_[name] = value; }

  std::string Write(const vt::TempDir& dir, const std::string& name) const {
    vt::VrsFileBuilder builder;
    for (const auto& [tag, value] : file_tags_) builder.SetFileTag(tag, value);
    for (const auto& [key, user, vrs] : streams_) builder.AddStream(key, user, vrs);
    for (const Source& r : records_) {
      builder.AddRecord(r.stream, r.kind, r.t, Payload(r.stream, r.kind, r.t),
                        {.codec = vt::Codec::kZstd});
    }
    builder.Finish();
    std::string path = dir.File(name);
    builder.WriteFile(path);
    return path;
  }

 private:
  vt::Tags file_tags_;
  std::vector<std::tuple<vt::StreamKey, vt::Tags, vt::Tags>> streams_;
  std::vector<Source> records_;
};

constexpr vt::StreamKey kLeft{1201, 1};
constexpr vt::StreamKey kRight{1201, 2};
constexpr vt::StreamKey kImu{1202, 1};
constexpr vt::StreamKey kOther{300, 1};

// 1201-1 camera/left: configuration and state at 0, data at 1..10. 1201-2 camera/right:
// configuration at 0, data at 1..10. 1202-1: configuration at 0, data at 0.5..9.5. 300-1: one
// configuration record at 0.
Recording First() {
  Recording r;
  r.FileTag("made_by", "first");
  r.FileTag("session", "42");
  r.Stream(kLeft, {{"pos", "left"}, {"keep", "me"}},
           {{vrsx::kTagFlavor, "camera/left"}, {vrsx::kTagSerialNumber, "serial-left"}});
  r.Stream(kRight, {}, {{vrsx::kTagFlavor, "camera/right"}, {vrsx::kTagSerialNumber, "sr"}});
  r.Stream(kImu, {}, {{vrsx::kTagSerialNumber, "imu"}});
  r.Stream(kOther, {}, {});
  for (vt::StreamKey s : {kLeft, kRight, kImu, kOther})
    r.Record(s, vt::RecordKind::kConfiguration, 0);
  r.Record(kLeft, vt::RecordKind::kState, 0);
  for (int i = 1; i <= 10; ++i) {
    r.Record(kImu, vt::RecordKind::kData, i - 0.5);
    r.Record(kLeft, vt::RecordKind::kData, i);
    r.Record(kRight, vt::RecordKind::kData, i);
  }
  return r;
}

// A record of an output file, as read back.
struct Read {
  StreamId stream;
  RecordType type;
  double timestamp;
  std::vector<uint8_t> payload;
};

std::vector<Read> ReadAll(const vrsx::Reader& reader) {
  std::vector<Read> records;
  std::vector<uint8_t> payload;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    const vrsx::RecordInfo& info = reader.index()[pos];
    REQUIRE(reader.ReadRecord(pos, payload).ok());
    records.push_back({info.stream, info.type, info.timestamp, payload});
  }
  return records;
}

RecordType TypeOf(vt::RecordKind kind) {
  return static_cast<RecordType>(static_cast<uint8_t>(kind));
}

// The records of `reader` in `stream`, which must be exactly `expected` (from `source`
// streams), in this order.
void CheckStream(const std::vector<Read>& records, StreamId stream,
                 const std::vector<Source>& expected) {
  std::vector<const Read*> found;
  for (const Read& r : records) {
    if (r.stream == stream) found.push_back(&r);
  }
  INFO("stream " << stream.type_id << "-" << stream.instance_id);
  REQUIRE(found.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(found[i]->timestamp == expected[i].t);
    CHECK(found[i]->type == TypeOf(expected[i].kind));
    CHECK(found[i]->payload == Payload(expected[i].stream, expected[i].kind, expected[i].t));
  }
}

vrsx::Reader OpenOrFail(const std::string& path) {
  vrsx::Reader reader;
  vrsx::Status status = reader.Open(path);
  INFO(status.message());
  REQUIRE(status.ok());
  return reader;
}

std::string Checksum(const vrsx::Reader& reader, const vrsx::RecordFilter* filter = nullptr) {
  vrsx::ChecksumResult sum;
  REQUIRE(vrsx::RecordsChecksum(reader, filter, sum).ok());
  return sum.checksum;
}

}  // namespace

TEST_CASE("Copy with a stream, record type and time filter copies exactly those records",
          "[copy]") {
  vt::TempDir dir;
  vrsx::Reader input = OpenOrFail(First().Write(dir, "in.vrs"));
  CopyOptions options;
  options.filter.Include("1201-2").Include("1202-1").Exclude(RecordType::kState);
  options.filter.after = vrsx::FilterTime::Absolute(2);
  options.filter.before = vrsx::FilterTime::Absolute(5);
  CopyResult result;
  vrsx::Status status = vrsx::Copy(input, dir.File("out.vrs"), options, &result);
  INFO(status.message());
  REQUIRE(status.ok());

  // Pre-roll: each stream's configuration before the window; then 2 < t <= 5.
  const StreamId camera{1201, 1};  // 1201-2, renumbered
  const StreamId imu{1202, 1};
  vrsx::Reader output = OpenOrFail(dir.File("out.vrs"));
  CHECK(output.streams() == std::vector<StreamId>{camera, imu});
  std::vector<Read> records = ReadAll(output);
  using K = vt::RecordKind;
  CheckStream(records, camera,
              {{kRight, K::kConfiguration, 0},
               {kRight, K::kData, 3},
               {kRight, K::kData, 4},
               {kRight, K::kData, 5}});
  CheckStream(records, imu,
              {{kImu, K::kConfiguration, 0},
               {kImu, K::kData, 2.5},
               {kImu, K::kData, 3.5},
               {kImu, K::kData, 4.5}});
  CHECK(result.records_written == 8);
  CHECK(result.duplicates_dropped == 0);
  REQUIRE(result.output_streams.size() == 1);
  CHECK(result.output_streams[0] ==
        std::map<StreamId, StreamId>{{StreamId{1201, 2}, camera}, {imu, imu}});
  CHECK(result.input_bytes == std::filesystem::file_size(dir.File("in.vrs")));
  CHECK(result.output_bytes == std::filesystem::file_size(dir.File("out.vrs")));
  CHECK(result.output_chunks == std::vector<std::string>{dir.File("out.vrs")});
  CHECK(result.warnings.empty());
  // The stream keeps its source's tags.
  CHECK(output.flavor(camera) == "camera/right");
  CHECK(output.serial_number(camera) == "sr");
  CHECK(output.file_tags() == input.file_tags());
}

TEST_CASE("Copy's preset changes the file, not the records checksum", "[copy]") {
  vt::TempDir dir;
  vrsx::Reader input = OpenOrFail(First().Write(dir, "in.vrs"));
  CopyOptions options;
  options.filter.Exclude("1202");
  options.filter.after = vrsx::FilterTime::FromFirst(1.5);
  const std::string selected = Checksum(input, &options.filter);

  options.compression = vrsx::CompressionPreset::kNone;
  CopyResult plain;
  REQUIRE(vrsx::Copy(input, dir.File("none.vrs"), options, &plain).ok());
  options.compression = vrsx::CompressionPreset::kZstdMax;
  CopyResult tight;
  REQUIRE(vrsx::Copy(input, dir.File("zmax.vrs"), options, &tight).ok());

  CHECK(tight.output_bytes < plain.output_bytes);
  CHECK(plain.records_written == tight.records_written);
  CHECK(Checksum(OpenOrFail(dir.File("none.vrs"))) == selected);
  CHECK(Checksum(OpenOrFail(dir.File("zmax.vrs"))) == selected);
  CHECK(selected != Checksum(input));
}

TEST_CASE("Copy and Merge take records larger than the copy's 32 MiB queue", "[copy]") {
  // Frames of 40 and 36 MiB, compressed by lz4 to far less: the copy's queue, sized from the
  // records as stored, is smaller than they are once read, and must still take them.
  vt::TempDir dir;
  std::string in = dir.File("large.vrs");
  const std::vector<size_t> sizes = {4000, size_t(40) << 20, 300, size_t(36) << 20, 5000};
  auto frame = [](size_t size, size_t k) {
    std::vector<uint8_t> bytes(size);
    for (size_t i = 0; i < size; ++i) bytes[i] = uint8_t(i / 4096 + k * 13 + (i % 7 == 0));
    return bytes;
  };
  {
    vrsx::Writer writer;
    StreamId camera;
    REQUIRE(writer
                .AddStream(vrsx::StreamDefinition(214, "camera", vrsx::CompressionPreset::kLz4Fast),
                           camera)
                .ok());
    REQUIRE(writer.Create(in).ok());
    for (size_t k = 0; k < sizes.size(); ++k) {
      REQUIRE(writer.AddRecord(camera, {RecordType::kData, 1, double(k)}, frame(sizes[k], k)).ok());
    }
    REQUIRE(writer.Close().ok());
  }
  vrsx::Reader input = OpenOrFail(in);
  size_t largest_stored = 0;
  for (const vrsx::RecordInfo& info : input.index())
    largest_stored = std::max<size_t>(largest_stored, info.disk_size);
  REQUIRE(4 * largest_stored < (size_t(32) << 20));  // the queue stays at 32 MiB
  const std::string sum = Checksum(input);

  for (vrsx::CompressionPreset preset :
       {vrsx::CompressionPreset::kLz4Fast, vrsx::CompressionPreset::kZstdLight}) {
    INFO(vrsx::CompressionPresetName(preset));
    CopyOptions options;
    options.compression = preset;
    CopyResult result;
    std::string out = dir.File(std::string("copy-") + vrsx::CompressionPresetName(preset));
    vrsx::Status status = vrsx::Copy(input, out, options, &result);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(result.records_written == input.index().size());
    vrsx::Reader copy = OpenOrFail(out);
    CHECK(Checksum(copy) == sum);
    std::vector<uint8_t> payload;
    REQUIRE(copy.ReadRecord(1, payload).ok());
    CHECK(payload == frame(sizes[1], 1));
  }
  vrsx::Status merge = vrsx::MergeFiles({in, in}, dir.File("merged.vrs"), {});
  INFO(merge.message());
  REQUIRE(merge.ok());
  CHECK(Checksum(OpenOrFail(dir.File("merged.vrs"))) == sum);  // duplicates dropped
}

TEST_CASE("Copy in chunks writes out, out_1... read as one file", "[copy]") {
  vt::TempDir dir;
  vrsx::Reader input = OpenOrFail(First().Write(dir, "in.vrs"));
  CopyOptions options;
  options.compression = vrsx::CompressionPreset::kNone;  // 400-byte records
  options.max_chunk_size = 4000;
  CopyResult result;
  REQUIRE(vrsx::Copy(input, dir.File("out.vrs"), options, &result).ok());

  REQUIRE(result.output_chunks.size() >= 3);
  uint64_t total = 0;
  for (size_t k = 0; k < result.output_chunks.size(); ++k) {
    std::string expected = dir.File(k == 0 ? "out.vrs" : "out.vrs_" + std::to_string(k));
    CHECK(result.output_chunks[k] == expected);
    uint64_t size = std::filesystem::file_size(expected);
    CHECK(size <= 4000);
    total += size;
  }
  CHECK(result.output_bytes == total);
  vrsx::Reader output = OpenOrFail(dir.File("out.vrs"));
  CHECK(output.chunks().size() == result.output_chunks.size());
  CHECK(output.index().size() == input.index().size());
  CHECK(result.records_written == input.index().size());
  CHECK(Checksum(output) == Checksum(input));
}

TEST_CASE("Copy applies file and stream tag edits in order", "[copy]") {
  vt::TempDir dir;
  vrsx::Reader input = OpenOrFail(First().Write(dir, "in.vrs"));
  CopyOptions options;
  options.file_tag_edits = {{"purpose", "test"}, {"made_by", std::nullopt}, {"purpose", "final"}};
  options.stream_tag_edits = {{StreamId{1201, 1}, "pos", "right"},
                              {StreamId{1201, 1}, "keep", std::nullopt},
                              {StreamId{1201, 2}, "new", "tag"},
                              {StreamId{999, 1}, "ignored", "x"}};
  REQUIRE(vrsx::Copy(input, dir.File("out.vrs"), options).ok());

  vrsx::Reader output = OpenOrFail(dir.File("out.vrs"));
  CHECK(output.file_tags() == vrsx::TagMap{{"purpose", "final"}, {"session", "42"}});
  CHECK(output.stream_tags({1201, 1}).user == vrsx::TagMap{{"pos", "right"}});
  CHECK(output.stream_tags({1201, 2}).user == vrsx::TagMap{{"new", "tag"}});
  CHECK(output.stream_tags({1201, 1}).vrs.at(vrsx::kTagSerialNumber) == "serial-left");
  CHECK(output.streams().size() == 4);
}

TEST_CASE("Merge routes streams by type and rank, renames tag conflicts, drops duplicates",
          "[copy]") {
  vt::TempDir dir;
  std::string first_path = First().Write(dir, "first.vrs");
  // 1201-5 and 1201-7 merge into the first's 1201-1 and 1201-2 (ranks 0 and 1); 555-1 is new.
  const vt::StreamKey front{1201, 5};
  const vt::StreamKey back{1201, 7};
  const vt::StreamKey extra{555, 1};
  Recording second;
  second.FileTag("made_by", "second");
  second.FileTag("made_by_merged", "taken");
  second.FileTag("session", "42");
  second.FileTag("site", "lab");
  second.Stream(front, {{"pos", "front"}, {"lens", "wide"}},
                {{vrsx::kTagFlavor, "camera/left"}, {vrsx::kTagSerialNumber, "serial-front"}});
  second.Stream(back, {}, {{vrsx::kTagFlavor, "camera/right"}, {vrsx::kTagSerialNumber, "sr"}});
  second.Stream(extra, {}, {});
  using K = vt::RecordKind;
  for (vt::StreamKey s : {front, back, extra}) second.Record(s, K::kConfiguration, 0.25);
  for (int i = 1; i <= 10; ++i) second.Record(front, K::kData, i);  // the first's 1201-1 times
  second.Record(front, K::kData, 10.5);
  second.Record(back, K::kData, 1.5);
  second.Record(back, K::kData, 2.5);
  second.Record(extra, K::kData, 1);
  std::string second_path = second.Write(dir, "second.vrs");

  std::vector<std::string> warnings;
  CopyOptions options;
  options.on_warning = [&](const vrsx::CopyWarning& w) {
    CHECK(w.kind == CopyWarningKind::kTagConflict);
    warnings.push_back(w.text);
  };
  CopyResult result;
  vrsx::Status status =
      vrsx::MergeFiles({first_path, second_path}, dir.File("out.vrs"), options, &result);
  INFO(status.message());
  REQUIRE(status.ok());

  const std::string camera = vrsx::RecordableTypeName(1201);
  CHECK(warnings ==
        std::vector<std::string>{
            "Warning! The tag 'pos' was already set. Dup found in: " + camera + " #5 of " +
                second_path,
            "Warning! The tag 'VRS_Serial_Number' was already set, ignoring value "
            "'serial-front' from " +
                camera + " #5 of " + second_path,
            "Warning! The tag 'made_by' was already set. Dup found in: " + second_path});
  CHECK(result.warnings.size() == warnings.size());

  vrsx::Reader output = OpenOrFail(dir.File("out.vrs"));
  CHECK(output.file_tags() == vrsx::TagMap{{"made_by", "first"},
                                           {"made_by_merged", "taken"},
                                           {"made_by_merged-1", "second"},
                                           {"session", "42"},
                                           {"site", "lab"}});
  CHECK(output.stream_tags({1201, 1}).user ==
        vrsx::TagMap{{"keep", "me"}, {"lens", "wide"}, {"pos", "left"}, {"pos_merged", "front"}});
  CHECK(output.serial_number({1201, 1}) == "serial-left");
  CHECK(output.streams() ==
        std::vector<StreamId>{{300, 1}, {555, 1}, {1201, 1}, {1201, 2}, {1202, 1}});
  REQUIRE(result.output_streams.size() == 2);
  CHECK(result.output_streams[1] ==
        std::map<StreamId, StreamId>{{StreamId{555, 1}, StreamId{555, 1}},
                                     {StreamId{1201, 5}, StreamId{1201, 1}},
                                     {StreamId{1201, 7}, StreamId{1201, 2}}});

  // The second's data at 1..10 in 1201-5 repeat the first's 1201-1 times: dropped.
  CHECK(result.duplicates_dropped == 10);
  std::vector<Read> records = ReadAll(output);
  std::vector<Source> left = {
      {kLeft, K::kConfiguration, 0}, {kLeft, K::kState, 0}, {front, K::kConfiguration, 0.25}};
  for (int i = 1; i <= 10; ++i) left.push_back({kLeft, K::kData, double(i)});
  left.push_back({front, K::kData, 10.5});
  CheckStream(records, {1201, 1}, left);
  std::vector<Source> right = {{kRight, K::kConfiguration, 0}, {back, K::kConfiguration, 0.25},
                               {kRight, K::kData, 1},          {back, K::kData, 1.5},
                               {kRight, K::kData, 2},          {back, K::kData, 2.5}};
  for (int i = 3; i <= 10; ++i) right.push_back({kRight, K::kData, double(i)});
  CheckStream(records, {1201, 2}, right);
  CheckStream(records, {555, 1}, {{extra, K::kConfiguration, 0.25}, {extra, K::kData, 1}});
  CHECK(result.records_written == records.size());
  CHECK(records.size() == 35 + 17 - 10);
}

TEST_CASE("Merge with keep_streams_apart gives each input stream its own output stream", "[copy]") {
  vt::TempDir dir;
  vrsx::Reader a = OpenOrFail(First().Write(dir, "a.vrs"));
  vrsx::Reader b = OpenOrFail(First().Write(dir, "b.vrs"));
  CopyOptions options;
  options.keep_streams_apart = true;
  options.filter.Include("1201");
  CopyResult result;
  REQUIRE(vrsx::Merge({&a, &b}, dir.File("out.vrs"), options, &result).ok());
  vrsx::Reader output = OpenOrFail(dir.File("out.vrs"));
  CHECK(output.streams() == std::vector<StreamId>{{1201, 1}, {1201, 2}, {1201, 3}, {1201, 4}});
  REQUIRE(result.output_streams.size() == 2);
  CHECK(result.output_streams[1].at({1201, 1}) == StreamId{1201, 3});
  CHECK(result.output_streams[1].at({1201, 2}) == StreamId{1201, 4});
  CHECK(result.duplicates_dropped == 0);
  CHECK(result.records_written == 2 * 23);
  // Same file tags: no conflict.
  CHECK(result.warnings.empty());
}

TEST_CASE("Copy reports progress, transforms payloads and passes on the filter's warnings",
          "[copy]") {
  vt::TempDir dir;
  vrsx::Reader input = OpenOrFail(First().Write(dir, "in.vrs"));
  CopyOptions options;
  options.filter.Include("300").Include("camera");  // not a stream name
  std::vector<size_t> done;
  options.progress = [&](size_t n, size_t total) {
    CHECK(total == 1);
    done.push_back(n);
  };
  options.transform_payload = [&](size_t input_rank, size_t pos, const vrsx::RecordDetails&,
                                  std::vector<uint8_t>& payload) {
    CHECK(input_rank == 0);
    CHECK(input.index()[pos].stream == StreamId{300, 1});
    payload.assign(3, 7);
  };
  CopyResult result;
  REQUIRE(vrsx::Copy(input, dir.File("out.vrs"), options, &result).ok());
  CHECK(done == std::vector<size_t>{0});
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].kind == CopyWarningKind::kStreamSelection);
  CHECK(result.warnings[0].text == "Can't parse 'camera' as one or more stream id.");
  std::vector<Read> records = ReadAll(OpenOrFail(dir.File("out.vrs")));
  REQUIRE(records.size() == 1);
  CHECK(records[0].payload == std::vector<uint8_t>(3, 7));

  // An empty window: a warning, and a file without records.
  CopyOptions empty;
  empty.filter.after = vrsx::FilterTime::Absolute(5);
  empty.filter.before = vrsx::FilterTime::Absolute(4);
  REQUIRE(vrsx::Copy(input, dir.File("empty.vrs"), empty, &result).ok());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].kind == CopyWarningKind::kTimeWindow);
  CHECK(result.warnings[0].text.rfind("Time Range invalid:", 0) == 0);
  CHECK(result.records_written == 0);
  CHECK(OpenOrFail(dir.File("empty.vrs")).index().empty());
}

TEST_CASE("Copy and Merge errors are statuses naming the path", "[copy]") {
  vt::TempDir dir;
  std::string in = First().Write(dir, "in.vrs");
  CopyResult result;
  vrsx::Status missing = vrsx::Copy(dir.File("missing.vrs"), dir.File("out.vrs"), {}, &result);
  CHECK(missing.code() == vrsx::ErrorCode::kNotFound);
  CHECK(missing.message().find(dir.File("missing.vrs")) != std::string::npos);
  CHECK(!std::filesystem::exists(dir.File("out.vrs")));

  std::string unwritable = dir.File("no/such/folder/out.vrs");
  vrsx::Status folder = vrsx::Copy(in, unwritable, {}, &result);
  CHECK(folder.code() == vrsx::ErrorCode::kIoError);
  CHECK(folder.os_error() == ENOENT);
  CHECK(folder.message().find(unwritable) != std::string::npos);
  CHECK(result.records_written == 0);

  vrsx::Status merge = vrsx::MergeFiles({in, dir.File("missing.vrs")}, dir.File("m.vrs"), {});
  CHECK(merge.code() == vrsx::ErrorCode::kNotFound);
  CHECK(merge.message().find(dir.File("missing.vrs")) != std::string::npos);
  CHECK(vrsx::Merge(std::vector<const vrsx::Reader*>{}, dir.File("m.vrs"), {}).code() ==
        vrsx::ErrorCode::kInvalidArgument);
  CHECK(vrsx::Merge(std::vector<const vrsx::Reader*>{nullptr}, dir.File("m.vrs"), {}).code() ==
        vrsx::ErrorCode::kInvalidArgument);
}
