// vrsx::Reader: opens the chunks, reads the description record and the index (or rebuilds it),
// merges tags records, then serves records by index position.
#include "vrsx/reader.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "compression/decompressor.h"
#include "compression/expansion_limit.h"
#include "format/chunked_file.h"
#include "format/description_record.h"
#include "format/file_head.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "format/serial_numbers.h"
#include "format/tags_record.h"
#include "index/index_rebuild.h"
#include "index/index_record.h"
#include "index/record_order.h"
#include "index/stream_numbering.h"
#include "io/huge_pages.h"
#include "reader/read_contexts.h"

namespace vrsx {

namespace {

// A payload claiming to expand more than this (zstd's best is ~1:32000 on zeros) is corrupt,
// whatever its codec: ReadRecordDetails says so without reading the payload. ReadRecord then
// checks the stored frames themselves (compression/expansion_limit.h) before allocating.
constexpr uint64_t kMaxExpansion = compression::kMaxZstdExpansion;
constexpr uint64_t kExpansionSlack = 1 << 20;

const StreamTags kNoTags;
const std::vector<uint32_t> kNoPositions;

std::string Where(const std::string& path) {
  return "'" + path + "': ";
}

}  // namespace

struct Reader::Impl {
  format::ChunkedFile file;
  format::FileHeader header;
  uint64_t description_size = 0;
  TagMap file_tags;
  std::map<StreamId, StreamTags> tags;
  std::vector<StreamId> streams;
  std::vector<RecordInfo> index;
  std::map<StreamId, std::vector<uint32_t>> positions;
  std::map<StreamId, std::array<uint32_t, 5>> counts;
  // Positions of each stream's Configuration records: decoding any record at random reads the
  // latest one before it first.
  std::map<StreamId, std::vector<uint32_t>> configuration_positions;
  bool complete_index = false;
  std::vector<std::string> warnings;
  mutable reading::ReadContexts contexts{file};

  const std::string& path() const { return file.chunks().front().path; }

