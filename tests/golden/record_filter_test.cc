// Record selection (spec 03-cli.md §3) against the outputs of the reference's `list` command.
//
// Three families of tests:
// - "[record_filter][synthetic]": the index is rebuilt from the golden list.txt of a recording
//   (timestamps rounded to the millisecond), so the selection logic runs without the reader;
// - "[record_filter][reader]": the recordings are opened with vrsx::Reader and the visited
//   records are formatted like `list`, to be equal to the reference's stdout;
// - "[record_filter][public]": vrsx::FilterRecords with filters built by hand (globs included),
//   against the same stdout.
#include "vrsx/record_filter.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "golden/cli_cases.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "reader/record_filtering.h"
#include "reader/stream_names.h"
#include "support/text_lines.h"
#include "tools/commands/cli_filter.h"
#include "tools/commands/cli_options.h"
#include "vrsx/reader.h"

namespace {

using vrsx::FilteredRecords;
using vrsx::RecordInfo;
using vrsx::RecordType;
using vrsx::StreamId;
using vrsx::cli::FilterOptions;
using vrsx::cli::ToRecordFilter;
using vrsx::reading::IndexView;
using vrsx::testing::CliCase;
using vrsx::testing::CliCasesWithPrefix;
using vrsx::testing::ExpectedDir;
using vrsx::testing::GoldenFile;
using vrsx::testing::Lines;
using vrsx::testing::OpenOrFail;
using vrsx::testing::ReadTextFile;

// The list cases of cli-cases.json: the reference ran them all successfully.
std::vector<CliCase> ListCases() {
  std::vector<CliCase> cases = CliCasesWithPrefix({"list-"});
  for (const CliCase& c : cases) REQUIRE(c.exit_code == 0);
  return cases;
}

// The filter options of a reference command line; file names are made golden paths.
FilterOptions ParseFilters(std::vector<std::string> args, std::string* file = nullptr) {
  REQUIRE(args.size() >= 2);
  if (file != nullptr) *file = args[1];
  args[1] = GoldenFile(args[1]);
  args.insert(args.begin(), "vrs");
  vrsx::cli::ParseResult result = vrsx::cli::ParseCommandLine(args);
  INFO(result.error_text);
  REQUIRE(result.options.has_value());
  return result.options->filters;
}

// The library's filter on an index, with the command line's options: (result, warning lines).
std::pair<FilteredRecords, std::string> Plan(const IndexView& file, const FilterOptions& filters) {
  FilteredRecords result = vrsx::reading::FilterRecords(file, ToRecordFilter(filters));
  std::string warnings;
  for (const std::string& warning : result.warnings) warnings += warning + "\n";
  return {std::move(result), warnings};
}

// A recording rebuilt from the reference's `list` (list.txt) and overview (info.txt) outputs.
struct SyntheticFile {
  std::vector<RecordInfo> index;
  std::vector<std::string> lines;  // list line of each index position
  std::vector<StreamId> streams;
  std::map<StreamId, std::string> flavors;

  IndexView Source() const {
    IndexView source;
    source.index = &index;
    source.streams = &streams;
    source.flavor = [this](StreamId stream) {
      auto found = flavors.find(stream);
      return found == flavors.end() ? std::string() : found->second;
    };
    return source;
  }

