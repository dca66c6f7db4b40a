#include "tools/rendering/overview.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

#include "tools/rendering/human_format.h"
#include "tools/rendering/json_out.h"
#include "tools/rendering/printable.h"

namespace vrsx::cli {

namespace {

constexpr const char* kCaptureTimeTag = "capture_time_epoch";

size_t TerminalWidth() {
  struct winsize size;
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 160;
}

void PrintFileLine(const Reader& reader, DetailLevel level, std::ostream& out) {
  const std::vector<ChunkInfo>& chunks = reader.chunks();
  std::string total = HumanReadableSize(int64_t(reader.total_size()));
  if (chunks.size() == 1) {
    out << "VRS file: '" << chunks[0].path << "', " << total << ".\n";
  } else if (level == DetailLevel::kEverything) {
    out << "VRS file with " << chunks.size() << " chunks, " << total << " total:\n";
    for (size_t i = 0; i < chunks.size(); ++i) {
      out << "  Chunk #" << i << ": '" << chunks[i].path << "', "
          << HumanReadableSize(int64_t(chunks[i].size)) << ".\n";
    }
  } else {
    out << "VRS file with " << chunks.size() << " chunks, " << total << " total, starting with "
        << chunks[0].path << ".\n";
  }
}

// "from T1 to T2 (dur, rate rps)" / "at T": the tail of a count line.
struct Span {
  uint64_t count = 0;
  double first = std::numeric_limits<double>::infinity();
  double last = -std::numeric_limits<double>::infinity();

  void Add(double t) {
    ++count;
    first = std::min(first, t);
    last = std::max(last, t);
  }
};

std::string RateSuffix(const Span& span) {
  if (span.count > 1 && span.last > span.first) {
    return ", " + FormatRate(double(span.count - 1) / (span.last - span.first)) + "rps";
  }
  return "";
}

void PrintCounters(const Reader& reader, const std::vector<StreamId>& streams, std::ostream& out) {
  uint64_t records = 0;
  for (StreamId id : streams) records += reader.stream_index(id).size();
  // The data part covers the whole file, whatever the stream filters (as the reference does).
  Span data;
  for (const RecordInfo& record : reader.index()) {
    if (record.type == RecordType::kData) data.Add(record.timestamp);
  }
  out << "Found " << Counted(streams.size(), "stream") << ", " << Counted(records, "record")
      << ", ";
  if (data.count == 0) {
    out << "no data records";
  } else if (data.count == 1) {
    out << "1 data record at " << HumanTimestamp(data.first);
  } else {
    out << data.count << " data records from " << HumanTimestamp(data.first) << " to "
        << HumanTimestamp(data.last) << " (" << HumanReadableDuration(data.last - data.first)
        << RateSuffix(data) << ")";
  }
  out << ".\n";
}

// A stream's records counted by type, and its size, in one pass over its records (a 1M-record
// file's overview walked each stream four times).
struct StreamCounts {
  Span by_type[5];  // indexed by RecordType
  uint64_t size = 0;
};

StreamCounts CountStream(const Reader& reader, StreamId id) {
  StreamCounts counts;
  const std::vector<RecordInfo>& index = reader.index();
  for (uint32_t pos : reader.stream_index(id)) {
    const RecordInfo& record = index[pos];
    counts.size += record.disk_size;
    size_t type = size_t(record.type);
    if (type < std::size(counts.by_type)) counts.by_type[type].Add(record.timestamp);
  }
  return counts;
}

void PrintTypeCount(const Span& span, RecordType type, std::ostream& out) {
  std::string noun = RecordTypeName(type);
  for (char& c : noun) c = char(std::tolower(static_cast<unsigned char>(c)));
  noun += " record";
  out << "  " << Counted(span.count, noun, true);
  if (span.count == 1) {
    out << ", at " << HumanTimestamp(span.first);
  } else if (span.count > 1) {
    out << ", from " << HumanTimestamp(span.first) << " to " << HumanTimestamp(span.last) << " ("
        << HumanReadableDuration(span.last - span.first)
        << (type == RecordType::kData ? RateSuffix(span) : "") << ")";
  }
  out << ".\n";
}

void PrintStream(const Reader& reader, StreamId id, size_t width, std::ostream& out) {
  std::string type_name = RecordableTypeName(id.type_id);
  std::string original = reader.original_name(id);
  bool renamed = original != type_name;
  std::string noun = (renamed ? original : type_name) + " #" + std::to_string(id.instance_id);
  std::string flavor = reader.flavor(id);
  if (!flavor.empty()) noun += " - " + flavor;
  noun += " [" + id.NumericName() + "] record";
  out << Counted(reader.stream_index(id).size(), noun, true);
  if (renamed && IsKnownRecordableType(id.type_id)) {
    out << " (device now known as \"" << type_name << "\")";
  }
  StreamCounts counts = CountStream(reader, id);
  out << ", " << HumanReadableSize(int64_t(counts.size)) << ".\n";
  const StreamTags& tags = reader.stream_tags(id);
  for (const auto& [name, value] : tags.vrs)
    out << TagLine("  VRS Tag: ", name, value, width) << '\n';
  for (const auto& [name, value] : tags.user) out << TagLine("  Tag: ", name, value, width) << '\n';
  for (RecordType type : {RecordType::kConfiguration, RecordType::kState, RecordType::kData}) {
    PrintTypeCount(counts.by_type[size_t(type)], type, out);
  }
}

}  // namespace

void PrintOverview(const Reader& reader, const std::vector<StreamId>& streams, DetailLevel level,
                   std::ostream& out) {
  PrintFileLine(reader, level, out);
  if (level == DetailLevel::kBasics) return;
  PrintCounters(reader, streams, out);
  if (level != DetailLevel::kEverything) return;
  size_t width = TerminalWidth();
  for (const auto& [name, value] : reader.file_tags()) {
    std::string shown = name == kCaptureTimeTag ? value + CaptureTimeSuffix(value) : value;
    out << TagLine("  Tag: ", name, shown, width) << '\n';
  }
  for (StreamId id : streams) PrintStream(reader, id, width, out);
}

namespace {

nlohmann::ordered_json TagsJson(const TagMap& tags) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [name, value] : tags) json[name] = MakePrintable(value);
  return json;
}

