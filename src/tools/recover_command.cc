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
#include "format/description_record.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "index/index_record.h"
#include "index/record_scan.h"
#include "index/recovered_file.h"
#include "tools/commands.h"
#include "tools/human_format.h"

namespace vrsx::cli {

namespace {

constexpr int kAllRecovered = 0;
constexpr int kUnusable = 1;
constexpr int kSomeLost = 3;
// Description records hold tags only; anything bigger is corrupt.
constexpr uint64_t kMaxDescriptionSize = 1u << 30;

// The description record of `file`, checked: its offset, its size and its streams.
struct CheckedDescription {
  uint64_t offset = 0;
  uint32_t size = 0;
  format::Description content;
};

Status ReadDescription(const format::ChunkedFile& file, const format::FileHeader& header,
                       CheckedDescription& out) {
  if (header.description_record_offset <= 0) {
    return {ErrorCode::kCorrupt, "the file header names no description record"};
  }
  out.offset = uint64_t(header.description_record_offset);
  auto damaged = [&](const std::string& what) {
    return Status{ErrorCode::kCorrupt,
                  "description record at offset " + std::to_string(out.offset) + ": " + what};
  };
  uint8_t bytes[format::kMaxRecordHeaderSize];
  if (!file.ReadExactly(out.offset, bytes, header.record_header_size).ok()) {
    return damaged("cut by the end of the file");
  }
  format::RecordHeader record = format::RecordHeader::Decode(bytes);
  if (!record.IsDescription() || !record.IsSane(header.record_header_size) ||
      record.compression != format::kCompressionNone) {
    return damaged("bad record header");
  }
  uint64_t payload_size = record.record_size - header.record_header_size;
  if (payload_size > kMaxDescriptionSize || out.offset + record.record_size > file.size()) {
    return damaged("runs past the end of the file");
  }
  std::vector<uint8_t> payload(payload_size);
  Status status =
      file.ReadExactly(out.offset + header.record_header_size, payload.data(), payload.size());
  if (status.ok()) {
    status = format::DecodeDescription(record.format_version, payload.data(), payload.size(),
                                       out.content);
  }
  if (!status.ok()) return damaged(status.message());
  out.size = record.record_size;
  return Status::Ok();
}

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
  format::FileHeader header;
  uint8_t header_bytes[format::kFileHeaderSize];
  status = file.ReadExactly(0, header_bytes, sizeof header_bytes);
  if (status.ok()) {
    header = format::FileHeader::Decode(header_bytes);
    status = header.Validate();
  }
  if (!status.ok()) {
    console.err << "Error: '" << input << "': not a VRS file (" << status.message()
                << "), nothing recovered.\n";
    return kUnusable;
  }
  CheckedDescription description;
  status = ReadDescription(file, header, description);
  if (!status.ok()) {
    console.err << "Error: '" << input << "': " << status.message()
                << ". Without it the streams' tags and formats are unknown: nothing recovered.\n";
    return kUnusable;
  }

  // Streams a scanned record may belong to: the description's, and the index's when it reads.
  index::ScanOptions scan;
  std::set<StreamId> prelude_streams;
  for (const auto& [stream, tags] : description.content.streams) scan.known_streams.insert(stream);
  index::LoadedIndex original_index;
  bool index_read = index::ReadIndex(file, header, description.size, original_index).ok();
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
    scan.start = description.offset + description.size;
    scan.first_previous = description.size;
  }
  index::ScanResult result = index::ScanRecords(file, header, scan);
  for (const std::string& warning : result.warnings) console.err << warning << '\n';

  std::set<StreamId> streams = prelude_streams;
  for (const auto& [stream, tags] : description.content.streams) streams.insert(stream);
  for (const index::ScannedRecord& record : result.records) streams.insert(record.header.stream());
  index::RecoveredFileSource source{&file, header, description.offset, description.size};
  status =
      index::WriteRecoveredFile(source, result.records, {streams.begin(), streams.end()}, output);
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
  for (const index::DamagedRegion& region : result.damaged) {
    console.out << "Damaged: offsets " << region.begin << " to " << region.end << " ("
                << HumanReadableSize(int64_t(region.size())) << ").\n";
  }
  return kept > 0 ? kSomeLost : kUnusable;
}

}  // namespace vrsx::cli
