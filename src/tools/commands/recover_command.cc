// `vrsx recover FILE --to OUT` (vrsx only, docs/recover.md): writes every intact record of a
// damaged file into a clean new file, and says what was kept and what was lost.
// Exit status: 0 when nothing was lost, 3 when some was, 1 when nothing could be recovered or the
// input is unusable (not a VRS file, damaged description record).
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_head.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "index/index_record.h"
#include "recovery/record_scan.h"
#include "recovery/recovered_file.h"
#include "tools/commands/commands.h"
#include "tools/rendering/human_format.h"

namespace vrsx::cli {

namespace {

constexpr int kAllRecovered = 0;
constexpr int kUnusable = 1;
constexpr int kSomeLost = 3;

// True when `output` names the input file or one of its chunks.
bool IsInput(const std::string& output, const format::ChunkedFile& file) {
  std::error_code ec;
  for (const ChunkInfo& chunk : file.chunks()) {
    if (std::filesystem::equivalent(output, chunk.path, ec)) return true;
  }
  return false;
}

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
  format::ChunkedFile file;
  Status status = file.Open(format::DiscoverChunks(input));
  if (!status.ok()) {
    console.err << "Error: '" << input << "': " << status.message() << '\n';
    return kUnusable;
  }
  if (IsInput(output, file)) {
    console.err << "Error: '" << output << "' is the input file: recover writes a new file.\n";
    return kUnusable;
  }
  format::FileHead head;
  status = format::ReadFileHeader(file, head.header);
  if (!status.ok()) {
    console.err << "Error: '" << input << "': not a VRS file (" << status.message()
                << "), nothing recovered.\n";
    return kUnusable;
  }
  status = format::ReadDescriptionRecord(file, head);
  if (status.ok() && head.description_size == 0) {
    status = {ErrorCode::kCorrupt, "the file header names no description record"};
  }
  if (!status.ok()) {
    console.err << "Error: '" << input << "': " << status.message()
                << ". Without it the streams' tags and formats are unknown: nothing recovered.\n";
    return kUnusable;
  }
  const format::FileHeader& header = head.header;

  // Streams a scanned record may belong to: the description's, and the index's when it reads.
  recovery::ScanOptions scan;
  std::set<StreamId> prelude_streams;
  for (const auto& [stream, tags] : head.description.streams) scan.known_streams.insert(stream);
  index::LoadedIndex original_index;
  bool index_read = index::ReadIndex(file, header, head.description_size, original_index).ok();
  if (index_read) {
    for (StreamId stream : original_index.streams) prelude_streams.insert(stream);
    for (const RecordInfo& record : original_index.records)
      scan.known_streams.insert(record.stream);
  }
  scan.known_streams.insert(prelude_streams.begin(), prelude_streams.end());
  if (index::IsSplitHead(file, header)) {
    scan.start = file.chunk_start(1);
    scan.check_first_previous = false;
  } else {
    scan.start = head.description_offset + head.description_size;
    scan.first_previous = head.description_size;
  }
  recovery::ScanResult result = recovery::ScanRecords(file, header, scan);
  for (const std::string& warning : result.warnings) console.err << warning << '\n';

  std::set<StreamId> streams = prelude_streams;
  for (const auto& [stream, tags] : head.description.streams) streams.insert(stream);
  for (const recovery::ScannedRecord& record : result.records)
    streams.insert(record.header.stream());
  recovery::RecoveredFileSource source{&file, header, head.description_offset,
                                       head.description_size};
  status = recovery::WriteRecoveredFile(source, result.records, {streams.begin(), streams.end()},
                                        output);
  if (!status.ok()) {
    console.err << "Error: " << status.message() << '\n';
    return kUnusable;
  }

  uint64_t kept = result.records.size();
  uint64_t lost_records = result.damaged_records;
  if (index_read && original_index.records.size() > kept) {
    lost_records = std::max<uint64_t>(lost_records, original_index.records.size() - kept);
  }
  bool lost = lost_records > 0 || !result.damaged.empty();
  console.out << "Recovered '" << input << "' into '" << output
              << "': kept the description record and " << Plural(kept, "record") << " of "
              << Plural(streams.size(), "stream") << ".\n";
  if (!lost) {
    console.out << "Nothing lost.\n";
    return kAllRecovered;
  }
  console.out << "Lost "
              << (lost_records > 0 ? "at least " + Plural(lost_records, "record")
                                   : std::string("an unknown number of records"))
              << " and " << Plural(result.lost_bytes(), "byte") << " in "
              << Plural(result.damaged.size(), "damaged region") << ".\n";
  for (const recovery::DamagedRegion& region : result.damaged) {
    console.out << "Damaged: offsets " << region.offset << " to " << region.end() << " ("
                << HumanReadableSize(int64_t(region.size)) << ").\n";
  }
  return kept > 0 ? kSomeLost : kUnusable;
}

}  // namespace vrsx::cli
