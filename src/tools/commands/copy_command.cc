// `copy` and `merge` (spec 03-cli.md §7): one or several inputs, filtered, into one output file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/commands/progress.h"
#include "tools/commands/zero_vrs.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/overview.h"
#include "vrsx/writer.h"
#include "writer/front_index.h"

namespace vrsx::cli {
namespace {

struct Input {
  std::string path;
  Reader reader;
  RecordSelection selection;
  FilteredRecords visits;
};

struct OutputStream {
  StreamDefinition definition;
  StreamId id;  // predicted, then the one AddStream gave
};

// Adds `tags` to `merged` (§7.3): new names are added, equal values ignored, other values
// stored under `<name>_merged`, `<name>_merged-1`... with a warning naming `source`.
void MergeTags(TagMap& merged, const TagMap& tags, const std::string& source, std::ostream& err) {
  TagMap additions;
  auto taken = [&](const std::string& name) {
    return merged.count(name) != 0 || tags.count(name) != 0 || additions.count(name) != 0;
  };
  for (const auto& [name, value] : tags) {
    auto found = merged.find(name);
    if (found == merged.end()) {
      additions[name] = value;
      continue;
    }
    if (found->second == value) continue;
    err << "Warning! The tag '" << name << "' was already set. Dup found in: " << source << '\n';
    std::string new_name = name + "_merged";
    for (int i = 1; taken(new_name); ++i) new_name = name + "_merged-" + std::to_string(i);
    additions[new_name] = value;
  }
  for (auto& [name, value] : additions) merged[name] = value;
}

// VRS tags of merged streams: first value wins.
void MergeVrsTags(TagMap& merged, const TagMap& tags, const std::string& source,
                  std::ostream& err) {
  for (const auto& [name, value] : tags) {
    auto [it, inserted] = merged.emplace(name, value);
    if (!inserted && it->second != value) {
      err << "Warning! The tag '" << name << "' was already set, ignoring value '" << value
          << "' from " << source << '\n';
    }
  }
}

// The file name as the reference names a multi-chunk input.
std::string SourceName(const Input& input) {
  const auto& chunks = input.reader.chunks();
  if (chunks.size() <= 1) return input.path;
  std::string spec = "{\"chunks\":[";
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i > 0) spec += ',';
    spec += '"' + chunks[i].path + '"';
  }
  return spec + "],\"storage\":\"diskfile\"}";
}

struct PendingRecord {
  double timestamp;
  StreamId stream;
  uint64_t offset;
  size_t input;
  size_t pos;
  bool operator<(const PendingRecord& o) const {
    return std::tie(timestamp, stream, offset, input) <
           std::tie(o.timestamp, o.stream, o.offset, o.input);
  }
};

std::string PercentText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

}  // namespace

