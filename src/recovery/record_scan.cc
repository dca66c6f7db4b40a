#include "recovery/record_scan.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "compression/decompressor.h"
#include "compression/expansion_limit.h"
#include "format/tags_record.h"
#include "index/index_record.h"
#include "reader/read_ahead.h"

namespace vrsx::recovery {

using index::kClassicIndexFormat;
using index::kSplitIndexFormat;

using format::RecordHeader;

namespace {

class Scanner {
 public:
  Scanner(const format::ChunkedFile& file, const format::FileHeader& header,
          const ScanOptions& options, ScanResult& out)
      : file_(file),
        header_size_(header.record_header_size),
        file_header_size_(header.file_header_size),
        file_size_(file.size()),
        known_(options.known_streams),
        on_damaged_region_(options.on_damaged_region),
        window_(file),
        out_(out) {}

  void Run(const ScanOptions& options);

 private:
  enum class Payload { kGood, kBad };

  // Reads the record header at `offset`; false when the file ends before a whole header.
  bool ReadHeader(uint64_t offset, RecordHeader& record) {
    uint8_t bytes[format::kMaxRecordHeaderSize];
    if (window_.ReadUpTo(offset, bytes, header_size_) < header_size_) return false;
    record = RecordHeader::Decode(bytes);
    return true;
  }

  bool Fits(uint64_t offset, const RecordHeader& record) const {
    return offset + record.record_size <= file_size_;
  }

  // The header rules of a record met along the chain: the reference's (§3.5), plus a known
  // compression type.
  bool ChainHeaderOk(const RecordHeader& record) const {
    return record.IsSane(header_size_) && record.compression <= format::kCompressionZstd;
  }

  // Stricter rules for a header found by scanning, where any bytes may look like a header.
  bool ScannedHeaderOk(uint64_t offset, const RecordHeader& record) const;
  bool IsPlausibleIndex(const RecordHeader& record) const;

  // Decodes a compressed payload to its announced size; decodes a tags record's tags.
  Payload CheckPayload(uint64_t offset, const RecordHeader& record);
  // A raw payload can't be checked: the record is trusted when the next header chains to it, or
  // when it ends the file (spec 01 §7.7, "distrust").
  bool VouchedByNext(uint64_t offset, const RecordHeader& record);
  bool Verified(uint64_t offset, const RecordHeader& record) {
    if (CheckPayload(offset, record) != Payload::kGood) return false;
    bool checked =
        record.compression != format::kCompressionNone || record.type() == RecordType::kTags;
    return checked || VouchedByNext(offset, record);
  }

  void Keep(uint64_t offset, const RecordHeader& record) {
    ScannedRecord kept;
    kept.offset = offset;
    kept.header = record;
    kept.payload_offset = offset + header_size_;
    kept.payload_size = record.record_size - header_size_;
    out_.records.push_back(kept);
    known_.insert(record.stream());
  }

  void StartDamage(uint64_t offset, DamageReason reason, const std::string& why) {
    if (!damage_begin_) {
      damage_begin_ = offset;
      damage_reason_ = reason;
      damage_what_ = why;
      out_.warnings.push_back("offset " + std::to_string(offset) + ": " + why);
    }
  }
  // Records the region from the start of the damage to `end`, and tells the caller at once.
  void AddRegion(uint64_t end) {
    out_.damaged.push_back({*damage_begin_, end - *damage_begin_, damage_reason_, damage_what_});
    if (on_damaged_region_) on_damaged_region_(out_.damaged.back());
  }
  void EndDamage(uint64_t offset) {
    if (damage_begin_ && offset > *damage_begin_) AddRegion(offset);
    if (damage_begin_) {
      out_.warnings.push_back("offset " + std::to_string(offset) + ": records found again after " +
                              std::to_string(offset - *damage_begin_) + " damaged bytes");
    }
    damage_begin_.reset();
  }

