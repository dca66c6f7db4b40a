// `compare <first> <other>+` (spec 03 §6.1): are files the same at the VRS level?
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "reader/logical_checksum.h"
#include "tools/commands/byte_diff.h"
#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/overview.h"

namespace vrsx::cli {

namespace {

// One file's side of a comparison: its reader and its selected streams.
struct Side {
  const Reader& reader;
  const std::vector<StreamId>& streams;
};

// Pairs the selected streams of both files by normalised id: first's stream -> other's stream.
// Empty optional when the normalised id sets differ.
std::optional<std::map<StreamId, StreamId>> PairStreams(const Side& first, const Side& other) {
  std::map<StreamId, StreamId> first_normalized = reading::NormalizedStreamIds(first.streams);
  std::map<StreamId, StreamId> other_by_normalized;
  for (const auto& [id, normalized] : reading::NormalizedStreamIds(other.streams)) {
    other_by_normalized[normalized] = id;
  }
  if (first_normalized.size() != other_by_normalized.size()) return std::nullopt;
  std::map<StreamId, StreamId> pairs;
  for (const auto& [id, normalized] : first_normalized) {
    auto found = other_by_normalized.find(normalized);
    if (found == other_by_normalized.end()) return std::nullopt;
    pairs[id] = found->second;
  }
  return pairs;
}

bool SameTags(const Side& first, const Side& other, const std::map<StreamId, StreamId>& pairs,
              Console console) {
  bool same = true;
  if (first.reader.file_tags() != other.reader.file_tags()) {
    console.err << "File tags don't match.\n";
    same = false;
  }
  for (const auto& [a, b] : pairs) {
    const StreamTags& a_tags = first.reader.stream_tags(a);
    const StreamTags& b_tags = other.reader.stream_tags(b);
    std::string names = a.NumericName() + "/" + b.NumericName();
    if (a_tags.vrs != b_tags.vrs) {
      console.err << "The VRS tags of the stream " << names << " don't match.\n";
      same = false;
    }
    if (a_tags.user != b_tags.user) {
      console.err << "The user tags of the stream " << names << " don't match.\n";
      same = false;
    }
  }
  return same;
}

// Where the comparison of one paired stream is.
struct StreamCursor {
  size_t next = 0;             // position in the other stream's stream_index()
  uint64_t first_visited = 0;  // records of the first file's stream processed
  uint64_t other_read = 0;     // records of the other file's stream read
};

std::string RecordPrefix(const RecordInfo& record) {
  return "Record " + record.stream.NumericName() + " t: " + FixedTimestamp(record.timestamp) + " " +
         RecordTypeName(record.type);
}

// Compares the visited records of the first file with their counterparts in the other file.
// Returns the number of differences; sets `errors` on read errors.
uint64_t CompareRecords(const Side& first, const std::vector<size_t>& visits, const Side& other,
                        const std::map<StreamId, StreamId>& pairs, bool& errors, Console console) {
  uint64_t differences = 0;
  std::map<StreamId, StreamCursor> cursors;
  std::vector<uint8_t> a_payload;
  std::vector<uint8_t> b_payload;
  const std::vector<RecordInfo>& a_index = first.reader.index();
  const std::vector<RecordInfo>& b_index = other.reader.index();
  for (size_t a_pos : visits) {
    const RecordInfo& a_record = a_index[a_pos];
    auto pair = pairs.find(a_record.stream);
    if (pair == pairs.end()) continue;
    StreamCursor& cursor = cursors[a_record.stream];
    ++cursor.first_visited;
    const std::vector<uint32_t>& b_records = other.reader.stream_index(pair->second);
    double t = a_record.timestamp;
    while (cursor.next < b_records.size() && b_index[b_records[cursor.next]].timestamp < t) {
      ++cursor.next;
    }
    if (cursor.next >= b_records.size() || b_index[b_records[cursor.next]].timestamp > t) {
      ++differences;
      continue;
    }
    std::optional<size_t> b_pos;
    for (size_t i = cursor.next; i < b_records.size() && b_index[b_records[i]].timestamp == t;
         ++i) {
      if (b_index[b_records[i]].type == a_record.type) {
        b_pos = b_records[i];
        break;
      }
    }
    if (!b_pos) continue;  // as the reference: no record of that type at t counts for nothing
    if (!first.reader.ReadRecord(a_pos, a_payload).ok() ||
        !other.reader.ReadRecord(*b_pos, b_payload).ok()) {
      console.err << RecordPrefix(a_record) << " Error while reading the record.\n";
      errors = true;
      continue;
    }
    ++cursor.other_read;
    if (cursor.other_read != cursor.first_visited) {
      console.err << "Record counter is different.\n";
      ++differences;
      continue;
    }
    if (a_payload.size() != b_payload.size()) {
      console.err << RecordPrefix(a_record) << " payload mismatch.\n";
      console.err << "Payload sizes differ: " << a_payload.size() << " vs. " << b_payload.size()
                  << ".\n";
      ++differences;
    } else if (!a_payload.empty() &&
               std::memcmp(a_payload.data(), b_payload.data(), a_payload.size()) != 0) {
      console.out.flush();  // keeps stdout and stderr in order when they go to the same place
      console.err << RecordPrefix(a_record) << " payload mismatch.\n";
      console.err.flush();
      PrintByteDifferences(a_payload.data(), b_payload.data(), a_payload.size(),
                           {.line_length = 8, .ascii = false}, console.out);
      ++differences;
    }
  }
  return differences;
}

// True when the files are equivalent.
bool CompareFiles(const Side& first, const std::vector<size_t>& visits, const Side& other,
                  Console console) {
  std::optional<std::map<StreamId, StreamId>> pairs = PairStreams(first, other);
  if (!pairs) {
    console.err << "Streams don't match.\n";
    return false;
  }
  if (!SameTags(first, other, *pairs, console)) return false;
  bool errors = false;
  uint64_t differences = CompareRecords(first, visits, other, *pairs, errors, console);
  if (errors) console.err << "Errors happened while reading the files\n";
  return !errors && differences == 0;
}

}  // namespace

int RunCompare(const CliOptions& options, Console console) {
  Reader first;
  if (!OpenInput(options.files.front(), first, console)) return 1;
  FilteredRecords plan = PlanRecords(first, options.filters, console.err);
  PrintOverview(first, plan.selection.streams, DetailLevel::kMainCounters, console.out);
  Side first_side{first, plan.selection.streams};
  for (size_t i = 1; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    console.out << "Comparing with ";
    Reader other;
    if (!other.Open(path).ok()) {
      console.out.flush();
      console.err << "Error: could not open " << path << '\n';
      continue;
    }
    RecordSelection selection = SelectRecords(other, options.filters, console.err);
    PrintOverview(other, selection.streams, DetailLevel::kMainCounters, console.out);
    bool same = CompareFiles(first_side, plan.records, {other, selection.streams}, console);
    console.out << (same ? "Files are equivalent.\n" : "Files differ.\n");
  }
  return 0;
}

}  // namespace vrsx::cli