  std::string ListOutput(const std::vector<size_t>& positions) const {
    std::string text;
    for (size_t pos : positions) text += lines.at(pos) + "\n";
    return text;
  }
};

RecordType ParseType(const std::string& name) {
  if (name == "Configuration") return RecordType::kConfiguration;
  if (name == "State") return RecordType::kState;
  if (name == "Data") return RecordType::kData;
  FAIL("unknown record type " << name);
  return RecordType::kUndefined;
}

SyntheticFile LoadSynthetic(const std::string& file) {
  SyntheticFile synthetic;
  static const std::regex kListLine(
      R"(^(\S+) .* \[(\d+)-(\d+)\], (\w+) record, (\d+) bytes total\.$)");
  uint64_t offset = 0;
  std::set<StreamId> streams;
  for (const std::string& line : Lines(ReadTextFile(ExpectedDir(file) + "/list.txt"))) {
    std::smatch m;
    REQUIRE(std::regex_match(line, m, kListLine));
    RecordInfo record;
    record.timestamp = std::stod(m[1].str());
    record.stream = StreamId{static_cast<uint16_t>(std::stoul(m[2].str())),
                             static_cast<uint16_t>(std::stoul(m[3].str()))};
    record.type = ParseType(m[4].str());
    record.offset = offset++;
    synthetic.index.push_back(record);
    synthetic.lines.push_back(line);
    streams.insert(record.stream);
  }
  static const std::regex kStreamLine(R"(^(?:\d+|No) .* - (\S+) \[(\d+)-(\d+)\] records?\b.*)");
  for (const std::string& line : Lines(ReadTextFile(ExpectedDir(file) + "/info.txt"))) {
    std::smatch m;
    if (std::regex_match(line, m, kStreamLine)) {
      StreamId stream{static_cast<uint16_t>(std::stoul(m[2].str())),
                      static_cast<uint16_t>(std::stoul(m[3].str()))};
      synthetic.flavors[stream] = m[1].str();
      streams.insert(stream);
    }
  }
  synthetic.streams.assign(streams.begin(), streams.end());
  return synthetic;
}

const SyntheticFile& Synthetic(const std::string& file) {
  static std::map<std::string, SyntheticFile> cache;
  auto found = cache.find(file);
  if (found == cache.end()) found = cache.emplace(file, LoadSynthetic(file)).first;
  return found->second;
}

// `list` of a reference command line on a synthetic file: (stdout, stderr).
std::pair<std::string, std::string> SyntheticList(const std::vector<std::string>& args) {
  std::string file;
  FilterOptions filters = ParseFilters(args, &file);
  const SyntheticFile& synthetic = Synthetic(file);
  auto [plan, err] = Plan(synthetic.Source(), filters);
  return {synthetic.ListOutput(plan.records), err};
}

// A `list` line as the reference prints it.
std::string ListLine(const vrsx::Reader& reader, size_t pos) {
  const RecordInfo& record = reader.index().at(pos);
  vrsx::RecordDetails details;
  vrsx::Status status = reader.ReadRecordDetails(pos, details);
  INFO(status.message());
  REQUIRE(status.ok());
  char timestamp[64];
  std::snprintf(timestamp, sizeof(timestamp), "%.3f", record.timestamp);
  return std::string(timestamp) + " " + record.stream.Name() + " [" + record.stream.NumericName() +
         "], " + vrsx::RecordTypeName(record.type) + " record, " +
         std::to_string(details.payload_size) + " bytes total.";
}

// `list` of a reference command line on the real golden file: (stdout, stderr).
std::pair<std::string, std::string> ReaderList(const std::vector<std::string>& args) {
  std::string file;
  FilterOptions filters = ParseFilters(args, &file);
  vrsx::Reader reader;
  OpenOrFail(reader, GoldenFile(file));
  std::ostringstream err;
  FilteredRecords plan = vrsx::cli::PlanRecords(reader, filters, err);
  std::string text;
  for (size_t pos : plan.records) text += ListLine(reader, pos) + "\n";
  return {text, err.str()};
}

// Hand-made cases from the spec (§13.3, §13.13), on sample_file.vrs: expected list lines.
struct SpecCase {
  std::vector<std::string> args;
  std::vector<std::string> expected;
  std::string stderr_text;
};

std::vector<SpecCase> SpecCases() {
  return {
      {{"list", "sample_file.vrs", "--around", "+0.5", "0.02"},
       {"1493865.782 Motion Data Class #1 [372-1], Data record, 3032 bytes total.",
        "1493865.782 Generic Audio Stream #1 [101-1], Data record, 512 bytes total.",
        "1493865.787 Forward Camera Class #1 [200-1], Data record, 307224 bytes total.",
        "1493865.793 Motion Data Class #1 [372-1], Data record, 3104 bytes total.",
        "1493865.793 Generic Audio Stream #1 [101-1], Data record, 512 bytes total.",
        "1493865.797 Forward Camera Class #1 [200-1], Data record, 307224 bytes total."},
       ""},
      {{"list", "sample_file.vrs", "--range", "-0.1", "+0.1"},
       {},
       "Time Range invalid:  between 1493866.278 and 1493865.391 sec\n"},
      {{"list", "sample_file.vrs", "+", "200-2"}, {}, ""},
  };
}

// `list` of a reference command line, (stdout, stderr): SyntheticList or ReaderList. Both
// families run the same checks below.
using ListFunction = std::pair<std::string, std::string> (*)(const std::vector<std::string>&);

// How precise the timestamps of the listed index are.
enum class Timestamps { kMilliseconds, kExact };

void CheckListCases(ListFunction list, Timestamps timestamps) {
  for (const CliCase& c : ListCases()) {
    // Interval decimation compares timestamps to the microsecond: milliseconds are not enough.
    if (c.name == "list-decimate" && timestamps == Timestamps::kMilliseconds) continue;
    SECTION(c.name) {
      auto [out, err] = list(c.args);
      CHECK(err.empty());
      CHECK(out == c.stdout_text);
    }
  }
}

void CheckSpecCases(ListFunction list) {
  for (const SpecCase& c : SpecCases()) {
    CAPTURE(c.args);
    auto [out, err] = list(c.args);
    CHECK(Lines(out) == c.expected);
    CHECK(err == c.stderr_text);
  }
}

// Without a filter, every record of the file is listed.
void CheckWholeFiles(ListFunction list) {
  for (const std::string& file : vrsx::testing::GoldenRecordings()) {
    CAPTURE(file);
    auto [out, err] = list({"list", file});
    CHECK(out == ReadTextFile(ExpectedDir(file) + "/list.txt"));
    CHECK(err.empty());
  }
}

}  // namespace

