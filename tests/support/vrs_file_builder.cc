// Written from spec/01-container.md (and §4 of spec/02 for the tags record payload) only.
#include "support/vrs_file_builder.h"

#include <lz4frame.h>
#include <zstd.h>

#include <sys/types.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <stdexcept>

namespace vrsx::testing {

namespace {

constexpr double kDblMax = std::numeric_limits<double>::max();
constexpr size_t kMinCompressedPayload = 250;  // §4.1.1

uint32_t CheckedU32(uint64_t v, const char* what) {
  if (v > std::numeric_limits<uint32_t>::max()) {
    throw std::length_error(std::string("VrsFileBuilder: too large: ") + what);
  }
  return static_cast<uint32_t>(v);
}

void PutString(std::vector<uint8_t>& out, const std::string& s) {  // §6.2 String
  le::Put32(out, CheckedU32(s.size(), "string"));
  out.insert(out.end(), s.begin(), s.end());
}

void PutStringMap(std::vector<uint8_t>& out, const Tags& tags) {  // §6.2 StringMap
  le::Put32(out, CheckedU32(tags.size(), "string map"));
  for (const auto& [key, value] : tags) {  // std::map: ascending unsigned byte-wise order
    PutString(out, key);
    PutString(out, value);
  }
}

// DataLayout StringMap<string> piece data (spec/02 §4.4): no count, entries in key order.
std::vector<uint8_t> DataLayoutStringMap(const Tags& tags) {
  std::vector<uint8_t> out;
  for (const auto& [key, value] : tags) {
    PutString(out, key);
    PutString(out, value);
  }
  return out;
}

void PutDiskStreamId(std::vector<uint8_t>& out, StreamKey id) {  // §5.1: i32 type, u16 instance
  le::PutI32(out, static_cast<int32_t>(id.type_id));
  le::Put16(out, id.instance_id);
}

void AppendRecordHeader(std::vector<uint8_t>& out, uint32_t record_size, uint32_t previous_size,
                        int32_t type_id, uint32_t format_version, double timestamp,
                        uint16_t instance_id, uint8_t record_type, uint8_t compression,
                        uint32_t uncompressed_size) {  // §3
  le::Put32(out, record_size);
  le::Put32(out, previous_size);
  le::PutI32(out, type_id);
  le::Put32(out, format_version);
  le::PutF64(out, timestamp);
  le::Put16(out, instance_id);
  le::Put8(out, record_type);
  le::Put8(out, compression);
  le::Put32(out, uncompressed_size);
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JsonObject(const Tags& tags) {
  std::string out = "{";
  for (const auto& [key, value] : tags) {
    if (out.size() > 1) out += ',';
    out += JsonString(key) + ':' + JsonString(value);
  }
  return out + "}";
}

StreamKey RemapDiskTypeId(int32_t type_id, uint16_t instance_id) {  // §5.1 legacy remap
  int64_t t = type_id;
  if (t >= 100000) t = t - 100000 + 65500;
  return {static_cast<uint16_t>(t), instance_id};
}

}  // namespace

// ---- Compression ----------------------------------------------------------------------------

struct VrsFileBuilder::Compressor {
  ZSTD_CCtx* zstd = nullptr;

  ~Compressor() { ZSTD_freeCCtx(zstd); }