  Status Open(const std::vector<std::string>& chunk_paths);
  // Reads the opened file's structures (after file.Open or file.OpenMemory).
  Status Load();
  Status ReadHead();
  void LoadIndex();
  void ApplyTagsRecords();
  void BuildLookups(std::vector<StreamId> known_streams);
  Status ReadDetails(size_t pos, RecordDetails& details, reading::ReadContext& context) const;
  Status ReadPayload(size_t pos, std::vector<uint8_t>& payload, RecordDetails& details,
                     reading::ReadContext& context) const;
  Status RecordError(size_t pos, const Status& cause) const;
};

Status Reader::Impl::ReadHead() {
  format::FileHead head;
  Status status = format::ReadFileHead(file, head);
  if (!status.ok()) return {status.code(), Where(path()) + status.message()};
  header = head.header;
  description_size = head.description_size;
  file_tags = std::move(head.description.file_tags);
  tags = std::move(head.description.streams);
  return Status::Ok();
}

void Reader::Impl::LoadIndex() {
  reading::ReadContexts::Lease context = contexts.Take();
  index::IndexLoad loaded = index::LoadOrRebuildIndex(
      file, header, description_size,
      [&context](uint64_t offset, void* out, size_t size) {
        return context->read_ahead.ReadUpTo(offset, out, size);
      },
      path());
  complete_index = !loaded.rebuilt;
  index = std::move(loaded.index.records);
  for (std::string& warning : loaded.index.warnings) warnings.push_back(std::move(warning));
  if (loaded.index.has_tags_records) ApplyTagsRecords();
  if (!loaded.index.in_order) index::SortRecords(index);
  BuildLookups(std::move(loaded.index.streams));
}

void Reader::Impl::ApplyTagsRecords() {
  bool any = std::any_of(index.begin(), index.end(),
                         [](const RecordInfo& r) { return r.type == RecordType::kTags; });
  if (!any) return;  // a rebuilt index can't tell beforehand
  std::vector<RecordInfo> kept;
  kept.reserve(index.size());
  std::vector<uint8_t> payload;
  reading::ReadContexts::Lease context = contexts.Take();
  for (size_t pos = 0; pos < index.size(); ++pos) {
    const RecordInfo& record = index[pos];
    if (record.type != RecordType::kTags) {
      kept.push_back(record);
      continue;
    }
    RecordDetails details;
    StreamTags stream_tags;
    Status status = ReadPayload(pos, payload, details, *context);
    if (status.ok()) {
      status = format::DecodeTagsRecord(payload.data(), payload.size(), stream_tags);
      if (!status.ok()) status = RecordError(pos, status);  // say which record, and where
    }
    if (!status.ok()) {
      warnings.push_back(status.message());
      continue;
    }
    StreamTags& target = tags[record.stream];
    for (auto& [key, value] : stream_tags.vrs) target.vrs[key] = value;
    for (auto& [key, value] : stream_tags.user) target.user[key] = value;
    format::CleanOriginalName(target.vrs);
  }
  index = std::move(kept);
}

void Reader::Impl::BuildLookups(std::vector<StreamId> known_streams) {
  format::GenerateMissingSerialNumbers(file_tags, tags);
  for (const auto& [id, stream_tags] : tags) known_streams.push_back(id);
  // Dense stream numbers rather than a map lookup per record. Counted first, so that each
  // stream's positions fill a vector of the right size: grown by doubling, they were a third of
  // the page faults of opening a million records.
  index::StreamNumbering numbering;
  std::vector<std::array<uint32_t, 5>> type_counts;
  for (const RecordInfo& record : index) {
    uint32_t number = numbering.NumberOf(record.stream);
    if (number == type_counts.size()) type_counts.push_back({});
    type_counts[number][size_t(record.type) % 5]++;
  }
  std::vector<std::vector<uint32_t>> stream_positions(type_counts.size());
  for (size_t n = 0; n < type_counts.size(); ++n) {
    const std::array<uint32_t, 5>& c = type_counts[n];
    io::ReserveToFill(stream_positions[n], size_t(c[0]) + c[1] + c[2] + c[3] + c[4]);
  }
  for (size_t pos = 0; pos < index.size(); ++pos) {
    stream_positions[numbering.NumberOf(index[pos].stream)].push_back(uint32_t(pos));
    if (index[pos].type == RecordType::kConfiguration) {
      configuration_positions[index[pos].stream].push_back(uint32_t(pos));
    }
  }
  for (size_t n = 0; n < type_counts.size(); ++n) {
    StreamId id = numbering.ids()[n];
    positions[id] = std::move(stream_positions[n]);
    counts[id] = type_counts[n];
    known_streams.push_back(id);
  }
  std::sort(known_streams.begin(), known_streams.end());
  known_streams.erase(std::unique(known_streams.begin(), known_streams.end()), known_streams.end());
  if (known_streams.size() > index::kMaxIndexStreams) {
    warnings.push_back("too many streams; only the first " +
                       std::to_string(index::kMaxIndexStreams) + " are listed");
    known_streams.resize(index::kMaxIndexStreams);
  }
  streams = std::move(known_streams);
}

Status Reader::Impl::Open(const std::vector<std::string>& chunk_paths) {
  Status status = file.Open(chunk_paths);
  if (!status.ok()) return status;
  return Load();
}

Status Reader::Impl::Load() {
  Status status = ReadHead();
  if (!status.ok()) return status;
  LoadIndex();
  return Status::Ok();
}

Status Reader::Impl::RecordError(size_t pos, const Status& cause) const {
  const RecordInfo& entry = index[pos];
  return {cause.code(), Where(path()) + "record #" + std::to_string(pos) + " (" +
                            entry.stream.NumericName() + ", offset " +
                            std::to_string(entry.offset) + "): " + cause.message()};
}

Status Reader::Impl::ReadDetails(size_t pos, RecordDetails& details,
                                 reading::ReadContext& context) const {
  const RecordInfo& entry = index[pos];
  auto fail = [&](ErrorCode code, const std::string& what) {
    return RecordError(pos, {code, what});
  };
  uint8_t bytes[format::kMaxRecordHeaderSize];
  Status status = context.read_ahead.Read(entry.offset, bytes, header.record_header_size);
  if (!status.ok()) return RecordError(pos, status);
  format::RecordHeader record = format::RecordHeader::Decode(bytes);
  if (!record.IsSane(header.record_header_size)) {
    return fail(ErrorCode::kCorrupt, "bad record header");
  }
  bool same_time = record.timestamp == entry.timestamp ||
                   (std::isnan(record.timestamp) && std::isnan(entry.timestamp));
  if (!same_time || record.type() != entry.type || record.stream() != entry.stream) {
    return fail(ErrorCode::kCorrupt, "record header doesn't match the index");
  }
  if (entry.offset + record.record_size > file.size()) {
    return fail(ErrorCode::kTruncated, "record runs past the end of the file");
  }
  if (record.compression > format::kCompressionZstd) {
    return fail(ErrorCode::kUnsupported,
                "unsupported compression type " + std::to_string(record.compression));
  }
  details.format_version = record.format_version;
  details.stored_size = record.record_size - header.record_header_size;
  details.compression = record.compression;
  // A compressed record claiming 0 bytes is inconsistent: like the reference, read it as empty.
  details.payload_size = record.compression == format::kCompressionNone ? details.stored_size
                                                                        : record.uncompressed_size;
  if (uint64_t(details.payload_size) >
      uint64_t(details.stored_size) * kMaxExpansion + kExpansionSlack) {
    return fail(ErrorCode::kTooLarge,
                "implausible uncompressed size " + std::to_string(details.payload_size));
  }
  return Status::Ok();
}

Status Reader::Impl::ReadPayload(size_t pos, std::vector<uint8_t>& payload, RecordDetails& details,
                                 reading::ReadContext& context) const {
  Status status = ReadDetails(pos, details, context);
  if (!status.ok()) return status;
  uint64_t payload_offset = index[pos].offset + header.record_header_size;
  if (details.compression == format::kCompressionNone) {
    payload.resize(details.payload_size);
    status = context.read_ahead.Read(payload_offset, payload.data(), payload.size());
    if (status.ok()) return status;
    payload.clear();  // never half a record
    return RecordError(pos, status);
  }
  if (details.payload_size == 0) {
    payload.clear();
    return Status::Ok();
  }
  std::vector<uint8_t>& stored = context.stored;
  stored.resize(details.stored_size);
  status = context.read_ahead.Read(payload_offset, stored.data(), stored.size());
  auto codec = compression::Codec(details.compression);
  // The stored frames must back the announced size before we allocate for it.
  if (status.ok()) {
    status =
        compression::CheckClaimedSize(codec, stored.data(), stored.size(), details.payload_size);
  }
  if (status.ok()) {
    // With room for lz4 to decode the last block in place (compression/decompressor.h).
    payload.resize(details.payload_size + compression::DecodeRoom(codec, details.payload_size));
    status = context.decompressor.Decode(codec, stored.data(), stored.size(), payload.data(),
                                         details.payload_size, payload.size());
    payload.resize(details.payload_size);
  }
  if (!status.ok()) payload.clear();  // never half a record
  return status.ok() ? status : RecordError(pos, status);
}

Reader::Reader() = default;
Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

Status Reader::Open(const std::string& path) {
  impl_ = std::make_unique<Impl>();
  Status status = impl_->file.OpenPath(path);
  if (status.ok()) status = impl_->Load();
  if (!status.ok()) impl_.reset();
  return status;
}

Status Reader::Open(std::shared_ptr<const FileSource> source) {
  impl_ = std::make_unique<Impl>();
  Status status = impl_->file.Open(std::move(source));
  if (status.ok()) status = impl_->Load();
  if (!status.ok()) impl_.reset();
  return status;
}

Status Reader::OpenChunks(const std::vector<std::string>& chunk_paths) {
  impl_ = std::make_unique<Impl>();
  Status status = impl_->Open(chunk_paths);
  if (!status.ok()) impl_.reset();
  return status;
}

Status Reader::OpenMemory(const void* data, size_t size, const std::string& name) {
  impl_ = std::make_unique<Impl>();
  Status status = impl_->file.OpenMemory(static_cast<const uint8_t*>(data), size, name);
  if (status.ok()) status = impl_->Load();
  if (!status.ok()) impl_.reset();
  return status;
}

void Reader::Close() {
  impl_.reset();
}
bool Reader::IsOpen() const {
  return impl_ != nullptr;
}

namespace {
const std::vector<ChunkInfo> kNoChunks;
const TagMap kNoTagMap;
const std::vector<StreamId> kNoStreams;
const std::vector<RecordInfo> kNoRecords;
const std::vector<std::string> kNoWarnings;
}  // namespace

const std::vector<ChunkInfo>& Reader::chunks() const {
  return impl_ ? impl_->file.chunks() : kNoChunks;
}
uint64_t Reader::total_size() const {
  return impl_ ? impl_->file.size() : 0;
}
bool Reader::had_complete_index() const {
  return impl_ && impl_->complete_index;
}
const std::vector<std::string>& Reader::warnings() const {
  return impl_ ? impl_->warnings : kNoWarnings;
}
const TagMap& Reader::file_tags() const {
  return impl_ ? impl_->file_tags : kNoTagMap;
}
const std::vector<StreamId>& Reader::streams() const {
  return impl_ ? impl_->streams : kNoStreams;
}

const StreamTags& Reader::stream_tags(StreamId stream) const {
  if (!impl_) return kNoTags;
  auto it = impl_->tags.find(stream);
  return it == impl_->tags.end() ? kNoTags : it->second;
}

namespace {
std::string TagOrEmpty(const TagMap& tags, const char* name) {
  auto it = tags.find(name);
  return it == tags.end() ? std::string() : it->second;
}
}  // namespace

std::string Reader::flavor(StreamId stream) const {
  return TagOrEmpty(stream_tags(stream).vrs, kTagFlavor);
}
std::string Reader::original_name(StreamId stream) const {
  return TagOrEmpty(stream_tags(stream).vrs, kTagOriginalName);
}
std::string Reader::serial_number(StreamId stream) const {
  return TagOrEmpty(stream_tags(stream).vrs, kTagSerialNumber);
}

std::vector<StreamId> Reader::FindStreams(uint16_t type_id, const std::string& flavor) const {
  std::vector<StreamId> found;
  for (StreamId id : streams()) {
    if (id.type_id == type_id && (flavor.empty() || this->flavor(id) == flavor)) {
      found.push_back(id);
    }
  }
  return found;
}

std::optional<StreamId> Reader::FindStreamBySerialNumber(const std::string& serial) const {
  for (StreamId id : streams()) {
    if (serial_number(id) == serial) return id;
  }
  return std::nullopt;
}

std::vector<StreamId> Reader::FindStreamsByTag(const std::string& name,
                                               const std::string& value) const {
  std::vector<StreamId> found;
  for (StreamId id : streams()) {
    const TagMap& user = stream_tags(id).user;
    auto it = user.find(name);
    if (it != user.end() && it->second == value) found.push_back(id);
  }
  return found;
}

const std::vector<RecordInfo>& Reader::index() const {
  return impl_ ? impl_->index : kNoRecords;
}

const std::vector<uint32_t>& Reader::stream_index(StreamId stream) const {
  if (!impl_) return kNoPositions;
  auto it = impl_->positions.find(stream);
  return it == impl_->positions.end() ? kNoPositions : it->second;
}

uint32_t Reader::record_count(StreamId stream, RecordType type) const {
  if (!impl_) return 0;
  auto it = impl_->counts.find(stream);
  return it == impl_->counts.end() ? 0 : it->second[size_t(type) % 5];
}

std::vector<size_t> Reader::FindRecords(const RecordQuery& query) const {
  std::vector<size_t> found;
  const std::vector<RecordInfo>& records = index();
  auto wanted_stream = [&](StreamId id) {
    return query.streams.empty() ||
           std::find(query.streams.begin(), query.streams.end(), id) != query.streams.end();
  };
  auto wanted_type = [&](RecordType type) {
    return query.types.empty() ||
           std::find(query.types.begin(), query.types.end(), type) != query.types.end();
  };
  for (size_t pos = LowerBound(query.min_time); pos < records.size(); ++pos) {
    const RecordInfo& record = records[pos];
    if (record.timestamp > query.max_time) break;
    if (wanted_stream(record.stream) && wanted_type(record.type)) found.push_back(pos);
  }
  return found;
}

size_t Reader::LowerBound(double t) const {
  const std::vector<RecordInfo>& records = index();
  return size_t(std::partition_point(records.begin(), records.end(),
                                     [t](const RecordInfo& r) { return r.timestamp < t; }) -
                records.begin());
}

std::optional<size_t> Reader::FirstRecordAtOrAfter(double t, StreamId stream,
                                                   RecordType type) const {
  const std::vector<uint32_t>& positions = stream_index(stream);
  const std::vector<RecordInfo>& records = index();
  auto it = std::partition_point(positions.begin(), positions.end(),
                                 [&](uint32_t pos) { return records[pos].timestamp < t; });
  for (; it != positions.end(); ++it) {
    if (type == RecordType::kUndefined || records[*it].type == type) return *it;
  }
  return std::nullopt;
}

std::optional<size_t> Reader::NearestRecord(double t, StreamId stream,
                                            const TimeLookup& lookup) const {
  const std::vector<uint32_t>& positions = stream_index(stream);
  const std::vector<RecordInfo>& records = index();
  auto wanted = [&](uint32_t pos) {
    return lookup.type == RecordType::kUndefined || records[pos].type == lookup.type;
  };
  auto split = std::partition_point(positions.begin(), positions.end(),
                                    [&](uint32_t pos) { return records[pos].timestamp < t; });
  auto after = std::find_if(split, positions.end(), wanted);
  auto before = std::find_if(std::make_reverse_iterator(split), positions.rend(), wanted);
  std::vector<uint32_t>::const_iterator it;
  if (before == positions.rend() && after == positions.end()) return std::nullopt;
  if (before == positions.rend()) {
    it = after;
  } else if (after == positions.end() ||
             t - records[*before].timestamp <= records[*after].timestamp - t) {
    it = std::prev(before.base());
  } else {
    it = after;
  }
  // Of several records of that type at that timestamp, the first.
  for (auto earlier = it; earlier != positions.begin();) {
    --earlier;
    if (records[*earlier].timestamp != records[*it].timestamp) break;
    if (wanted(*earlier)) it = earlier;
  }
  if (std::abs(records[*it].timestamp - t) > lookup.epsilon) return std::nullopt;
  return *it;
}

namespace {
// Where index position `pos` sits in its stream's positions.
std::optional<size_t> RankInStream(const std::vector<uint32_t>& positions, size_t pos) {
  auto it = std::lower_bound(positions.begin(), positions.end(), uint32_t(pos));
  if (it == positions.end() || *it != pos) return std::nullopt;
  return size_t(it - positions.begin());
}
}  // namespace

std::optional<size_t> Reader::NextInStream(size_t pos) const {
  if (pos >= index().size()) return std::nullopt;
  const std::vector<uint32_t>& positions = stream_index(index()[pos].stream);
  std::optional<size_t> rank = RankInStream(positions, pos);
  if (!rank || *rank + 1 >= positions.size()) return std::nullopt;
  return positions[*rank + 1];
}

std::optional<size_t> Reader::PreviousInStream(size_t pos, RecordType type) const {
  if (pos >= index().size()) return std::nullopt;
  StreamId stream = index()[pos].stream;
  if (type == RecordType::kConfiguration) {
    auto found = impl_->configuration_positions.find(stream);
    if (found == impl_->configuration_positions.end()) return std::nullopt;
    const std::vector<uint32_t>& configurations = found->second;
    auto it = std::lower_bound(configurations.begin(), configurations.end(), uint32_t(pos));
    if (it == configurations.begin()) return std::nullopt;
    return *(it - 1);
  }
  const std::vector<uint32_t>& positions = stream_index(stream);
  std::optional<size_t> rank = RankInStream(positions, pos);
  if (!rank) return std::nullopt;
  for (size_t r = *rank; r > 0; --r) {
    size_t previous = positions[r - 1];
    if (type == RecordType::kUndefined || index()[previous].type == type) return previous;
  }
  return std::nullopt;
}

std::optional<double> Reader::first_data_timestamp() const {
  for (const RecordInfo& record : index()) {
    if (record.type == RecordType::kData) return record.timestamp;
  }
  return std::nullopt;
}

std::optional<double> Reader::last_data_timestamp() const {
  const std::vector<RecordInfo>& records = index();
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    if (it->type == RecordType::kData) return it->timestamp;
  }
  return std::nullopt;
}