TEST_CASE("list cases on indexes rebuilt from list.txt", "[record_filter][synthetic]") {
  CheckListCases(SyntheticList, Timestamps::kMilliseconds);
}

TEST_CASE("spec examples on indexes rebuilt from list.txt", "[record_filter][synthetic]") {
  CheckSpecCases(SyntheticList);
}

TEST_CASE("no filter visits the whole index", "[record_filter][synthetic]") {
  CheckWholeFiles(SyntheticList);
}

TEST_CASE("stream specs resolve against the file", "[record_filter][synthetic]") {
  const SyntheticFile& file = Synthetic("sample_raw_pixel_formats.vrs");
  IndexView source = file.Source();
  std::vector<std::string> warnings;
  auto resolve = [&](const char* spec) {
    return vrsx::reading::ResolveStreamName(source, spec, false, warnings);
  };
  CHECK(resolve("100-2") == std::vector<StreamId>{{100, 2}});
  CHECK(resolve("100+2") == std::vector<StreamId>{{100, 2}});
  CHECK(resolve("214+1") == std::vector<StreamId>{{214, 1}});
  CHECK(resolve("100-test/synthetic/grey12") == std::vector<StreamId>{{100, 3}});
  CHECK(resolve("100-test/synthetic").empty());
  CHECK(resolve("100-99").empty());
  CHECK(resolve("100") == resolve("100-"));
  CHECK(resolve("100").size() == 6);
  CHECK(resolve("1000").empty());
  CHECK(warnings.empty());
  CHECK(resolve("100x").empty());
  CHECK(resolve("100+99").empty());
  CHECK(resolve("x").empty());
  CHECK(warnings == std::vector<std::string>{"Can't parse '100x' as one or more stream id.",
                                             "Can't parse '100+99' as one or more stream id.",
                                             "Can't parse 'x' as one or more stream id."});

  // + then -, - first, and the type filter.
  auto select = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"list", "sample_raw_pixel_formats.vrs"});
    return vrsx::reading::SelectRecords(source, ToRecordFilter(ParseFilters(args)));
  };
  vrsx::RecordSelection all_but_one = select({"+", "100", "-", "100-3"});
  CHECK(all_but_one.streams ==
        std::vector<StreamId>{{100, 1}, {100, 2}, {100, 4}, {100, 5}, {100, 6}});
  vrsx::RecordSelection excluded = select({"-", "100"});
  CHECK(excluded.streams.size() == file.streams.size() - 6);
  CHECK_FALSE(excluded.Includes(StreamId{100, 1}));
  CHECK(excluded.configuration);
  CHECK(excluded.state);
  CHECK(excluded.data);
  vrsx::RecordSelection types = select({"-", "d", "+", "214-1", "-", "s"});
  CHECK(types.streams == std::vector<StreamId>{{214, 1}});
  CHECK(types.configuration);
  CHECK_FALSE(types.state);
  CHECK_FALSE(types.data);
  vrsx::RecordSelection only_data = select({"+", "data"});
  CHECK_FALSE(only_data.configuration);
  CHECK_FALSE(only_data.state);
  CHECK(only_data.data);
}

