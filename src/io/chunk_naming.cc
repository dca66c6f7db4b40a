#include "io/chunk_naming.h"

#include <sys/stat.h>

#include <cctype>
#include <filesystem>

namespace vrsx::io {

namespace {

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

bool HasFurtherChunks(const std::string& path) {
  if (path.ends_with("_0")) return true;
  if (path.size() < 4) return false;
  std::string tail = path.substr(path.size() - 4);
  for (char& c : tail) c = char(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".vrs";
}

std::string NthChunkName(const std::string& first, int i) {
  std::string root = first + "_";
  if (first.size() >= 2 && first.ends_with("_0")) root = first.substr(0, first.size() - 1);
  return root + std::to_string(i);
}

std::vector<std::string> DiscoverLocalChunks(const std::string& first_chunk_path) {
  std::string first = first_chunk_path;
  std::error_code ec;
  if (std::filesystem::is_symlink(first, ec)) {
    std::filesystem::path target = std::filesystem::read_symlink(first, ec);
    if (!ec) {
      if (target.is_relative()) target = std::filesystem::path(first).parent_path() / target;
      first = target.string();
    }
  }
  std::vector<std::string> chunks{first};
  if (!HasFurtherChunks(first)) return chunks;
  for (int i = 1;; ++i) {
    std::string next = NthChunkName(first, i);
    if (!IsRegularFile(next)) break;
    chunks.push_back(next);
  }
  return chunks;
}

}  // namespace vrsx::io
