// Fuzz target: DataLayout blocks read against a definition (spec 02 §4). The input is a `DL:`
// definition (JSON text), a zero byte, then the block's bytes; the seeds pair the definitions of
// the golden files with real blocks of their records. Every value is read and printed the way
// print, print-details and print-json do, directly and through a mapping.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "discard_stream.h"
#include "tools/rendering/layout_printer.h"
#include "vrsx/data_layout.h"
#include "vrsx/record_content.h"

namespace {

void PrintEveryWay(const vrsx::DataLayoutBlock& block) {
  using vrsx::cli::LayoutJsonProfile;
  vrsx::fuzz::DiscardStream out;
  vrsx::cli::PrintLayoutCompact(block, out);
  vrsx::cli::PrintLayoutCompact(block, out, /*width=*/20);
  vrsx::cli::PropertyTextState properties;
  vrsx::cli::PrintLayoutDetailed(block, out, vrsx::cli::kDefaultPrintWidth, &properties);
  vrsx::cli::LayoutJson(block, LayoutJsonProfile::kPrint);
  vrsx::cli::LayoutJson(block, LayoutJsonProfile::kPublic, /*pretty=*/true);
}

// What the record decoder reads from a configuration block to complete image and audio specs.
void ReadConventions(const vrsx::DataLayoutBlock& block, const vrsx::DataLayoutDefinition& layout) {
  vrsx::ConventionFields fields = vrsx::ConventionFields::Locate(layout);
  for (vrsx::ImageFormat format :
       {vrsx::ImageFormat::kRaw, vrsx::ImageFormat::kVideo, vrsx::ImageFormat::kCustomCodec}) {
    vrsx::ImageSpec base;
    base.format = format;
    if (std::optional<vrsx::ImageSpec> spec = vrsx::ImageSpecFromDataLayout(block, fields, base)) {
      vrsx::ApplyKeyFrameFields(block, fields, *spec);
      spec->RawImageSize();
    }
  }
  if (std::optional<vrsx::AudioSpec> spec = vrsx::AudioSpecFromDataLayout(block, fields, 1)) {
    spec->BlockSize();
  }
  vrsx::NextContentBlockSize(block, fields);
  vrsx::NextAudioSampleCount(block, fields);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const void* separator = std::memchr(data, 0, size);
  if (separator == nullptr) return 0;
  size_t definition_size = size_t(static_cast<const uint8_t*>(separator) - data);
  std::string_view definition(reinterpret_cast<const char*>(data), definition_size);
  vrsx::DataLayoutDefinition layout;
  if (!vrsx::DataLayoutDefinition::Parse(definition, layout).ok()) return 0;
  const uint8_t* bytes = data + definition_size + 1;
  size_t available = size - definition_size - 1;

  vrsx::DataLayoutBlock block(layout);
  size_t block_size = 0;
  if (block.Bind(bytes, available, &block_size).ok() && block_size > available) std::abort();
  for (size_t i = 0; i < block.size(); ++i) {
    block.available(i);
    block.data(i);
  }
  PrintEveryWay(block);
  ReadConventions(block, layout);

  // The same bytes read through a mapping onto a layout holding only the fixed pieces, as a
  // program with an older idea of the layout would.
  vrsx::DataLayoutDefinition fixed_only;
  for (const vrsx::PieceDefinition& piece : layout.pieces()) {
    if (piece.is_fixed()) fixed_only.Add(piece);
  }
  vrsx::LayoutMapping mapping(fixed_only, layout);
  vrsx::DataLayoutBlock mapped(mapping);
  mapped.Bind(bytes, available);
  PrintEveryWay(mapped);
  return 0;
}
