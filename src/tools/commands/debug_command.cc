// `debug <file>` (spec 03 §9.2): the raw structures of a file, read without vrsx::Reader, for
// maintainers. Damaged files are described as far as they can be read; a structure that can't be
// read makes the exit status 1.
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/file_header.h"
#include "format/little_endian.h"
#include "format/record_header.h"
#include "index/index_record.h"
#include "tools/commands/commands.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/json_out.h"

namespace vrsx::cli {

namespace {

using format::ChunkedFile;
using format::FileHeader;
using format::RecordHeader;

constexpr uint32_t kZstdMagic = 0xFD2FB528;

std::string Percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string Hex(uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
  return text;
}

// The header line's name of the file: its path, or for several chunks the JSON file spec.
std::string FileSpec(const std::string& path, const std::vector<std::string>& chunks) {
  if (chunks.size() <= 1) return path;
  std::string spec = "{\"chunks\":[";
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i > 0) spec += ',';
    spec += JsonString(chunks[i]);
  }
  return spec + "],\"storage\":\"diskfile\"}";
}

// "Sat Nov  6 02:32:30 2021 UTC": local time of a creation id (nanoseconds since the epoch).
std::string CreationDate(uint64_t creation_id) {
  std::time_t seconds = std::time_t(creation_id / 1'000'000'000);
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) return "<invalid date>";
  char text[128];
  size_t length = std::strftime(text, sizeof text, "%c %Z", &local);
  return std::string(text, length);
}

// Size of the zstd frame that starts `data`, found by walking its block headers; nullopt when
// the bytes are not one whole frame.
std::optional<size_t> ZstdFrameSize(const uint8_t* data, size_t size) {
  if (size < 5 || format::LoadU32(data) != kZstdMagic) return std::nullopt;
  uint8_t descriptor = data[4];
  if (descriptor & 0x08) return std::nullopt;  // reserved bit
  unsigned fcs_flag = descriptor >> 6;
  bool single_segment = (descriptor & 0x20) != 0;
  bool checksum = (descriptor & 0x04) != 0;
  static constexpr size_t kDictIdSizes[4] = {0, 1, 2, 4};
  static constexpr size_t kContentSizeSizes[4] = {0, 2, 4, 8};
  size_t pos = 5 + (single_segment ? 0 : 1) + kDictIdSizes[descriptor & 3] +
               (fcs_flag == 0 && single_segment ? 1 : kContentSizeSizes[fcs_flag]);
  for (;;) {
    if (pos > size || size - pos < 3) return std::nullopt;
    uint32_t block =
        uint32_t(data[pos]) | uint32_t(data[pos + 1]) << 8 | uint32_t(data[pos + 2]) << 16;
    pos += 3;
    unsigned type = (block >> 1) & 3;
    if (type == 3) return std::nullopt;  // reserved block type
    size_t content = type == 1 ? 1 : size_t(block >> 3);
    if (content > size - pos) return std::nullopt;
    pos += content;
    if (block & 1) break;  // last block
  }
  if (checksum) {
    if (size - pos < 4) return std::nullopt;
    pos += 4;
  }
  return pos;
}

class Debugger {
 public:
  Debugger(const ChunkedFile& file, Console console) : file_(file), console_(console) {}

  int Run() {
    if (!ReadFileHeader()) return 1;
    if (!ReadDescriptionRecord()) return 1;
    ReadIndexRecord();
    ReportFirstUserRecord();
    return failed_ ? 1 : 0;
  }

 private:
  void Problem(const std::string& message) {
    console_.out.flush();
    console_.err << message << '\n';
    failed_ = true;
  }

  // Reads a record header at a logical offset, if the file holds one there.
  std::optional<RecordHeader> ReadRecordHeader(int64_t offset) const {
    if (offset < 0 || uint64_t(offset) >= file_.size()) return std::nullopt;
    uint8_t bytes[format::kRecordHeaderSize];
    if (!file_.ReadExactly(uint64_t(offset), bytes, sizeof bytes).ok()) return std::nullopt;
    return RecordHeader::Decode(bytes);
  }