std::optional<double> Reader::first_data_timestamp(StreamId stream) const {
  for (uint32_t pos : stream_index(stream)) {
    if (index()[pos].type == RecordType::kData) return index()[pos].timestamp;
  }
  return std::nullopt;
}

std::optional<double> Reader::last_data_timestamp(StreamId stream) const {
  const std::vector<uint32_t>& positions = stream_index(stream);
  for (auto it = positions.rbegin(); it != positions.rend(); ++it) {
    if (index()[*it].type == RecordType::kData) return index()[*it].timestamp;
  }
  return std::nullopt;
}

double Reader::EstimatedFrameRate(StreamId stream) const {
  uint32_t count = record_count(stream, RecordType::kData);
  std::optional<double> first = first_data_timestamp(stream);
  std::optional<double> last = last_data_timestamp(stream);
  if (count < 2 || !first || !last || !(*last > *first)) return 0;
  return (count - 1) / (*last - *first);
}

Status Reader::ReadRecordDetails(size_t pos, RecordDetails& details) const {
  if (!impl_ || pos >= impl_->index.size()) {
    return {ErrorCode::kInvalidArgument, "no record #" + std::to_string(pos)};
  }
  return impl_->ReadDetails(pos, details, *impl_->contexts.Take());
}

Status Reader::ReadRecord(size_t pos, std::vector<uint8_t>& payload, RecordDetails* details) const {
  if (!impl_ || pos >= impl_->index.size()) {
    return {ErrorCode::kInvalidArgument, "no record #" + std::to_string(pos)};
  }
  RecordDetails local;
  return impl_->ReadPayload(pos, payload, details ? *details : local, *impl_->contexts.Take());
}

}  // namespace vrsx
