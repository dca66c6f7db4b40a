// `copy` and `merge` (spec 03-cli.md §7): the console side of vrsx::Copy and vrsx::Merge.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/commands/progress.h"
#include "tools/commands/zero_vrs.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/overview.h"
#include "vrsx/copy.h"

namespace vrsx::cli {
namespace {

std::string PercentText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

CopyOptions ToCopyOptions(const CliOptions& options, bool merge) {
  CopyOptions copy;
  copy.filter = ToRecordFilter(options.filters);
  copy.compression = options.compression;
  copy.max_chunk_size = options.chunk_size.value_or(0);
  for (const auto& [name, value] : options.file_tags) copy.file_tag_edits.push_back({name, value});
  for (const StreamTagOverride& tag : options.stream_tags) {
    copy.stream_tag_edits.push_back({tag.stream, tag.name, tag.value});
  }
  copy.keep_streams_apart = !merge;
  return copy;
}

void PrintSizeChange(const CliOptions& options, const CopyResult& result,
                     const std::string& duration, std::ostream& out) {
  out << "Preset " << CompressionPresetPrettyName(options.compression) << ": ";
  uint64_t input_size = result.input_bytes;
  uint64_t output_size = result.output_bytes;
  if (output_size == input_size) {
    out << "No file size change.\n";
    return;
  }
  uint64_t change = output_size > input_size ? output_size - input_size : input_size - output_size;
  double percent = input_size ? 100.0 * double(change) / double(input_size) : 0.0;
  out << (output_size < input_size ? "Saved " : "Added ")
      << HumanReadableSize(static_cast<int64_t>(change)) << ", " << PercentText(percent) << "% in "
      << duration << ".\n";
}

}  // namespace

int RunCopy(const CliOptions& options, bool merge, Console console) {
  const char* operation = merge ? "merge" : "copy";
  // Each input's overview as it is opened (with its selection's warnings), before the copy.
  std::vector<std::unique_ptr<Reader>> inputs;
  auto open_input = [&](const std::string& path, bool first) -> bool {
    auto reader = std::make_unique<Reader>();
    if (first) {
      if (!OpenInput(path, *reader, console)) return false;
    } else if (!reader->Open(path).ok()) {
      console.err << "Error: could not open " << path << '\n';
      return false;
    }
    RecordSelection selection = SelectRecords(*reader, options.filters, console.err);
    PrintOverview(*reader, selection.streams, DetailLevel::kMainCounters, console.out);
    inputs.push_back(std::move(reader));
    return true;
  };
  if (!open_input(options.files.front(), true)) return 1;
  if (!options.output) {
    console.err << "Error: Need a local path to do " << operation << " operation.\n";
    return 1;
  }
  for (size_t i = 1; i < options.files.size(); ++i) {
    if (!open_input(options.files[i], false)) return 1;
  }
  const bool several = inputs.size() > 1;

  CopyOptions copy = ToCopyOptions(options, merge);
  // The selections' warnings were printed as the inputs were opened.
  copy.on_warning = [&](const CopyWarning& warning) {
    if (warning.kind != CopyWarningKind::kStreamSelection) console.err << warning.text << '\n';
  };
  std::unique_ptr<ZeroVrsFilter> zero;
  if (options.zero_vrs && !several) {
    zero = std::make_unique<ZeroVrsFilter>(*inputs.front());
    copy.transform_payload = [&](size_t, size_t pos, const RecordDetails& details,
                                 std::vector<uint8_t>& payload) {
      zero->Apply(pos, details, payload);
    };
  }
  CopyResult result;
  Status status;
  const auto start = std::chrono::steady_clock::now();
  {
    Progress progress(!options.no_progress, "Reading");
    copy.progress = [&](size_t done, size_t total) { progress.Update(done, total); };
    if (several) {
      std::vector<const Reader*> readers;
      for (const auto& input : inputs) readers.push_back(input.get());
      status = Merge(readers, *options.output, copy, &result);
    } else {
      status = Copy(*inputs.front(), *options.output, copy, &result);
    }
  }
  if (!status.ok()) {
    console.err << (several ? "Merge" : "Copy") << " failed: " << status.message() << '\n';
    // Like the reference: the OS error as the exit status (ENOENT 2, ENOSPC 28...), 1 otherwise.
    return status.os_error() != 0 ? status.os_error() : 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string duration = HumanReadableDuration(seconds);
  console.out << "Wrote " << result.records_written << " records in " << duration << ".\n";

  Reader copied;
  if (Status s = copied.Open(*options.output); !s.ok()) {
    console.err << "Error: could not open copied file '" << options.files.front() << "', error #"
                << static_cast<int>(s.code()) << ": " << s.message() << '\n';
    return 1;
  }
  PrintOverview(copied, copied.streams(), DetailLevel::kMainCounters, console.out);
  PrintSizeChange(options, result, duration, console.out);
  return 0;
}

}  // namespace vrsx::cli
