#include "tools/commands/zero_vrs.h"

#include <algorithm>

#include "vrsx/record_content.h"

namespace vrsx::cli {

struct ZeroVrsFilter::Impl {
  explicit Impl(const Reader& r) : reader(r), formats(r), decoder(formats) {}
  const Reader& reader;
  StreamFormats formats;
  RecordContentDecoder decoder;  // uses formats
  RecordContent content;
};

ZeroVrsFilter::ZeroVrsFilter(const Reader& reader) : impl_(std::make_unique<Impl>(reader)) {}
ZeroVrsFilter::~ZeroVrsFilter() = default;

void ZeroVrsFilter::Apply(size_t pos, const RecordDetails& details, std::vector<uint8_t>& payload) {
  const RecordInfo& info = impl_->reader.index()[pos];
  const auto* format = impl_->formats.Find(info.stream, info.type, details.format_version);
  if (format == nullptr || format->opaque()) return;
  impl_->decoder.Decode(impl_->reader, pos, details, payload, impl_->content);
  for (const DecodedBlock& block : impl_->content.blocks) {
    if (block.kind != BlockKind::kImage && block.kind != BlockKind::kAudio) continue;
    size_t begin = std::min(block.offset, payload.size());
    size_t end = std::min(begin + block.data.size(), payload.size());
    std::fill(payload.begin() + static_cast<std::ptrdiff_t>(begin),
              payload.begin() + static_cast<std::ptrdiff_t>(end), uint8_t{0});
  }
}

}  // namespace vrsx::cli
