// Commands on the raw bytes of files, not opened as VRS: checksum-verbatim (spec 03 §5.6) and
// compare-verbatim (§6.2).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "format/xxh64_hasher.h"
#include "tools/commands/byte_diff.h"
#include "tools/commands/commands.h"

namespace vrsx::cli {

namespace {

// Read and compared in blocks of this size.
constexpr size_t kBlockSize = 4 * 1024 * 1024;

// Reads block after block of a file; Next() returns false at the end or on error.
class BlockReader {
 public:
  explicit BlockReader(const format::ChunkedFile& file) : file_(file), buffer_(kBlockSize) {}

  // Reads the next block (short at the end). False when there is nothing left or on error.
  bool Next(const uint8_t*& data, size_t& size) {
    if (offset_ >= file_.size()) return false;
    size_t want = size_t(std::min<uint64_t>(kBlockSize, file_.size() - offset_));
    size_t got = 0;
    status_ = file_.ReadAt(offset_, buffer_.data(), want, &got);
    if (status_.ok() && got != want) {
      status_ = {ErrorCode::kTruncated, "unexpected end of file at offset " +
                                            std::to_string(offset_ + got) + " of " +
                                            file_.chunks().front().path};
    }
    if (!status_.ok()) return false;
    offset_ += got;
    data = buffer_.data();
    size = got;
    return true;
  }
  const Status& status() const { return status_; }

 private:
  const format::ChunkedFile& file_;
  std::vector<uint8_t> buffer_;
  uint64_t offset_ = 0;
  Status status_;
};

// Compares two opened files of the same size, block by block. Prints the first differing block.
// False when they differ or when a read failed.
bool SameBytes(const format::ChunkedFile& first, const format::ChunkedFile& other,
               Console console) {
  BlockReader first_reader(first);
  BlockReader other_reader(other);
  const uint8_t* a = nullptr;
  const uint8_t* b = nullptr;
  size_t a_size = 0;
  size_t b_size = 0;
  for (size_t block = 1;; ++block) {
    bool more_a = first_reader.Next(a, a_size);
    if (!first_reader.status().ok()) {
      console.err << "Read file error: " << first_reader.status().message() << ".\n";
      return false;
    }
    bool more_b = other_reader.Next(b, b_size);
    if (!other_reader.status().ok()) {
      console.err << "Read file error: " << other_reader.status().message() << ".\n";
      return false;
    }
    if (!more_a || !more_b) return more_a == more_b;
    if (a_size != b_size) return false;  // the files changed size under us
    if (std::memcmp(a, b, a_size) != 0) {
      console.out << "Chunk #" << block << " is different.\n";
      PrintByteDifferences(a, b, a_size, {.line_length = 16, .ascii = true}, console.out);
      return false;
    }
  }
}

bool CompareVerbatim(const std::string& first_path, const std::string& other_path,
                     Console console) {
  format::ChunkedFile first;
  if (Status status = first.Open(format::DiscoverChunks(first_path)); !status.ok()) {
    console.err << "Can't open source file to compare: " << status.message() << ".\n";
    return false;
  }
  format::ChunkedFile other;
  if (Status status = other.Open(format::DiscoverChunks(other_path)); !status.ok()) {
    console.err << "Can't open second file to compare: " << status.message() << ".\n";
    return false;
  }
  if (first.size() != other.size()) {
    console.out << "The files have different sizes: " << first.size() << " vs. " << other.size()
                << " bytes.\n";
    return false;
  }
  return SameBytes(first, other, console);
}

}  // namespace

int RunChecksumVerbatim(const CliOptions& options, Console console) {
  format::ChunkedFile file;
  if (!file.Open(format::DiscoverChunks(options.files.front())).ok()) {
    console.out << "<file open error>\n";
    return 0;
  }
  format::Xxh64Hasher hasher;
  BlockReader reader(file);
  const uint8_t* data = nullptr;
  size_t size = 0;
  while (reader.Next(data, size)) hasher.Add(data, size);
  if (!reader.status().ok()) {
    console.err << "Read file error: " << reader.status().message() << ".\n";
    console.out << "<read error>\n";
    return 0;
  }
  console.out << hasher.Hex() << '\n';
  return 0;
}

int RunCompareVerbatim(const CliOptions& options, Console console) {
  const std::string& first = options.files.front();
  for (size_t i = 1; i < options.files.size(); ++i) {
    bool same = CompareVerbatim(first, options.files[i], console);
    console.out << (same ? "Files are identical.\n" : "Files differ.\n");
  }
  return 0;
}

}  // namespace vrsx::cli
