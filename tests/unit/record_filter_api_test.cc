// The public record filter and records checksum (vrsx/record_filter.h, vrsx/checksum.h) on
// files the test writes with the independent file builder, where every timestamp is known.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/vrs_file_builder.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/record_filter.h"
#include "vrsx/tags.h"

namespace {

namespace vt = vrsx::testing;
using vrsx::FilteredRecords;
using vrsx::FilterTime;
using vrsx::RecordFilter;
using vrsx::RecordType;
using vrsx::StreamId;

// 1201-1 "camera/left": configuration and state at 0, data at 1, 2... 10.
// 1201-2 "camera/right": configuration at 0, data at 1, 2... 10.
// 1202-1: configuration at 0, data at 0.5, 1.5... 9.5.
// 300-1: one configuration record at 0.
// Stream instances are `first_instance`, `first_instance + 1`: the logical content is the same.
std::vector<uint8_t> Recording(uint16_t first_instance = 1, vt::Codec codec = vt::Codec::kNone) {
  vt::VrsFileBuilder builder;
  const vt::StreamKey left{1201, first_instance};
  const vt::StreamKey right{1201, uint16_t(first_instance + 1)};
  const vt::StreamKey imu{1202, first_instance};
  const vt::StreamKey other{300, first_instance};
  builder.SetFileTag("made_by", "record_filter_api_test");
  builder.AddStream(left, {}, {{vrsx::kTagFlavor, "camera/left"}});
  builder.AddStream(right, {}, {{vrsx::kTagFlavor, "camera/right"}});
  builder.AddStream(imu);
  builder.AddStream(other);
  std::vector<uint8_t> payload(64);
  auto add = [&](vt::StreamKey stream, vt::RecordKind kind, double t) {
    for (size_t i = 0; i < payload.size(); ++i)
      payload[i] = uint8_t(i + size_t(t * 10) + stream.type_id);
    builder.AddRecord(stream, kind, t, payload, {.codec = codec});
  };
  for (vt::StreamKey stream : {left, right, imu, other}) {
    add(stream, vt::RecordKind::kConfiguration, 0);
  }
  add(left, vt::RecordKind::kState, 0);
  for (int i = 1; i <= 10; ++i) {
    add(imu, vt::RecordKind::kData, i - 0.5);
    add(left, vt::RecordKind::kData, i);
    add(right, vt::RecordKind::kData, i);
  }
  builder.Finish();
  return builder.bytes();
}

struct OpenRecording {
  std::vector<uint8_t> bytes;
  vrsx::Reader reader;

  explicit OpenRecording(std::vector<uint8_t> file) : bytes(std::move(file)) {
    vrsx::Status status = reader.OpenMemory(bytes.data(), bytes.size(), "filter.vrs");
    INFO(status.message());
    REQUIRE(status.ok());
  }

  // (stream, type, timestamp) of index positions.
  struct Visit {
    StreamId stream;
    RecordType type;
    double timestamp;
    bool operator==(const Visit&) const = default;
  };
  std::vector<Visit> Visits(const std::vector<size_t>& positions) const {
    std::vector<Visit> visits;
    for (size_t pos : positions) {
      const vrsx::RecordInfo& record = reader.index().at(pos);
      visits.push_back({record.stream, record.type, record.timestamp});
    }
    return visits;
  }
  std::vector<double> DataTimes(const std::vector<size_t>& positions, StreamId stream) const {
    std::vector<double> times;
    for (const Visit& visit : Visits(positions)) {
      if (visit.stream == stream && visit.type == RecordType::kData)
        times.push_back(visit.timestamp);
    }
    return times;
  }
};

constexpr StreamId kLeft{1201, 1};
constexpr StreamId kRight{1201, 2};
constexpr StreamId kImu{1202, 1};
constexpr StreamId kOther{300, 1};

std::vector<StreamId> Streams(const vrsx::Reader& reader, const RecordFilter& filter) {
  vrsx::RecordSelection selection = vrsx::SelectRecords(reader, filter);
  CHECK(selection.warnings.empty());
  return selection.streams;
}

}  // namespace

