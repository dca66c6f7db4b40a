// Command line parsing of the tool: spec 03-cli.md §1.1-§1.5, §3 parsing rules, §13.13.
#include "tools/commands/cli_options.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vrsx::RecordType;
using vrsx::StreamId;
using vrsx::cli::Command;
using vrsx::cli::CompressionPreset;
using vrsx::cli::ParseCommandLine;
using vrsx::cli::ParseResult;

// Two existing files, "a.vrs" and "b.vrs" (content does not matter to the parser), and a folder.
class TempFiles {
 public:
  TempFiles() {
    dir_ = fs::temp_directory_path() /
           ("vrsx_cli_options_test_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir_);
    std::ofstream(a()) << "a";
    std::ofstream(b()) << "b";
  }
  ~TempFiles() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string a() const { return (dir_ / "a.vrs").string(); }
  std::string b() const { return (dir_ / "b.vrs").string(); }
  std::string dir() const { return dir_.string(); }
  std::string missing() const { return (dir_ / "nosuchfile.vrs").string(); }

 private:
  fs::path dir_;
};

const TempFiles& Files() {
  static TempFiles files;
  return files;
}

ParseResult Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "/usr/bin/vrs");
  return ParseCommandLine(args);
}

// A command line that must fail with this stderr text, exit 1 and no help.
void RequireError(const std::vector<std::string>& args, const std::string& stderr_text) {
  CAPTURE(args);
  ParseResult result = Parse(args);
  REQUIRE_FALSE(result.options.has_value());
  CHECK(result.error_text == stderr_text);
  CHECK(result.exit_code == 1);
  CHECK_FALSE(result.print_help);
}

// A `list <file> <options...>` command line that must parse.
vrsx::cli::CliOptions ListOk(std::vector<std::string> options) {
  options.insert(options.begin(), {"list", Files().a()});
  CAPTURE(options);
  ParseResult result = Parse(options);
  if (!result.options) FAIL("unexpected error: " << result.error_text);
  return *result.options;
}

void ListError(std::vector<std::string> options, const std::string& stderr_text) {
  options.insert(options.begin(), {"list", Files().a()});
  RequireError(options, stderr_text);
}

}  // namespace

TEST_CASE("no argument prints the help and exits 1", "[cli]") {
  ParseResult result = Parse({});
  CHECK_FALSE(result.options.has_value());
  CHECK(result.error_text.empty());
  CHECK(result.print_help);
  CHECK(result.exit_code == 1);
  CHECK(result.app_name == "vrs");
}

TEST_CASE("help, --help and -h ask for the help", "[cli]") {
  for (const char* arg : {"help", "--help", "-h"}) {
    ParseResult result = Parse({arg});
    REQUIRE(result.options.has_value());
    CHECK(result.options->command == Command::kHelp);
  }
  ParseResult late = Parse({"list", Files().a(), "--help"});
  REQUIRE(late.options.has_value());
  CHECK(late.options->command == Command::kHelp);
  RequireError({"help", Files().a()}, "vrs: Too many file parameters.\n");
}

TEST_CASE("an invalid first argument prints one error line and the help", "[cli]") {
  for (std::string arg : {Files().missing(), std::string("none"), Files().dir()}) {
    ParseResult result = Parse({arg});
    CHECK_FALSE(result.options.has_value());
    CHECK(result.error_text ==
          "vrs: '" + arg + "' is neither a known command name nor a valid path.\n");
    CHECK(result.print_help);
    CHECK(result.exit_code == 1);
  }
  for (std::string arg : {"--late-index", "--before", "-1", "--List"}) {
    ParseResult result = Parse({arg, Files().a()});
    CHECK(result.error_text ==
          "vrs: '" + arg + "' is neither a known command name nor a valid path.\n");
    CHECK(result.print_help);
    CHECK(result.exit_code == 1);
  }
  // Commands are case-sensitive.
  ParseResult upper = Parse({"LIST", Files().a()});
  CHECK(upper.print_help);
  CHECK(upper.error_text.find("'LIST' is neither") != std::string::npos);
}

