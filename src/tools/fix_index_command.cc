// `fix-index FILE...` (spec 03 §9.1): opens each input with index repair enabled, which writes a
// rebuilt index back into a file whose index was missing or incomplete, then prints its file
// line. The reader's warnings and the INFO messages go to stderr.
#include <string>

#include "index/index_repair.h"
#include "tools/commands.h"
#include "tools/overview.h"

namespace vrsx::cli {

int RunFixIndex(const CliOptions& options, Console console) {
  OpenOptions open_options;
  open_options.repair_index = true;
  for (const std::string& path : options.files) {
    Reader reader;
    if (!reader.Open(path, open_options).ok()) {
      console.out.flush();
      console.err << "Error: could not open " << path << '\n';
      return 1;
    }
    bool repaired = false;
    for (const std::string& warning : reader.warnings()) {
      repaired = repaired || warning.rfind(index::kRepairSuccessPrefix, 0) == 0;
      console.err << warning << '\n';
    }
    if (reader.had_complete_index() && !repaired) {
      console.err << "The file's index seems fine, so the file won't be modified.\n";
    }
    PrintOverview(reader, reader.streams(), DetailLevel::kBasics, console.out);
  }
  return 0;
}

}  // namespace vrsx::cli
