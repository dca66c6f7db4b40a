// Fuzz target: RecordFormat strings (the value of `RF:` tags, spec 02 §2) and the names around
// them. Parsing never fails; the canonical text must parse back to itself, unless escaping made
// a codec token too long to be read back (spec 02 §2.2: only tokens under 200 chars are taken).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vrsx/record_format.h"

namespace {

// A broken invariant is a bug to report like a crash.
void Require(bool condition) {
  if (!condition) std::abort();
}

void ExerciseBlock(const vrsx::ContentBlock& block) {
  block.Text();
  block.StaticSize();
  block.image.RawImageSize();
  for (uint32_t plane = 0; plane < block.image.PlaneCount() + 1; ++plane) {
    block.image.PlaneStride(plane);
    block.image.PlaneHeight(plane);
  }
  block.audio.FrameStride();
  block.audio.BlockSize();
}

// Whether every `codec=` token of a canonical text is short enough to be read back.
bool CodecTokensFit(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("/+", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(start, end - start);
    if (token.starts_with("codec=") && token.size() >= 200) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  vrsx::RecordFormat format = vrsx::RecordFormat::Parse(text);
  std::string canonical = format.Text();
  if (CodecTokensFit(canonical)) Require(vrsx::RecordFormat::Parse(canonical).Text() == canonical);
  // Sizes against a few payload sizes, small and huge.
  for (size_t remaining : {size_t(0), size, size_t(1) << 20, ~size_t(0)}) {
    for (size_t i = 0; i <= format.blocks().size(); ++i) format.BlockSize(i, remaining);
  }
  format.UsedBlocks();
  for (const vrsx::ContentBlock& block : format.blocks()) ExerciseBlock(block);
  // The other parsers of the same family, on the same text.
  ExerciseBlock(vrsx::ContentBlock::Parse(text));
  vrsx::ImageSpec::Parse(text).Text();
  vrsx::AudioSpec::Parse(text).Text();
  vrsx::ParseRecordFormatTagName(text);
  Require(vrsx::UnescapeCodecName(vrsx::EscapeCodecName(text)) == text);
  vrsx::UnescapeCodecName(text);
  vrsx::SanitizeCustomFormatName(text);
  return 0;
}
