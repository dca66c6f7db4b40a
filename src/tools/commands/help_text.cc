// The help text of the command line tool (spec 03-cli.md §9.4, §13.14).
#include <string>
#include <string_view>

#include "tools/commands/cli_options.h"

namespace vrsx::cli {
namespace {

// Everything after the title line. {APP} is the program name; {PLUSMINUS} the UTF-8 "±".
constexpr std::string_view kHelpBody = R"HELP(
Get details about a VRS file:
  {APP} [ file.vrs ] [filter-options]

Command format:
  {APP} <command> [ arguments ]*

Show this documentation:
  {APP} help

Export file description as single-line JSON:
  {APP} json-description <file.vrs>
Export file description as indented JSON:
  {APP} json-pretty-description <file.vrs>
List records with timestamp, stream name and type:
  {APP} list <file.vrs> [filter-options]
Show RecordFormat and DataLayout definitions:
  {APP} record-formats <file.vrs>
Print records using RecordFormat & DataLayout:
  {APP} print <file.vrs> [filter-options]
Print detailed records with RecordFormat & DataLayout:
  {APP} print-details <file.vrs> [filter-options]
Export records as JSON:
  {APP} print-json <file.vrs> [filter-options]
Export records as indented JSON:
  {APP} print-json-pretty <file.vrs> [filter-options]
Print file info and first records for diagnostics:
  {APP} rage <file.vrs>

Copy streams from one or more files into one:
  {APP} copy [ vrsfiles.vrs ]+ --to <target.vrs> [copy-options] [tag-options] [filter-options]
Merge streams from multiple files into one:
  {APP} merge [ vrsfiles.vrs ]+ --to <target.vrs> [copy-options] [tag-options] [filter-options]
Create compressed copy with zeroed image and audio data:
  {APP} copy --zero-vrs <file.vrs> --to <output.vrs>

Extract images to folder (jpg/png preserved, RAW converted to PNG or kept as raw with --raw-images):
  {APP} extract-images file.vrs [ --to <folder_path> ] [ --raw-images ] [filter-options]
Extract audio as WAVE files:
  {APP} extract-audio file.vrs [ --to <folder_path> ] [filter-options]
Extract images, audio, and metadata:
  {APP} extract-all file.vrs [ --to <folder_path> ] [filter-options]

Verify file integrity:
  {APP} check <file.vrs> [filter-options]
Verify record formats and image compression:
  {APP} decode <file.vrs> [filter-options]
Calculate file checksum at VRS data level:
  {APP} checksum <file.vrs> [filter-options]
Calculate checksums for each file section:
  {APP} checksums <file.vrs> [filter-options]
Calculate raw file checksum:
  {APP} checksum-verbatim <file.vrs> [filter-options]
Show hex dump with checksums:
  {APP} hexdump <file.vrs> [filter-options]
Compare files at VRS data level:
  {APP} compare <original.vrs> [others.vrs]+ [filter-options]
Compare files at raw binary level:
  {APP} compare-verbatim <original.vrs> <other.vrs>

Run compression benchmarks:
  {APP} compression-benchmark <file.vrs>

Special Commands:
Fix VRS index in place (WARNING: MODIFIES FILES IF NEEDED):
  {APP} fix-index <file.vrs> [<file2.vrs>]+
Salvage the intact records of a damaged file into a new file (vrsx only):
  {APP} recover <file.vrs> --to <output.vrs>
Show VRS file format internals:
  {APP} debug <file.vrs>

Record Filtering Options:

 Timestamp Filtering:
  - Timestamps: Values starting with a digit are absolute timestamps.
  - '+' prefix: Offset from first data record timestamp.
  - '-' prefix: Offset from last data record timestamp.
  - All times are in seconds as floating point numbers.
  - Range notation: (min-time, max-time] (min exclusive, max inclusive).
  - Min-time filters preserve last configuration and state records before.
  [ --after [+|-]<min-time> ]: Include records after specified time.
  [ --before [+|-]<max-time> ]: Include records before or at specified time.
  [ --range [+|-]<min-time> [+|-]<max-time> ]: Include records within specified time range.
  [ --around [+|-]<time> <range> ]: Include records within time{PLUSMINUS}range window.