nlohmann::ordered_json CountsJson(const Span& span) {
  nlohmann::ordered_json json;
  json["number_of_records"] = span.count;
  if (span.count > 0) {
    json["start_time"] = span.first;
    json["end_time"] = span.last;
  }
  return json;
}

}  // namespace

std::string JsonDescription(const Reader& reader, const std::vector<StreamId>& streams, bool pretty,
                            JsonNames names) {
  bool pub = names == JsonNames::kPublic;
  nlohmann::ordered_json json;
  const std::vector<ChunkInfo>& chunks = reader.chunks();
  json["file_name"] = chunks.empty() ? std::string() : chunks[0].path;
  json["file_chunks"] = nlohmann::ordered_json::array();
  for (const ChunkInfo& chunk : chunks) json["file_chunks"].push_back(chunk.path);
  json["file_size_short"] = HumanReadableSize(int64_t(reader.total_size()));
  json["file_size"] = reader.total_size();
  json["tags"] = TagsJson(reader.file_tags());
  json["number_of_devices"] = streams.size();
  Span all;
  for (StreamId id : streams) {
    for (uint32_t pos : reader.stream_index(id)) all.Add(reader.index()[pos].timestamp);
  }
  json["number_of_records"] = all.count;
  if (all.count > 0) {
    json["start_time"] = all.first;
    json["end_time"] = all.last;
  }
  nlohmann::ordered_json devices = nlohmann::ordered_json::array();
  for (StreamId id : streams) {
    nlohmann::ordered_json device;
    std::string type_name = RecordableTypeName(id.type_id);
    device[pub ? "device_name" : "recordable_name"] = type_name;
    device[pub ? "device_type_id" : "recordable_id"] = id.type_id;
    device[pub ? "device_instance_id" : "instance_id"] = id.instance_id;
    if (std::string flavor = reader.flavor(id); !flavor.empty()) {
      device[pub ? "device_flavor" : "recordable_flavor"] = flavor;
    }
    if (std::string original = reader.original_name(id); original != type_name) {
      device[pub ? "device_original_name" : "recordable_original_name"] = original;
    }
    device["tags"] = TagsJson(reader.stream_tags(id).user);
    device["vrs_tag"] = TagsJson(reader.stream_tags(id).vrs);
    StreamCounts counts = CountStream(reader, id);
    device["configuration"] = CountsJson(counts.by_type[size_t(RecordType::kConfiguration)]);
    device["state"] = CountsJson(counts.by_type[size_t(RecordType::kState)]);
    device["data"] = CountsJson(counts.by_type[size_t(RecordType::kData)]);
    device["stream_size"] = counts.size;
    devices.push_back(std::move(device));
  }
  json["devices"] = std::move(devices);
  return pretty ? JsonPretty(json) : JsonCompact(json);
}

}  // namespace vrsx::cli