  // One zstd frame with the content size in its header and no checksum (§4.1.3).
  std::vector<uint8_t> Zstd(std::span<const uint8_t> data, int level) {
    if (zstd == nullptr) zstd = ZSTD_createCCtx();
    if (zstd == nullptr) throw std::runtime_error("ZSTD_createCCtx failed");
    ZSTD_CCtx_reset(zstd, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(zstd, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(zstd, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(zstd, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setPledgedSrcSize(zstd, data.size());
    std::vector<uint8_t> out(ZSTD_compressBound(data.size()));
    size_t n = ZSTD_compress2(zstd, out.data(), out.size(), data.data(), data.size());
    if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
    out.resize(n);
    return out;
  }

  // One lz4 frame, default preferences but the level: no content size, no checksums (§4.1.2).
  static std::vector<uint8_t> Lz4(std::span<const uint8_t> data, int level) {
    LZ4F_preferences_t prefs{};
    prefs.compressionLevel = level;
    std::vector<uint8_t> out(LZ4F_compressFrameBound(data.size(), &prefs));
    size_t n = LZ4F_compressFrame(out.data(), out.size(), data.data(), data.size(), &prefs);
    if (LZ4F_isError(n)) throw std::runtime_error(LZ4F_getErrorName(n));
    out.resize(n);
    return out;
  }
};

// ---- Sinks: where the logical byte stream goes
// ---------------------------------------------------

class VrsFileBuilder::Sink {
 public:
  virtual ~Sink() = default;
  virtual void BeginRecord(uint64_t /*record_size*/) {}  // chunk rollover point
  virtual void Append(std::span<const uint8_t> data) = 0;
  virtual void Patch(uint64_t offset, std::span<const uint8_t> data) = 0;
  virtual void Close() {}
  uint64_t size() const { return size_; }

 protected:
  uint64_t size_ = 0;
};

class VrsFileBuilder::MemorySink : public Sink {
 public:
  void Append(std::span<const uint8_t> data) override {
    bytes.insert(bytes.end(), data.begin(), data.end());
    size_ += data.size();
  }
  void Patch(uint64_t offset, std::span<const uint8_t> data) override {
    std::copy(data.begin(), data.end(), bytes.begin() + static_cast<std::ptrdiff_t>(offset));
  }
  std::vector<uint8_t> bytes;
};

// Writes chunks path_k, path_{k+1}... (k = first_chunk), rolling over like the reference writer.
class VrsFileBuilder::FileSink : public Sink {
 public:
  FileSink(std::string path, size_t first_chunk, uint64_t max_chunk_size)
      : path_(std::move(path)), first_chunk_(first_chunk), max_chunk_size_(max_chunk_size) {
    OpenNext();
  }
  ~FileSink() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  void BeginRecord(uint64_t record_size) override {
    uint64_t used = size_ - starts_.back();
    if (max_chunk_size_ > 0 && used > 0 && used + record_size >= max_chunk_size_) OpenNext();
  }
  void Append(std::span<const uint8_t> data) override {
    if (!data.empty() && std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
      throw std::runtime_error("VrsFileBuilder: write failed: " + Current());
    }
    size_ += data.size();
  }
  void Patch(uint64_t offset, std::span<const uint8_t> data) override {
    while (!data.empty()) {
      size_t k = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                     starts_.begin() - 1);
      uint64_t chunk_end = k + 1 < starts_.size() ? starts_[k + 1] : size_;
      size_t n = static_cast<size_t>(std::min<uint64_t>(data.size(), chunk_end - offset));
      auto pos = static_cast<off_t>(offset - starts_[k]);
      bool current = k + 1 == starts_.size();
      std::FILE* f =
          current ? file_ : std::fopen(ChunkPath(path_, first_chunk_ + k).c_str(), "r+b");
      if (f == nullptr || fseeko(f, pos, SEEK_SET) != 0 || std::fwrite(data.data(), 1, n, f) != n) {
        throw std::runtime_error("VrsFileBuilder: patch failed: " + path_);
      }
      if (current) {
        fseeko(f, 0, SEEK_END);
      } else {
        std::fclose(f);
      }
      data = data.subspan(n);
      offset += n;
    }
  }
  void Close() override {
    if (file_ != nullptr && std::fclose(file_) != 0) {
      file_ = nullptr;
      throw std::runtime_error("VrsFileBuilder: close failed: " + path_);
    }
    file_ = nullptr;
    for (size_t k = first_chunk_ + starts_.size(); std::filesystem::exists(ChunkPath(path_, k));
         ++k) {
      std::filesystem::remove(ChunkPath(path_, k));
    }
  }

 private:
  std::string Current() const { return ChunkPath(path_, first_chunk_ + starts_.size() - 1); }
  void OpenNext() {
    if (file_ != nullptr && std::fclose(file_) != 0) {
      file_ = nullptr;
      throw std::runtime_error("VrsFileBuilder: close failed: " + Current());
    }
    starts_.push_back(size_);
    file_ = std::fopen(Current().c_str(), "w+b");
    if (file_ == nullptr) throw std::runtime_error("VrsFileBuilder: can't create " + Current());
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  }

  std::string path_;
  size_t first_chunk_;
  uint64_t max_chunk_size_;
  std::vector<uint64_t> starts_;  // logical start of each chunk written
  std::FILE* file_ = nullptr;
};

// ---- Builder ----------------------------------------------------------------------------------

VrsFileBuilder::VrsFileBuilder(BuilderOptions options)
    : options_(options), compressor_(std::make_unique<Compressor>()) {
  if (options_.description_format != 1 && options_.description_format != 2) {
    throw std::invalid_argument("VrsFileBuilder: description_format must be 1 or 2");
  }
  if (options_.split_index_frame_entries == 0) {
    throw std::invalid_argument("VrsFileBuilder: split_index_frame_entries must be > 0");
  }
}

VrsFileBuilder::VrsFileBuilder(BuilderOptions options, std::string path) : VrsFileBuilder(options) {
  if (path.empty()) throw std::invalid_argument("VrsFileBuilder: empty path");
  if (options_.index == IndexLayout::kFrontPreallocated && !options_.front_index_capacity) {
    throw std::invalid_argument("VrsFileBuilder: streaming a front index needs a capacity");
  }
  path_ = std::move(path);
}

VrsFileBuilder::~VrsFileBuilder() = default;

void VrsFileBuilder::CheckOpen() const {
  if (finished_) throw std::logic_error("VrsFileBuilder: already finished");
}

void VrsFileBuilder::SetFileTag(const std::string& key, const std::string& value) {
  CheckOpen();
  if (frozen_) throw std::logic_error("VrsFileBuilder: file tags must be set before records");
  file_tags_[key] = value;
}

void VrsFileBuilder::AddStream(StreamKey stream, const Tags& user_tags, const Tags& vrs_tags) {
  CheckOpen();
  auto it = streams_.find(stream);
  if (it != streams_.end() && it->second) {
    throw std::logic_error("VrsFileBuilder: stream declared twice");
  }
  streams_[stream] = true;
  if (!frozen_) {
    description_streams_[stream] = {user_tags, vrs_tags};
  } else {
    AddTagsRecord(stream, vrs_tags, user_tags);
  }
}

size_t VrsFileBuilder::AddTagsRecord(StreamKey stream, const Tags& vrs_tags,
                                     const Tags& user_tags) {
  CheckOpen();
  // DataLayout block (spec/02 §4.1-4.4): no fixed pieces, 2 var-index entries, then the data.
  std::vector<uint8_t> vrs = DataLayoutStringMap(vrs_tags);
  std::vector<uint8_t> user = DataLayoutStringMap(user_tags);
  std::vector<uint8_t> payload;
  payload.reserve(16 + vrs.size() + user.size());
  le::Put32(payload, 0);
  le::Put32(payload, CheckedU32(vrs.size(), "vrs tags"));
  le::Put32(payload, CheckedU32(vrs.size(), "vrs tags"));
  le::Put32(payload, CheckedU32(user.size(), "user tags"));
  payload.insert(payload.end(), vrs.begin(), vrs.end());
  payload.insert(payload.end(), user.begin(), user.end());
  streams_.try_emplace(stream, false);
  BuiltRecord r;
  r.disk_type_id = stream.type_id;
  r.stream = stream;
  r.record_type = static_cast<uint8_t>(RecordKind::kTags);
  r.format_version = 1;
  r.timestamp = -kDblMax;
  return AppendRecord(r, payload);
}

size_t VrsFileBuilder::AddRecord(StreamKey stream, RecordKind type, double timestamp,
                                 std::span<const uint8_t> payload, const RecordOptions& options) {
  CheckOpen();
  BuiltRecord r;
  r.disk_type_id = stream.type_id;
  r.stream = stream;
  r.record_type = static_cast<uint8_t>(type);
  r.format_version = options.format_version;
  r.timestamp = timestamp;
  streams_.try_emplace(stream, false);
  bool always = options.policy == CompressPolicy::kAlways;
  if (options.codec != Codec::kNone && (always || payload.size() >= kMinCompressedPayload)) {
    std::vector<uint8_t> frame = options.codec == Codec::kLz4
                                     ? Compressor::Lz4(payload, options.level.value_or(0))
                                     : compressor_->Zstd(payload, options.level.value_or(-1));
    if (always || frame.size() < payload.size()) {
      r.compression_type = static_cast<uint8_t>(options.codec);
      r.uncompressed_size = CheckedU32(payload.size(), "payload");
      return AppendRecord(r, frame);
    }
  }
  return AppendRecord(r, payload);
}

size_t VrsFileBuilder::AddRawRecord(const RawRecord& raw) {
  CheckOpen();
  BuiltRecord r;
  r.disk_type_id = raw.disk_type_id;
  r.stream = RemapDiskTypeId(raw.disk_type_id, raw.instance_id);
  r.record_type = raw.record_type;
  r.format_version = raw.format_version;
  r.timestamp = raw.timestamp;
  r.compression_type = raw.compression_type;
  r.uncompressed_size = raw.uncompressed_size;
  return AppendRecord(r, raw.payload);
}

size_t VrsFileBuilder::AppendRecord(BuiltRecord r, std::span<const uint8_t> payload) {
  Freeze();
  r.record_size = CheckedU32(kRecordHeaderSize + uint64_t{payload.size()}, "record");
  // The first body record's previousRecordSize depends on the layout (0 if not known yet: layout
  // B with an exact-fit index, set by Finish()).
  r.previous_record_size = records_.empty() ? first_previous_ : records_.back().record_size;
  r.offset = body_size_;
  scratch_.clear();
  AppendRecordHeader(scratch_, r.record_size, r.previous_record_size, r.disk_type_id,
                     r.format_version, r.timestamp, r.stream.instance_id, r.record_type,
                     r.compression_type, r.uncompressed_size);
  sink_->BeginRecord(r.record_size);
  sink_->Append(scratch_);
  sink_->Append(payload);
  body_size_ += r.record_size;
  records_.push_back(r);
  return records_.size() - 1;
}

// The description record is written once, when the file is created (§6.1): at the first record.
void VrsFileBuilder::Freeze() {
  if (frozen_) return;
  frozen_ = true;
  std::vector<uint8_t> payload = DescriptionPayload();
  description_size_ = CheckedU32(kRecordHeaderSize + uint64_t{payload.size()}, "description");
  AppendRecordHeader(description_, description_size_, 0, kDescriptionTypeId,
                     options_.description_format, kDblMax, 0,
                     static_cast<uint8_t>(RecordKind::kData), 0, 0);
  description_.insert(description_.end(), payload.begin(), payload.end());
  for (const auto& [id, declared] : streams_) streams_at_creation_.push_back(id);
  if (options_.index == IndexLayout::kFrontPreallocated && options_.front_index_capacity) {
    prealloc_size_ = CheckedU32(kRecordHeaderSize + 8 + 6 * uint64_t{streams_at_creation_.size()} +
                                    uint64_t{kIndexEntrySize} * *options_.front_index_capacity +
                                    options_.front_index_slack,
                                "preallocated index");
  }
  first_previous_ = options_.index == IndexLayout::kSplitHead ? kRecordHeaderSize  // §3.4
                    : options_.index == IndexLayout::kFrontPreallocated ? prealloc_size_
                                                                        : description_size_;
  if (path_.empty()) {
    sink_ = std::make_unique<MemorySink>();
    return;
  }
  // Streaming: write the file as the reference has it right after creation (§2 "When the header
  // is written"), so that a builder destroyed without Finish() leaves an interrupted recording.
  const uint64_t description_end = kFileHeaderSize + uint64_t{description_size_};
  if (options_.index == IndexLayout::kSplitHead) {
    std::vector<uint8_t> head = FileHeader(kVersionVrs1, description_end, 0);
    head.insert(head.end(), description_.begin(), description_.end());
    std::vector<uint8_t> index = SplitIndexRecord(false);
    head.insert(head.end(), index.begin(), index.end());
    WriteBytesToFile(path_, head);  // rewritten by Finish()
    sink_ = std::make_unique<FileSink>(path_, 1, options_.max_chunk_size);
    return;
  }
  sink_ = std::make_unique<FileSink>(path_, 0, options_.max_chunk_size);
  if (prealloc_size_ > 0) {
    sink_->Append(FileHeader(kVersionVrs2, 0, description_end + prealloc_size_));
  } else {
    sink_->Append(FileHeader(kVersionVrs1, 0, 0));
  }
  sink_->BeginRecord(description_size_);
  sink_->Append(description_);
  if (prealloc_size_ > 0) {
    sink_->BeginRecord(prealloc_size_);
    sink_->Append(PreallocatedIndexRecord(nullptr, 0));
  }
  sink_base_ = sink_->size();
}

std::vector<uint8_t> VrsFileBuilder::DescriptionPayload() const {
  std::vector<uint8_t> out;
  le::Put32(out, CheckedU32(description_streams_.size(), "streams"));
  for (const auto& [id, tags] : description_streams_) {  // ascending StreamId
    const auto& [user_tags, vrs_tags] = tags;
    PutDiskStreamId(out, id);
    if (options_.description_format == 2) {  // §6.3
      PutStringMap(out, user_tags);
      PutStringMap(out, vrs_tags);
    } else {  // §6.4
      std::string json = "{";
      auto name = vrs_tags.find("VRS_Original_Recordable_Name");
      if (name != vrs_tags.end()) {
        json +=
            "\"name\":" + JsonString(name->second + " #" + std::to_string(id.instance_id)) + ",";
      }
      json += "\"tags\":" + JsonObject(user_tags) + "}";
      PutString(out, json);
    }
  }
  if (options_.description_format == 2) {
    PutStringMap(out, file_tags_);
  } else {
    PutString(out, JsonObject(file_tags_));
  }
  return out;
}

std::vector<uint8_t> VrsFileBuilder::IndexEntries(size_t begin, size_t end) const {  // §7.2
  std::vector<uint8_t> out;
  out.reserve((end - begin) * kIndexEntrySize);
  for (size_t i = begin; i < end; ++i) {
    const BuiltRecord& r = records_[i];
    le::PutF64(out, r.timestamp);
    le::Put32(out, r.record_size);
    le::Put8(out, r.record_type);
    le::PutI32(out, r.disk_type_id);
    le::Put16(out, r.stream.instance_id);
  }
  return out;
}

std::vector<uint8_t> VrsFileBuilder::ClassicIndexPayload(uint32_t& uncompressed_size) const {
  std::vector<uint8_t> out;  // §7.3
  le::Put32(out, CheckedU32(streams_.size(), "streams"));
  for (const auto& [id, declared] : streams_) PutDiskStreamId(out, id);
  le::Put32(out, CheckedU32(records_.size(), "records"));
  std::vector<uint8_t> entries = IndexEntries(0, records_.size());
  uncompressed_size = 0;
  if (options_.compress_index) {
    uncompressed_size = CheckedU32(out.size() + entries.size(), "index");
    entries = compressor_->Zstd(entries, options_.index_zstd_level);
  }
  out.insert(out.end(), entries.begin(), entries.end());
  return out;
}

// Layout B's record after the description: the preliminary content (prelude of the streams known
// at creation, 0 entries, uncompressed) when final_payload is null, else the final index.
std::vector<uint8_t> VrsFileBuilder::PreallocatedIndexRecord(
    const std::vector<uint8_t>* final_payload, uint32_t final_uncompressed_size) const {
  std::vector<uint8_t> out;
  out.reserve(prealloc_size_);
  bool compressed = final_payload != nullptr && final_uncompressed_size > 0;
  AppendRecordHeader(out, prealloc_size_, description_size_, kIndexTypeId, kClassicIndexFormat,
                     kDblMax, 0, static_cast<uint8_t>(RecordKind::kData), compressed ? 2 : 0,
                     compressed ? final_uncompressed_size : 0);
  if (final_payload != nullptr) {
    out.insert(out.end(), final_payload->begin(), final_payload->end());
  } else {
    le::Put32(out, CheckedU32(streams_at_creation_.size(), "streams"));
    for (StreamKey id : streams_at_creation_) PutDiskStreamId(out, id);
    le::Put32(out, 0);
  }
  out.resize(prealloc_size_, 0);  // slack
  return out;
}

// Layout C's index record (§7.4, §7.6): frames of split_index_frame_entries entries. Not complete:
// as left by an interrupted recording (a 32-byte record, then the frames flushed so far).
std::vector<uint8_t> VrsFileBuilder::SplitIndexRecord(bool complete) const {
  size_t count = records_.size();
  size_t group = options_.split_index_frame_entries;
  size_t written = complete ? count : count / group * group;
  std::vector<uint8_t> data;
  for (size_t begin = 0; begin < written; begin += group) {
    std::vector<uint8_t> entries = IndexEntries(begin, std::min(written, begin + group));
    if (options_.compress_index) entries = compressor_->Zstd(entries, options_.index_zstd_level);
    data.insert(data.end(), entries.begin(), entries.end());
  }
  uint8_t compression = options_.compress_index ? 2 : 0;
  uint32_t record_size = kRecordHeaderSize;  // as written at creation
  uint32_t uncompressed_size = 0;
  if (complete) {
    record_size = CheckedU32(kRecordHeaderSize + uint64_t{data.size()}, "index");
    if (options_.compress_index) {
      uncompressed_size = CheckedU32(uint64_t{kIndexEntrySize} * count, "index");
    }
  }
  std::vector<uint8_t> out;
  AppendRecordHeader(out, record_size, description_size_, kIndexTypeId, kSplitIndexFormat, kDblMax,
                     0, static_cast<uint8_t>(RecordKind::kData), compression, uncompressed_size);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<uint8_t> VrsFileBuilder::FileHeader(uint32_t version, uint64_t index_offset,
                                                uint64_t first_user_offset) const {  // §2
  std::vector<uint8_t> out;
  out.reserve(kFileHeaderSize);
  le::Put32(out, kMagic1);
  le::Put32(out, kMagic2);
  le::Put64(out, options_.creation_id);
  le::Put32(out, kFileHeaderSize);
  le::Put32(out, kRecordHeaderSize);
  le::PutI64(out, static_cast<int64_t>(index_offset));
  le::PutI64(out, kFileHeaderSize);  // descriptionRecordOffset
  le::PutI64(out, static_cast<int64_t>(first_user_offset));
  le::Put64(out, 0);
  le::Put64(out, 0);
  le::Put64(out, 0);
  le::Put32(out, kMagic3);
  le::Put32(out, version);
  return out;
}

void VrsFileBuilder::Finish() {
  CheckOpen();
  Freeze();
  finished_ = true;
  const IndexLayout layout = options_.index;
  const bool interrupted = options_.interrupted || layout == IndexLayout::kNone;
  const uint64_t description_end = kFileHeaderSize + uint64_t{description_size_};

  // The head: what precedes the user records.
  std::vector<uint8_t> head_tail;  // head bytes after the description record
  std::vector<uint8_t> tail;       // an index record after the user records
  uint32_t version = kVersionVrs1;
  uint64_t header_index_offset = 0;
  uint64_t header_first_user = 0;
  uint32_t first_previous = description_size_;
  uint32_t index_uncompressed = 0;
  std::vector<uint8_t> index_payload;
  bool index_at_end = false;
  if (layout == IndexLayout::kSplitHead) {
    head_tail = SplitIndexRecord(!options_.interrupted);
    head_size_ = description_end + head_tail.size();
    body_start_ = head_size_;
    first_previous = kRecordHeaderSize;  // §3.4 exception
    header_index_offset = description_end;
    header_first_user = options_.interrupted ? 0 : head_size_;
  } else if (layout == IndexLayout::kFrontPreallocated) {
    version = kVersionVrs2;
    index_payload = ClassicIndexPayload(index_uncompressed);
    if (prealloc_size_ == 0) {  // exact fit
      prealloc_size_ = CheckedU32(
          kRecordHeaderSize + uint64_t{index_payload.size()} + options_.front_index_slack,
          "preallocated index");
    }
    bool fits = kRecordHeaderSize + index_payload.size() <= prealloc_size_;
    head_tail = PreallocatedIndexRecord(fits && !interrupted ? &index_payload : nullptr,
                                        index_uncompressed);
    body_start_ = description_end + prealloc_size_;
    first_previous = prealloc_size_;
    header_first_user = body_start_;
    if (!interrupted) {
      if (fits) {
        header_index_offset = description_end;
      } else {
        stale_index_offset_ = description_end;
        index_at_end = true;
      }
    }
  } else {
    body_start_ = description_end;
    if (!interrupted) {
      index_payload = ClassicIndexPayload(index_uncompressed);
      index_at_end = true;
    }
  }
  if (index_at_end) {
    index_offset_ = body_start_ + body_size_;
    header_index_offset = index_offset_;
    uint32_t previous = records_.empty() ? first_previous : records_.back().record_size;
    uint32_t size = CheckedU32(kRecordHeaderSize + uint64_t{index_payload.size()}, "index");
    AppendRecordHeader(tail, size, previous, kIndexTypeId, kClassicIndexFormat, kDblMax, 0,
                       static_cast<uint8_t>(RecordKind::kData), index_uncompressed > 0 ? 2 : 0,
                       index_uncompressed);
    tail.insert(tail.end(), index_payload.begin(), index_payload.end());
  } else {
    index_offset_ = header_index_offset;
  }
  total_size_ = body_start_ + body_size_ + tail.size();

  for (BuiltRecord& r : records_) r.offset += body_start_;
  std::vector<uint8_t> header = FileHeader(version, header_index_offset, header_first_user);
  if (!records_.empty()) {
    records_.front().previous_record_size = first_previous;
    uint8_t bytes[4];
    le::Set32(bytes, first_previous);
    sink_->Patch(sink_base_ + 4, bytes);
  }
  if (!tail.empty()) {
    sink_->BeginRecord(tail.size());
    sink_->Append(tail);
  }

  if (path_.empty()) {
    auto& body = static_cast<MemorySink&>(*sink_).bytes;
    bytes_ = std::move(body);
    std::vector<uint8_t> head = std::move(header);
    head.insert(head.end(), description_.begin(), description_.end());
    head.insert(head.end(), head_tail.begin(), head_tail.end());
    bytes_.insert(bytes_.begin(), head.begin(), head.end());
  } else if (layout == IndexLayout::kSplitHead) {
    sink_->Close();
    std::vector<uint8_t> head = std::move(header);
    head.insert(head.end(), description_.begin(), description_.end());
    head.insert(head.end(), head_tail.begin(), head_tail.end());
    WriteBytesToFile(path_, head);
  } else {
    sink_->Patch(0, header);
    if (layout == IndexLayout::kFrontPreallocated) sink_->Patch(description_end, head_tail);
    sink_->Close();
  }
  sink_.reset();
}

std::vector<ExpectedEntry> VrsFileBuilder::ExpectedIndex() const {
  std::vector<ExpectedEntry> out;
  out.reserve(records_.size());
  for (const BuiltRecord& r : records_) {
    if (r.record_type == static_cast<uint8_t>(RecordKind::kTags)) continue;
    out.push_back({r.timestamp, r.stream, r.offset, r.record_type, r.record_size});
  }
  auto less = [](const ExpectedEntry& a, const ExpectedEntry& b) {
    if (a.timestamp < b.timestamp) return true;
    if (b.timestamp < a.timestamp) return false;
    if (a.stream != b.stream) return a.stream < b.stream;
    return a.offset < b.offset;
  };
  if (!std::is_sorted(out.begin(), out.end(), less)) std::sort(out.begin(), out.end(), less);
  return out;
}

std::vector<StreamKey> VrsFileBuilder::IndexStreams() const {
  std::vector<StreamKey> out;
  for (const auto& [id, declared] : streams_) out.push_back(id);
  return out;
}

void VrsFileBuilder::WriteFile(const std::string& path) const {
  if (!finished_ || !path_.empty()) {
    throw std::logic_error("VrsFileBuilder: WriteFile needs a finished in-memory builder");
  }
  WriteBytesAsChunks(path, bytes_, {});
}

std::vector<std::string> VrsFileBuilder::WriteChunks(const std::string& path,
                                                     std::vector<uint64_t> chunk_starts) const {
  if (!finished_ || !path_.empty()) {
    throw std::logic_error("VrsFileBuilder: WriteChunks needs a finished in-memory builder");
  }
  if (options_.index == IndexLayout::kSplitHead) chunk_starts.push_back(head_size_);
  return WriteBytesAsChunks(path, bytes_, std::move(chunk_starts));
}

std::vector<uint64_t> VrsFileBuilder::RecordBoundaryCuts(uint64_t max_chunk_size) const {
  std::vector<uint64_t> cuts;
  uint64_t chunk_start = 0;
  auto record = [&](uint64_t offset, uint64_t size) {  // §8 writer rollover
    uint64_t used = offset - chunk_start;
    if (max_chunk_size > 0 && used > 0 && used + size >= max_chunk_size) {
      cuts.push_back(offset);
      chunk_start = offset;
    }
  };
  if (options_.index == IndexLayout::kSplitHead) {
    cuts.push_back(head_size_);
    chunk_start = head_size_;
  } else {
    record(kFileHeaderSize, description_size_);
    if (options_.index == IndexLayout::kFrontPreallocated) {
      record(kFileHeaderSize + uint64_t{description_size_}, prealloc_size_);
    }
  }
  for (const BuiltRecord& r : records_) record(r.offset, r.record_size);
  uint64_t end = body_start_ + body_size_;
  if (end < total_size_) record(end, total_size_ - end);
  return cuts;
}

// ---- Byte-level helpers
// --------------------------------------------------------------------------

std::string ChunkPath(const std::string& path, size_t k) {
  return k == 0 ? path : path + "_" + std::to_string(k);
}

void WriteBytesToFile(const std::string& path, std::span<const uint8_t> bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) throw std::runtime_error("can't create " + path);
  bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) throw std::runtime_error("can't write " + path);
}

std::vector<std::string> WriteBytesAsChunks(const std::string& path, std::span<const uint8_t> bytes,
                                            std::vector<uint64_t> chunk_starts) {
  std::sort(chunk_starts.begin(), chunk_starts.end());
  chunk_starts.erase(std::unique(chunk_starts.begin(), chunk_starts.end()), chunk_starts.end());
  if (!chunk_starts.empty() && chunk_starts.back() > bytes.size()) {
    throw std::out_of_range("chunk start past the end of the file");
  }
  if (chunk_starts.empty() || chunk_starts.front() != 0)
    chunk_starts.insert(chunk_starts.begin(), 0);
  std::vector<std::string> paths;
  for (size_t k = 0; k < chunk_starts.size(); ++k) {
    uint64_t end = k + 1 < chunk_starts.size() ? chunk_starts[k + 1] : bytes.size();
    paths.push_back(ChunkPath(path, k));
    WriteBytesToFile(paths.back(), bytes.subspan(chunk_starts[k], end - chunk_starts[k]));
  }
  for (size_t k = paths.size(); std::filesystem::exists(ChunkPath(path, k)); ++k) {
    std::filesystem::remove(ChunkPath(path, k));
  }
  return paths;
}

}  // namespace vrsx::testing
