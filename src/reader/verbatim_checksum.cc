// vrsx::VerbatimChecksum: XXH64 of every byte of the file's chunks, in order.
#include "format/block_reader.h"
#include "format/chunked_file.h"
#include "format/xxh64_hasher.h"
#include "vrsx/checksum.h"

namespace vrsx {

Status VerbatimChecksum(const std::string& path, std::string& out) {
  format::ChunkedFile file;
  if (Status status = file.OpenPath(path); !status.ok()) {
    out = "<file open error>";
    return status;
  }
  format::Xxh64Hasher hasher;
  format::BlockReader reader(file);
  const uint8_t* data = nullptr;
  size_t size = 0;
  while (reader.Next(data, size)) hasher.Add(data, size);
  if (!reader.status().ok()) {
    out = "<read error>";
    return reader.status();
  }
  out = hasher.Hex();
  return Status::Ok();
}

}  // namespace vrsx
