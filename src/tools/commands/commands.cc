// Dispatch of a parsed command line to the command that runs it.
#include "tools/commands/commands.h"

#include "tools/commands/cli_filter.h"
#include "tools/rendering/overview.h"

namespace vrsx::cli {

bool OpenInput(const std::string& path, Reader& reader, Console console) {
  Status status = reader.Open(path);
  if (!status.ok()) {
    console.err << "Error: " << status.message() << '\n';
    return false;
  }
  return true;
}

int RunDetails(const Reader& reader, const CliOptions& options, Console console) {
  RecordSelection selection = SelectRecords(reader, options.filters, console.err);
  PrintOverview(reader, selection.streams, DetailLevel::kEverything, console.out);
  return 0;
}

int RunJsonDescription(const Reader& reader, const CliOptions& options, bool pretty,
                       Console console) {
  RecordSelection selection = SelectRecords(reader, options.filters, console.err);
  console.out << JsonDescription(reader, selection.streams, pretty) << '\n';
  return 0;
}

namespace {

using SingleFileCommand = int (*)(const Reader&, const CliOptions&, Console);

int WithInput(const CliOptions& options, Console console, SingleFileCommand command) {
  Reader reader;
  if (!OpenInput(options.files.front(), reader, console)) return 1;
  return command(reader, options, console);
}

}  // namespace

int RunCommand(const CliOptions& options, Console console) {
  if (options.command == Command::kHelp) {
    console.out << HelpText(options.app_name);
    return 0;
  }
  if (options.files.empty()) {
    console.err << "Missing VRS file arguments.\n";
    return 1;
  }
  switch (options.command) {
    case Command::kDetails:
      return WithInput(options, console, RunDetails);
    case Command::kJsonDescription:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunJsonDescription(r, o, false, c);
      });
    case Command::kJsonPrettyDescription:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunJsonDescription(r, o, true, c);
      });
    case Command::kList:
      return WithInput(options, console, RunList);
    case Command::kCheck:
      return WithInput(options, console, RunCheck);
    case Command::kChecksum:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunChecksum(r, o, false, c);
      });
    case Command::kChecksums:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunChecksum(r, o, true, c);
      });
    case Command::kHexdump:
      return WithInput(options, console, RunHexdump);
    case Command::kExtractImages:
      return WithInput(options, console, RunExtractImages);
    case Command::kExtractAudio:
      return WithInput(options, console, RunExtractAudio);
    case Command::kExtractAll:
      return WithInput(options, console, RunExtractAll);
    case Command::kPrint:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunPrint(r, o, PrintStyle::kCompact, c);
      });
    case Command::kPrintDetails:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunPrint(r, o, PrintStyle::kDetailed, c);
      });
    case Command::kPrintJson:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunPrint(r, o, PrintStyle::kJson, c);
      });
    case Command::kPrintJsonPretty:
      return WithInput(options, console, [](const Reader& r, const CliOptions& o, Console c) {
        return RunPrint(r, o, PrintStyle::kJsonPretty, c);
      });
    case Command::kRecordFormats:
      return WithInput(options, console, RunRecordFormats);
    case Command::kRage:
      return WithInput(options, console, RunRage);
    case Command::kCompare:
      return RunCompare(options, console);
    case Command::kChecksumVerbatim:
      return RunChecksumVerbatim(options, console);
    case Command::kCompareVerbatim:
      return RunCompareVerbatim(options, console);
    case Command::kDebug:
      return RunDebug(options, console);
    case Command::kCopy:
      return RunCopy(options, false, console);
    case Command::kMerge:
      return RunCopy(options, true, console);
    case Command::kFixIndex:
      return RunFixIndex(options, console);
    case Command::kRecover:
      return RunRecover(options, console);
    default:
      break;
  }
  console.err << options.app_name << ": '" << CommandName(options.command)
              << "' is not implemented yet.\n";
  return 1;
}

}  // namespace vrsx::cli
