#include "tools/commands/cli_options.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "vrsx/file_source.h"

namespace vrsx::cli {
namespace {

struct CommandEntry {
  Command command;
  const char* name;
  size_t max_files;
};

constexpr size_t kManyFiles = 1000;

constexpr std::array<CommandEntry, 28> kCommands = {{
    {Command::kDetails, "details", 1},
    {Command::kHelp, "help", 0},
    {Command::kJsonDescription, "json-description", 1},
    {Command::kJsonPrettyDescription, "json-pretty-description", 1},
    {Command::kList, "list", 1},
    {Command::kRecordFormats, "record-formats", 1},
    {Command::kPrint, "print", 1},
    {Command::kPrintDetails, "print-details", 1},
    {Command::kPrintJson, "print-json", 1},
    {Command::kPrintJsonPretty, "print-json-pretty", 1},
    {Command::kRage, "rage", 1},
    {Command::kCopy, "copy", kManyFiles},
    {Command::kMerge, "merge", kManyFiles},
    {Command::kCheck, "check", 1},
    {Command::kDecode, "decode", 1},
    {Command::kChecksum, "checksum", 1},
    {Command::kChecksums, "checksums", 1},
    {Command::kChecksumVerbatim, "checksum-verbatim", 1},
    {Command::kHexdump, "hexdump", 1},
    {Command::kCompare, "compare", kManyFiles},
    {Command::kCompareVerbatim, "compare-verbatim", kManyFiles},
    {Command::kExtractImages, "extract-images", 1},
    {Command::kExtractAudio, "extract-audio", 1},
    {Command::kExtractAll, "extract-all", 1},
    {Command::kFixIndex, "fix-index", kManyFiles},
    {Command::kDebug, "debug", 1},
    {Command::kCompressionBenchmark, "compression-benchmark", 1},
    {Command::kRecover, "recover", 1},
}};

const CommandEntry& Entry(Command command) {
  for (const CommandEntry& entry : kCommands) {
    if (entry.command == command) return entry;
  }
  return kCommands[0];
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Parses a run of decimal digits into a 16-bit value; nullopt if empty, not digits, or too big.
std::optional<uint16_t> ParseUint16Digits(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  uint32_t value = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(c - '0');
    if (value > 0xffff) return std::nullopt;
  }
  return static_cast<uint16_t>(value);
}

// An input file argument: a URL, or a local path naming an existing regular file (symlinks
// followed).
bool IsExistingFile(const std::string& path) {
  if (path.empty()) return false;
  if (IsUrl(path)) return true;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path(path), ec);
}

bool IsSigned(const std::string& text) {
  return !text.empty() && (text[0] == '+' || text[0] == '-');
}

// Builds the results of the parser.
class Parser {
 public:
  explicit Parser(const std::vector<std::string>& args) : args_(args) {
    app_ = AppName(args.empty() ? std::string_view("vrsx") : std::string_view(args[0]));
  }

  ParseResult Parse();

 private:
  // "<app>: <text>\n"
  ParseResult Fail(const std::string& text, const std::string& before = {}) const {
    ParseResult result;
    result.app_name = app_;
    result.error_text = before + app_ + ": " + text + "\n";
    result.exit_code = 1;
    return result;
  }
  ParseResult FailError(const std::string& text) const { return Fail("error. " + text); }
  ParseResult FilePathError(const std::string& arg) const {
    return Fail((!arg.empty() && arg[0] == '-' ? "Invalid argument: '" : "Invalid file path: '") +
                arg + "'");
  }
  ParseResult Help() const {
    ParseResult result;
    result.app_name = app_;
    result.options = CliOptions{};
    result.options->app_name = app_;
    result.options->command = Command::kHelp;
    return result;
  }

  // Handles the option at args_[i_] if it is one; advances i_ past its values.
  // Returns true if it was an option (then `error` may be set).
  bool ParseOption(std::optional<ParseResult>& error);

  size_t Remaining() const { return args_.size() - i_ - 1; }
  const std::string& Next() { return args_[++i_]; }

