#include "open_recording.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>

#include "vrsx/url_source.h"

namespace vrsx::python {

namespace {

// Sources read one after the other as one: a recording whose chunks are given one by one (the
// library concatenates local chunks itself; URL chunks are each their own source).
class ConcatenatedSource : public FileSource {
 public:
  explicit ConcatenatedSource(std::vector<std::shared_ptr<const FileSource>> parts)
      : parts_(std::move(parts)) {
    for (const auto& part : parts_) {
      starts_.push_back(size_);
      size_ += part->size();
    }
  }
  const std::string& name() const override { return parts_.front()->name(); }
  uint64_t size() const override { return size_; }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override {
    got = 0;
    while (got < out.size() && offset < size_) {
      // The last part starting at or before `offset`.
      size_t i =
          size_t(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
      uint64_t in_part = offset - starts_[i];
      size_t want = size_t(std::min<uint64_t>(out.size() - got, parts_[i]->size() - in_part));
      size_t part_got = 0;
      Status status = parts_[i]->ReadAt(in_part, out.subspan(got, want), part_got);
      if (!status.ok()) return status;
      got += part_got;
      offset += part_got;
      if (part_got < want) break;  // the part is shorter than it said: stop, as at an end
    }
    return Status::Ok();
  }
  std::vector<ChunkInfo> chunks() const override {
    std::vector<ChunkInfo> all;
    for (const auto& part : parts_) {
      for (ChunkInfo& chunk : part->chunks()) all.push_back(std::move(chunk));
    }
    return all;
  }

 private:
  std::vector<std::shared_ptr<const FileSource>> parts_;
  std::vector<uint64_t> starts_;
  uint64_t size_ = 0;
};

}  // namespace

Status OpenRecordingSource(const std::vector<std::string>& chunks,
                           std::shared_ptr<const FileSource>& out) {
  if (chunks.empty()) return {ErrorCode::kInvalidArgument, "no chunk given"};
  if (chunks.size() == 1) return OpenFileSource(chunks[0], out);
  if (std::none_of(chunks.begin(), chunks.end(), IsUrl)) return OpenLocalChunks(chunks, out);
  std::vector<std::shared_ptr<const FileSource>> parts;
  UrlOptions options;
  options.find_chunks = false;  // the list names every chunk
  for (const std::string& chunk : chunks) {
    std::shared_ptr<const FileSource> part;
    Status status = IsUrl(chunk) ? OpenUrl(chunk, options, part) : OpenLocalChunks({chunk}, part);
    if (!status.ok()) return status;
    parts.push_back(std::move(part));
  }
  out = std::make_shared<ConcatenatedSource>(std::move(parts));
  return Status::Ok();
}

Status OpenRecording(const std::vector<std::string>& chunks, Reader& reader) {
  if (chunks.size() == 1) return reader.Open(chunks[0]);  // a path or URL, chunks found beside it
  if (std::none_of(chunks.begin(), chunks.end(), IsUrl)) return reader.OpenChunks(chunks);
  std::shared_ptr<const FileSource> source;
  Status status = OpenRecordingSource(chunks, source);
  return status.ok() ? reader.Open(std::move(source)) : status;
}

}  // namespace vrsx::python
