// Commands on the raw bytes of files, not opened as VRS: checksum-verbatim (spec 03 §5.6) and
// compare-verbatim (§6.2).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "format/block_reader.h"
#include "format/chunked_file.h"
#include "tools/commands/byte_diff.h"
#include "tools/commands/commands.h"
#include "vrsx/checksum.h"

namespace vrsx::cli {

namespace {

using format::BlockReader;

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
  if (Status status = first.OpenPath(first_path); !status.ok()) {
    console.err << "Can't open source file to compare: " << status.message() << ".\n";
    return false;
  }
  format::ChunkedFile other;
  if (Status status = other.OpenPath(other_path); !status.ok()) {
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
  std::string checksum;
  Status status = VerbatimChecksum(options.files.front(), checksum);
  if (!status.ok() && checksum == "<read error>") {
    console.err << "Read file error: " << status.message() << ".\n";
  }
  console.out << checksum << '\n';
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