TEST_CASE("a file as first argument is the details command", "[cli]") {
  ParseResult result = Parse({Files().a(), "+", "200"});
  REQUIRE(result.options.has_value());
  CHECK(result.options->command == Command::kDetails);
  CHECK(result.options->files == std::vector<std::string>{Files().a()});
  RequireError({Files().a(), Files().b()}, "vrs: Too many file parameters.\n");
  ParseResult details = Parse({"details", Files().a()});
  REQUIRE(details.options.has_value());
  CHECK(details.options->command == Command::kDetails);
}

TEST_CASE("the app name is the basename of argv[0]", "[cli]") {
  std::vector<std::string> args = {"/some/where/vrsx", "list"};
  ParseResult result = ParseCommandLine(args);
  CHECK(result.app_name == "vrsx");
  args.push_back(Files().missing());
  CHECK(ParseCommandLine(args).error_text ==
        "vrsx: Invalid file path: '" + Files().missing() + "'\n");
  const char* argv[] = {"vrsx", "list", "--late-index"};
  CHECK(ParseCommandLine(3, argv).error_text == "vrsx: Invalid argument: '--late-index'\n");
  CHECK(vrsx::cli::AppName("vrsx") == "vrsx");
  CHECK(vrsx::cli::AppName("./build/vrsx") == "vrsx");
}

TEST_CASE("input files", "[cli]") {
  RequireError({"list"}, "Missing VRS file arguments.\n");
  RequireError({"copy", "--to", "out.vrs"}, "Missing VRS file arguments.\n");
  RequireError({"list", Files().a(), Files().b()}, "vrs: Too many file parameters.\n");
  RequireError({"list", Files().missing()},
               "vrs: Invalid file path: '" + Files().missing() + "'\n");
  RequireError({"list", Files().dir()}, "vrs: Invalid file path: '" + Files().dir() + "'\n");
  RequireError({"list", ""}, "vrs: Invalid file path: ''\n");
  ListError({"--late-index"}, "vrs: Invalid argument: '--late-index'\n");
  ListError({"--"}, "vrs: Invalid argument: '--'\n");
  ListError({"-c"}, "vrs: Invalid argument: '-c'\n");
  // Options and files interleave.
  ParseResult copy = Parse({"copy", Files().a(), "--to", "out.vrs", Files().b()});
  REQUIRE(copy.options.has_value());
  CHECK(copy.options->command == Command::kCopy);
  CHECK(copy.options->files == std::vector<std::string>{Files().a(), Files().b()});
  CHECK(copy.options->output == "out.vrs");
  // Parsing stops at the first error.
  ListError({"--before", "x", "--late-index"}, "vrs: error. Invalid '--before' numeric value.\n");
}

TEST_CASE("commands and their file counts", "[cli]") {
  struct Expected {
    const char* name;
    Command command;
    size_t max_files;
  };
  const Expected expected[] = {
      {"details", Command::kDetails, 1},
      {"help", Command::kHelp, 0},
      {"json-description", Command::kJsonDescription, 1},
      {"json-pretty-description", Command::kJsonPrettyDescription, 1},
      {"list", Command::kList, 1},
      {"record-formats", Command::kRecordFormats, 1},
      {"print", Command::kPrint, 1},
      {"print-details", Command::kPrintDetails, 1},
      {"print-json", Command::kPrintJson, 1},
      {"print-json-pretty", Command::kPrintJsonPretty, 1},
      {"rage", Command::kRage, 1},
      {"copy", Command::kCopy, 1000},
      {"merge", Command::kMerge, 1000},
      {"check", Command::kCheck, 1},
      {"decode", Command::kDecode, 1},
      {"checksum", Command::kChecksum, 1},
      {"checksums", Command::kChecksums, 1},
      {"checksum-verbatim", Command::kChecksumVerbatim, 1},
      {"hexdump", Command::kHexdump, 1},
      {"compare", Command::kCompare, 1000},
      {"compare-verbatim", Command::kCompareVerbatim, 1000},
      {"extract-images", Command::kExtractImages, 1},
      {"extract-audio", Command::kExtractAudio, 1},
      {"extract-all", Command::kExtractAll, 1},
      {"fix-index", Command::kFixIndex, 1000},
      {"debug", Command::kDebug, 1},
      {"compression-benchmark", Command::kCompressionBenchmark, 1},
      {"recover", Command::kRecover, 1},
  };
  for (const Expected& e : expected) {
    CAPTURE(e.name);
    REQUIRE(vrsx::cli::FindCommand(e.name) == e.command);
    CHECK(std::string(vrsx::cli::CommandName(e.command)) == e.name);
    CHECK(vrsx::cli::MaxInputFiles(e.command) == e.max_files);
  }
  CHECK_FALSE(vrsx::cli::FindCommand("none").has_value());
  CHECK_FALSE(vrsx::cli::FindCommand("Copy").has_value());
  ParseResult two = Parse({"compare", Files().a(), Files().b()});
  REQUIRE(two.options.has_value());
  CHECK(two.options->files.size() == 2);
}

