// `fix-index FILE...` (spec 03 §9.1): vrsx::RepairIndex on each input, which writes a rebuilt
// index back into a file whose index was missing or incomplete, then the file's overview line.
// What the repair found and did goes to stderr.
#include <string>

#include "tools/commands/commands.h"
#include "tools/rendering/overview.h"
#include "vrsx/recovery.h"

namespace vrsx::cli {

int RunFixIndex(const CliOptions& options, Console console) {
  for (const std::string& path : options.files) {
    IndexRepairResult repair;
    RepairIndex(path, repair);  // a failure is in its messages, or the open below fails too
    for (const std::string& message : repair.messages) console.err << message << '\n';
    Reader reader;
    if (!reader.Open(path).ok()) {
      console.out.flush();
      console.err << "Error: could not open " << path << '\n';
      return 1;
    }
    if (repair.index_was_complete) {
      console.err << "The file's index seems fine, so the file won't be modified.\n";
    }
    PrintOverview(reader, reader.streams(), DetailLevel::kBasics, console.out);
  }
  return 0;
}

}  // namespace vrsx::cli