  bool ReadFileHeader() {
    std::ostream& out = console_.out;
    uint8_t bytes[format::kFileHeaderSize];
    if (file_.size() < sizeof bytes || !file_.ReadExactly(0, bytes, sizeof bytes).ok()) {
      Problem("File header integrity: FAILED. File too small. This is not a VRS file.");
      return false;
    }
    header_ = FileHeader::Decode(bytes);
    if (!header_.HasValidMagic() || !header_.HasValidSizes()) {
      Problem("File header integrity: FAILED. This is not a VRS file.");
      return false;
    }
    out << "File header integrity: OK.\n";
    out << "File format version: '" << std::string(reinterpret_cast<const char*>(bytes + 76), 4)
        << "', " << (header_.HasSupportedVersion() ? "supported." : "NOT SUPPORTED.") << '\n';
    if (!header_.HasSupportedVersion()) {
      Problem("This file was made by a newer version of VRS, or it is damaged.");
      return false;
    }
    out << "Creation ID: " << Hex(header_.creation_id) << ".\n";
    out << "Creation date: " << CreationDate(header_.creation_id) << ".\n";
    out << "File header size: " << header_.file_header_size << " bytes, "
        << ExpectedSize(header_.file_header_size, format::kFileHeaderSize) << '\n';
    out << "Record header size: " << header_.record_header_size << " bytes, "
        << ExpectedSize(header_.record_header_size, format::kRecordHeaderSize) << '\n';
    return true;
  }

  static std::string ExpectedSize(uint32_t size, uint32_t expected) {
    if (size == expected) return "as expected.";
    return "compared to " + std::to_string(expected) + " bytes expected.";
  }

  bool ReadDescriptionRecord() {
    std::ostream& out = console_.out;
    int64_t offset = header_.description_record_offset;
    out << "Description record offset: " << offset << ", "
        << (offset == int64_t(header_.file_header_size)
                ? "right after the file header, as expected."
                : "NOT RIGHT AFTER THE FILE HEADER.")
        << '\n';
    std::optional<RecordHeader> description = ReadRecordHeader(offset);
    if (!description || !description->IsDescription()) {
      Problem("Can't read the description record at offset " + std::to_string(offset) + ".");
      return false;
    }
    out << "Description record size: " << HumanReadableSize(description->record_size) << ".\n";
    description_end_ = offset + int64_t(description->record_size);
    return true;
  }

  void ReadIndexRecord() {
    std::ostream& out = console_.out;
    int64_t offset = header_.index_record_offset;
    out << "Index record offset: " << offset << ", ";
    if (offset == 0) {
      out << "anticipated at " << description_end_ << ", after the description record.\n";
      // A preallocated index right after the description record: the file wasn't closed.
      std::optional<RecordHeader> index = ReadRecordHeader(description_end_);
      if (index && index->IsIndex()) ReportIndexRecord(description_end_, *index);
      return;
    }
    if (offset == description_end_) {
      out << "right after the description record (Ready for streaming).\n";
    } else {
      out << "NOT after the description record. Not great for streaming.\n";
    }
    std::optional<RecordHeader> index = ReadRecordHeader(offset);
    if (!index || !index->IsIndex()) {
      Problem("Can't read the index record at offset " + std::to_string(offset) + ".");
      return;
    }
    ReportIndexRecord(offset, *index);
  }

  void ReportIndexRecord(int64_t offset, const RecordHeader& index) {
    std::ostream& out = console_.out;
    index_offset_ = offset;
    index_size_ = index.record_size;
    split_ = index.format_version == index::kSplitIndexFormat;
    out << "Index Record size: " << HumanReadableSize(index.record_size) << ".\n";
    if (index.record_size <= header_.record_header_size) {
      out << "This index record looks empty\n";
    } else if (index.uncompressed_size > 0) {
      const char* codec = index.compression == format::kCompressionZstd  ? "zstd"
                          : index.compression == format::kCompressionLz4 ? "lz4"
                                                                         : "an unknown method";
      out << "Index Record uncompressed size: " << HumanReadableSize(index.uncompressed_size)
          << ", compressed with " << codec << ".\n";
    }
    if (index.format_version != index::kClassicIndexFormat && !split_) {
      Problem("Index record format version " + std::to_string(index.format_version) +
              " is not supported.");
      return;
    }
    // The payload, as far as the file holds it.
    uint64_t payload_offset = uint64_t(offset) + header_.record_header_size;
    uint64_t payload_size = index.record_size > header_.record_header_size
                                ? index.record_size - header_.record_header_size
                                : 0;
    if (payload_offset + payload_size > file_.size()) {
      Problem("The index record goes past the end of the file.");
      payload_size = payload_offset < file_.size() ? file_.size() - payload_offset : 0;
    }
    std::vector<uint8_t> payload(payload_size);
    if (payload_size > 0 && !file_.ReadExactly(payload_offset, payload.data(), payload_size).ok()) {
      Problem("Can't read the index record's payload.");
      return;
    }
    uint64_t count = 0;
    uint64_t bytes_read = 0;
    if (split_) {
      count = (index.uncompressed_size > 0 ? index.uncompressed_size : payload_size) /
              index::kDiskRecordInfoSize;
      bytes_read = payload_size;
    } else if (!ClassicIndexCounts(index, payload, count, bytes_read)) {
      return;
    }
    out << "Index Record contains " << count << " records, "
        << HumanReadableSize(int64_t(count * index::kDiskRecordInfoSize)) << " worth of data, "
        << HumanReadableSize(int64_t(bytes_read)) << " compressed";
    if (index.uncompressed_size > 0 && bytes_read < index.uncompressed_size) {
      out << ", " << Percent(100.0 - 100.0 * double(bytes_read) / index.uncompressed_size)
          << "% saved";
    }
    if (index.record_size > 0) {
      out << ", record " << Percent(100.0 * double(bytes_read) / index.record_size) << "% used";
    }
    out << ".\n";
    out << "Index Record format version: " << (split_ ? "Split File Head." : "Classic.") << '\n';
  }