TEST_CASE("option --to", "[cli]") {
  ListError({"--to"}, "vrs: error. '--copy|-c' requires a destination path.\n");
  CHECK(ListOk({"--to", "x.vrs"}).output == "x.vrs");
  CHECK(ListOk({"-to", "y.vrs"}).output == "y.vrs");
  CHECK(ListOk({"--to", "x.vrs", "-to", "z"}).output == "z");
  // Values are consumed even when they look like options.
  CHECK(ListOk({"--to", "--before"}).output == "--before");
  CHECK_FALSE(ListOk({}).output.has_value());
}

TEST_CASE("flags", "[cli]") {
  vrsx::cli::CliOptions none = ListOk({});
  CHECK_FALSE(none.raw_images);
  CHECK_FALSE(none.zero_vrs);
  CHECK_FALSE(none.no_progress);
  CHECK_FALSE(none.filters.first_records);
  vrsx::cli::CliOptions all = ListOk({"--raw-images", "--zero-vrs", "--no-progress", "-1"});
  CHECK(all.raw_images);
  CHECK(all.zero_vrs);
  CHECK(all.no_progress);
  CHECK(all.filters.first_records);
  CHECK(ListOk({"--first-records"}).filters.first_records);
}

TEST_CASE("option --compression", "[cli]") {
  CHECK(ListOk({}).compression == CompressionPreset::kZstdLight);
  const std::pair<const char*, CompressionPreset> presets[] = {
      {"none", CompressionPreset::kNone},
      {"fast", CompressionPreset::kLz4Fast},
      {"tight", CompressionPreset::kLz4Tight},
      {"zfaster", CompressionPreset::kZstdFaster},
      {"zfast", CompressionPreset::kZstdFast},
      {"zlight", CompressionPreset::kZstdLight},
      {"zmedium", CompressionPreset::kZstdMedium},
      {"zheavy", CompressionPreset::kZstdHeavy},
      {"zhigh", CompressionPreset::kZstdHigh},
      {"ztight", CompressionPreset::kZstdTight},
      {"zmax", CompressionPreset::kZstdMax},
      {"ZTIGHT", CompressionPreset::kZstdTight},
      {"None", CompressionPreset::kNone},
      {"default", CompressionPreset::kZstdFaster},
      {"zsdefault", CompressionPreset::kZstdMedium},
  };
  for (const auto& [name, preset] : presets) {
    CAPTURE(name);
    CHECK(ListOk({std::string("--compression=") + name}).compression == preset);
  }
  ListError({"--compression=Default"},
            "vrs: error. Invalid --compression argument value: 'Default'.\n");
  ListError({"--compression=ZSDEFAULT"},
            "vrs: error. Invalid --compression argument value: 'ZSDEFAULT'.\n");
  ListError({"--compression=lz4"}, "vrs: error. Invalid --compression argument value: 'lz4'.\n");
  ListError({"--compression="}, "vrs: error. Invalid --compression argument value: ''.\n");
  ListError({"--compression", "zlight"}, "vrs: Invalid argument: '--compression'\n");
  CHECK(ListOk({"--compression=none", "--compression=zmax"}).compression ==
        CompressionPreset::kZstdMax);
}