  const format::ChunkedFile& file_;
  const uint32_t header_size_;
  const uint32_t file_header_size_;
  const uint64_t file_size_;
  std::set<StreamId> known_;
  const std::function<void(const DamagedRegion&)>& on_damaged_region_;
  reading::ReadAhead window_;
  ScanResult& out_;
  std::optional<uint64_t> damage_begin_;
  DamageReason damage_reason_ = DamageReason::kBadHeader;  // what was found at damage_begin_
  std::string damage_what_;
  std::optional<uint64_t> cut_index_;  // an index record that runs past the end of the file
  compression::Decompressor decompressor_;
  std::vector<uint8_t> stored_;
  std::vector<uint8_t> decoded_;
};

bool Scanner::IsPlausibleIndex(const RecordHeader& record) const {
  return record.type_id == format::kIndexTypeId && record.instance_id == 0 &&
         record.type() == RecordType::kData && record.timestamp == format::kMaxTimestamp &&
         (record.format_version == kClassicIndexFormat ||
          record.format_version == kSplitIndexFormat) &&
         (record.compression == format::kCompressionNone ||
          record.compression == format::kCompressionZstd);
}

bool Scanner::ScannedHeaderOk(uint64_t offset, const RecordHeader& record) const {
  if (!ChainHeaderOk(record)) return false;
  // Any record but the first follows another one, which starts after the file header.
  if (record.previous_record_size < header_size_) return false;
  if (offset - file_header_size_ < record.previous_record_size) return false;
  if ((record.compression == format::kCompressionNone) != (record.uncompressed_size == 0)) {
    return false;
  }
  if (!Fits(offset, record)) return false;
  if (record.IsIndex()) return IsPlausibleIndex(record);
  if (record.IsDescription()) return false;  // only ever the first record
  if (record.type() == RecordType::kTags) return record.timestamp == -format::kMaxTimestamp;
  return !std::isnan(record.timestamp) && known_.count(record.stream()) > 0;
}

Scanner::Payload Scanner::CheckPayload(uint64_t offset, const RecordHeader& record) {
  uint64_t stored_size = record.record_size - header_size_;
  bool compressed = record.compression != format::kCompressionNone && record.uncompressed_size > 0;
  bool tags = record.type() == RecordType::kTags;
  if (!compressed && !tags) return Payload::kGood;
  stored_.resize(stored_size);
  if (!file_.ReadExactly(offset + header_size_, stored_.data(), stored_.size()).ok()) {
    return Payload::kBad;
  }
  const std::vector<uint8_t>* payload = &stored_;
  if (compressed) {
    // Before allocating: a damaged header may claim any size (no decompression bomb).
    compression::Codec codec = compression::Codec(record.compression);
    if (!compression::CheckClaimedSize(codec, stored_.data(), stored_.size(),
                                       record.uncompressed_size)
             .ok()) {
      return Payload::kBad;
    }
    decoded_.resize(record.uncompressed_size);
    Status status = decompressor_.Decode(codec, stored_.data(), stored_.size(), decoded_.data(),
                                         decoded_.size());
    if (!status.ok()) return Payload::kBad;
    payload = &decoded_;
  } else if (record.compression != format::kCompressionNone) {
    payload = &decoded_;  // compressed but 0 bytes announced: read as empty, like the reader
    decoded_.clear();
  }
  if (tags) {
    StreamTags decoded_tags;
    if (!format::DecodeTagsRecord(payload->data(), payload->size(), decoded_tags).ok()) {
      return Payload::kBad;
    }
  }
  return Payload::kGood;
}

bool Scanner::VouchedByNext(uint64_t offset, const RecordHeader& record) {
  uint64_t next = offset + record.record_size;
  if (next == file_size_) return true;
  RecordHeader successor;
  if (!ReadHeader(next, successor)) return true;  // cut inside the next header: a truncation
  return successor.previous_record_size == record.record_size &&
         successor.record_size >= header_size_;
}

void Scanner::Run(const ScanOptions& options) {
  uint64_t offset = options.start;
  uint32_t expected_previous = options.first_previous;
  bool check_previous = options.check_first_previous;
  bool scanning = false;
  RecordHeader record;
  while (offset < file_size_) {
    if (!ReadHeader(offset, record)) {
      StartDamage(offset, DamageReason::kTruncated, "partial record header at the end of the file");
      break;
    }
    if (scanning) {
      if (!ScannedHeaderOk(offset, record) || (!record.IsIndex() && !Verified(offset, record))) {
        ++offset;
        continue;
      }
      EndDamage(offset);
      scanning = false;
    } else {
      bool chained = !check_previous || record.previous_record_size == expected_previous;
      if (!chained || !ChainHeaderOk(record)) {
        if (chained) {
          StartDamage(offset, DamageReason::kBadHeader, "bad record header");
        } else {
          StartDamage(offset, DamageReason::kBrokenChain, "record doesn't follow the previous one");
        }
        scanning = true;
        ++offset;
        continue;
      }
      if (!Fits(offset, record)) {
        // Cut by the end of the file, or a damaged size: scan on, in case it's the latter.
        if (record.IsIndex()) {
          out_.warnings.push_back("offset " + std::to_string(offset) +
                                  ": index record runs past the end of the file");
          cut_index_ = offset;
          damage_begin_ = offset;
          damage_reason_ = DamageReason::kTruncated;
          damage_what_ = "index record runs past the end of the file";
        } else {
          ++out_.damaged_records;
          StartDamage(offset, DamageReason::kTruncated,
                      "record runs past the end of the file: " +
                          std::to_string(offset + record.record_size - file_size_) +
                          " bytes missing out of " + std::to_string(record.record_size));
        }
        scanning = true;
        ++offset;
        continue;
      }
      if (!record.IsIndex() && !record.IsDescription() && !Verified(offset, record)) {
        ++out_.damaged_records;
        bool bad_payload = CheckPayload(offset, record) != Payload::kGood;
        StartDamage(offset,
                    bad_payload ? DamageReason::kBadPayload : DamageReason::kUnvouchedRecord,
                    "record of " + record.stream().NumericName() +
                        (bad_payload ? " has a bad payload"
                                     : " is not followed by a record chained to it"));
        scanning = true;
        ++offset;
        continue;
      }
    }
    if (record.IsIndex() || record.IsDescription()) {
      ++out_.internal_records;
    } else {
      Keep(offset, record);
    }
    offset += record.record_size;
    expected_previous = record.record_size;
    if (record.IsIndex() && record.format_version == kSplitIndexFormat) {
      // A split head merged with its body: the first user record was written after the empty
      // index record (spec 01 §3.4, §7.7).
      expected_previous = format::kRecordHeaderSize;
    }
    check_previous = true;
  }
  // An index cut by the end of the file loses nothing: the recovered file gets a new one.
  if (damage_begin_ && damage_begin_ != cut_index_) AddRegion(file_size_);
  damage_begin_.reset();
}

}  // namespace

ScanResult ScanRecords(const format::ChunkedFile& file, const format::FileHeader& header,
                       const ScanOptions& options) {
  ScanResult out;
  Scanner scanner(file, header, options, out);
  scanner.Run(options);
  return out;
}

}  // namespace vrsx::recovery