  // Classic index: record count from the prelude, and how many payload bytes the index uses.
  bool ClassicIndexCounts(const RecordHeader& index, const std::vector<uint8_t>& payload,
                          uint64_t& count, uint64_t& bytes_read) {
    if (payload.size() < 4) {
      Problem("The index record is too short to hold its stream count.");
      return false;
    }
    uint64_t streams = format::LoadU32(payload.data());
    uint64_t prelude = 4 + streams * 6 + 4;
    if (prelude > payload.size()) {
      Problem("The index record is too short to hold its stream list and record count.");
      return false;
    }
    count = format::LoadU32(payload.data() + prelude - 4);
    size_t rest = payload.size() - size_t(prelude);
    if (index.uncompressed_size > 0) {
      std::optional<size_t> frame = ZstdFrameSize(payload.data() + prelude, rest);
      if (!frame) {
        Problem("The index record's compressed entries are not a valid zstd frame.");
        frame = rest;
      }
      bytes_read = prelude + *frame;
    } else {
      uint64_t entries = count * index::kDiskRecordInfoSize;
      if (entries > rest) {
        Problem("The index record is too short to hold its " + std::to_string(count) + " entries.");
        entries = rest;
      }
      bytes_read = prelude + entries;
    }
    return true;
  }

  void ReportFirstUserRecord() {
    std::ostream& out = console_.out;
    int64_t first = header_.first_user_record_offset;
    out << "First user record offset: " << first << ", ";
    if (first != 0) {
      out << "value set, when doing streaming optimizations.\n";
    } else {
      out << "value not set, which is expected with legacy files, pre-streaming optimizations.\n";
      if (split_ && file_.chunks().size() > 1) {
        first = int64_t(file_.chunk_start(1));
        out << "First user record at " << first << ", at the start of the second chunk.\n";
      } else if (index_offset_ != 0 && index_offset_ == description_end_) {
        first = description_end_ + int64_t(index_size_);
        out << "First user record at " << first << ", after the index record.\n";
      } else {
        first = description_end_;
        out << "First user record at " << first << ", after the description record.\n";
      }
    }
    if (split_)
      out << "End of split index record: " << index_offset_ + int64_t(index_size_) << ".\n";
    if (first >= 0 && uint64_t(first) == file_.size()) return;  // no user record
    std::optional<RecordHeader> record = ReadRecordHeader(first);
    if (!record) {
      Problem("Can't read the first user record at offset " + std::to_string(first) + ".");
      return;
    }
    out << "Size of record before first user record: " << record->previous_record_size
        << " bytes.\n";
  }

  const ChunkedFile& file_;
  Console console_;
  FileHeader header_;
  int64_t description_end_ = 0;
  int64_t index_offset_ = 0;
  uint32_t index_size_ = 0;
  bool split_ = false;
  bool failed_ = false;
};

}  // namespace

int RunDebug(const CliOptions& options, Console console) {
  const std::string& path = options.files.front();
  ChunkedFile file;
  Status status = file.OpenPath(path);
  std::vector<std::string> chunks;
  for (const ChunkInfo& chunk : file.chunks()) chunks.push_back(chunk.path);
  if (!status.ok() && !IsUrl(path)) chunks = format::DiscoverChunks(path);
  console.out << "VRS file internals of '" << FileSpec(path, chunks) << "'\n";
  if (!status.ok()) {
    console.out.flush();
    console.err << "Can't open the file: " << status.message() << '\n';
    return 1;
  }
  console.out << "FileHandler: diskfile\n";
  return Debugger(file, console).Run();
}

}  // namespace vrsx::cli