TEST_CASE("option --chunk-size", "[cli]") {
  constexpr uint64_t kMiB = uint64_t{1} << 20;
  CHECK_FALSE(ListOk({}).chunk_size.has_value());
  CHECK(ListOk({"--chunk-size", "12"}).chunk_size == 12 * kMiB);
  CHECK(ListOk({"--chunk-size", "12M"}).chunk_size == 12 * kMiB);
  CHECK(ListOk({"--chunk-size", "12m"}).chunk_size == 12 * kMiB);
  CHECK(ListOk({"--chunk-size", "2G"}).chunk_size == 2048 * kMiB);
  CHECK(ListOk({"--chunk-size", "3g"}).chunk_size == 3072 * kMiB);
  ListError({"--chunk-size", "M"}, "vrs: error. Invalid '--chunk-size' numeric value.\n");
  ListError({"--chunk-size", "abc"}, "vrs: error. Invalid '--chunk-size' numeric value.\n");
  ListError({"--chunk-size"}, "vrs: '--chunk-size' <nb>[M|G]\n");
}

TEST_CASE("option --mt", "[cli]") {
  CHECK_FALSE(ListOk({}).thread_count.has_value());
  CHECK(ListOk({"--mt", "4"}).thread_count == 4u);
  CHECK(ListOk({"--mt", "8threads"}).thread_count == 8u);
  ListError({"--mt", "x"}, "vrs: error. Invalid '--mt' numeric value.\n");
  ListError({"--mt"}, "vrs: '--mt' requires a number of threads.\n");
}

TEST_CASE("option --file-tag", "[cli]") {
  vrsx::cli::CliOptions options =
      ListOk({"--file-tag", "date", "April 1, 2022", "--file-tag", "empty", ""});
  REQUIRE(options.file_tags.size() == 2);
  CHECK(options.file_tags[0] == std::pair<std::string, std::string>("date", "April 1, 2022"));
  CHECK(options.file_tags[1] == std::pair<std::string, std::string>("empty", ""));
  ListError({"--file-tag", "", "value"}, "vrs: error. '--file-tag' requires a real tag name.\n");
  ListError({"--file-tag", "name"},
            "vrs: error. '--file-tag' requires a tag name & a tag value.\n");
  ListError({"--file-tag"}, "vrs: error. '--file-tag' requires a tag name & a tag value.\n");
}

TEST_CASE("option --stream-tag", "[cli]") {
  vrsx::cli::CliOptions options = ListOk({"--stream-tag", "200-1", "position", "top_left"});
  REQUIRE(options.stream_tags.size() == 1);
  CHECK(options.stream_tags[0].stream == StreamId{200, 1});
  CHECK(options.stream_tags[0].name == "position");
  CHECK(options.stream_tags[0].value == "top_left");
  ListError({"--stream-tag", "200", "n", "v"},
            "vrs: error. '--stream-tag' invalid stream id '200'.\n");
  ListError({"--stream-tag", "200-x", "n", "v"},
            "vrs: error. '--stream-tag' invalid stream id '200-x'.\n");
  ListError({"--stream-tag", "200+1", "n", "v"},
            "vrs: error. '--stream-tag' invalid stream id '200+1'.\n");
  ListError({"--stream-tag", "200-1", "", "v"},
            "vrs: error. '--stream-tag' requires a real tag name.\n");
  ListError({"--stream-tag", "200-1", "n"},
            "vrs: error. '--stream-tag' requires a stream id, a tag name & a tag value.\n");
}

