#include "format/tags_record.h"

#include "format/little_endian.h"

namespace vrsx::format {

namespace {

constexpr size_t kFixedSize = 16;  // two var-size index entries: vrs_tags, user_tags

// StringMap<string> piece data: entries run to the end, each u32 length-prefixed key and value.
bool DecodeStringMapPiece(const uint8_t* data, size_t size, TagMap& out) {
  ByteReader reader(data, size);
  while (reader.remaining() > 0) {
    std::string key = reader.String();
    std::string value = reader.String();
    if (reader.failed()) return false;
    out.insert_or_assign(std::move(key), std::move(value));
  }
  return true;
}

void EncodeStringMapPiece(ByteWriter& writer, const TagMap& map) {
  for (const auto& [key, value] : map) {
    writer.String(key);
    writer.String(value);
  }
}

}  // namespace

Status DecodeTagsRecord(const uint8_t* payload, size_t size, StreamTags& out) {
  if (size < kFixedSize) return {ErrorCode::kCorrupt, "tags record shorter than its layout"};
  const uint8_t* var_data = payload + kFixedSize;
  size_t var_size = size - kFixedSize;
  TagMap* maps[2] = {&out.vrs, &out.user};
  for (int i = 0; i < 2; ++i) {
    uint64_t offset = LoadU32(payload + 8 * i);
    uint64_t length = LoadU32(payload + 8 * i + 4);
    if (offset + length > var_size ||
        !DecodeStringMapPiece(var_data + offset, size_t(length), *maps[i])) {
      return {ErrorCode::kCorrupt, "tags record piece runs past the record"};
    }
  }
  return Status::Ok();
}

std::vector<uint8_t> EncodeTagsRecord(const StreamTags& tags) {
  std::vector<uint8_t> vrs_piece;
  std::vector<uint8_t> user_piece;
  ByteWriter vrs_writer(vrs_piece);
  EncodeStringMapPiece(vrs_writer, tags.vrs);
  ByteWriter user_writer(user_piece);
  EncodeStringMapPiece(user_writer, tags.user);

  std::vector<uint8_t> bytes;
  ByteWriter writer(bytes);
  writer.U32(0);
  writer.U32(uint32_t(vrs_piece.size()));
  writer.U32(uint32_t(vrs_piece.size()));
  writer.U32(uint32_t(user_piece.size()));
  auto as_text = [](const std::vector<uint8_t>& piece) {
    return std::string_view(reinterpret_cast<const char*>(piece.data()), piece.size());
  };
  writer.Bytes(as_text(vrs_piece));
  writer.Bytes(as_text(user_piece));
  return bytes;
}

}  // namespace vrsx::format
