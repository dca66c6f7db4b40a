// Where a Reader's bytes come from: a random-access, read-only byte source (in the spirit of
// LevelDB's Env and MCAP's IReadable). Local files (one or several chunks), memory and URLs are
// implementations; a user may plug their own into Reader::Open(std::shared_ptr<FileSource>).
//
//   std::shared_ptr<const vrsx::FileSource> source;
//   if (vrsx::Status s = vrsx::OpenFileSource("https://host/rec.vrs", source); !s.ok()) ...
//   vrsx::Reader reader;
//   reader.Open(source);
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vrsx/record.h"
#include "vrsx/status.h"

namespace vrsx {

class FileSource {
 public:
  virtual ~FileSource() = default;

  // What messages call the source (a path or a URL).
  virtual const std::string& name() const = 0;
  // Its size in bytes, fixed once opened.
  virtual uint64_t size() const = 0;
  // Copies up to out.size() bytes at `offset` into `out` and sets `got` to how many it copied:
  // fewer only at the end of the source. Called from several threads at once.
  virtual Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const = 0;
  // The pieces the source is made of, in order (a chunked recording has several).
  virtual std::vector<ChunkInfo> chunks() const { return {{name(), size()}}; }
};

// True for names that OpenFileSource opens as URLs: http://, https:// and s3://.
bool IsUrl(const std::string& name);

// Opens a local path (with its further chunks `path_1`, `path_2`... as Reader::Open finds them)
// or a URL (vrsx/url_source.h, with default options).
Status OpenFileSource(const std::string& path_or_url, std::shared_ptr<const FileSource>& out);
// Opens exactly these local chunks, in this order; every one must exist.
Status OpenLocalChunks(const std::vector<std::string>& chunk_paths,
                       std::shared_ptr<const FileSource>& out);
// `size` bytes at `data`, not copied: they must outlive every user of the source.
std::shared_ptr<const FileSource> MemoryFileSource(const void* data, size_t size, std::string name);

}  // namespace vrsx