TEST_CASE("+ and - with stream ids", "[cli]") {
  vrsx::cli::CliOptions options = ListOk({"+", "1100", "-", "1100-3", "+", "200+2"});
  REQUIRE(options.filters.stream_ops.size() == 3);
  CHECK(options.filters.stream_ops[0].include);
  CHECK(options.filters.stream_ops[0].spec == "1100");
  CHECK_FALSE(options.filters.stream_ops[1].include);
  CHECK(options.filters.stream_ops[1].spec == "1100-3");
  CHECK(options.filters.stream_ops[2].spec == "200+2");
  CHECK(options.filters.type_ops.empty());
  for (const char* spec : {"1201", "1201-", "100-some/flavor", "1201abc", "1", "65534", "0-1",
                           "00100", "200-1", "200+1"}) {
    CAPTURE(spec);
    CHECK(ListOk({"+", spec}).filters.stream_ops.size() == 1);
    CHECK(ListOk({"-", spec}).filters.stream_ops.size() == 1);
  }
  ListError({"+", "100000"}, "vrs: error. Invalid '+' argument.\n");
  ListError({"-", "100000"}, "vrs: error. Invalid '-' argument.\n");
  ListError({"+", "0"}, "vrs: error. Invalid '+' argument.\n");
  ListError({"+", "65535"}, "vrs: error. Invalid '+' argument.\n");
  ListError({"+", "70000-1"}, "vrs: error. Invalid '+' argument.\n");
  ListError({"+"}, "vrs: error. '+' option requires a second argument.\n");
  ListError({"-"}, "vrs: error. '-' option requires a second argument.\n");
}

TEST_CASE("+ and - with record types", "[cli]") {
  struct Case {
    const char* text;
    RecordType type;
  };
  for (const Case& c :
       {Case{"c", RecordType::kConfiguration}, Case{"Conf", RecordType::kConfiguration},
        Case{"configuration", RecordType::kConfiguration},
        Case{"CONFIGURATION", RecordType::kConfiguration}, Case{"s", RecordType::kState},
        Case{"State", RecordType::kState}, Case{"d", RecordType::kData},
        Case{"DATA", RecordType::kData}, Case{"dAt", RecordType::kData}}) {
    CAPTURE(c.text);
    vrsx::cli::CliOptions options = ListOk({"-", c.text});
    REQUIRE(options.filters.type_ops.size() == 1);
    CHECK_FALSE(options.filters.type_ops[0].include);
    CHECK(options.filters.type_ops[0].type == c.type);
    CHECK(options.filters.stream_ops.empty());
  }
  ListError({"+", "nope"},
            "Can't parse 'nope' as a record type.\nvrs: error. Invalid '+' argument.\n");
  ListError({"-", "x"}, "Can't parse 'x' as a record type.\nvrs: error. Invalid '-' argument.\n");
  ListError({"+", "configurations"},
            "Can't parse 'configurations' as a record type.\nvrs: error. Invalid '+' argument.\n");
  ListError({"+", "-1"}, "Can't parse '-1' as a record type.\nvrs: error. Invalid '+' argument.\n");
  ListError({"+", "datum"},
            "Can't parse 'datum' as a record type.\nvrs: error. Invalid '+' argument.\n");
  // The order of the operations is kept.
  vrsx::cli::CliOptions options = ListOk({"+", "data", "+", "200", "-", "c"});
  REQUIRE(options.filters.type_ops.size() == 2);
  CHECK(options.filters.type_ops[0].include);
  CHECK(options.filters.type_ops[0].type == RecordType::kData);
  CHECK_FALSE(options.filters.type_ops[1].include);
  CHECK(options.filters.type_ops[1].type == RecordType::kConfiguration);
}

