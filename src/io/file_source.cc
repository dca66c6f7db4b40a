// The factories of vrsx/file_source.h.
#include "vrsx/file_source.h"

#include "io/chunk_naming.h"
#include "io/local_chunks_source.h"
#include "io/memory_source.h"
#include "vrsx/url_source.h"

namespace vrsx {

bool IsUrl(const std::string& name) {
  return name.starts_with("http://") || name.starts_with("https://") || name.starts_with("s3://");
}

Status OpenFileSource(const std::string& path_or_url, std::shared_ptr<const FileSource>& out) {
  if (IsUrl(path_or_url)) return OpenUrl(path_or_url, UrlOptions(), out);
  return OpenLocalChunks(io::DiscoverLocalChunks(path_or_url), out);
}

Status OpenLocalChunks(const std::vector<std::string>& chunk_paths,
                       std::shared_ptr<const FileSource>& out) {
  return io::LocalChunksSource::Open(chunk_paths, out);
}

std::shared_ptr<const FileSource> MemoryFileSource(const void* data, size_t size,
                                                   std::string name) {
  // An empty buffer may come with a null pointer.
  static const uint8_t kNoBytes = 0;
  const auto* bytes = data != nullptr ? static_cast<const uint8_t*>(data) : &kNoBytes;
  return std::make_shared<io::MemorySource>(bytes, data != nullptr ? size : 0, std::move(name));
}

}  // namespace vrsx