TEST_CASE("filter: streams by id, type, flavor and glob", "[record_filter_api]") {
  OpenRecording file(Recording());
  const vrsx::Reader& reader = file.reader;
  CHECK(Streams(reader, RecordFilter()) == std::vector<StreamId>{kOther, kLeft, kRight, kImu});
  CHECK(Streams(reader, RecordFilter().Include("1201-*")) == std::vector<StreamId>{kLeft, kRight});
  CHECK(Streams(reader, RecordFilter().Include("1201")) == std::vector<StreamId>{kLeft, kRight});
  CHECK(Streams(reader, RecordFilter().Include("120?-1")) == std::vector<StreamId>{kLeft, kImu});
  CHECK(Streams(reader, RecordFilter().Include("1201-2")) == std::vector<StreamId>{kRight});
  CHECK(Streams(reader, RecordFilter().Include("1201+2")) == std::vector<StreamId>{kRight});
  CHECK(Streams(reader, RecordFilter().Include("1201-camera/right")) ==
        std::vector<StreamId>{kRight});
  // Rules apply in order; a first exclusion starts from every stream.
  CHECK(Streams(reader, RecordFilter().Exclude("1201-*")) == std::vector<StreamId>{kOther, kImu});
  CHECK(Streams(reader, RecordFilter().Exclude("1201-*").Include("1201-1")) ==
        std::vector<StreamId>{kOther, kLeft, kImu});
  CHECK(Streams(reader, RecordFilter().Include("*").Exclude("12*")) ==
        std::vector<StreamId>{kOther});

  vrsx::RecordSelection bad =
      vrsx::SelectRecords(reader, RecordFilter().Include("left").Include("1201-1"));
  CHECK(bad.streams == std::vector<StreamId>{kLeft});
  CHECK(bad.warnings == std::vector<std::string>{"Can't parse 'left' as one or more stream id."});
}

TEST_CASE("filter: record types", "[record_filter_api]") {
  OpenRecording file(Recording());
  FilteredRecords data =
      vrsx::FilterRecords(file.reader, RecordFilter().Include(RecordType::kData));
  CHECK(data.records.size() == 30);
  for (const auto& visit : file.Visits(data.records)) CHECK(visit.type == RecordType::kData);
  FilteredRecords setup =
      vrsx::FilterRecords(file.reader, RecordFilter().Include("1201-1").Exclude(RecordType::kData));
  CHECK(file.Visits(setup.records) ==
        std::vector<OpenRecording::Visit>{{kLeft, RecordType::kConfiguration, 0},
                                          {kLeft, RecordType::kState, 0}});
  // Room is made for every record, then given back when few are kept.
  CHECK(setup.records.capacity() < file.reader.index().size() / 4);
  CHECK(data.records.capacity() <= file.reader.index().size());
}

TEST_CASE("filter: relative time windows and pre-roll", "[record_filter_api]") {
  OpenRecording file(Recording());
  // The base of relative times is the first/last data record of the selected streams: 1 and 10.
  RecordFilter filter;
  filter.Include("1201-1");
  filter.after = FilterTime::FromFirst(2);   // > 3
  filter.before = FilterTime::FromLast(-2);  // <= 8
  FilteredRecords selected = vrsx::FilterRecords(file.reader, filter);
  CHECK(selected.window.min_time == 3);
  CHECK(selected.window.max_time == 8);
  CHECK(file.DataTimes(selected.records, kLeft) == std::vector<double>{4, 5, 6, 7, 8});
  CHECK(file.Visits(selected.preroll) ==
        std::vector<OpenRecording::Visit>{{kLeft, RecordType::kConfiguration, 0},
                                          {kLeft, RecordType::kState, 0}});
  CHECK(selected.AllWithPreroll().size() == 7);

  // With 1202-1 too, the first data record is at 0.5.
  filter.Include("1202");
  selected = vrsx::FilterRecords(file.reader, filter);
  CHECK(selected.window.min_time == 2.5);
  CHECK(file.DataTimes(selected.records, kImu) == std::vector<double>{3.5, 4.5, 5.5, 6.5, 7.5});

  RecordFilter around;
  around.Include("1201-1");
  around.around = vrsx::TimeAround{FilterTime::FromFirst(4), -2};  // (4, 6]
  CHECK(file.DataTimes(vrsx::FilterRecords(file.reader, around).records, kLeft) ==
        std::vector<double>{5, 6});

  RecordFilter empty;
  empty.after = FilterTime::Absolute(8);
  empty.before = FilterTime::Absolute(3);
  FilteredRecords none = vrsx::FilterRecords(file.reader, empty);
  CHECK_FALSE(none.window.valid());
  CHECK(none.records.empty());
  CHECK(none.preroll.empty());
  CHECK(none.warnings ==
        std::vector<std::string>{"Time Range invalid:  between 8.000 and 3.000 sec"});
}