TEST_CASE("time options", "[cli]") {
  const double inf = std::numeric_limits<double>::infinity();
  vrsx::cli::TimeConstraint none = ListOk({}).filters.time;
  CHECK(none.min_time == -inf);
  CHECK(none.max_time == inf);
  CHECK_FALSE(none.relative_min);
  CHECK_FALSE(none.relative_max);
  CHECK_FALSE(none.around);

  vrsx::cli::TimeConstraint after = ListOk({"--after", "+2"}).filters.time;
  CHECK(after.min_time == 2);
  CHECK(after.relative_min);
  CHECK(after.max_time == inf);

  vrsx::cli::TimeConstraint before = ListOk({"--before", "-1"}).filters.time;
  CHECK(before.max_time == -1);
  CHECK(before.relative_max);
  CHECK(before.min_time == -inf);

  // Prefix numbers.
  vrsx::cli::TimeConstraint prefix =
      ListOk({"--before", "12abc", "--after", "1.5e1x"}).filters.time;
  CHECK(prefix.max_time == 12);
  CHECK_FALSE(prefix.relative_max);
  CHECK(prefix.min_time == 15);
  CHECK_FALSE(prefix.relative_min);

  vrsx::cli::TimeConstraint range = ListOk({"--range", "-0.1", "+0.1"}).filters.time;
  CHECK(range.min_time == -0.1);
  CHECK(range.relative_min);
  CHECK(range.max_time == 0.1);
  CHECK(range.relative_max);
  CHECK_FALSE(range.around);

  vrsx::cli::TimeConstraint abs_range = ListOk({"--range", "1493865.5", "1493865.8"}).filters.time;
  CHECK(abs_range.min_time == 1493865.5);
  CHECK_FALSE(abs_range.relative_min);
  CHECK(abs_range.max_time == 1493865.8);
  CHECK_FALSE(abs_range.relative_max);

  vrsx::cli::TimeConstraint around = ListOk({"--around", "+0.5", "0.02"}).filters.time;
  CHECK(around.around);
  CHECK(around.min_time == 0.5);
  CHECK(around.relative_min);
  CHECK(around.max_time == 0.02);

  // Later options overwrite earlier ones.
  vrsx::cli::TimeConstraint later = ListOk({"--after", "+1", "--range", "5", "-2"}).filters.time;
  CHECK(later.min_time == 5);
  CHECK_FALSE(later.relative_min);
  CHECK(later.max_time == -2);
  CHECK(later.relative_max);

  ListError({"--before", "a"}, "vrs: error. Invalid '--before' numeric value.\n");
  ListError({"--after", "no"}, "vrs: error. Invalid '--after' numeric value.\n");
  ListError({"--after", ""}, "vrs: error. Invalid '--after' numeric value.\n");
  ListError({"--after"}, "vrs: error. '--after' requires a numeric parameter.\n");
  ListError({"--before"}, "vrs: error. '--before' requires a numeric parameter.\n");
  ListError({"--range", "1"}, "vrs: error. '--range' requires two numeric parameters.\n");
  ListError({"--range"}, "vrs: error. '--range' requires two numeric parameters.\n");
  ListError({"--range", "1", "--to"}, "vrs: error. Invalid '--range' numeric value(s).\n");
  ListError({"--range", "x", "1"}, "vrs: error. Invalid '--range' numeric value(s).\n");
  ListError({"--around", "1"}, "vrs: error. '--around' requires two numeric parameters.\n");
  ListError({"--around", "1", "w"}, "vrs: error. Invalid '--around' numeric value(s).\n");
}

TEST_CASE("decimation options", "[cli]") {
  vrsx::cli::FilterOptions none = ListOk({}).filters;
  CHECK_FALSE(none.decimation());
  CHECK(none.decimate.empty());

  vrsx::cli::FilterOptions decimate =
      ListOk({"--decimate", "241-1", "0.1", "--decimate", "200", "2s"}).filters;
  CHECK(decimate.decimation());
  REQUIRE(decimate.decimate.size() == 2);
  CHECK(decimate.decimate[0].stream_spec == "241-1");
  CHECK(decimate.decimate[0].interval == 0.1);
  CHECK(decimate.decimate[1].stream_spec == "200");
  CHECK(decimate.decimate[1].interval == 2);
  // The stream spec is not checked when parsing.
  CHECK(ListOk({"--decimate", "nope", "1"}).filters.decimate.size() == 1);
  ListError({"--decimate", "200", "x"}, "vrs: error. Invalid --decimate numeric value.\n");
  ListError({"--decimate", "200"},
            "vrs: error. '--decimate' requires a stream id and a numeric parameter.\n");

  vrsx::cli::FilterOptions bucket =
      ListOk({"--bucket-interval", "0.25", "--bucket-max-delta", "0.01"}).filters;
  CHECK(bucket.decimation());
  CHECK(bucket.bucket_interval == 0.25);
  CHECK(bucket.bucket_max_delta == 0.01);
  CHECK(ListOk({"--bucket-max-delta", "0.01"}).filters.decimation());
  ListError({"--bucket-interval", "x"}, "vrs: error. Invalid '--bucket-interval' numeric value.\n");
  ListError({"--bucket-interval"},
            "vrs: error. '--bucket-interval' requires a numeric parameter.\n");
  ListError({"--bucket-max-delta", "-"},
            "vrs: error. Invalid '--bucket-max-delta' numeric value.\n");
  ListError({"--bucket-max-delta"},
            "vrs: error. '--bucket-max-delta' requires a numeric parameter.\n");
}

