#include "copy_bench.h"

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <vector>

#include "tools/commands/cli_options.h"
#include "tools/commands/commands.h"
#include "vrsx/reader.h"

namespace vrsx::bench {
namespace {

// The records and payload bytes of a file, to express the copy's throughput.
Result Content(const std::string& path) {
  Reader reader;
  Require(reader.Open(path).ok(), "opening " + path);
  Result content;
  RecordDetails details;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    Require(reader.ReadRecordDetails(i, details).ok(), "reading a record header");
    content.bytes += details.payload_size;
  }
  content.records = reader.index().size();
  return content;
}

}  // namespace

Result MeasureCopy(const Options& options, const std::string& source, const std::string& preset) {
  Result result = Content(source);
  std::string output = options.dir + "/copy-" + std::to_string(getpid()) + ".vrs";
  std::vector<std::string> args = {"vrsx", "copy", source, "--to", output, "--no-progress"};
  if (!preset.empty()) args.push_back("--compression=" + preset);
  cli::ParseResult parsed = cli::ParseCommandLine(args);
  Require(parsed.options.has_value(), "parsing the copy command line: " + parsed.error_text);
  std::ostringstream out;
  std::ostringstream err;
  Stopwatch stopwatch;
  int exit_code = cli::RunCopy(*parsed.options, false, {out, err});
  stopwatch.Stop(result);
  Require(exit_code == 0, "vrsx copy: " + err.str());
  std::filesystem::remove(output);
  return result;
}

}  // namespace vrsx::bench
