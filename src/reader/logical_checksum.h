// The `checksum` family's hash of a file's logical content (spec 03 §5.3): independent of
// compression, chunking, index layout, record order on disk and stream instance numbers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "format/xxh64_hasher.h"
#include "vrsx/reader.h"

namespace vrsx::reading {

// Stream ids renumbered 1, 2... per type id among the selected streams, in StreamId order.
std::map<StreamId, StreamId> NormalizedStreamIds(const std::vector<StreamId>& streams);

// hex16(XXH64("<name>=<value>/" for each tag)).
std::string TagMapHash(const TagMap& tags);

class LogicalChecksum {
 public:
  LogicalChecksum(const Reader& reader, const std::vector<StreamId>& streams);

  // Records of a selected stream, in visiting order.
  void AddRecord(const RecordInfo& record, const RecordDetails& details,
                 const std::vector<uint8_t>& payload);

  struct StreamPart {
    StreamId stream;  // the actual id, not the normalised one
    std::string vrs_tags;
    std::string user_tags;
    std::string headers;
    std::string payloads;
  };
  std::string file_tags_hash() const;
  std::vector<StreamPart> StreamParts() const;
  std::string Final() const;
  // The hexdump command's final line: file tags and stream list only.
  std::string TagsAndStreamsOnly() const;

 private:
  struct StreamHashes {
    StreamId normalized;
    std::unique_ptr<format::Xxh64Hasher> headers = std::make_unique<format::Xxh64Hasher>();
    std::unique_ptr<format::Xxh64Hasher> payloads = std::make_unique<format::Xxh64Hasher>();
  };
  std::string StreamListHash() const;

  const Reader& reader_;
  std::vector<StreamId> streams_;
  std::map<StreamId, StreamHashes> hashes_;
};

}  // namespace vrsx::reading