TEST_CASE("options apply to every command", "[cli]") {
  ParseResult result = Parse({"checksum", Files().a(), "--compression=ztight", "--to", "x",
                              "--file-tag", "a", "b", "--mt", "2", "+", "200"});
  REQUIRE(result.options.has_value());
  CHECK(result.options->command == Command::kChecksum);
  CHECK(result.options->files == std::vector<std::string>{Files().a()});
}

TEST_CASE("lower level parsers", "[cli]") {
  using vrsx::cli::IsValidStreamSpec;
  using vrsx::cli::ParseDoublePrefix;
  using vrsx::cli::ParseRecordTypePrefix;
  using vrsx::cli::ParseStrictStreamId;
  CHECK(ParseDoublePrefix("12abc") == 12.0);
  CHECK(ParseDoublePrefix("-1") == -1.0);
  CHECK(ParseDoublePrefix("+0.5") == 0.5);
  CHECK_FALSE(ParseDoublePrefix("abc").has_value());
  CHECK_FALSE(ParseDoublePrefix("").has_value());
  CHECK(ParseRecordTypePrefix("st") == RecordType::kState);
  CHECK_FALSE(ParseRecordTypePrefix("tags").has_value());
  CHECK(ParseStrictStreamId("200-1") == StreamId{200, 1});
  CHECK(ParseStrictStreamId("65535-65535") == StreamId{65535, 65535});
  CHECK_FALSE(ParseStrictStreamId("200").has_value());
  CHECK_FALSE(ParseStrictStreamId("200-").has_value());
  CHECK_FALSE(ParseStrictStreamId("-1").has_value());
  CHECK_FALSE(ParseStrictStreamId("200-1a").has_value());
  CHECK_FALSE(ParseStrictStreamId("65536-1").has_value());
  CHECK(IsValidStreamSpec("1201abc"));
  CHECK_FALSE(IsValidStreamSpec("x"));
  CHECK_FALSE(IsValidStreamSpec(""));
}

TEST_CASE("help text", "[cli]") {
  std::string help = vrsx::cli::HelpText("vrsx");
  CHECK(help.starts_with("Help for the vrsx command line tool, built "));
  CHECK(help.find(":\n\nGet details about a VRS file:\n  vrsx [ file.vrs ] [filter-options]\n") !=
        std::string::npos);
  CHECK(help.find("\n  vrsx list <file.vrs> [filter-options]\n") != std::string::npos);
  CHECK(help.find("\nRecord Filtering Options:\n") != std::string::npos);
  CHECK(help.find("\nCopy Options:\n") != std::string::npos);
  CHECK(help.find("\nTag Override Options:\n") != std::string::npos);
  CHECK(help.find("\n\nExamples:\n") != std::string::npos);
  CHECK(help.find("time\xc2\xb1range window") != std::string::npos);
  CHECK(help.find("levels: none, default, fast, tight, zfast, zlight, zmedium, ztight, zmax.") !=
        std::string::npos);
  CHECK(help.ends_with("  vrsx extract-images file.vrs --to imageFolder + 100 --before +5\n\n"));
  CHECK(help.find("  vrs ") == std::string::npos);
  CHECK(vrsx::cli::HelpText("tool").find("\n  tool help\n") != std::string::npos);
}