TEST_CASE("time windows", "[record_filter][synthetic]") {
  using vrsx::cli::TimeConstraint;
  using vrsx::reading::TimeRange;
  // The command line's times, mapped onto the library's filter.
  auto ResolveTimeWindow = [](const TimeConstraint& time, const std::optional<TimeRange>& range) {
    FilterOptions filters;
    filters.time = time;
    return vrsx::reading::ResolveTimeWindow(ToRecordFilter(filters), range);
  };
  std::optional<TimeRange> range = TimeRange{100, 200};
  TimeConstraint c;
  c.min_time = 2;
  c.relative_min = true;
  c.max_time = -1;
  c.relative_max = true;
  vrsx::TimeWindow window = ResolveTimeWindow(c, range);
  CHECK(window.min_time == 102);
  CHECK(window.max_time == 199);
  CHECK(window.valid());
  CHECK_FALSE(window.Contains(102));
  CHECK(window.Contains(199));
  c.min_time = -0.0;  // "-0" counts as "+0"
  CHECK(ResolveTimeWindow(c, range).min_time == 100);
  c.around = true;
  c.min_time = -10;
  c.max_time = -4;  // total width, sign ignored
  window = ResolveTimeWindow(c, range);
  CHECK(window.min_time == 188);
  CHECK(window.max_time == 192);

  TimeConstraint absolute;
  absolute.min_time = 150;
  absolute.max_time = 120;
  window = ResolveTimeWindow(absolute, range);
  CHECK_FALSE(window.valid());
  CHECK(window.InvalidMessage() == "Time Range invalid:  between 150.000 and 120.000 sec");
  CHECK(vrsx::TimeWindow{5, std::numeric_limits<double>::infinity()}.Description() ==
        " after 5.000 sec");
  CHECK(vrsx::TimeWindow{-std::numeric_limits<double>::infinity(), 7}.Description() ==
        " before 7.000 sec");

  CHECK(vrsx::reading::UnionTimeRange(TimeRange{1, 5}, TimeRange{2, 7})->start == 1);
  CHECK(vrsx::reading::UnionTimeRange(TimeRange{1, 5}, TimeRange{2, 7})->end == 7);
  CHECK(vrsx::reading::UnionTimeRange(std::nullopt, TimeRange{2, 7})->start == 2);
  CHECK_FALSE(vrsx::reading::UnionTimeRange(std::nullopt, std::nullopt).has_value());
}

TEST_CASE("pre-roll of configuration and state records", "[record_filter][synthetic]") {
  const SyntheticFile& file = Synthetic("sample_file.vrs");
  FilterOptions filters =
      ParseFilters({"list", "sample_file.vrs", "--after", "+0.5", "-", "state"});
  FilteredRecords plan = Plan(file.Source(), filters).first;
  REQUIRE_FALSE(plan.records.empty());
  // The last configuration record of each stream; no state record, as they are not selected.
  REQUIRE(plan.preroll.size() == 3);
  std::set<StreamId> streams;
  for (size_t pos : plan.preroll) {
    CHECK(file.index[pos].type == RecordType::kConfiguration);
    CHECK(pos < plan.records.front());
    streams.insert(file.index[pos].stream);
  }
  CHECK(streams.size() == 3);
  CHECK(std::is_sorted(plan.preroll.begin(), plan.preroll.end()));
  CHECK(plan.AllWithPreroll().size() == plan.preroll.size() + plan.records.size());

  // No minimum time, no pre-roll; an invalid window, nothing at all.
  CHECK(Plan(file.Source(), ParseFilters({"list", "sample_file.vrs", "--before", "-0.5"}))
            .first.preroll.empty());
  FilteredRecords invalid =
      Plan(file.Source(), ParseFilters({"list", "sample_file.vrs", "--range", "+5", "+1"})).first;
  CHECK_FALSE(invalid.window.valid());
  CHECK(invalid.preroll.empty());
  CHECK(invalid.records.empty());
}