int RunCopy(const CliOptions& options, bool merge, Console console) {
  const char* operation = merge ? "merge" : "copy";
  std::vector<std::unique_ptr<Input>> inputs;
  auto open_input = [&](const std::string& path, bool first) -> bool {
    auto input = std::make_unique<Input>();
    input->path = path;
    if (first) {
      if (!OpenInput(path, input->reader, console)) return false;
    } else if (!input->reader.Open(path).ok()) {
      console.err << "Error: could not open " << path << '\n';
      return false;
    }
    input->selection = SelectRecords(input->reader, options.filters, console.err);
    PrintOverview(input->reader, input->selection.streams, DetailLevel::kMainCounters, console.out);
    inputs.push_back(std::move(input));
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

  // One time window for every input, then each input's visits. The selection warnings were
  // written as each input was opened: only the window's is left.
  std::vector<const Reader*> readers;
  for (const auto& input : inputs) readers.push_back(&input->reader);
  std::vector<FilteredRecords> visits = FilterRecords(readers, ToRecordFilter(options.filters));
  if (!visits.front().window.valid()) console.err << visits.front().window.InvalidMessage() << '\n';
  for (size_t k = 0; k < inputs.size(); ++k) inputs[k]->visits = std::move(visits[k]);

  // Output streams, and where each input stream goes.
  const vrsx::CompressionPreset preset = options.compression;
  std::vector<OutputStream> outputs;
  std::map<uint16_t, uint16_t> instances_per_type;
  std::vector<std::map<StreamId, size_t>> routes(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Input& input = *inputs[k];
    std::map<uint16_t, size_t> rank_per_type;
    for (StreamId stream : input.selection.streams) {
      const StreamTags& tags = input.reader.stream_tags(stream);
      if (merge && k > 0) {
        size_t rank = rank_per_type[stream.type_id]++;
        size_t seen = 0;
        std::optional<size_t> target;
        for (size_t o = 0; o < outputs.size(); ++o) {
          if (outputs[o].definition.type_id == stream.type_id && seen++ == rank) {
            target = o;
            break;
          }
        }
        if (target) {
          std::string source = RecordableTypeName(stream.type_id) + " #" +
                               std::to_string(stream.instance_id) + " of " + SourceName(input);
          StreamDefinition& def = outputs[*target].definition;
          MergeTags(def.user_tags, tags.user, source, console.err);
          MergeVrsTags(*def.copied_vrs_tags, tags.vrs, source, console.err);
          routes[k][stream] = *target;
          continue;
        }
      }
      OutputStream out;
      out.definition = StreamDefinition(stream.type_id, input.reader.flavor(stream), preset);
      out.definition.user_tags = tags.user;
      out.definition.copied_vrs_tags = tags.vrs;
      out.id = StreamId{stream.type_id, ++instances_per_type[stream.type_id]};
      routes[k][stream] = outputs.size();
      outputs.push_back(std::move(out));
    }
  }
  // Output streams are created type by type, instance by instance.
  std::vector<size_t> creation_order(outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) creation_order[i] = i;
  std::stable_sort(creation_order.begin(), creation_order.end(),
                   [&](size_t a, size_t b) { return outputs[a].id < outputs[b].id; });
  for (const StreamTagOverride& tag : options.stream_tags) {
    for (OutputStream& out : outputs) {
      if (out.id == tag.stream) out.definition.user_tags[tag.name] = tag.value;
    }
  }

  // File tags.
  TagMap file_tags = inputs.front()->reader.file_tags();
  for (size_t k = 1; k < inputs.size(); ++k) {
    MergeTags(file_tags, inputs[k]->reader.file_tags(), SourceName(*inputs[k]), console.err);
  }
  for (const auto& [name, value] : options.file_tags) file_tags[name] = value;

  // Records, in writing order.
  std::vector<PendingRecord> records;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Reader& reader = inputs[k]->reader;
    for (size_t pos : inputs[k]->visits.AllWithPreroll()) {
      const RecordInfo& info = reader.index()[pos];
      records.push_back({info.timestamp, info.stream, info.offset, k, pos});
    }
  }
  // One input comes in index order already, which is this order.
  if (!std::is_sorted(records.begin(), records.end())) {
    std::stable_sort(records.begin(), records.end());
  }
  // The index goes at the front (spec 03 §7.2), sized like the reference's: from the records
  // before duplicate suppression, with sizes derived from their source offsets.
  std::vector<RecordInfo> preliminary;
  preliminary.reserve(records.size());
  for (const PendingRecord& record : records) {
    RecordInfo info = inputs[record.input]->reader.index()[record.pos];
    info.stream = outputs[routes[record.input].at(info.stream)].id;
    preliminary.push_back(info);
  }
  writing::SetReferencePreliminarySizes(preliminary);
  if (several) {
    // Duplicate suppression (§7.3): per output stream and record type, a record with the
    // timestamp of the last one accepted is dropped.
    std::map<std::pair<size_t, RecordType>, double> last_accepted;
    auto duplicate = [&](const PendingRecord& record) {
      const RecordInfo& info = inputs[record.input]->reader.index()[record.pos];
      auto key = std::make_pair(routes[record.input].at(info.stream), info.type);
      auto [found, inserted] = last_accepted.try_emplace(key, info.timestamp);
      if (inserted) return false;
      if (found->second == info.timestamp) return true;
      found->second = info.timestamp;
      return false;
    };
    records.erase(std::remove_if(records.begin(), records.end(), duplicate), records.end());
  }

  const auto start = std::chrono::steady_clock::now();
  WriterOptions writer_options;
  if (options.chunk_size) writer_options.max_chunk_size = *options.chunk_size;
  writer_options.auto_flush_interval = 0;
  // Records come as fast as they are read: a small queue keeps the record buffers in cache
  // and recycled, instead of hundreds of MB of fresh pages.
  writer_options.max_queued_bytes = size_t(32) << 20;
  writer_options.preallocated_index = std::move(preliminary);
  Writer writer(std::move(writer_options));
  Status status;
  for (const auto& [name, value] : file_tags) {
    if (status.ok()) status = writer.SetFileTag(name, value);
  }
  for (size_t o : creation_order) {
    if (!status.ok()) break;
    StreamId id;
    status = writer.AddStream(outputs[o].definition, id);
    outputs[o].id = id;
  }
  if (status.ok()) status = writer.Create(*options.output);

  std::unique_ptr<ZeroVrsFilter> zero;
  if (options.zero_vrs && !several) zero = std::make_unique<ZeroVrsFilter>(inputs.front()->reader);
  uint64_t written = 0;
  std::vector<uint8_t> payload;
  RecordDetails details;
  {
    Progress progress(!options.no_progress, "Reading");
    for (size_t i = 0; status.ok() && i < records.size(); ++i) {
      progress.Update(i, records.size());
      const PendingRecord& record = records[i];
      const Reader& reader = inputs[record.input]->reader;
      const RecordInfo& info = reader.index()[record.pos];
      size_t out = routes[record.input].at(info.stream);
      status = reader.ReadRecord(record.pos, payload, &details);
      if (!status.ok()) break;
      if (zero) zero->Apply(record.pos, details, payload);
      status =
          writer.AddRecord(outputs[out].id, {info.type, details.format_version, info.timestamp},
                           Writer::Piece(payload.data(), payload.size()));
      ++written;
    }
  }
  Status closed = writer.Close();
  if (status.ok()) status = closed;
  if (!status.ok()) {
    console.err << (several ? "Merge" : "Copy") << " failed: " << status.message() << '\n';
    // Like the reference: the OS error as the exit status (ENOENT 2, ENOSPC 28...), 1 otherwise.
    return status.os_error() != 0 ? status.os_error() : 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string duration = HumanReadableDuration(seconds);
  console.out << "Wrote " << written << " records in " << duration << ".\n";

  Reader copied;
  if (Status s = copied.Open(*options.output); !s.ok()) {
    console.err << "Error: could not open copied file '" << options.files.front() << "', error #"
                << static_cast<int>(s.code()) << ": " << s.message() << '\n';
    return 1;
  }
  PrintOverview(copied, copied.streams(), DetailLevel::kMainCounters, console.out);
  uint64_t input_size = 0;
  for (const auto& input : inputs) input_size += input->reader.total_size();
  uint64_t output_size = copied.total_size();
  console.out << "Preset " << CompressionPresetPrettyName(options.compression) << ": ";
  if (output_size == input_size) {
    console.out << "No file size change.\n";
  } else {
    uint64_t change =
        output_size > input_size ? output_size - input_size : input_size - output_size;
    double percent = input_size ? 100.0 * double(change) / double(input_size) : 0.0;
    console.out << (output_size < input_size ? "Saved " : "Added ")
                << HumanReadableSize(static_cast<int64_t>(change)) << ", " << PercentText(percent)
                << "% in " << duration << ".\n";
  }
  return 0;
}

}  // namespace vrsx::cli
