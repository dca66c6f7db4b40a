// Command line parsing of the `vrsx` tool (spec 03-cli.md §1): commands, input files, options.
//
//   vrsx::cli::ParseResult r = vrsx::cli::ParseCommandLine(argc, argv);
//   if (!r.options) {
//     std::cerr << r.error_text;
//     if (r.print_help) std::cout << vrsx::cli::HelpText(r.app_name);
//     return r.exit_code;
//   }
//
// Parsing never exits nor prints: everything to show is in the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vrsx/stream_id.h"
#include "vrsx/writer.h"

namespace vrsx::cli {

enum class Command {
  kDetails,  // a file path as first argument, or `details`
  kHelp,
  kJsonDescription,
  kJsonPrettyDescription,
  kList,
  kRecordFormats,
  kPrint,
  kPrintDetails,
  kPrintJson,
  kPrintJsonPretty,
  kRage,
  kCopy,
  kMerge,
  kCheck,
  kDecode,
  kChecksum,
  kChecksums,
  kChecksumVerbatim,
  kHexdump,
  kCompare,
  kCompareVerbatim,
  kExtractImages,
  kExtractAudio,
  kExtractAll,
  kFixIndex,
  kDebug,
  kCompressionBenchmark,
  kRecover,  // vrsx only: salvage the intact records of a damaged file
};

// The command named exactly `name` (case-sensitive), if any. "none" is not a command.
std::optional<Command> FindCommand(std::string_view name);
// "details", "list", "json-description"...
const char* CommandName(Command command);
// How many input files the command accepts (0 for help, 1000 for copy/merge/compare...).
size_t MaxInputFiles(Command command);

// Record compression presets of `--compression=<name>` (§7.4): the writer's.
using CompressionPreset = ::vrsx::CompressionPreset;
// `none`, `fast`, `tight`, `zfaster`... (case-insensitive), `default`, `zsdefault`
// (case-sensitive).
std::optional<CompressionPreset> ParseCompressionPreset(std::string_view name);

// One `+ <spec>` or `- <spec>` naming streams (§3.1); `spec` is kept as typed, resolved per file.
struct StreamFilterOp {
  bool include = true;
  std::string spec;
};

// One `+ <type>` or `- <type>` (§3.2).
struct TypeFilterOp {
  bool include = true;
  RecordType type = RecordType::kUndefined;  // kConfiguration, kState or kData
};

// `--after`, `--before`, `--range`, `--around` as typed, before resolution (§3.3).
struct TimeConstraint {
  double min_time = -std::numeric_limits<double>::infinity();
  double max_time = std::numeric_limits<double>::infinity();
  bool relative_min = false;  // min_time is an offset from the first/last data record
  bool relative_max = false;  // max_time is an offset from the first/last data record
  bool around = false;        // `--around`: min_time is the centre, max_time the total width
};

// One `--decimate <spec> <interval>` (§3.5).
struct DecimateOp {
  std::string stream_spec;
  double interval = 0;
};

// Every record selection option (§3).
struct FilterOptions {
  std::vector<StreamFilterOp> stream_ops;  // in command line order
  std::vector<TypeFilterOp> type_ops;      // in command line order
  TimeConstraint time;
  bool first_records = false;        // `--first-records` / `-1`
  std::vector<DecimateOp> decimate;  // in command line order
  std::optional<double> bucket_interval;
  std::optional<double> bucket_max_delta;

  // Default bucket max delta, when only --bucket-interval is given.
  static constexpr double kDefaultBucketMaxDelta = 1.0 / 30;
  // True as soon as any of --decimate, --bucket-interval, --bucket-max-delta was given.
  bool decimation() const {
    return !decimate.empty() || bucket_interval.has_value() || bucket_max_delta.has_value();
  }
};

// `--stream-tag <R-N> <name> <value>`.
struct StreamTagOverride {
  StreamId stream;
  std::string name;
  std::string value;
};

struct CliOptions {
  std::string app_name;  // basename of argv[0]
  Command command = Command::kDetails;
  std::vector<std::string> files;  // input files as typed, each an existing regular file

  std::optional<std::string> output;  // `--to` / `-to` (last one wins)
  bool raw_images = false;            // `--raw-images`
  bool to_png = false;    // `--to-png`: extract-images decodes jpg/png/jxl/video to PNG (vrsx only)
  bool zero_vrs = false;  // `--zero-vrs`
  bool no_progress = false;                                       // `--no-progress`
  CompressionPreset compression = CompressionPreset::kZstdLight;  // `--compression=`
  std::optional<uint64_t> chunk_size;                             // `--chunk-size`, in bytes
  // `--mt`, as typed (unsigned long, as strtoul parsed it): the user caps it to the hardware.
  std::optional<unsigned long> thread_count;
  // `--file-tag` / `--stream-tag`, in command line order: apply in order, last wins.
  std::vector<std::pair<std::string, std::string>> file_tags;
  std::vector<StreamTagOverride> stream_tags;

  FilterOptions filters;
};

struct ParseResult {
  // Set when the command should run. A help request gives command kHelp.
  std::optional<CliOptions> options;
  // When `options` is empty: print `error_text` on stderr (already "\n"-terminated lines, maybe
  // none), then the help on stdout if `print_help`, then exit with `exit_code`.
  std::string error_text;
  bool print_help = false;
  int exit_code = 0;
  std::string app_name;  // always set
};

// Parses a whole command line (argv[0] is the program path).
ParseResult ParseCommandLine(int argc, const char* const argv[]);
ParseResult ParseCommandLine(const std::vector<std::string>& args);

// The help text then the examples (§13.14), every usage line naming `app_name`.
std::string HelpText(std::string_view app_name);

// Lower level pieces, exposed for the other tools and the tests.

// Basename of a program path ("/usr/bin/vrsx" -> "vrsx").
std::string AppName(std::string_view argv0);
// C strtod on a prefix: "12abc" -> 12; nullopt when no number starts the text.
std::optional<double> ParseDoublePrefix(const std::string& text);
// The record type `text` is a case-insensitive prefix of: configuration, state, data.
std::optional<RecordType> ParseRecordTypePrefix(std::string_view text);
// Parse-time validation of a `+`/`-` stream spec (§3.1): `R-N`, `R+N`, or a leading number v
// with 0 < v < 65535.
bool IsValidStreamSpec(std::string_view spec);
// Strict "T-I" (digits only on both sides, each fitting 16 bits).
std::optional<StreamId> ParseStrictStreamId(std::string_view text);

}  // namespace vrsx::cli