TEST_CASE("filter: first records, decimation, buckets", "[record_filter_api]") {
  OpenRecording file(Recording());
  RecordFilter first;
  first.first_records = true;
  FilteredRecords firsts = vrsx::FilterRecords(file.reader, first);
  // One per (stream, record type) present: 4 configurations, 1 state, 3 data streams.
  CHECK(firsts.records.size() == 8);
  CHECK(file.DataTimes(firsts.records, kLeft) == std::vector<double>{1});
  CHECK(file.DataTimes(firsts.records, kImu) == std::vector<double>{0.5});

  RecordFilter decimated;
  decimated.Include("1201-*").decimate = {{"1201-1", 2.5}};
  FilteredRecords kept = vrsx::FilterRecords(file.reader, decimated);
  CHECK(file.DataTimes(kept.records, kLeft) == std::vector<double>{1, 4, 7, 10});
  CHECK(file.DataTimes(kept.records, kRight).size() == 10);  // not decimated
  decimated.decimate = {{"1201-*", 2.5}};
  CHECK(file.DataTimes(vrsx::FilterRecords(file.reader, decimated).records, kRight) ==
        std::vector<double>{1, 4, 7, 10});

  RecordFilter buckets;
  buckets.Include("1201-1");
  buckets.bucket_interval = 2;
  buckets.bucket_max_delta = 0.25;
  FilteredRecords bucketed = vrsx::FilterRecords(file.reader, buckets);
  CHECK(file.DataTimes(bucketed.records, kLeft) == std::vector<double>{1, 3, 5, 7, 9});
  CHECK(bucketed.records.size() == 2 + 5);  // configuration and state pass
}

TEST_CASE("filter: several files share one time window", "[record_filter_api]") {
  OpenRecording a(Recording());
  OpenRecording b(Recording());
  RecordFilter filter;
  filter.Include("1202-1");
  filter.after = FilterTime::FromFirst(1);
  std::vector<FilteredRecords> both = vrsx::FilterRecords({&a.reader, &b.reader}, filter);
  REQUIRE(both.size() == 2);
  CHECK(both[0].window.min_time == 1.5);
  CHECK(both[1].window.min_time == 1.5);
  CHECK(both[0].records == vrsx::FilterRecords(a.reader, filter).records);
}

TEST_CASE("RecordsChecksum: the logical content, whatever its encoding", "[record_filter_api]") {
  OpenRecording plain(Recording(1, vt::Codec::kNone));
  OpenRecording renumbered(Recording(3, vt::Codec::kZstd));
  vrsx::ChecksumResult a;
  vrsx::ChecksumResult b;
  REQUIRE(vrsx::RecordsChecksum(plain.reader, nullptr, a).ok());
  REQUIRE(vrsx::RecordsChecksum(renumbered.reader, nullptr, b).ok());
  CHECK(a.checksum.size() == 16);
  CHECK(a.checksum == b.checksum);
  CHECK(a.records_read == plain.reader.index().size());
  REQUIRE(a.streams.size() == 4);
  CHECK(a.streams[1].stream == kLeft);
  CHECK(b.streams[1].stream == StreamId{1201, 3});
  CHECK(a.streams[1].payloads == b.streams[1].payloads);

  // A filter changes the checksum; the same selection named another way does not.
  RecordFilter cameras;
  cameras.Include("1201-*");
  vrsx::ChecksumResult c;
  REQUIRE(vrsx::RecordsChecksum(plain.reader, &cameras, c).ok());
  CHECK(c.checksum != a.checksum);
  CHECK(c.streams.size() == 2);
  RecordFilter by_type;
  by_type.Include("1201");
  vrsx::ChecksumResult d;
  std::vector<size_t> progress;
  REQUIRE(vrsx::RecordsChecksum(renumbered.reader, &by_type, d, [&](size_t done, size_t total) {
            CHECK(total == 23);
            progress.push_back(done);
          }).ok());
  CHECK(d.checksum == c.checksum);
  CHECK(progress.size() == 23);
  CHECK(progress.back() == 22);
}

TEST_CASE("VerbatimChecksum: the bytes", "[record_filter_api]") {
  vt::TempDir dir;
  std::vector<std::string> paths;
  // The same logical content (see above), other bytes.
  for (uint16_t first_instance : {1, 3}) {
    OpenRecording file(Recording(first_instance));
    paths.push_back(dir.File("instances-from-" + std::to_string(first_instance) + ".vrs"));
    std::FILE* out = std::fopen(paths.back().c_str(), "wb");
    REQUIRE(out != nullptr);
    REQUIRE(std::fwrite(file.bytes.data(), 1, file.bytes.size(), out) == file.bytes.size());
    std::fclose(out);
  }
  std::string plain;
  std::string renumbered;
  REQUIRE(vrsx::VerbatimChecksum(paths[0], plain).ok());
  REQUIRE(vrsx::VerbatimChecksum(paths[1], renumbered).ok());
  CHECK(plain.size() == 16);
  CHECK(plain != renumbered);
  std::string again;
  REQUIRE(vrsx::VerbatimChecksum(paths[0], again).ok());
  CHECK(again == plain);
  std::string missing;
  CHECK_FALSE(vrsx::VerbatimChecksum(dir.File("missing.vrs"), missing).ok());
  CHECK(missing == "<file open error>");
}