TEST_CASE("list cases on the golden files", "[record_filter][reader]") {
  CheckListCases(ReaderList, Timestamps::kExact);
}

TEST_CASE("spec examples on the golden files", "[record_filter][reader]") {
  CheckSpecCases(ReaderList);
}

TEST_CASE("list of whole golden files", "[record_filter][reader]") {
  CheckWholeFiles(ReaderList);
}

namespace {

// A hand-made index: records (timestamp, stream, type) in index order.
struct HandMadeFile {
  std::vector<RecordInfo> index;
  std::vector<StreamId> streams;

  void Add(double t, StreamId stream, RecordType type) {
    RecordInfo record;
    record.timestamp = t;
    record.stream = stream;
    record.type = type;
    record.offset = index.size();
    index.push_back(record);
    if (std::find(streams.begin(), streams.end(), stream) == streams.end()) {
      streams.push_back(stream);
      std::sort(streams.begin(), streams.end());
    }
  }
  IndexView Source() const {
    IndexView source;
    source.index = &index;
    source.streams = &streams;
    source.flavor = [](StreamId) { return std::string(); };
    return source;
  }
  // The visited records of these list options.
  FilteredRecords Visit(std::vector<std::string> options) const {
    options.insert(options.begin(), {"list", "sample_file.vrs"});
    return Plan(Source(), ParseFilters(options)).first;
  }
};

constexpr StreamId kA{100, 1};
constexpr StreamId kB{200, 1};
constexpr RecordType kConf = RecordType::kConfiguration;
constexpr RecordType kState = RecordType::kState;
constexpr RecordType kData = RecordType::kData;

}  // namespace

