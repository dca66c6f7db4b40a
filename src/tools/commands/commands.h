// The CLI's commands. Each writes its results on `out` and its diagnostics on `err`, and
// returns the process exit status.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tools/commands/cli_options.h"
#include "vrsx/reader.h"

namespace vrsx::cli {

struct Console {
  std::ostream& out;
  std::ostream& err;
};

// Parses nothing: runs an already parsed command line.
int RunCommand(const CliOptions& options, Console console);

// Opens the input as a VRS file; on failure writes one line naming the file and the problem.
bool OpenInput(const std::string& path, Reader& reader, Console console);

// Commands on one opened file.
int RunDetails(const Reader& reader, const CliOptions& options, Console console);
int RunJsonDescription(const Reader& reader, const CliOptions& options, bool pretty,
                       Console console);
int RunList(const Reader& reader, const CliOptions& options, Console console);
int RunCheck(const Reader& reader, const CliOptions& options, Console console);
int RunChecksum(const Reader& reader, const CliOptions& options, bool details, Console console);
int RunHexdump(const Reader& reader, const CliOptions& options, Console console);
// extract-images, extract-audio, extract-all (§8).
int RunExtractImages(const Reader& reader, const CliOptions& options, Console console);
int RunExtractAudio(const Reader& reader, const CliOptions& options, Console console);
int RunExtractAll(const Reader& reader, const CliOptions& options, Console console);
// print (compact), print-details, print-json, print-json-pretty (§4.4).
enum class PrintStyle { kCompact, kDetailed, kJson, kJsonPretty };
int RunPrint(const Reader& reader, const CliOptions& options, PrintStyle style, Console console);
int RunRecordFormats(const Reader& reader, const CliOptions& options, Console console);
int RunRage(const Reader& reader, const CliOptions& options, Console console);

// Commands that open their inputs themselves.
int RunCompare(const CliOptions& options, Console console);           // several VRS files
int RunChecksumVerbatim(const CliOptions& options, Console console);  // raw bytes, any file
int RunCompareVerbatim(const CliOptions& options, Console console);   // raw bytes, any files
int RunDebug(const CliOptions& options, Console console);             // raw VRS structures
// copy and merge (§7): `merge` merges the streams of the same type of the inputs.
int RunCopy(const CliOptions& options, bool merge, Console console);
// fix-index (§9.1): repairs the index of each input in place.
int RunFixIndex(const CliOptions& options, Console console);
// recover (vrsx only): writes the intact records of a damaged file into a clean new file.
int RunRecover(const CliOptions& options, Console console);

}  // namespace vrsx::cli