  const std::vector<std::string>& args_;
  std::string app_;
  CliOptions options_;
  size_t i_ = 0;
};

ParseResult Parser::Parse() {
  if (args_.size() < 2) {
    ParseResult result;
    result.app_name = app_;
    result.print_help = true;
    result.exit_code = 1;
    return result;
  }
  options_.app_name = app_;
  const std::string& first = args_[1];
  // Deviation from the reference (allowed by §9.4): --help / -h print the help.
  if (first == "--help" || first == "-h") return Help();
  if (std::optional<Command> command = FindCommand(first)) {
    options_.command = *command;
  } else if (IsExistingFile(first)) {
    options_.command = Command::kDetails;
    options_.files.push_back(first);
  } else {
    // One line where the reference prints two (its first, "Invalid file path: ...", says less).
    ParseResult result = Fail("'" + first + "' is neither a known command name nor a valid path.");
    result.print_help = true;
    return result;
  }
  for (i_ = 2; i_ < args_.size(); ++i_) {
    const std::string& arg = args_[i_];
    if (arg == "--help" || arg == "-h") return Help();
    std::optional<ParseResult> error;
    if (ParseOption(error)) {
      if (error) return std::move(*error);
      continue;
    }
    if (!IsExistingFile(arg)) return FilePathError(arg);
    if (options_.files.size() >= MaxInputFiles(options_.command)) {
      return Fail("Too many file parameters.");
    }
    options_.files.push_back(arg);
  }
  if (options_.files.empty() && options_.command != Command::kHelp) {
    ParseResult result;
    result.app_name = app_;
    result.error_text = "Missing VRS file arguments.\n";
    result.exit_code = 1;
    return result;
  }
  ParseResult result;
  result.app_name = app_;
  result.options = std::move(options_);
  return result;
}

bool Parser::ParseOption(std::optional<ParseResult>& error) {
  const std::string arg = args_[i_];
  FilterOptions& filters = options_.filters;
  if (arg == "--to" || arg == "-to") {
    if (Remaining() < 1) {
      error = FailError("'--copy|-c' requires a destination path.");
    } else {
      options_.output = Next();
    }
  } else if (arg == "--raw-images") {
    options_.raw_images = true;
  } else if (arg == "--to-png") {
    options_.to_png = true;
  } else if (arg == "--zero-vrs") {
    options_.zero_vrs = true;
  } else if (arg == "--no-progress") {
    options_.no_progress = true;
  } else if (arg.starts_with("--compression=")) {
    std::string value = arg.substr(std::string_view("--compression=").size());
    if (std::optional<CompressionPreset> preset = ParseCompressionPreset(value)) {
      options_.compression = *preset;
    } else {
      error = FailError("Invalid --compression argument value: '" + value + "'.");
    }
  } else if (arg == "--chunk-size") {
    if (Remaining() < 1) {
      error = Fail("'--chunk-size' <nb>[M|G]");
    } else {
      const std::string& value = Next();
      char* end = nullptr;
      unsigned long long size = std::strtoull(value.c_str(), &end, 10);
      if (end == value.c_str()) {
        error = FailError("Invalid '--chunk-size' numeric value.");
      } else {
        uint64_t unit = (*end == 'G' || *end == 'g') ? (uint64_t{1} << 30) : (uint64_t{1} << 20);
        options_.chunk_size = static_cast<uint64_t>(size) * unit;
      }
    }
  } else if (arg == "--mt") {
    if (Remaining() < 1) {
      error = Fail("'--mt' requires a number of threads.");
    } else {
      const std::string& value = Next();
      char* end = nullptr;
      unsigned long count = std::strtoul(value.c_str(), &end, 10);
      if (end == value.c_str()) {
        error = FailError("Invalid '--mt' numeric value.");
      } else {
        options_.thread_count = count;
      }
    }
  } else if (arg == "--file-tag") {
    if (Remaining() < 2) {
      error = FailError("'--file-tag' requires a tag name & a tag value.");
    } else {
      std::string name = Next();
      std::string value = Next();
      if (name.empty()) {
        error = FailError("'--file-tag' requires a real tag name.");
      } else {
        options_.file_tags.emplace_back(std::move(name), std::move(value));
      }
    }
  } else if (arg == "--stream-tag") {
    if (Remaining() < 3) {
      error = FailError("'--stream-tag' requires a stream id, a tag name & a tag value.");
    } else {
      std::string id = Next();
      std::string name = Next();
      std::string value = Next();
      std::optional<StreamId> stream = ParseStrictStreamId(id);
      if (!stream) {
        error = FailError("'--stream-tag' invalid stream id '" + id + "'.");
      } else if (name.empty()) {
        error = FailError("'--stream-tag' requires a real tag name.");
      } else {
        options_.stream_tags.push_back({*stream, std::move(name), std::move(value)});
      }
    }
  } else if (arg == "+" || arg == "-") {
    bool include = arg == "+";
    if (Remaining() < 1) {
      error = FailError("'" + arg + "' option requires a second argument.");
    } else {
      const std::string& value = Next();
      if (!value.empty() && IsDigit(value[0])) {
        if (IsValidStreamSpec(value)) {
          filters.stream_ops.push_back({include, value});
        } else {
          error = FailError("Invalid '" + arg + "' argument.");
        }
      } else if (std::optional<RecordType> type = ParseRecordTypePrefix(value)) {
        filters.type_ops.push_back({include, *type});
      } else {
        error = Fail("error. Invalid '" + arg + "' argument.",
                     "Can't parse '" + value + "' as a record type.\n");
      }
    }
  } else if (arg == "--after" || arg == "--before") {
    if (Remaining() < 1) {
      error = FailError("'" + arg + "' requires a numeric parameter.");
    } else {
      const std::string& value = Next();
      std::optional<double> number = ParseDoublePrefix(value);
      if (!number) {
        error = FailError("Invalid '" + arg + "' numeric value.");
      } else if (arg == "--after") {
        filters.time.min_time = *number;
        filters.time.relative_min = IsSigned(value);
      } else {
        filters.time.max_time = *number;
        filters.time.relative_max = IsSigned(value);
      }
    }
  } else if (arg == "--range" || arg == "--around") {
    if (Remaining() < 2) {
      error = FailError("'" + arg + "' requires two numeric parameters.");
    } else {
      const std::string& first = Next();
      const std::string& second = Next();
      std::optional<double> a = ParseDoublePrefix(first);
      std::optional<double> b = ParseDoublePrefix(second);
      if (!a || !b) {
        error = FailError("Invalid '" + arg + "' numeric value(s).");
      } else if (arg == "--range") {
        filters.time.min_time = *a;
        filters.time.relative_min = IsSigned(first);
        filters.time.max_time = *b;
        filters.time.relative_max = IsSigned(second);
      } else {
        filters.time.min_time = *a;
        filters.time.relative_min = IsSigned(first);
        filters.time.max_time = *b;
        filters.time.around = true;
      }
    }
  } else if (arg == "--first-records" || arg == "-1") {
    filters.first_records = true;
  } else if (arg == "--decimate") {
    if (Remaining() < 2) {
      error = FailError("'--decimate' requires a stream id and a numeric parameter.");
    } else {
      std::string spec = Next();
      std::optional<double> interval = ParseDoublePrefix(Next());
      if (!interval) {
        error = FailError("Invalid --decimate numeric value.");
      } else {
        filters.decimate.push_back({std::move(spec), *interval});
      }
    }
  } else if (arg == "--bucket-interval" || arg == "--bucket-max-delta") {
    if (Remaining() < 1) {
      error = FailError("'" + arg + "' requires a numeric parameter.");
    } else {
      std::optional<double> number = ParseDoublePrefix(Next());
      if (!number) {
        error = FailError("Invalid '" + arg + "' numeric value.");
      } else if (arg == "--bucket-interval") {
        filters.bucket_interval = *number;
      } else {
        filters.bucket_max_delta = *number;
      }
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::optional<Command> FindCommand(std::string_view name) {
  for (const CommandEntry& entry : kCommands) {
    if (name == entry.name) return entry.command;
  }
  return std::nullopt;
}

const char* CommandName(Command command) {
  return Entry(command).name;
}

size_t MaxInputFiles(Command command) {
  return Entry(command).max_files;
}

std::optional<CompressionPreset> ParseCompressionPreset(std::string_view name) {
  if (name == "default") return CompressionPreset::kZstdFaster;
  if (name == "zsdefault") return CompressionPreset::kZstdMedium;
  return CompressionPresetFromName(name);
}

ParseResult ParseCommandLine(int argc, const char* const argv[]) {
  std::vector<std::string> args;
  args.reserve(argc > 0 ? static_cast<size_t>(argc) : 0);
  for (int i = 0; i < argc; ++i) args.emplace_back(argv[i] != nullptr ? argv[i] : "");
  return ParseCommandLine(args);
}

ParseResult ParseCommandLine(const std::vector<std::string>& args) {
  Parser parser(args);
  return parser.Parse();
}

std::string AppName(std::string_view argv0) {
  size_t slash = argv0.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
  return name.empty() ? std::string("vrsx") : std::string(name);
}

std::optional<double> ParseDoublePrefix(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  if (end == begin) return std::nullopt;
  return value;
}

std::optional<RecordType> ParseRecordTypePrefix(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, RecordType>, 3> kTypes = {{
      {"configuration", RecordType::kConfiguration},
      {"state", RecordType::kState},
      {"data", RecordType::kData},
  }};
  for (const auto& [name, type] : kTypes) {
    if (text.size() <= name.size() && EqualsIgnoreCase(text, name.substr(0, text.size()))) {
      return type;
    }
  }
  return std::nullopt;
}

std::optional<StreamId> ParseStrictStreamId(std::string_view text) {
  size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::optional<uint16_t> type = ParseUint16Digits(text.substr(0, dash));
  std::optional<uint16_t> instance = ParseUint16Digits(text.substr(dash + 1));
  if (!type || !instance) return std::nullopt;
  return StreamId{*type, *instance};
}

bool IsValidStreamSpec(std::string_view spec) {
  size_t sep = spec.find_first_of("-+");
  if (sep != std::string_view::npos && ParseUint16Digits(spec.substr(0, sep)) &&
      ParseUint16Digits(spec.substr(sep + 1))) {
    return true;  // R-N or R+N
  }
  uint32_t value = 0;
  size_t i = 0;
  for (; i < spec.size() && IsDigit(spec[i]); ++i) {
    value = value * 10 + static_cast<uint32_t>(spec[i] - '0');
    if (value >= 0xffff) return false;
  }
  return i > 0 && value > 0;
}

}  // namespace vrsx::cli