 Stream Filtering:
  [ + <recordable_type_id> ]: Include all streams of specified type.
  [ + <recordable_type_id>-<instance_id> ]: Include specific stream.
  [ - <recordable_type_id> ]: Exclude all streams of specified type.
  [ - <recordable_type_id>-<instance_id> ]: Exclude specific stream.

 Record Type Filtering:
  [ + [configuration|state|data] ]: Include specified record type.
  [ - [configuration|state|data] ]: Exclude specified record type.

 Other Record Filtering:
  [ -1 | --first-records ]: Include only first record of each stream and type.
  [ --decimate <recordable_type_id>[-<instance_id>] <timestamp_interval> ]: Output at most
    one data record per <timestamp_interval> seconds for specified stream(s).
  [ --bucket-interval <timestamp_interval> ]
  [ --bucket-max-delta <timestamp_delta> ]: Group records with similar timestamps into buckets.
    Outputs one records per stream per bucket. Skips records with timestamps exceeding max-delta.

Copy Options:
  [ --no-progress ]: Hide progress information (useful when scripting using basic terminals).
  [ --mt <thread-count> ]: Use specified number of threads for compression.
  [ --chunk-size <nb>[M|G] ]: Split output file into chunks of <nb> MiB (default) or GiB.
  [ --compression=<level> ]: Set lz4 or zstd record compression level.
    levels: none, default, fast, tight, zfast, zlight, zmedium, ztight, zmax.
  [ --late-index ]: Write index at end of file (smaller file, but worse for streaming).

Tag Override Options:
  [ --file-tag <tag_name> <tag_value> ]: Set file-level tag.
  [ --stream-tag <recordable_type_id> <tag_name> <tag_value> ]: Set stream-level tag.

Examples:
Get file summary:
  {APP} src.vrs
Get file description as JSON:
  {APP} json-description file.vrs
Get file description as indented JSON:
  {APP} json-pretty-description file.vrs
List records with basic details:
  {APP} list src.vrs
Get configuration records as JSON:
  {APP} print-json src.vrs + configuration
Get device 1001's config & state records as JSON:
  {APP} print-json src.vrs + 1001 - data
Clean up recording with default compression and rebuilt index:
  {APP} copy src.vrs --to cleanedRecording.vrs
Recompress with tighter zstd compression:
  {APP} copy src.vrs --to tight.vrs --compression=ztight
Remove all ImageStream streams:
  {APP} src.vrs # identify that '100' is ImageStream
  {APP} copy src.vrs --to noImageStream.vrs - 100
Extract specific streams:
  {APP} src.vrs # identify stream IDs (e.g., 100-1 and 101-1)
  {APP} copy src.vrs --to extract.vrs + 100-1 + 101-1
Trim data records in first 2s and last 1s:
  {APP} copy src.vrs --to extract.vrs --after +2 --before -1
Combine multiple files (keeping streams separate):
  {APP} copy first.vrs second.vrs third.vrs --to new.vrs
Merge multiple files (combining streams by type):
  {APP} merge first.vrs second.vrs third.vrs --to new.vrs
Extract all images to folder:
  {APP} extract-images file.vrs --to imageFolder
Extract ImageStream images from first 5 seconds:
  {APP} src.vrs # identify that '100' is ImageStream
  {APP} extract-images file.vrs --to imageFolder + 100 --before +5

)HELP";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

std::string HelpText(std::string_view app_name) {
  std::string text = "Help for the {APP} command line tool, built " __DATE__ ":\n";
  text += kHelpBody;
  ReplaceAll(text, "{PLUSMINUS}", "\xc2\xb1");
  ReplaceAll(text, "{APP}", app_name);
  return text;
}

}  // namespace vrsx::cli
