// Commands that walk the selected records: list, check, checksum, checksums, hexdump.
#include <chrono>
#include <cstdio>

#include "format/xxh64_hasher.h"
#include "reader/logical_checksum.h"
#include "reader/ordered_reads.h"
#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/commands/progress.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/overview.h"
#include "vrsx/checksum.h"

namespace vrsx::cli {

namespace {

std::string RecordLabel(const RecordInfo& record) {
  return FixedTimestamp(record.timestamp) + " " + record.stream.Name() + " [" +
         record.stream.NumericName() + "], " + RecordTypeName(record.type) + " record";
}

// Reads records in order; stops at the first failure.
struct RecordWalk {
  size_t good = 0;
  bool failed = false;
  std::string error;
};

template <typename OnRecord>
RecordWalk WalkRecords(const Reader& reader, const std::vector<size_t>& positions,
                       bool show_progress, OnRecord on_record) {
  RecordWalk walk;
  Progress progress(show_progress, "Reading");
  reading::OrderedReadResult read = reading::ReadInOrder(
      reader, positions, on_record,
      [&progress](size_t done, size_t total) { progress.Update(done, total); });
  walk.good = read.consumed;
  if (!read.status.ok()) {
    walk.failed = true;
    walk.error = read.status.message();
  }
  return walk;
}

std::string FailureLine(size_t good, size_t total) {
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.2f", total ? 100.0 * double(good) / double(total) : 0);
  return "Failure! Checked " + std::to_string(good) + " records out of " + std::to_string(total) +
         ", " + percent + "% good.";
}

}  // namespace

int RunList(const Reader& reader, const CliOptions& options, Console console) {
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  RecordDetails details;
  for (size_t pos : plan.records) {
    const RecordInfo& record = reader.index()[pos];
    Status status = reader.ReadRecordDetails(pos, details);
    if (!status.ok()) {
      console.err << status.message() << '\n';
      continue;
    }
    console.out << RecordLabel(record) << ", " << details.payload_size << " bytes total.\n";
  }
  return 0;
}

int RunCheck(const Reader& reader, const CliOptions& options, Console console) {
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  PrintOverview(reader, plan.selection.streams, DetailLevel::kMainCounters, console.out);
  if (!plan.window.valid()) {
    console.out << "<invalid timerange>\n";
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  RecordWalk walk = WalkRecords(reader, plan.AllWithPreroll(), !options.no_progress,
                                [](size_t, const RecordDetails&, const std::vector<uint8_t>&) {});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (walk.failed) {
    console.err << walk.error << '\n';
    console.out << FailureLine(walk.good, reader.index().size()) << '\n';
  } else {
    size_t visited = walk.good - plan.preroll.size();
    console.out << "Checked " << Counted(visited, "record") << " in "
                << HumanReadableDuration(seconds) << ", no errors.\n";
  }
  return 0;
}

int RunChecksum(const Reader& reader, const CliOptions& options, bool details, Console console) {
  const RecordFilter filter = ToRecordFilter(options.filters);
  ChecksumResult checksum;
  Status status;
  {
    Progress progress(!options.no_progress, "Reading");
    status = RecordsChecksum(reader, &filter, checksum,
                             [&](size_t done, size_t total) { progress.Update(done, total); });
  }
  for (const std::string& warning : checksum.warnings) console.err << warning << '\n';
  if (!checksum.valid_time_window) {
    console.out << "<invalid timerange>\n";
    return 0;
  }
  if (!status.ok()) {
    console.err << status.message() << '\n';
    console.out << FailureLine(checksum.records_read, reader.index().size()) << '\n';
    return 0;
  }
  if (details) {
    console.out << "FileTags: " << checksum.file_tags << '\n';
    for (const StreamChecksum& part : checksum.streams) {
      std::string id = part.stream.NumericName();
      console.out << id << " VRS tags: " << part.vrs_tags << '\n'
                  << id << " User tags: " << part.user_tags << '\n'
                  << id << " Headers: " << part.headers << '\n'
                  << id << " Payload: " << part.payloads << '\n';
    }
  }
  console.out << checksum.checksum << '\n';
  return 0;
}

int RunHexdump(const Reader& reader, const CliOptions& options, Console console) {
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  reading::LogicalChecksum checksum(reader, plan.selection.streams);
  std::map<StreamId, StreamId> normalized = reading::NormalizedStreamIds(plan.selection.streams);
  RecordWalk walk = WalkRecords(
      reader, plan.AllWithPreroll(), false,
      [&](size_t pos, const RecordDetails&, const std::vector<uint8_t>& payload) {
        const RecordInfo& record = reader.index()[pos];
        format::Xxh64Hasher hasher;
        hasher.Add(payload.data(), payload.size());
        console.out << normalized[record.stream].NumericName() << ": "
                    << FixedTimestamp(record.timestamp) << ' ' << RecordTypeName(record.type)
                    << " s=" << payload.size() << " CS=" << hasher.Hex() << '\n';
        char text[24];
        for (size_t line = 0; line < payload.size(); line += 32) {
          std::snprintf(text, sizeof text, "%06zx: ", line);
          console.out << text;
          for (size_t i = line; i < line + 32; ++i) {
            if (i < payload.size()) {
              std::snprintf(text, sizeof text, "%02x", payload[i]);
              console.out << text;
            } else {
              console.out << "   ";
            }
          }
          console.out << '\n';
        }
      });
  if (walk.failed) console.err << walk.error << '\n';
  console.out << checksum.TagsAndStreamsOnly() << '\n';
  return 0;
}

}  // namespace vrsx::cli
