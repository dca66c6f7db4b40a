// `vrsx recover FILE --to OUT` (vrsx only, docs/recover.md): vrsx::Recover writes every intact
// record of a damaged file into a clean new file; this says what was kept and what was lost.
// Exit status: 0 when nothing was lost, 3 when some was, 1 when nothing could be recovered or the
// input is unusable (not a VRS file, damaged description record).
#include <string>

#include "tools/commands/commands.h"
#include "tools/rendering/human_format.h"
#include "vrsx/recovery.h"

namespace vrsx::cli {

namespace {

constexpr int kAllRecovered = 0;
constexpr int kUnusable = 1;
constexpr int kSomeLost = 3;

std::string Plural(uint64_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

int RunRecover(const CliOptions& options, Console console) {
  const std::string& input = options.files.front();
  if (!options.output || options.output->empty()) {
    console.err << options.app_name << ": error. 'recover' requires an output path: --to <file>.\n";
    return kUnusable;
  }
  const std::string& output = *options.output;
  RecoverResult result;
  Status status = Recover(input, output, {}, result);
  for (const std::string& message : result.messages) console.err << message << '\n';
  if (!status.ok()) {
    console.err << "Error: " << status.message() << '\n';
    return kUnusable;
  }

  console.out << "Recovered '" << input << "' into '" << output
              << "': kept the description record and " << Plural(result.records_kept, "record")
              << " of " << Plural(result.streams, "stream") << ".\n";
  if (result.outcome == RecoverOutcome::kAllRecovered) {
    console.out << "Nothing lost.\n";
    return kAllRecovered;
  }
  console.out << "Lost "
              << (result.records_lost > 0 ? "at least " + Plural(result.records_lost, "record")
                                          : std::string("an unknown number of records"))
              << " and " << Plural(result.bytes_lost, "byte") << " in "
              << Plural(result.damaged.size(), "damaged region") << ".\n";
  for (const DamagedRegion& region : result.damaged) {
    console.out << "Damaged: offsets " << region.offset << " to " << region.end() << " ("
                << HumanReadableSize(int64_t(region.size)) << ").\n";
  }
  return result.outcome == RecoverOutcome::kSomeLost ? kSomeLost : kUnusable;
}

}  // namespace vrsx::cli