TEST_CASE("bucket decimation quirks", "[record_filter][synthetic]") {
  HandMadeFile file;
  file.Add(-1, kA, kConf);     // 0: passes at once
  file.Add(0, kA, kData);      // 1: bucket 0 starts here
  file.Add(0.125, kB, kData);  // 2
  file.Add(0.25, kA, kData);   // 3: farther than 1, replaces it
  file.Add(0.25, kB, kData);   // 4: farther than 2, replaces it
  file.Add(0.3, kA, kState);   // 5: passes at once, before the bucket is emitted
  file.Add(0.5, kA, kData);    // 6: closes bucket 0 (emits 3, 4), bucket 1; dropped
  file.Add(0.5, kB, kData);    // 7: too early for bucket 1: dropped
  file.Add(0.875, kA, kData);  // 8: candidate of bucket 1
  file.Add(1.0, kB, kData);    // 9: candidate of bucket 1
  file.Add(1.125, kA, kData);  // 10: as far as 8: 8 stays
  file.Add(2.5, kB, kData);    // 11: closes bucket 1 (emits 8, 9), bucket 2; dropped
  file.Add(2.75, kA, kData);   // 12: closes bucket 2 (empty), bucket 3; dropped
  file.Add(3.0, kA, kData);    // 13: candidate of bucket 3, emitted at the end
  FilteredRecords visits = file.Visit({"--bucket-interval", "1", "--bucket-max-delta", "0.25"});
  CHECK(visits.records == std::vector<size_t>{0, 5, 3, 4, 8, 9, 13});

  // Without a positive interval, no bucket.
  std::vector<size_t> all(file.index.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  CHECK(file.Visit({"--bucket-max-delta", "0.25"}).records == all);
  CHECK(file.Visit({"--bucket-interval", "0"}).records == all);
  CHECK(file.Visit({"--bucket-interval", "-1"}).records == all);
  // Interval decimation takes precedence over buckets.
  CHECK(file.Visit({"--bucket-interval", "1", "--decimate", "300", "1"}).records == all);
  // The default max delta is 1/30 s: 2 closes the first bucket, 8 is too far from 1, 10 closes
  // the second bucket.
  CHECK(file.Visit({"--bucket-interval", "1"}).records == std::vector<size_t>{0, 1, 5, 9, 13});
}

TEST_CASE("interval decimation", "[record_filter][synthetic]") {
  HandMadeFile file;
  file.Add(0, kA, kConf);    // 0
  file.Add(0, kA, kData);    // 1: first kept
  file.Add(0.5, kA, kData);  // 2: dropped
  file.Add(0.5, kB, kData);  // 3: B not decimated
  file.Add(1, kA, kData);    // 4: kept (t >= 0 + 1)
  file.Add(1, kA, kState);   // 5: never decimated
  file.Add(1.5, kA, kData);  // 6: dropped
  file.Add(2.5, kA, kData);  // 7: kept
  file.Add(3, kA, kData);    // 8: dropped
  CHECK(file.Visit({"--decimate", "100-1", "1"}).records == std::vector<size_t>{0, 1, 3, 4, 5, 7});
  // The last interval given for a stream wins.
  CHECK(file.Visit({"--decimate", "100", "1", "--decimate", "100-1", "2"}).records ==
        std::vector<size_t>{0, 1, 3, 5, 7});
  CHECK(file.Visit({"--decimate", "100", "1", "--decimate", "200", "1"}).records ==
        std::vector<size_t>{0, 1, 3, 4, 5, 7});
}

TEST_CASE("first records", "[record_filter][synthetic]") {
  HandMadeFile file;
  file.Add(0, kA, kConf);   // 0
  file.Add(0, kB, kConf);   // 1
  file.Add(1, kA, kData);   // 2
  file.Add(1, kA, kState);  // 3
  file.Add(2, kA, kData);   // 4
  file.Add(2, kB, kData);   // 5
  file.Add(3, kB, kState);  // 6: completes the 6 pairs: iteration stops
  file.Add(4, kB, kConf);   // 7
  CHECK(file.Visit({"-1"}).records == std::vector<size_t>{0, 1, 2, 3, 5, 6});
  CHECK(file.Visit({"--first-records", "+", "200"}).records == std::vector<size_t>{1, 5, 6});
  CHECK(file.Visit({"-1", "+", "data"}).records == std::vector<size_t>{2, 5});
  CHECK(file.Visit({"-1", "--after", "1"}).records == std::vector<size_t>{4, 5, 6, 7});
}

TEST_CASE("time window bounds and pre-roll", "[record_filter][synthetic]") {
  HandMadeFile file;
  file.Add(0, kA, kConf);                   // 0
  file.Add(0, kA, kState);                  // 1
  file.Add(1, kA, kConf);                   // 2
  file.Add(1, kA, kData);                   // 3: first data record
  file.Add(2, kA, kConf);                   // 4: at min time: pre-rolled, not visited
  file.Add(2, kB, kData);                   // 5: at min time: not visited
  file.Add(2, StreamId{0xffff, 1}, kData);  // 6: sorts after the probe: visited
  file.Add(3, kA, kData);                   // 7
  file.Add(4, kB, kData);                   // 8: last data record, at max time
  file.Add(5, kB, kConf);                   // 9: after max time
  FilteredRecords visits = file.Visit({"--range", "2", "4"});
  CHECK(visits.preroll == std::vector<size_t>{1, 4});
  CHECK(visits.records == std::vector<size_t>{6, 7, 8});
  // Relative times: +1 = 1 + 1 (first data record), -1 = 4 - 1 (last data record).
  visits = file.Visit({"--range", "+1", "-1"});
  CHECK(visits.records == std::vector<size_t>{6, 7});
  // The base of relative times only looks at the selected streams.
  visits = file.Visit({"--after", "-1", "+", "100"});  // last data record of 100-1 at 3
  CHECK(visits.records == std::vector<size_t>{7});
  visits = file.Visit({"--after", "-1.5", "+", "100"});
  CHECK(visits.records == std::vector<size_t>{4, 7});
  CHECK(visits.preroll == std::vector<size_t>{1, 2});
  // Around: total width.
  CHECK(file.Visit({"--around", "3", "2"}).records == std::vector<size_t>{6, 7, 8});
  // Pre-roll only for the selected types.
  CHECK(file.Visit({"--after", "2.5", "-", "conf"}).preroll == std::vector<size_t>{1});
  CHECK(file.Visit({"--after", "2.5", "+", "data"}).preroll.empty());
}

namespace {

// The public filter built by hand for each list case of cli-cases.json (not through the
// command line parser): `list` of its records must be the reference's stdout of that case.
std::map<std::string, vrsx::RecordFilter> HandBuiltListFilters() {
  using vrsx::FilterTime;
  using vrsx::RecordFilter;
  std::map<std::string, RecordFilter> filters;
  filters["list-stream"].Include("200-1");
  filters["list-exclude-stream"].Exclude("200-1");
  filters["list-type"].Include(RecordType::kConfiguration);
  filters["list-exclude-type"].Exclude(RecordType::kData);
  filters["list-type-prefix"].Include("241");
  filters["list-after-rel"].after = FilterTime::FromFirst(0.5);
  filters["list-before-rel"].before = FilterTime::FromLast(-0.5);
  filters["list-range-abs"].after = FilterTime::Absolute(1493865.5);
  filters["list-range-abs"].before = FilterTime::Absolute(1493865.8);
  filters["list-around"].around = vrsx::TimeAround{FilterTime::Absolute(1493866), 0.2};
  filters["list-first"].first_records = true;
  filters["list-decimate"].Include("241-1").decimate = {{"241-1", 0.1}};
  filters["list-bucket"].bucket_interval = 0.25;
  filters["list-bucket-delta"].bucket_interval = 0.25;
  filters["list-bucket-delta"].bucket_max_delta = 0.01;
  return filters;
}

std::string ListOf(const vrsx::Reader& reader, const std::vector<size_t>& positions) {
  std::string text;
  for (size_t pos : positions) text += ListLine(reader, pos) + "\n";
  return text;
}

}  // namespace

TEST_CASE("the public filter, built by hand, on the golden files", "[record_filter][public]") {
  std::map<std::string, vrsx::RecordFilter> filters = HandBuiltListFilters();
  std::vector<CliCase> cases = ListCases();
  REQUIRE(cases.size() == filters.size());
  for (const CliCase& c : cases) {
    CAPTURE(c.name);
    REQUIRE(filters.count(c.name) == 1);
    vrsx::Reader reader;
    OpenOrFail(reader, GoldenFile(c.args.at(1)));
    vrsx::FilteredRecords selected = vrsx::FilterRecords(reader, filters[c.name]);
    CHECK(selected.warnings.empty());
    CHECK(ListOf(reader, selected.records) == c.stdout_text);
  }
}

TEST_CASE("globs and flavors name the same streams as ids", "[record_filter][public]") {
  vrsx::Reader reader;
  OpenOrFail(reader, GoldenFile("sample_raw_pixel_formats.vrs"));
  auto streams = [&](vrsx::RecordFilter filter) {
    vrsx::RecordSelection selection = vrsx::SelectRecords(reader, filter);
    CHECK(selection.warnings.empty());
    return selection.streams;
  };
  std::vector<StreamId> type100 = streams(vrsx::RecordFilter().Include("100"));
  CHECK(type100.size() == 6);
  CHECK(streams(vrsx::RecordFilter().Include("100-*")) == type100);
  CHECK(streams(vrsx::RecordFilter().Include("10?-*")) == type100);
  CHECK(streams(vrsx::RecordFilter().Include("*")) == reader.streams());
  CHECK(streams(vrsx::RecordFilter().Include("100-*").Exclude("100-3")) ==
        std::vector<StreamId>{{100, 1}, {100, 2}, {100, 4}, {100, 5}, {100, 6}});
  CHECK(streams(vrsx::RecordFilter().Include("100-test/synthetic/grey12")) ==
        std::vector<StreamId>{{100, 3}});
  CHECK(streams(vrsx::RecordFilter().Exclude("100-*")).size() == reader.streams().size() - 6);
  CHECK(streams(vrsx::RecordFilter().Include("1201-*")).empty());

  // As the vrs tool reads names, '*' is a flavor character: "100-*" names no stream.
  vrsx::RecordFilter literal;
  literal.stream_globs = false;
  CHECK(streams(literal.Include("100-*")).empty());

  vrsx::RecordSelection bad = vrsx::SelectRecords(reader, vrsx::RecordFilter().Include("cam"));
  CHECK(bad.streams.empty());
  CHECK(bad.warnings == std::vector<std::string>{"Can't parse 'cam' as one or more stream id."});
}
